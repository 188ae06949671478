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

} // namespace attn
