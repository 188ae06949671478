#pragma once

#include "core/scoring.h"

#include <Eigen/Dense>

#include <QString>
#include <QStringList>

namespace attn {

// What the scoring lab shows: one query against keys, with values (empty values mean "the keys are the values").
// Labels are optional (vectors taken from a model carry its tokens); empty ones read "q" and "k0", "k1", ...
struct LabVectors
{
    Eigen::VectorXd query;  // (dq)
    Eigen::MatrixXd keys;   // (n, dk)
    Eigen::MatrixXd values; // (n, dv) or empty
    QString queryLabel;
    QStringList keyLabels;  // n or empty
};

// The lab's vector file format, one vector per line:
//   q: 1, 0        the query (exactly one)
//   k: 0.5, 1      a key (one or more)
//   v: 2, 0        a value (none, or one per key)
// '#' starts a comment; blank lines are skipped. Lines without a prefix: the first is the query, the rest keys.
// Throws std::invalid_argument naming sourceName and the line at fault.
LabVectors parseLabVectors(const QString& text, const QString& sourceName);
// Reads and parses a file; throws std::invalid_argument naming the file when it cannot be read.
LabVectors readLabVectors(const QString& path);

// Course notes, example 1: a self-attention layer with scaled dot scores where Q, K and V all come from one
// input X (n tokens of size d): Q = X Wq, K = X Wk, V = X Wv. Fixed numbers so a class can follow them.
struct SelfAttentionExample
{
    QStringList tokens;  // n
    Eigen::MatrixXd x;   // (n, d)
    Eigen::MatrixXd wq;  // (d, dk)
    Eigen::MatrixXd wk;  // (d, dk)
    Eigen::MatrixXd wv;  // (d, dv)
};
SelfAttentionExample courseSelfAttentionExample();
// The lab's view of query row `row` of the example: q = (X Wq)_row, keys = X Wk, values = X Wv.
LabVectors selfAttentionLabVectors(const SelfAttentionExample& example, int row);

// Course notes, example 2: "concatenate Q and K, linear layer, softmax, weight V, concatenate with Q, linear
// layer". Scores s_i = w^T [q; k_i] + b (the concat scoring function), a = softmax(s / T), c = sum_i a_i v_i,
// output o = Wo [c; q].
struct ConcatRuleExample
{
    LabVectors vectors;
    Eigen::VectorXd w;  // (dq + dk)
    double bias = 0.0;
    Eigen::MatrixXd wo; // (dout, dv + dq)
};
ConcatRuleExample courseConcatRuleExample();

struct ConcatRuleResult
{
    Eigen::VectorXd scores;  // (n)
    Eigen::VectorXd weights; // (n)
    Eigen::VectorXd context; // (dv)
    Eigen::VectorXd output;  // (dout)
};
// q: (dq), keys: (n, dk), values: (n, dv), w: (dq + dk), wo: (dout, dv + dq). Uses core score(Concat) and
// softmax; throws std::invalid_argument when sizes do not fit (naming which) or the temperature is not above 0.
ConcatRuleResult concatRuleAttention(const Eigen::VectorXd& q, const Eigen::MatrixXd& keys,
                                     const Eigen::MatrixXd& values, const Eigen::VectorXd& w, double bias,
                                     const Eigen::MatrixXd& wo, double temperature = 1.0);

} // namespace attn
