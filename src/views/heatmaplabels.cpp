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

// The widest of labels [from, to) by advance (cheap for thousands of labels).
QString widestLabel(const QStringList& labels, int from, int to, const QFontMetrics& fm)
{
    QString widest;
    int best = -1;
    for (int i = from; i < to; ++i) {
        const QString label = labelOr(labels, i);
        const int w = fm.horizontalAdvance(label);
        if (w > best) {
            best = w;
            widest = label;
        }
    }
    return widest;
}

// The box a tick label takes on its axis, rotated as drawn: what QCustomPlot sizes the axis margin by.
QRect labelBox(const QFontMetrics& fm, const QString& text, double rotation)
{
    const QRect bounds = fm.boundingRect(0, 0, 0, 0, Qt::TextDontClip | Qt::AlignHCenter, text);
    if (qFuzzyIsNull(rotation)) {
        return bounds;
    }
    QTransform transform;
    transform.rotate(rotation);
    return transform.mapRect(bounds);
}

} // namespace

HeatmapLabels::HeatmapLabels(QCustomPlot* plot, QCPColorMap* map, QCPColorScale* scale)
    : m_plot(plot), m_map(map), m_scale(scale), m_rowPadding(plot->yAxis->padding()),
      m_colPadding(plot->xAxis->padding()), m_scalePadding(scale->axis()->padding())
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
    QStringList rowsShown, colsShown;
    // Steps start at a multiple of the step, so the labels stay put while the view pans.
    for (int r = (region.row0 + rowStep - 1) / rowStep * rowStep; r < region.row1; r += rowStep) {
        rowsShown << labelOr(in.rowLabels, r);
        yTicker->addTick(r, rowsShown.back());
    }
    int widest = 0;
    for (int c = (region.col0 + colStep - 1) / colStep * colStep; c < region.col1; c += colStep) {
        colsShown << labelOr(in.colLabels, c);
        xTicker->addTick(c, colsShown.back());
        widest = std::max(widest, fm.horizontalAdvance(colsShown.back()));
    }
    m_plot->yAxis->setTicker(yTicker);
    m_plot->xAxis->setTicker(xTicker);
    // Presenting, the colour scale gets as many numbers as fit its height (fewer on a short bar).
    const int bar = m_scale->axis()->axisRect()->rect().height();
    setScaleTickCount(in.minPx > 0 && bar > 0 ? std::clamp(int(bar / (fm.height() * 2.0)), 1, 5) : 5);
    // Presenting, short key labels that fit side by side stand upright: slanted ones take height the cells need.
    const bool upright = in.minPx > 0 && in.cols > 0 && rect.width() > 1 && widest + fm.height() <= colPx;
    m_plot->xAxis->setTickLabelRotation(upright ? 0 : -50);
    padToWidestLabels(in, rowsShown, colsShown);
}

QString HeatmapLabels::widestOf(Widest& cache, const QStringList& labels, int from, int to, const QFont& font)
{
    const QString key = font.key();
    if (cache.labels != labels.constData() || cache.count != labels.size() || cache.from != from || cache.to != to ||
        cache.font != key) {
        cache = {labels.constData(), labels.size(), from, to, key, widestLabel(labels, from, to, QFontMetrics(font))};
    }
    return cache.label;
}

void HeatmapLabels::forgetWidest()
{
    m_widestRow = {};
    m_widestCol = {};
}

void HeatmapLabels::padToWidestLabels(const HeatmapLabelInput& in, const QStringList& rowsShown,
                                      const QStringList& colsShown)
{
    // Which labels fit depends on the axis rect's size, and that size on the margins the shown labels take: with
    // margins sized by the labels shown, a wide label coming in shrinks the rect so that fewer fit, which brings a
    // narrow one back, and so on at every layout (small maps then draw labels over their cells). Margins sized by
    // the widest label, shown or not, do not move when the choice does (nor while zooming).
    const QFontMetrics yfm(m_plot->yAxis->tickLabelFont());
    const QFontMetrics xfm(m_plot->xAxis->tickLabelFont());
    const double rotation = m_plot->xAxis->tickLabelRotation();
    const int rowsWidest =
        labelBox(yfm, widestOf(m_widestRow, in.rowLabels, 0, in.rows, m_plot->yAxis->tickLabelFont()), 0).width();
    const int rowsShownWidest = labelBox(yfm, widestLabel(rowsShown, 0, int(rowsShown.size()), yfm), 0).width();
    const int colsWidest =
        labelBox(xfm, widestOf(m_widestCol, in.colLabels, 0, in.cols, m_plot->xAxis->tickLabelFont()), rotation)
            .height();
    const int colsShownWidest = labelBox(xfm, widestLabel(colsShown, 0, int(colsShown.size()), xfm), rotation).height();
    // (labels switched off take no margin to pad)
    m_plot->yAxis->setPadding(m_rowPadding +
                              (m_plot->yAxis->tickLabels() ? std::max(0, rowsWidest - rowsShownWidest) : 0));
    m_plot->xAxis->setPadding(m_colPadding +
                              (m_plot->xAxis->tickLabels() ? std::max(0, colsWidest - colsShownWidest) : 0));
}

void HeatmapLabels::setScaleTickCount(int count)
{
    // The scale's width sets the axis rect's (and the title's) width, and its tick count follows the bar's height:
    // padded to its widest possible numbers, the scale keeps one width whatever the count.
    QCPAxis* axis = m_scale->axis();
    const QSharedPointer<QCPAxisTicker> ticker = axis->ticker();
    const QFontMetrics fm(axis->tickLabelFont());
    const auto widestFor = [&](int n) {
        ticker->setTickCount(n);
        QVector<double> ticks;
        QVector<QString> labels;
        ticker->generate(axis->range(), m_plot->locale(), axis->numberFormat().at(0), axis->numberPrecision(), ticks,
                         nullptr, &labels);
        int widest = 0;
        for (const QString& label : labels) {
            widest = std::max(widest, labelBox(fm, label, 0).width());
        }
        return widest;
    };
    int widestAny = 0;
    for (int n = 1; n <= 5; ++n) {
        widestAny = std::max(widestAny, widestFor(n));
    }
    const int widest = widestFor(count); // leaves the ticker at count
    axis->setPadding(m_scalePadding + std::max(0, widestAny - widest));
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
