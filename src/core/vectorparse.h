#pragma once

#include <Eigen/Dense>

#include <QString>

namespace attn {

// Parses "x,y,..." into a vector. Throws std::invalid_argument naming the input (what) and the problem:
// empty, a value that is not a number, NaN or infinite values.
Eigen::VectorXd parseVector(const QString& text, const QString& what);

// Parses "x,y,...;x,y,...;..." into a matrix with one row per ';'-separated vector. Throws on an empty list,
// a malformed vector, or vectors of different sizes (naming the row).
Eigen::MatrixXd parseMatrix(const QString& text, const QString& what);

QString formatVector(const Eigen::VectorXd& v, int precision = 4);

} // namespace attn
