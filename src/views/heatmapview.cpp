#include "views/heatmapview.h"

#include "views/exporter.h"
#include "views/presenttext.h"

#include <QEvent>
#include <QToolTip>
#include <QVBoxLayout>
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

HeatmapView::HeatmapView(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    setMinimumSize(240, 200);

    m_plot->setNoAntialiasingOnDrag(true);
    m_plot->axisRect()->setupFullAxesBox(false);
    m_plot->xAxis->grid()->setVisible(false);
    m_plot->yAxis->grid()->setVisible(false);
    m_plot->yAxis->setRangeReversed(true); // first query at the top, as matrices are read
    m_plot->xAxis->setTickLabelRotation(-50);
    m_plot->xAxis->setSubTicks(false);
    m_plot->yAxis->setSubTicks(false);
    m_plot->xAxis->setTickLength(0, 3);
    m_plot->yAxis->setTickLength(0, 3);
    m_plot->xAxis2->setVisible(false);
    m_plot->yAxis2->setVisible(false);

    m_map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
    m_map->setInterpolate(false);
    m_map->setTightBoundary(false);
    m_scale = new QCPColorScale(m_plot);
    m_scale->setType(QCPAxis::atRight);
    m_scale->axis()->setTicker(QSharedPointer<QCPAxisTickerFixed>::create());
    m_plot->plotLayout()->addElement(0, 1, m_scale);
    m_map->setColorScale(m_scale);
    auto* margins = new QCPMarginGroup(m_plot);
    m_plot->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    m_scale->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    m_scale->setBarWidth(14);

    const auto bandPen = QPen(QColor(255, 64, 64), 2);
    for (auto** band : {&m_rowBand, &m_colBand}) {
        *band = new QCPItemRect(m_plot);
        (*band)->setPen(bandPen);
        (*band)->setBrush(Qt::NoBrush);
        (*band)->setVisible(false);
        (*band)->setClipToAxisRect(true);
    }

    setColorMap(ColorMap::Viridis);
    setValueRange(0.0, 1.0);
    // Label thinning and cell texts depend on the axis rect's final size, known only after layout.
    connect(m_plot, &QCustomPlot::afterLayout, this, [this] {
        const QSize size = m_plot->axisRect()->rect().size();
        if (size != m_laidOutSize) {
            m_laidOutSize = size;
            if (m_minPx > 0) {
                fitTitle();
            }
            rebuildTicks();
            rebuildCellTexts();
            m_plot->replot(QCustomPlot::rpQueuedReplot); // tick labels are placed before layout
        }
    });
    m_plot->setMouseTracking(true);
    m_plot->installEventFilter(this);
    connect(m_plot, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
        const QPoint cell = cellAt(event->pos());
        setHover(cell.y(), cell.x());
        if (cell.x() >= 0) {
            const double v = value(cell.y(), cell.x());
            QToolTip::showText(
                event->globalPosition().toPoint(),
                tr("%1 → %2: %3").arg(labelOr(m_rowLabels, cell.y()), labelOr(m_colLabels, cell.x())).arg(v, 0, 'f', 4),
                m_plot);
        } else {
            QToolTip::hideText();
        }
    });
    connect(m_plot, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) {
        const QPoint cell = cellAt(event->pos());
        if (cell.x() >= 0) {
            Q_EMIT cellClicked(cell.y(), cell.x());
        }
    });
}

HeatmapView::~HeatmapView() = default;

