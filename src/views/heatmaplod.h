#pragma once

#include "views/matrixreducer.h"

#include <QString>
#include <vector>

class QCustomPlot;
class QCPColorMap;

namespace attn {

// Level of detail and zoom for the heatmap's colour map: the plot's axes say which cells are in view (coordinates
// are cell indices), and the colour map is given at most one value per pixel of that region, each the max or the
// mean of its cells. The reduction is redone only when the matrix, the region, the plot's pixel size or the mode
// change, so a replot never touches the full matrix.
class HeatmapLevelOfDetail
{
public:
    HeatmapLevelOfDetail(QCustomPlot* plot, QCPColorMap* map);

    // values: (rows, cols) row-major, owned by the caller and kept alive while set. Resets the zoom.
    void setMatrix(const std::vector<float>* values, int rows, int cols);
    void setMode(PoolMode mode);
    PoolMode mode() const { return m_mode; }

    // The whole cells the axes show.
    MatrixRegion visibleRegion() const;
    // Shows a region (clamped to the matrix; at least one cell).
    void zoomTo(MatrixRegion region);
    void resetZoom();
    bool isZoomed() const;
    // Keeps the axes inside the matrix after the wheel or the rubber band moved them.
    void clampRanges();

    // Reduces again if anything it depends on changed (force: always). Cheap when nothing did.
    void update(bool force = false);
    const ReducedMatrix& reduced() const { return m_reduced; }
    // "This pixel shows the max of 16 cells: 0.8125" when the cell shares its pixel with others, else empty.
    QString describePixel(int row, int col) const;

private:
    QCustomPlot* m_plot;
    QCPColorMap* m_map;
    const std::vector<float>* m_values = nullptr;
    int m_rows = 0;
    int m_cols = 0;
    PoolMode m_mode = PoolMode::Max;
    bool m_clamping = false;
    ReducedMatrix m_reduced;
    // What the current reduction was made for.
    MatrixRegion m_madeRegion;
    int m_madeRows = -1;
    int m_madeCols = -1;
};

} // namespace attn
