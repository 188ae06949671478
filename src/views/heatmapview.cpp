#include "views/heatmapview.h"

#include "views/exporter.h"
#include "views/heatmapframe.h"
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

    HeatmapFrame::styleAxes(m_plot);

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
    m_frame = std::make_unique<HeatmapFrame>(m_plot, m_map);
    m_labels = std::make_unique<HeatmapLabels>(m_plot, m_map, m_frame->scale());

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
                m_frame->fitTitle(m_minPx);
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
    m_frame->outline(-1, -1, 0, 0);

    m_labels->forgetWidest();
    m_lod->setMatrix(&m_values, rows, cols); // full view, reduced to the plot's pixels
    if (m_autoRange) {
        setAutoValueRange();
    }
    m_laidOutSize = QSize();
    m_layoutPasses = 0;
    m_frame->fitTitle(m_minPx);
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
    m_frame->setTitle(title, font(), m_minPx);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HeatmapView::setMinimumTextPixels(int px)
{
    px = std::max(0, px);
    if (px == m_minPx) {
        return;
    }
    m_minPx = px;
    m_frame->present(px);
    m_laidOutSize = QSize();
    m_layoutPasses = 0;
    m_frame->fitTitle(m_minPx);
    rebuildTicks();
    rebuildCellTexts();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HeatmapView::setValueRange(double lower, double upper)
{
    m_autoRange = false;
    m_map->setDataRange(QCPRange(lower, upper));
    m_frame->scale()->axis()->setTicker(QSharedPointer<QCPAxisTicker>::create());
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
    if (!m_frame->setScaleShown(shown)) {
        return;
    }
    m_laidOutSize = QSize();
    m_layoutPasses = 0;
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
    m_layoutPasses = 0;
    if (m_minPx > 0) {
        m_frame->fitTitle(m_minPx);
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
    m_frame->outline(row, col, m_rows, m_cols);
    if (row >= 0 && col >= 0) {
        Q_EMIT cellHovered(row, col, value(row, col));
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace attn
