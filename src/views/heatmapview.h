#pragma once

#include "views/colormaps.h"
#include "views/heatmapframe.h"
#include "views/matrixreducer.h"
#include "views/presentable.h"

#include <QStringList>
#include <QWidget>
#include <memory>
#include <vector>

class QCustomPlot;
class QCPColorMap;
class QCPItemText;

namespace attn {

class HeatmapLabels;
class HeatmapLevelOfDetail;
struct HeatmapLabelInput;

// A heatmap of one attention matrix (rows = queries, columns = keys) on QCustomPlot: token labels on both
// axes (thinned when they would overlap), the exact weight in a tooltip and in the status signal, the hovered
// row and column outlined, a colour scale, a choice of colour maps, values printed in cells big enough for them.
// Presentable: every text at least a pixel size (fewer token labels and no cell values when they do not fit).
// Long sequences: when cells are smaller than a pixel, each pixel shows the max (default) or the mean of its cells
// (level of detail, reduced when the data, zoom or size change, not while painting); the tooltip still names the
// exact cell. The wheel and a rubber band (drag) zoom into a region; double-click or the context menu resets.
class HeatmapView : public QWidget, public Presentable
{
    Q_OBJECT
public:
    explicit HeatmapView(QWidget* parent = nullptr);
    ~HeatmapView() override;

    // values: (rows, cols) row-major. Labels may be empty (indices are shown instead).
    void setMatrix(const std::vector<float>& values, int rows, int cols, const QStringList& rowLabels,
                   const QStringList& colLabels);
    void setAxisTitles(const QString& rowTitle, const QString& colTitle);
    void setTitle(const QString& title);
    // The colour scale's range; attention is [0, 1], scores need the data's own range.
    void setValueRange(double lower, double upper);
    void setAutoValueRange();
    void setColorMap(ColorMap map);
    ColorMap colorMap() const { return m_colorMap; }
    void setShowValues(bool show);
    // Small multiples sharing labels and colours show the token labels of the rows and the colour scale once, at
    // the edge of the grid: without them a map takes only its cells' room.
    void setRowLabelsShown(bool shown);
    void setColorScaleShown(bool shown);
    bool isColorScaleShown() const { return m_frame->isScaleShown(); }
    // What the labels, titles and scale take of the width, laid out now at the current size (the rest is cells).
    int decorationWidth() const { return m_frame->decorationWidth(); }
    // What a pixel shows when it covers several cells: their max (a single hot cell stays visible) or mean.
    void setPoolMode(PoolMode mode);
    PoolMode poolMode() const;
    // Zoom: the cells in view, as whole cells of the matrix.
    void zoomTo(MatrixRegion region);
    void resetZoom();
    MatrixRegion visibleRegion() const;
    bool isZoomed() const;
    // What the colour map holds now: the visible region reduced to at most one bin per pixel.
    const ReducedMatrix& levelOfDetail() const;
    void setMinimumTextPixels(int px) override;
    int minimumTextPixels() const { return m_minPx; }

    int rows() const { return m_rows; }
    int cols() const { return m_cols; }
    double value(int row, int col) const { return m_values[std::size_t(row) * m_cols + col]; }
    QStringList visibleRowLabels() const;
    QStringList visibleColLabels() const;
    int hoveredRow() const { return m_hoverRow; }
    int hoveredCol() const { return m_hoverCol; }
    // The cell under a widget position, or (-1, -1).
    QPoint cellAt(const QPoint& pos) const;
    // Centre of a cell in widget coordinates.
    QPoint cellCentre(int row, int col) const;

    // Full redraw now (the benchmark measures this).
    void redraw();
    // PNG, SVG or PDF by extension, exactly as shown.
    bool exportTo(const QString& path, QString* error = nullptr);
    QCustomPlot* plot() const { return m_plot; }

Q_SIGNALS:
    void cellHovered(int row, int col, double value);
    void cellClicked(int row, int col);
    void zoomChanged();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    HeatmapLabelInput labelInput() const;
    void rebuildTicks();
    void rebuildCellTexts();
    void setHover(int row, int col);
    void showContextMenu(const QPoint& pos);
    QString toolTipFor(int row, int col) const;

    QCustomPlot* m_plot = nullptr;
    QCPColorMap* m_map = nullptr;
    std::unique_ptr<HeatmapLevelOfDetail> m_lod;
    std::unique_ptr<HeatmapFrame> m_frame; // title and colour scale
    std::unique_ptr<HeatmapLabels> m_labels;
    std::vector<float> m_values;
    QStringList m_rowLabels;
    QStringList m_colLabels;
    QSize m_laidOutSize;
    int m_rows = 0;
    int m_cols = 0;
    int m_hoverRow = -1;
    int m_hoverCol = -1;
    int m_minPx = 0;
    int m_layoutPasses = 0; // label rebuilds since the last outside change (a bound, should the layout not settle)
    bool m_showValues = true;
    bool m_autoRange = false;
    ColorMap m_colorMap = ColorMap::Viridis;
};

} // namespace attn
