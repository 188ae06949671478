#pragma once

#include "core/labexamples.h"
#include "core/modelvectors.h"
#include "core/scorerun.h"

#include <QString>
#include <vector>

namespace attn {

class HeatmapView;

// The scoring lab's trained-model example: a model's vectors, one output step at a time (its decoder state as the
// query against its encoder states), and whether the parametric cards use the model's own trained parameters.
class LabModelExample
{
public:
    // The lab's vectors at `step` of `vectors`; throws std::invalid_argument and then changes nothing.
    LabVectors load(const ModelVectors& vectors, int step, bool trainedParams);
    // The same model at another step (same sizes); throws std::invalid_argument and then changes nothing.
    LabVectors goToStep(int step);
    void setUseTrainedParams(bool on) { m_useTrained = on; }
    bool wantsTrainedParams() const { return m_useTrained; }
    bool usesTrainedParams() const { return m_useTrained && m_vectors.hasTrainedParams; }
    const ModelVectors& vectors() const { return m_vectors; }
    int step() const { return m_step; }
    // The model's own attention at the current step (empty without attention).
    Eigen::VectorXd weights() const;
    // The information card's text for the current step, and the model's own attention in `heatmap`: whether the
    // card of its scoring function computes what the model computed, given the lab's runs and normaliser.
    QString describe(const std::vector<ScoreRun>& runs, NormaliserKind kind, const NormaliserOptions& options,
                     HeatmapView* heatmap) const;

private:
    ModelVectors m_vectors;
    int m_step = 0;
    bool m_useTrained = true;
};

} // namespace attn
