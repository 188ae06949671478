#include "views/heatmapview.h"

#include "views/exporter.h"
#include "views/heatmaplabels.h"
#include "views/heatmaplod.h"
#include "views/presenttext.h"

#include <QEvent>
#include <QMenu>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

namespace attn {

namespace {

constexpr int kMaxLayoutPasses = 6;

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
    m_lod = std::make_unique<HeatmapLevelOfDetail>(m_plot, m_map);
    // Zoom: the wheel, or a rubber band dragged with the left button (a click without a drag still clicks a cell).
    m_plot->setInteraction(QCP::iRangeZoom, true);
    m_plot->setSelectionRectMode(QCP::srmZoom);
    m_plot->axisRect()->setRangeZoomAxes(m_plot->xAxis, m_plot->yAxis);
    for (QCPAxis* axis : {m_plot->xAxis, m_plot->yAxis}) {
        connect(axis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [this] {
            m_lod->clampRanges();
            m_layoutPasses = 0;
            rebuildTicks();
            Q_EMIT zoomChanged();
        });
    }
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this](QMouseEvent*) { resetZoom(); });
    m_plot->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_plot, &QWidget::customContextMenuRequested, this, &HeatmapView::showContextMenu);
    m_scale = new QCPColorScale(m_plot);
    m_scale->setType(QCPAxis::atRight);
    m_scale->axis()->setTicker(QSharedPointer<QCPAxisTickerFixed>::create());
    m_plot->plotLayout()->addElement(0, 1, m_scale);
    m_map->setColorScale(m_scale);
    m_labels = std::make_unique<HeatmapLabels>(m_plot, m_map, m_scale);
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
        m_lod->update(); // the reduction follows the plot's size and zoom; nothing to do when neither changed
        const QSize size = m_plot->axisRect()->rect().size();
        // Labels change the margins and so the axis rect's size; padded to the widest ones, the size settles at the
        // next layout. Should it not, a few passes stop it, rather than a replot loop.
        if (size != m_laidOutSize && ++m_layoutPasses <= kMaxLayoutPasses) {
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
            QToolTip::showText(event->globalPosition().toPoint(), toolTipFor(cell.y(), cell.x()), m_plot);
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

    m_lod->setMatrix(&m_values, rows, cols); // full view, reduced to the plot's pixels
    if (m_autoRange) {
        setAutoValueRange();
    }
    m_laidOutSize = QSize();
    m_layoutPasses = 0;
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
    // The texts are sized through the plot's layout: a hidden colour scale joins it for that.
    const bool scaleHidden = !isColorScaleShown();
    setColorScaleShown(true);
    presentPlotText(m_plot, px);
    setColorScaleShown(!scaleHidden);
    // The colour bar keeps its proportion to the tick labels beside it.
    m_scale->setBarWidth(px > 0 ? std::max(14, px) : 14);
    // The scale's automatic margin is its current one, which the margin group shares with the axis rect: without
    // a reset, the group would keep the presentation's margins after the fonts shrink back.
    m_scale->setMargins(QMargins());
    m_laidOutSize = QSize();
    m_layoutPasses = 0;
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

void HeatmapView::setRowLabelsShown(bool shown)
{
    m_plot->yAxis->setTickLabels(shown);
    m_laidOutSize = QSize();
    m_layoutPasses = 0;
    rebuildTicks();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HeatmapView::setColorScaleShown(bool shown)
{
    if (shown == isColorScaleShown()) {
        return;
    }
    QCPLayoutGrid* grid = m_plot->plotLayout();
    if (shown) {
        grid->addElement(grid->rowCount() - 1, 1, m_scale); // beside the axis rect, in the last row
    } else {
        grid->take(m_scale);
        grid->simplify(); // the empty column goes, and the cells have its width
    }
    m_scale->setVisible(shown);
    m_laidOutSize = QSize();
    m_layoutPasses = 0;
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool HeatmapView::isColorScaleShown() const
{
    return m_scale->visible();
}

int HeatmapView::decorationWidth() const
{
    // QCustomPlot's layout passes, without the afterLayout signal (that would rebuild the labels).
    QCPLayoutGrid* grid = m_plot->plotLayout();
    for (auto phase : {QCPLayoutElement::upPreparation, QCPLayoutElement::upMargins, QCPLayoutElement::upLayout}) {
        grid->update(phase);
    }
    return m_plot->width() - m_plot->axisRect()->width();
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
    m_layoutPasses = 0;
    if (m_minPx > 0) {
        fitTitle();
    }
    rebuildTicks();
    rebuildCellTexts();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

HeatmapLabelInput HeatmapView::labelInput() const
{
    return {&m_values, m_rows, m_cols, m_rowLabels, m_colLabels, m_lod->visibleRegion(), m_minPx, m_showValues};
}

void HeatmapView::rebuildTicks()
{
    m_labels->rebuildTicks(labelInput());
}

void HeatmapView::rebuildCellTexts()
{
    m_labels->rebuildCellTexts(labelInput());
}

void HeatmapView::setPoolMode(PoolMode mode)
{
    m_lod->setMode(mode);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

PoolMode HeatmapView::poolMode() const
{
    return m_lod->mode();
}

void HeatmapView::zoomTo(MatrixRegion region)
{
    m_lod->zoomTo(region);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HeatmapView::resetZoom()
{
    m_lod->resetZoom();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

MatrixRegion HeatmapView::visibleRegion() const
{
    return m_lod->visibleRegion();
}

bool HeatmapView::isZoomed() const
{
    return m_lod->isZoomed();
}

const ReducedMatrix& HeatmapView::levelOfDetail() const
{
    return m_lod->reduced();
}

QString HeatmapView::toolTipFor(int row, int col) const
{
    const QString pixel = m_lod->describePixel(row, col);
    if (pixel.isEmpty()) {
        return tr("%1 → %2: %3")
            .arg(labelOr(m_rowLabels, row), labelOr(m_colLabels, col))
            .arg(value(row, col), 0, 'f', 4);
    }
    // Several cells share the pixel: the exact cell with its indices, then what the pixel's colour shows.
    return tr("query %1 “%2” → key %3 “%4”: %5")
               .arg(row)
               .arg(labelOr(m_rowLabels, row))
               .arg(col)
               .arg(labelOr(m_colLabels, col))
               .arg(value(row, col), 0, 'f', 4) +
           QLatin1Char('\n') + pixel;
}

void HeatmapView::showContextMenu(const QPoint& pos)
{
    QMenu menu(this);
    QAction* reset = menu.addAction(tr("Reset zoom"));
    reset->setEnabled(isZoomed());
    connect(reset, &QAction::triggered, this, &HeatmapView::resetZoom);
    menu.addSeparator();
    QAction* max = menu.addAction(tr("Each pixel shows the max of its cells"));
    QAction* mean = menu.addAction(tr("Each pixel shows the mean of its cells"));
    for (QAction* a : {max, mean}) {
        a->setCheckable(true);
    }
    max->setChecked(poolMode() == PoolMode::Max);
    mean->setChecked(poolMode() == PoolMode::Mean);
    connect(max, &QAction::triggered, this, [this] { setPoolMode(PoolMode::Max); });
    connect(mean, &QAction::triggered, this, [this] { setPoolMode(PoolMode::Mean); });
    menu.exec(m_plot->mapToGlobal(pos));
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
