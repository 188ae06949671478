#include "views/heatmapframe.h"

#include "views/presenttext.h"

#include <algorithm>
#include <qcustomplot.h>

namespace attn {

void HeatmapFrame::styleAxes(QCustomPlot* plot)
{
    plot->setNoAntialiasingOnDrag(true);
    plot->axisRect()->setupFullAxesBox(false);
    plot->xAxis->grid()->setVisible(false);
    plot->yAxis->grid()->setVisible(false);
    plot->yAxis->setRangeReversed(true); // first query at the top, as matrices are read
    plot->xAxis->setTickLabelRotation(-50);
    plot->xAxis->setSubTicks(false);
    plot->yAxis->setSubTicks(false);
    plot->xAxis->setTickLength(0, 3);
    plot->yAxis->setTickLength(0, 3);
    plot->xAxis2->setVisible(false);
    plot->yAxis2->setVisible(false);
}

HeatmapFrame::HeatmapFrame(QCustomPlot* plot, QCPColorMap* map)
    : m_plot(plot), m_scale(new QCPColorScale(plot)), m_rowBand(new QCPItemRect(plot)), m_colBand(new QCPItemRect(plot))
{
    m_scale->setType(QCPAxis::atRight);
    m_scale->axis()->setTicker(QSharedPointer<QCPAxisTickerFixed>::create());
    m_plot->plotLayout()->addElement(0, 1, m_scale);
    map->setColorScale(m_scale);
    auto* margins = new QCPMarginGroup(m_plot);
    m_plot->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    m_scale->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    m_scale->setBarWidth(14);
    for (QCPItemRect* band : {m_rowBand, m_colBand}) {
        band->setPen(QPen(QColor(255, 64, 64), 2));
        band->setBrush(Qt::NoBrush);
        band->setVisible(false);
        band->setClipToAxisRect(true);
    }
}

void HeatmapFrame::setTitle(const QString& title, const QFont& font, int minPx)
{
    m_title = title;
    if (!titleElement()) {
        m_plot->plotLayout()->insertRow(0);
        auto* text = new QCPTextElement(m_plot, title, QFont(font.family(), font.pointSize() + 1, QFont::Bold));
        m_plot->plotLayout()->addElement(0, 0, text);
        presentPlotText(m_plot, minPx);
    }
    fitTitle(minPx);
}

QCPTextElement* HeatmapFrame::titleElement() const
{
    return m_plot->plotLayout()->rowCount() > 1 ? qobject_cast<QCPTextElement*>(m_plot->plotLayout()->element(0, 0))
                                                : nullptr;
}

void HeatmapFrame::fitTitle(int minPx)
{
    if (QCPTextElement* t = titleElement()) {
        // Presenting, a title wider than the plot is wrapped rather than cut at its sides.
        // The title spans the axis rect's column (the colour scale has its own), known after the first layout.
        const int column = m_plot->axisRect()->outerRect().width();
        const int width = column > 0 ? column : m_plot->width() - 80;
        t->setText(minPx > 0 ? wrapText(m_title, t->font(), width - 8) : m_title);
    }
}

bool HeatmapFrame::setScaleShown(bool shown)
{
    if (shown == isScaleShown()) {
        return false;
    }
    QCPLayoutGrid* grid = m_plot->plotLayout();
    if (shown) {
        grid->addElement(grid->rowCount() - 1, 1, m_scale); // beside the axis rect, in the last row
    } else {
        grid->take(m_scale);
        grid->simplify(); // the empty column goes, and the cells have its width
    }
    m_scale->setVisible(shown);
    return true;
}

bool HeatmapFrame::isScaleShown() const
{
    return m_scale->visible();
}

void HeatmapFrame::present(int px)
{
    // The texts are sized through the plot's layout: a hidden colour scale joins it for that.
    const bool hidden = setScaleShown(true);
    presentPlotText(m_plot, px);
    if (hidden) {
        setScaleShown(false);
    }
    // The colour bar keeps its proportion to the tick labels beside it.
    m_scale->setBarWidth(px > 0 ? std::max(14, px) : 14);
    // The scale's automatic margin is its current one, which the margin group shares with the axis rect: without
    // a reset, the group would keep the presentation's margins after the fonts shrink back.
    m_scale->setMargins(QMargins());
}

int HeatmapFrame::decorationWidth() const
{
    // QCustomPlot's layout passes, without the afterLayout signal (that would rebuild the labels).
    QCPLayoutGrid* grid = m_plot->plotLayout();
    for (auto phase : {QCPLayoutElement::upPreparation, QCPLayoutElement::upMargins, QCPLayoutElement::upLayout}) {
        grid->update(phase);
    }
    return m_plot->width() - m_plot->axisRect()->width();
}

void HeatmapFrame::outline(int row, int col, int rows, int cols)
{
    const bool on = row >= 0 && col >= 0;
    m_rowBand->setVisible(on);
    m_colBand->setVisible(on);
    if (on) {
        m_rowBand->topLeft->setCoords(-0.5, row - 0.5);
        m_rowBand->bottomRight->setCoords(cols - 0.5, row + 0.5);
        m_colBand->topLeft->setCoords(col - 0.5, -0.5);
        m_colBand->bottomRight->setCoords(col + 0.5, rows - 0.5);
    }
}

} // namespace attn
