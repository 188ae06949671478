#pragma once

#include <Eigen/Dense>

#include <optional>
#include <string>
#include <vector>

namespace attn {

// The eight ways of scoring a query against keys (DESIGN.md section 2). The course notes' rule 1 (module MyAtt) is
// not a per-key score: it lives in core/myattention.h.
enum class ScoreFunction
{
    Dot,          // q . k
    ScaledDot,    // q . k / sqrt(d)
    Cosine,       // q . k / (|q| |k|); 0 when either vector has zero length
    General,      // q^T W k (Luong)
    ConcatLinear, // w^T [q; k] + b: the query's part is the same for every key, so the softmax cancels it
    ConcatTanh,   // sum_j tanh(W [q; k] + b)_j: the course notes' rule 2 (additive with v = ones)
    Additive,     // v^T tanh(W q + U k) (Bahdanau; Luong's "concat" v^T tanh(W [q; k]) is the same function)
    Location,     // (W_a q)_i: depends on the query and the key's position only (Luong)
};

const std::vector<ScoreFunction>& allScoreFunctions();
std::string scoreFunctionName(ScoreFunction fn);         // "scaled_dot", ...
std::optional<ScoreFunction> scoreFunctionFromName(const std::string& name);
// For names that were renamed ("concat" is now "concat_linear"): a one-line hint for the error message, or "".
std::string renamedScoreFunctionHint(const std::string& name);
std::string scoreFunctionFormula(ScoreFunction fn);      // plain-text formula for labels

// Learned parameters of the parametric scores. Shapes for query size dq, key size dk, hidden size h:
//   general:  W (dq, dk)
//   concat_linear: w (dq + dk), bias b
//   concat_tanh:   W (h, dq + dk), bias (h)
//   additive: W (h, dq), U (h, dk), v (h)
//   location: Wloc (maxKeys, dq): row i scores position i; locationBias (maxKeys) or empty for none
struct ScoreParams
{
    Eigen::MatrixXd general;
    Eigen::VectorXd concatW;
    double concatBias = 0.0;
    Eigen::MatrixXd additiveW;
    Eigen::MatrixXd additiveU;
    Eigen::VectorXd additiveV;
    Eigen::MatrixXd location;
    Eigen::VectorXd locationBias; // a trained W_a (a linear layer) has one; random() leaves it empty
    Eigen::MatrixXd concatTanhW;    // drawn after the others, so older seeds keep their numbers
    Eigen::VectorXd concatTanhBias; // random() leaves it zero

    // Seeded draws from N(0, 1/sqrt(fan_in)) with the given sizes; the same seed gives the same numbers everywhere.
    static ScoreParams random(int queryDim, int keyDim, int hidden, int maxKeys, unsigned long long seed);
    // Checks every matrix this function needs against the sizes; throws std::invalid_argument naming the mismatch.
    void check(ScoreFunction fn, int queryDim, int keyDim, int numKeys) const;
};

// q: (dq), keys: (n, dk) one key per row -> scores: (n)
// Throws std::invalid_argument on empty keys, mismatched sizes, or missing parameters.
Eigen::VectorXd score(ScoreFunction fn, const Eigen::VectorXd& q, const Eigen::MatrixXd& keys,
                      const ScoreParams& params = {});

// weights: (n), values: (n, dv) -> context: (dv) = sum_i weights_i values_i
Eigen::VectorXd weightedSum(const Eigen::VectorXd& weights, const Eigen::MatrixXd& values);

// x: (n, d) -> heads x (n, d / heads); throws if d is not divisible by heads
std::vector<Eigen::MatrixXd> splitHeads(const Eigen::MatrixXd& x, int heads);
// heads x (n, dh) -> (n, heads * dh)
Eigen::MatrixXd mergeHeads(const std::vector<Eigen::MatrixXd>& heads);

// Self-attention with scaled dot scores, the course-notes module: Q = X Wq, K = X Wk, V = X Wv.
// x: (n, d), wq/wk: (d, dk), wv: (d, dv) -> weights: (n, n) rows sum to 1, output: (n, dv)
struct SelfAttentionResult
{
    Eigen::MatrixXd weights;
    Eigen::MatrixXd output;
};
SelfAttentionResult scaledDotSelfAttention(const Eigen::MatrixXd& x, const Eigen::MatrixXd& wq,
                                           const Eigen::MatrixXd& wk, const Eigen::MatrixXd& wv);

} // namespace attn
