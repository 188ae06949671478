#pragma once

#include "core/scoring.h"

#include <Eigen/Dense>

#include <QColor>
#include <QString>

namespace attn {

// One colour per scoring function, shared by the lab's cards, the output arrows on the plane and the
// trained-comparison plot, so a function keeps its colour everywhere.
QColor scoreFunctionColor(ScoreFunction fn);
// A number for the screen: fixed decimals, "−0" shown as "0", and "—" for NaN or infinity (which the lab must
// never show).
QString formatLabNumber(double value, int decimals = 2);
// "(0.42, −1.30)"; at most maxShown values, then "…".
QString formatLabVector(const Eigen::VectorXd& v, int decimals = 2, int maxShown = 4);

} // namespace attn
