#pragma once
// The course notes' three Q/K/V rules (004) side by side on the same Q and V, with the notes' shapes: Q [1,32],
// V [32,64] (32 positions), outputs [1,32]. Each rule follows the notes' three implementation steps:
//   1. attention by the rule; 2. for a concatenation rule, [Q; result] (the dot-product rule skips it);
//   3. an output layer to the chosen size.
// Rule 1 (MyAtt) reads Q and one K, the decoder's state [1,32], and gives one weight per position of a fixed
// number (32). Rules 2 and 3 compare Q with one key per position, K [n,32], and take any number of positions.

#include "core/myattention.h"
#include "core/scoring.h"

#include <Eigen/Dense>

#include <string>

namespace attn {

struct CourseRulesExample
{
    static constexpr int kQuery = 32, kValue = 64, kPositions = 32, kOutput = 32;
    static constexpr int kMaxRows = 40; // the lab lets V grow past the 32 positions to show rule 1's limit

    Eigen::VectorXd query;  // (32)          Q
    Eigen::VectorXd state;  // (32)          rule 1's K: the decoder's hidden state
    Eigen::MatrixXd keys;   // (kMaxRows, 32) rules 2 and 3: one key per position
    Eigen::MatrixXd values; // (kMaxRows, 64) V
    MyAttParams myatt;      // attn Linear(64 -> 32), attn_combine Linear(96 -> 32)
    Eigen::MatrixXd tanhW;  // (32, 64)      rule 2: Linear(64 -> 32) over [Q; k_i]
    Eigen::VectorXd tanhB;  // (32)
    Eigen::MatrixXd combine2; // (32, 96)    rule 2, step 3: Linear(96 -> 32) over [Q; applied]
    Eigen::MatrixXd output3;  // (32, 64)    rule 3, step 3: Linear(64 -> 32) over applied (no concatenation)
};

// Fixed numbers drawn with a fixed seed, so a class sees the same example every time.
CourseRulesExample courseRulesExample();

struct CourseRuleResult
{
    Eigen::VectorXd scores;  // (n) before the softmax (rule 1: attn's logits for the first n positions)
    Eigen::VectorXd weights; // (n)
    Eigen::VectorXd applied; // (64)
    Eigen::VectorXd concat;  // (96) [Q; applied]; empty for rule 3
    Eigen::VectorXd output;  // (32)
    std::string error;       // non-empty when the rule refuses the input (rule 1: V longer than its positions)
};

struct CourseRulesResult
{
    int rows = 0;
    int maskedPositions = 0; // rule 1: positions past V's end
    CourseRuleResult rule1, rule2, rule3;
};

// The three rules on the first `rows` rows of keys and values (1..kMaxRows). Rule 1 refuses more rows than its 32
// positions (its error names the limit); rules 2 and 3 still run. Throws std::invalid_argument for rows out of range.
CourseRulesResult courseRules(const CourseRulesExample& example, int rows);

} // namespace attn
