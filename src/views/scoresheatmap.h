#pragma once

#include "core/scorerun.h"

#include <QStringList>

namespace attn {

class HeatmapView;

// Labels "k0 (1, 0)" for each key row of keys: (n, d).
QStringList keyLabels(const Eigen::MatrixXd& keys);
// Shows runs as a heatmap: one row per scoring function, one column per key, weights in [0, 1].
void showScoreRuns(HeatmapView* view, const std::vector<ScoreRun>& runs, const QStringList& keyLabels);

} // namespace attn
