#pragma once
// The course notes' rule 1, module MyAtt (004, the attention decoder of PyTorch's seq2seq tutorial). Not a per-key
// score: one linear layer turns [Q; K] directly into one weight per position of V, without looking at V.
//
//   1  weights = softmax(attn([Q; K]))       attn: Linear(dq + dk -> positions)   [1,32],[1,32] -> [1,64] -> [1,32]
//      applied = weights . V                 bmm [1,1,32] x [1,32,64] -> [1,1,64]
//   2  [Q; applied]                          cat [1,32],[1,64] -> [1,96]
//   3  output = attn_combine([Q; applied])   Linear(dq + dv -> dout)               [1,96] -> [1,32]
//
// The number of positions is fixed by the attn layer. V with fewer rows: the positions past its end are masked
// (their logits count as -inf, so the weights over V's rows still sum to 1); V with more rows is refused.

#include <Eigen/Dense>

namespace attn {

struct MyAttParams
{
    Eigen::MatrixXd attnW;    // (positions, dq + dk)   self.attn
    Eigen::VectorXd attnB;    // (positions) or empty
    Eigen::MatrixXd combineW; // (dout, dq + dv)        self.attn_combine
    Eigen::VectorXd combineB; // (dout) or empty
    int positions() const { return int(attnW.rows()); }

    // Seeded N(0, 1/sqrt(fan_in)) draws, biases zero; the same seed gives the same numbers everywhere.
    static MyAttParams random(int queryDim, int keyDim, int valueDim, int positions, int outputDim,
                              unsigned long long seed);
};

struct MyAttResult
{
    Eigen::VectorXd concatQK;  // (dq + dk)       [Q; K]
    Eigen::VectorXd logits;    // (positions)     attn([Q; K]), before the softmax
    Eigen::VectorXd weights;   // (n)             one per row of V (masked positions dropped)
    Eigen::VectorXd applied;   // (dv)            weights . V
    Eigen::VectorXd concatQA;  // (dq + dv)       [Q; applied]
    Eigen::VectorXd output;    // (dout)          attn_combine([Q; applied])
    int maskedPositions = 0;   // positions - n: attn gives them a logit, the mask removes them
};

// q: (dq), k: (dk), values: (n, dv) with 1 <= n <= params.positions().
// Throws std::invalid_argument naming the problem: sizes that do not fit the layers, no values, V with more rows
// than the fixed number of positions (the message names the limit), or a temperature not above 0.
MyAttResult myAttention(const Eigen::VectorXd& q, const Eigen::VectorXd& k, const Eigen::MatrixXd& values,
                        const MyAttParams& params, double temperature = 1.0);

} // namespace attn
