#include "views/heatmaplabels.h"

#include "views/presenttext.h"

#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

namespace attn {

namespace {

// Values are printed in cells only while they stay legible and cheap to draw.
constexpr int kMaxCellTexts = 400;
constexpr int kMinCellTextWidth = 34;
constexpr int kMinCellTextHeight = 16;

QString labelOr(const QStringList& labels, int i)
{
    return i < labels.size() ? labels.at(i) : QString::number(i);
}

} // namespace

HeatmapLabels::HeatmapLabels(QCustomPlot* plot, QCPColorMap* map, QCPColorScale* scale)
    : m_plot(plot), m_map(map), m_scale(scale)
{
}

void HeatmapLabels::rebuildTicks(const HeatmapLabelInput& in)
{
    // Show every label when they fit; otherwise every k-th, so labels never overlap into garbage.
    const QFontMetrics fm(m_plot->xAxis->tickLabelFont());
    const double lineHeight = fm.height() * 1.1;
    const QRect rect = m_plot->axisRect()->rect();
    // Zoomed, the labels are those of the cells in view, as many as fit.
    const MatrixRegion region = in.region;
    const double rowPx = region.rows() > 0 ? std::max(1, rect.height()) / double(region.rows()) : 1.0;
    const double colPx = region.cols() > 0 ? std::max(1, rect.width()) / double(region.cols()) : 1.0;
    const int rowStep = std::max(1, int(std::ceil(lineHeight / rowPx)));
    const int colStep = std::max(1, int(std::ceil(lineHeight / colPx)));
    auto yTicker = QSharedPointer<QCPAxisTickerText>::create();
    auto xTicker = QSharedPointer<QCPAxisTickerText>::create();
    // Steps start at a multiple of the step, so the labels stay put while the view pans.
    for (int r = (region.row0 + rowStep - 1) / rowStep * rowStep; r < region.row1; r += rowStep) {
        yTicker->addTick(r, labelOr(in.rowLabels, r));
    }
    int widest = 0;
    for (int c = (region.col0 + colStep - 1) / colStep * colStep; c < region.col1; c += colStep) {
        xTicker->addTick(c, labelOr(in.colLabels, c));
        widest = std::max(widest, fm.horizontalAdvance(labelOr(in.colLabels, c)));
    }
    m_plot->yAxis->setTicker(yTicker);
    m_plot->xAxis->setTicker(xTicker);
    // Presenting, the colour scale gets as many numbers as fit its height (fewer on a short bar).
    const int bar = m_scale->axis()->axisRect()->rect().height();
    m_scale->axis()->ticker()->setTickCount(in.minPx > 0 && bar > 0 ? std::clamp(int(bar / (fm.height() * 2.0)), 1, 5)
                                                                    : 5);
    // Presenting, short key labels that fit side by side stand upright: slanted ones take height the cells need.
    const bool upright = in.minPx > 0 && in.cols > 0 && rect.width() > 1 && widest + fm.height() <= colPx;
    m_plot->xAxis->setTickLabelRotation(upright ? 0 : -50);
}

void HeatmapLabels::rebuildCellTexts(const HeatmapLabelInput& in)
{
    for (auto* t : m_cellTexts) {
        m_plot->removeItem(t);
    }
    m_cellTexts.clear();
    if (!in.showValues || in.rows * in.cols == 0 || in.rows * in.cols > kMaxCellTexts) {
        return;
    }
    const QRect rect = m_plot->axisRect()->rect();
    // Presenting, a cell must hold its widest number at the presentation size, or no cell shows one.
    const QFont font = atLeastPixels(QFont(), in.minPx);
    QStringList texts;
    int widest = 0;
    for (int i = 0; i < in.rows * in.cols; ++i) {
        texts << QString::number((*in.values)[std::size_t(i)], 'f', 2);
        widest = std::max(widest, QFontMetrics(font).horizontalAdvance(texts.back()));
    }
    // (with a few pixels of the cell around the number, so it reads on the cell colour)
    const int minWidth = in.minPx > 0 ? widest + 10 : kMinCellTextWidth;
    const int minHeight = in.minPx > 0 ? QFontMetrics(font).height() + 6 : kMinCellTextHeight;
    if (rect.width() / in.cols < minWidth || rect.height() / in.rows < minHeight) {
        return;
    }
    const QCPRange range = m_map->dataRange();
    QCPColorGradient gradient = m_map->gradient(); // color() is not const
    for (int r = 0; r < in.rows; ++r) {
        for (int c = 0; c < in.cols; ++c) {
            auto* text = new QCPItemText(m_plot);
            text->position->setType(QCPItemPosition::ptPlotCoords);
            text->position->setCoords(c, r);
            text->setText(texts.at(r * in.cols + c));
            if (in.minPx > 0) {
                text->setFont(font);
            }
            // Black or white by the cell's luminance: at least 4.58:1 on any colour.
            text->setColor(inkOn(QColor(gradient.color((*in.values)[std::size_t(r) * in.cols + c], range))));
            text->setClipToAxisRect(true);
            m_cellTexts.push_back(text);
        }
    }
}

} // namespace attn
