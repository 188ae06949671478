#pragma once

#include "core/labexamples.h"
#include "core/scorerun.h"
#include "views/presentable.h"

#include <QStackedWidget>
#include <vector>

namespace attn {

class HeatmapView;
class VectorPlane;

// The scoring lab's query, keys and values: arrows on a plane when they are 2-D (with every function's output, the
// selected one named), otherwise a heatmap of the vectors, one row each.
class LabVectorsView : public QStackedWidget, public Presentable
{
public:
    explicit LabVectorsView(QWidget* parent = nullptr);

    // Shows the plane when the vectors are 2-D (and draws its arrows), else the heatmap's page.
    void updatePlane(const LabVectors& vectors, const std::vector<ScoreRun>& runs, ScoreFunction selected);
    // Fills the heatmap while it is the page shown.
    void updateHeatmap(const LabVectors& vectors, const std::vector<ScoreRun>& runs);
    bool isPlaneShown() const;
    VectorPlane* plane() const { return m_plane; }
    HeatmapView* heatmap() const { return m_heatmap; }
    void setMinimumTextPixels(int px) override;

private:
    VectorPlane* m_plane;
    HeatmapView* m_heatmap;
};

} // namespace attn
