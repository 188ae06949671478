#pragma once

#include "core/labexamples.h"

#include <Eigen/Dense>

namespace attn {

// Edits of the scoring lab's vectors as its plane and fields make them.

// The four 2-D keys and the query the lab starts with.
LabVectors defaultLabVectors();
// Sets row `index` of m to row; false (and m unchanged) when there is no such row or the sizes differ.
bool setLabRow(Eigen::MatrixXd& m, int index, const Eigen::VectorXd& row);
// Keeps the first `count` keys (and values), adding new ones: 2-D keys around the unit circle, other sizes as a copy
// of the last key; the token labels go (they no longer fit). count must be at least 1.
void resizeLabKeys(LabVectors& vectors, int count);

} // namespace attn
