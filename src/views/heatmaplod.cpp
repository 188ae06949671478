#include "views/heatmaplod.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

namespace attn {

HeatmapLevelOfDetail::HeatmapLevelOfDetail(QCustomPlot* plot, QCPColorMap* map) : m_plot(plot), m_map(map) {}

void HeatmapLevelOfDetail::setMatrix(const std::vector<float>* values, int rows, int cols)
{
    m_values = values;
    m_rows = rows;
    m_cols = cols;
    resetZoom();
    update(true);
}

void HeatmapLevelOfDetail::setMode(PoolMode mode)
{
    if (mode != m_mode) {
        m_mode = mode;
        update(true);
    }
}

MatrixRegion HeatmapLevelOfDetail::visibleRegion() const
{
    // Cell c covers [c - 0.5, c + 0.5]: the cells that overlap the axis ranges.
    const QCPRange x = m_plot->xAxis->range(), y = m_plot->yAxis->range();
    MatrixRegion r;
    r.col0 = std::clamp(int(std::floor(x.lower - 0.5)) + 1, 0, m_cols);
    r.col1 = std::clamp(int(std::ceil(x.upper + 0.5)), r.col0, m_cols);
    r.row0 = std::clamp(int(std::floor(y.lower - 0.5)) + 1, 0, m_rows);
    r.row1 = std::clamp(int(std::ceil(y.upper + 0.5)), r.row0, m_rows);
    return r;
}

void HeatmapLevelOfDetail::zoomTo(MatrixRegion region)
{
    region.col0 = std::clamp(region.col0, 0, std::max(m_cols - 1, 0));
    region.col1 = std::clamp(region.col1, region.col0 + 1, std::max(m_cols, 1));
    region.row0 = std::clamp(region.row0, 0, std::max(m_rows - 1, 0));
    region.row1 = std::clamp(region.row1, region.row0 + 1, std::max(m_rows, 1));
    m_clamping = true;
    m_plot->xAxis->setRange(region.col0 - 0.5, region.col1 - 0.5);
    m_plot->yAxis->setRange(region.row0 - 0.5, region.row1 - 0.5);
    m_clamping = false;
}

void HeatmapLevelOfDetail::resetZoom()
{
    zoomTo({0, std::max(m_rows, 1), 0, std::max(m_cols, 1)});
}

bool HeatmapLevelOfDetail::isZoomed() const
{
    const MatrixRegion r = visibleRegion();
    return r.rows() < m_rows || r.cols() < m_cols;
}

void HeatmapLevelOfDetail::clampRanges()
{
    if (m_clamping) {
        return;
    }
    m_clamping = true;
    const auto clampAxis = [](QCPAxis* axis, int cells) {
        const double full = std::max(cells, 1);
        QCPRange r = axis->range();
        const double size = std::clamp(r.size(), std::min(1.0, full), full);
        const double lower = std::clamp(r.center() - size / 2, -0.5, full - 0.5 - size);
        if (std::abs(lower - r.lower) > 1e-9 || std::abs(size - r.size()) > 1e-9) {
            axis->setRange(lower, lower + size);
        }
    };
    clampAxis(m_plot->xAxis, m_cols);
    clampAxis(m_plot->yAxis, m_rows);
    m_clamping = false;
}

void HeatmapLevelOfDetail::update(bool force)
{
    const MatrixRegion region = visibleRegion();
    // Bins per axis: the pixels the region spans (the region's cells may reach a little past the axis range).
    QSize px = m_plot->axisRect()->rect().size();
    if (px.width() <= 1 || px.height() <= 1) {
        px = QSize(1024, 1024); // before the first layout: fine enough, redone once the size is known
    }
    const double dpr = m_plot->devicePixelRatioF();
    const QCPRange x = m_plot->xAxis->range(), y = m_plot->yAxis->range();
    const int maxCols = int(std::ceil(px.width() * dpr * region.cols() / std::max(x.size(), 1e-9)));
    const int maxRows = int(std::ceil(px.height() * dpr * region.rows() / std::max(y.size(), 1e-9)));
    const int binCols = std::clamp(maxCols, 1, std::max(region.cols(), 1));
    const int binRows = std::clamp(maxRows, 1, std::max(region.rows(), 1));
    if (!force && region == m_madeRegion && binCols == m_madeCols && binRows == m_madeRows) {
        return;
    }
    m_madeRegion = region;
    m_madeCols = binCols;
    m_madeRows = binRows;
    m_reduced = reduceMatrix(m_values ? m_values->data() : nullptr, m_rows, m_cols, region, binRows, binCols, m_mode);
    auto* data = m_map->data();
    if (m_reduced.rows == 0 || m_reduced.cols == 0) {
        data->setSize(2, 2);
        data->setRange(QCPRange(-0.25, 0.25), QCPRange(-0.25, 0.25));
        data->fill(0.0);
        return;
    }
    // QCPColorMap places bin i at the i-th of `size` evenly spaced centres across the range, so one bin has no
    // width: it is stored as two half-width bins that together cover the region.
    const auto axisRange = [](int begin, int end, int bins) {
        const double span = end - begin;
        const double inset = bins == 1 ? span / 4 : span / bins / 2;
        return QCPRange(begin - 0.5 + inset, end - 0.5 - inset);
    };
    const int kx = std::max(m_reduced.cols, 2), ky = std::max(m_reduced.rows, 2);
    data->setSize(kx, ky);
    data->setRange(axisRange(region.col0, region.col1, m_reduced.cols),
                   axisRange(region.row0, region.row1, m_reduced.rows));
    for (int yi = 0; yi < ky; ++yi) {
        const double* row = m_reduced.values.data() + std::size_t(std::min(yi, m_reduced.rows - 1)) * m_reduced.cols;
        for (int xi = 0; xi < kx; ++xi) {
            data->setCell(xi, yi, row[std::min(xi, m_reduced.cols - 1)]);
        }
    }
}

QString HeatmapLevelOfDetail::describePixel(int row, int col) const
{
    const ReducedMatrix& lod = m_reduced;
    if (lod.exact() || row < lod.region.row0 || row >= lod.region.row1 || col < lod.region.col0 ||
        col >= lod.region.col1) {
        return {};
    }
    const int br = lod.rowBin(row), bc = lod.colBin(col);
    const int cells = (lod.rowStarts[std::size_t(br) + 1] - lod.rowStarts[std::size_t(br)]) *
                      (lod.colStarts[std::size_t(bc) + 1] - lod.colStarts[std::size_t(bc)]);
    const char* text = m_mode == PoolMode::Max
                           ? QT_TRANSLATE_NOOP("attn::HeatmapView", "This pixel shows the max of %1 cells: %2")
                           : QT_TRANSLATE_NOOP("attn::HeatmapView", "This pixel shows the mean of %1 cells: %2");
    return QCoreApplication::translate("attn::HeatmapView", text)
        .arg(cells)
        .arg(lod.values[std::size_t(br) * lod.cols + bc], 0, 'f', 4);
}

} // namespace attn