void HeatmapView::setMatrix(const std::vector<float>& values, int rows, int cols, const QStringList& rowLabels,
                            const QStringList& colLabels)
{
    if (rows < 0 || cols < 0 || values.size() != std::size_t(rows) * std::size_t(cols)) {
        rows = cols = 0;
    }
    m_rows = rows;
    m_cols = cols;
    m_values.assign(values.begin(), values.begin() + std::ptrdiff_t(std::size_t(rows) * cols));
    m_rowLabels = rowLabels;
    m_colLabels = colLabels;
    m_hoverRow = m_hoverCol = -1;
    m_rowBand->setVisible(false);
    m_colBand->setVisible(false);

    // QCPColorMap places cell i at the i-th of `size` evenly spaced centres across the range, so a dimension of one
    // cell has no width; it is stored as two half-width cells that together cover [-0.5, 0.5].
    const int kx = cols == 1 ? 2 : std::max(cols, 1);
    const int ky = rows == 1 ? 2 : std::max(rows, 1);
    auto* data = m_map->data();
    data->setSize(kx, ky);
    data->setRange(cols == 1 ? QCPRange(-0.25, 0.25) : QCPRange(0, std::max(cols - 1, 0)),
                   rows == 1 ? QCPRange(-0.25, 0.25) : QCPRange(0, std::max(rows - 1, 0)));
    if (rows == 0 || cols == 0) {
        data->fill(0.0);
    }
    for (int y = 0; y < ky && rows > 0; ++y) {
        for (int x = 0; x < kx && cols > 0; ++x) {
            const int r = rows == 1 ? 0 : y;
            const int c = cols == 1 ? 0 : x;
            data->setCell(x, y, m_values[std::size_t(r) * cols + c]);
        }
    }
    if (m_autoRange) {
        setAutoValueRange();
    }
    m_plot->xAxis->setRange(-0.5, std::max(cols, 1) - 0.5);
    m_plot->yAxis->setRange(-0.5, std::max(rows, 1) - 0.5);
    m_laidOutSize = QSize();
    fitTitle();
    rebuildTicks();
    rebuildCellTexts();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HeatmapView::setAxisTitles(const QString& rowTitle, const QString& colTitle)
{
    m_plot->yAxis->setLabel(rowTitle);
    m_plot->xAxis->setLabel(colTitle);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HeatmapView::setTitle(const QString& title)
{
    m_title = title;
    if (!titleElement()) {
        m_plot->plotLayout()->insertRow(0);
        auto* text = new QCPTextElement(m_plot, title, QFont(font().family(), font().pointSize() + 1, QFont::Bold));
        m_plot->plotLayout()->addElement(0, 0, text);
        presentPlotText(m_plot, m_minPx);
    }
    fitTitle();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QCPTextElement* HeatmapView::titleElement() const
{
    return m_plot->plotLayout()->rowCount() > 1 ? qobject_cast<QCPTextElement*>(m_plot->plotLayout()->element(0, 0))
                                                : nullptr;
}

void HeatmapView::fitTitle()
{
    if (QCPTextElement* t = titleElement()) {
        // Presenting, a title wider than the plot is wrapped rather than cut at its sides.
        // The title spans the axis rect's column (the colour scale has its own), known after the first layout.
        const int column = m_plot->axisRect()->outerRect().width();
        const int width = column > 0 ? column : m_plot->width() - 80;
        t->setText(m_minPx > 0 ? wrapText(m_title, t->font(), width - 8) : m_title);
    }
}

void HeatmapView::setMinimumTextPixels(int px)
{
    px = std::max(0, px);
    if (px == m_minPx) {
        return;
    }
    m_minPx = px;
    presentPlotText(m_plot, px);
    // The colour bar keeps its proportion to the tick labels beside it.
    m_scale->setBarWidth(px > 0 ? std::max(14, px) : 14);
    // The scale's automatic margin is its current one, which the margin group shares with the axis rect: without
    // a reset, the group would keep the presentation's margins after the fonts shrink back.
    m_scale->setMargins(QMargins());
    m_laidOutSize = QSize();
    fitTitle();
    rebuildTicks();
    rebuildCellTexts();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HeatmapView::setValueRange(double lower, double upper)
{
    m_autoRange = false;
    m_map->setDataRange(QCPRange(lower, upper));
    m_scale->axis()->setTicker(QSharedPointer<QCPAxisTicker>::create());
    rebuildCellTexts();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HeatmapView::setAutoValueRange()
{
    m_autoRange = true;
    if (m_values.empty()) {
        return;
    }
    auto [lo, hi] = std::minmax_element(m_values.begin(), m_values.end());
    double l = *lo, h = *hi;
    if (h - l < 1e-12) {
        h = l + 1.0;
    }
    m_map->setDataRange(QCPRange(l, h));
    rebuildCellTexts();
}

void HeatmapView::setColorMap(ColorMap map)
{
    m_colorMap = map;
    m_map->setGradient(colorGradient(map));
    rebuildCellTexts();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HeatmapView::setShowValues(bool show)
{
    m_showValues = show;
    rebuildCellTexts();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QStringList HeatmapView::visibleRowLabels() const
{
    QStringList out;
    for (const auto& s : m_plot->yAxis->ticker().staticCast<QCPAxisTickerText>()->ticks()) {
        out << s;
    }
    return out;
}

QStringList HeatmapView::visibleColLabels() const
{
    QStringList out;
    for (const auto& s : m_plot->xAxis->ticker().staticCast<QCPAxisTickerText>()->ticks()) {
        out << s;
    }
    return out;
}

QPoint HeatmapView::cellAt(const QPoint& pos) const
{
    if (m_rows == 0 || m_cols == 0 || !m_plot->axisRect()->rect().contains(pos)) {
        return {-1, -1};
    }
    const double x = m_plot->xAxis->pixelToCoord(pos.x());
    const double y = m_plot->yAxis->pixelToCoord(pos.y());
    const int col = int(std::floor(x + 0.5));
    const int row = int(std::floor(y + 0.5));
    if (col < 0 || col >= m_cols || row < 0 || row >= m_rows) {
        return {-1, -1};
    }
    return {col, row};
}

QPoint HeatmapView::cellCentre(int row, int col) const
{
    return QPoint(int(m_plot->xAxis->coordToPixel(col)), int(m_plot->yAxis->coordToPixel(row)));
}

void HeatmapView::redraw()
{
    rebuildTicks();
    m_map->data()->recalculateDataBounds(); // forces the colour image to be rebuilt, as new data would
    m_map->setDataRange(m_map->dataRange());
    m_plot->replot(QCustomPlot::rpImmediateRefresh);
}

bool HeatmapView::exportTo(const QString& path, QString* error)
{
    m_plot->replot(QCustomPlot::rpImmediateRefresh);
    m_plot->replot(QCustomPlot::rpImmediateRefresh);
    return exportPlot(m_plot, path, error);
}

bool HeatmapView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_plot && event->type() == QEvent::Leave) {
        setHover(-1, -1);
    }
    return QWidget::eventFilter(watched, event);
}

void HeatmapView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    if (m_minPx > 0) {
        fitTitle();
    }
    rebuildTicks();
    rebuildCellTexts();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HeatmapView::rebuildTicks()
{
    // Show every label when they fit; otherwise every k-th, so labels never overlap into garbage.
    const QFontMetrics fm(m_plot->xAxis->tickLabelFont());
    const double lineHeight = fm.height() * 1.1;
    const QRect rect = m_plot->axisRect()->rect();
    const double rowPx = m_rows > 0 ? std::max(1, rect.height()) / double(m_rows) : 1.0;
    const double colPx = m_cols > 0 ? std::max(1, rect.width()) / double(m_cols) : 1.0;
    const int rowStep = std::max(1, int(std::ceil(lineHeight / rowPx)));
    const int colStep = std::max(1, int(std::ceil(lineHeight / colPx)));
    auto yTicker = QSharedPointer<QCPAxisTickerText>::create();
    auto xTicker = QSharedPointer<QCPAxisTickerText>::create();
    for (int r = 0; r < m_rows; r += rowStep) {
        yTicker->addTick(r, labelOr(m_rowLabels, r));
    }
    int widest = 0;
    for (int c = 0; c < m_cols; c += colStep) {
        xTicker->addTick(c, labelOr(m_colLabels, c));
        widest = std::max(widest, fm.horizontalAdvance(labelOr(m_colLabels, c)));
    }
    m_plot->yAxis->setTicker(yTicker);
    m_plot->xAxis->setTicker(xTicker);
    // Presenting, the colour scale gets as many numbers as fit its height (fewer on a short bar).
    const int bar = m_scale->axis()->axisRect()->rect().height();
    m_scale->axis()->ticker()->setTickCount(m_minPx > 0 && bar > 0 ? std::clamp(int(bar / (fm.height() * 2.0)), 1, 5)
                                                                   : 5);
    // Presenting, short key labels that fit side by side stand upright: slanted ones take height the cells need.
    const bool upright = m_minPx > 0 && m_cols > 0 && rect.width() > 1 && widest + fm.height() <= colPx;
    m_plot->xAxis->setTickLabelRotation(upright ? 0 : -50);
}

void HeatmapView::rebuildCellTexts()
{
    for (auto* t : m_cellTexts) {
        m_plot->removeItem(t);
    }
    m_cellTexts.clear();
    if (!m_showValues || m_rows * m_cols == 0 || m_rows * m_cols > kMaxCellTexts) {
        return;
    }
    const QRect rect = m_plot->axisRect()->rect();
    // Presenting, a cell must hold its widest number at the presentation size, or no cell shows one.
    const QFont font = atLeastPixels(QFont(), m_minPx);
    QStringList texts;
    int widest = 0;
    for (int i = 0; i < m_rows * m_cols; ++i) {
        texts << QString::number(m_values[std::size_t(i)], 'f', 2);
        widest = std::max(widest, QFontMetrics(font).horizontalAdvance(texts.back()));
    }
    // (with a few pixels of the cell around the number, so it reads on the cell colour)
    const int minWidth = m_minPx > 0 ? widest + 10 : kMinCellTextWidth;
    const int minHeight = m_minPx > 0 ? QFontMetrics(font).height() + 6 : kMinCellTextHeight;
    if (rect.width() / m_cols < minWidth || rect.height() / m_rows < minHeight) {
        return;
    }
    const QCPRange range = m_map->dataRange();
    QCPColorGradient gradient = m_map->gradient(); // color() is not const
    for (int r = 0; r < m_rows; ++r) {
        for (int c = 0; c < m_cols; ++c) {
            auto* text = new QCPItemText(m_plot);
            text->position->setType(QCPItemPosition::ptPlotCoords);
            text->position->setCoords(c, r);
            text->setText(texts.at(r * m_cols + c));
            if (m_minPx > 0) {
                text->setFont(font);
            }
            // Black or white by the cell's luminance: at least 4.58:1 on any colour.
            text->setColor(inkOn(QColor(gradient.color(value(r, c), range))));
            text->setClipToAxisRect(true);
            m_cellTexts.push_back(text);
        }
    }
}

void HeatmapView::setHover(int row, int col)
{
    if (row == m_hoverRow && col == m_hoverCol) {
        return;
    }
    m_hoverRow = row;
    m_hoverCol = col;
    const bool on = row >= 0 && col >= 0;
    m_rowBand->setVisible(on);
    m_colBand->setVisible(on);
    if (on) {
        m_rowBand->topLeft->setCoords(-0.5, row - 0.5);
        m_rowBand->bottomRight->setCoords(m_cols - 0.5, row + 0.5);
        m_colBand->topLeft->setCoords(col - 0.5, -0.5);
        m_colBand->bottomRight->setCoords(col + 0.5, m_rows - 0.5);
        Q_EMIT cellHovered(row, col, value(row, col));
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace attn
