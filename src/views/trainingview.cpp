#include "views/trainingview.h"

#include "views/colormaps.h"
#include "views/heatmapview.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

namespace attn {

namespace {

// The darkest end of viridis for the training curves and its middle for the held-out one: both read well on
// white (the middle has a contrast of about 4:1), and they stay apart for colour-blind readers.
QColor trainingColour()
{
    return colorAt(ColorMap::Viridis, 0.0);
}

QColor heldOutColour()
{
    return colorAt(ColorMap::Viridis, 0.5);
}

QCPTextElement* addTitle(QCustomPlot* plot, const QString& text)
{
    plot->plotLayout()->insertRow(0);
    auto* title = new QCPTextElement(plot, text);
    plot->plotLayout()->addElement(0, 0, title);
    return title;
}

QCPTextElement* titleOf(QCustomPlot* plot)
{
    return plot->plotLayout()->rowCount() > 1 ? qobject_cast<QCPTextElement*>(plot->plotLayout()->element(0, 0))
                                              : nullptr;
}

void setAxisFonts(QCPAxis* axis, const QFont& font)
{
    axis->setTickLabelFont(font);
    axis->setLabelFont(font);
    axis->setSelectedTickLabelFont(font);
    axis->setSelectedLabelFont(font);
}

// Every text a plot paints: axes, title, legend and its items.
void setPlotFonts(QCustomPlot* plot, const QFont& font)
{
    plot->setFont(font);
    for (QCPAxisRect* rect : plot->axisRects()) {
        for (QCPAxis* axis : rect->axes()) {
            setAxisFonts(axis, font);
        }
    }
    for (int i = 0; i < plot->plotLayout()->elementCount(); ++i) {
        if (auto* scale = qobject_cast<QCPColorScale*>(plot->plotLayout()->elementAt(i))) {
            setAxisFonts(scale->axis(), font);
        }
    }
    if (QCPTextElement* title = titleOf(plot)) {
        QFont bold = font;
        bold.setBold(true);
        title->setFont(bold);
        title->setSelectedFont(bold);
    }
    plot->legend->setFont(font);
    plot->legend->setSelectedFont(font);
    for (int i = 0; i < plot->legend->itemCount(); ++i) {
        plot->legend->item(i)->setFont(font);
        plot->legend->item(i)->setSelectedFont(font);
    }
}

QCustomPlot* makeCurvePlot(QWidget* parent, const QString& title, const QString& yLabel)
{
    auto* plot = new QCustomPlot(parent);
    plot->setMinimumSize(220, 160);
    plot->xAxis->setLabel(TrainingView::tr("training steps"));
    plot->yAxis->setLabel(yLabel);
    plot->xAxis->grid()->setVisible(true);
    plot->xAxis->setRange(0, 1);
    addTitle(plot, title);
    return plot;
}

} // namespace

TrainingView::TrainingView(QWidget* parent) : QWidget(parent)
{
    m_summary = new QLabel(this);
    m_summary->setTextFormat(Qt::PlainText);

    // A linear axis: the class sees the steep fall and the long flat end as they are.
    m_lossPlot = makeCurvePlot(this, tr("Training loss"), tr("cross-entropy"));
    m_lossGraph = m_lossPlot->addGraph();
    m_lossGraph->setPen(QPen(trainingColour(), 2.5));

    m_accuracyPlot = makeCurvePlot(this, tr("Token accuracy"), tr("% of words right"));
    m_accuracyPlot->yAxis->setRange(0, 100);
    auto percentTicker = QSharedPointer<QCPAxisTickerFixed>::create();
    percentTicker->setTickStep(25);
    m_accuracyPlot->yAxis->setTicker(percentTicker);
    m_trainGraph = m_accuracyPlot->addGraph();
    m_trainGraph->setPen(QPen(trainingColour(), 2.5));
    m_trainGraph->setName(tr("training batches"));
    m_heldOutGraph = m_accuracyPlot->addGraph();
    m_heldOutGraph->setPen(QPen(heldOutColour(), 2.5));
    m_heldOutGraph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, heldOutColour(), Qt::white, 8));
    m_heldOutGraph->setName(tr("held-out sentences"));
    m_accuracyPlot->legend->setVisible(true);
    m_accuracyPlot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);

    m_heatmap = new HeatmapView(this);
    m_heatmap->setColorMap(ColorMap::Viridis);
    m_heatmap->setValueRange(0.0, 1.0);
    m_heatmap->setShowValues(false); // numbers flickering in every cell would hide the pattern forming
    m_heatmap->setAxisTitles(tr("output words"), tr("input words"));
    m_heatmap->setTitle(tr("Alignment: not trained yet"));

    auto* curves = new QVBoxLayout;
    curves->addWidget(m_lossPlot, 1);
    curves->addWidget(m_accuracyPlot, 1);
    auto* row = new QHBoxLayout;
    row->addLayout(curves, 4);
    row->addWidget(m_heatmap, 5);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addLayout(row, 1);

    applyFonts();
    updateRanges();
    updateSummary();
}

TrainingView::~TrainingView() = default;

void TrainingView::setTotalSteps(long total)
{
    m_total = std::max(1L, total);
    updateRanges();
    updateSummary();
}

void TrainingView::addPoint(const Point& p)
{
    m_points.push_back(p);
    // Before the first step there is no batch loss or accuracy yet, only possibly a held-out measurement.
    if (p.step > 0) {
        m_lossGraph->addData(double(p.step), p.loss);
        m_trainGraph->addData(double(p.step), 100.0 * p.accuracy);
    }
    if (p.heldOutAccuracy >= 0.0) {
        m_heldOutGraph->addData(double(p.step), 100.0 * p.heldOutAccuracy);
    }
    updateRanges();
    updateSummary();
}

void TrainingView::setAlignment(const Eigen::MatrixXf& weights, const QStringList& targetTokens,
                                const QStringList& sourceTokens, long step)
{
    const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rowMajor = weights;
    m_heatmap->setMatrix(std::vector<float>(rowMajor.data(), rowMajor.data() + rowMajor.size()), int(weights.rows()),
                         int(weights.cols()), targetTokens, sourceTokens);
    if (weights.size() == 0) {
        m_heatmap->setTitle(tr("No attention to show"));
    } else if (step <= 0) {
        m_heatmap->setTitle(tr("Alignment before training"));
    } else {
        m_heatmap->setTitle(tr("Alignment after %n training steps", nullptr, int(step)));
    }
}

void TrainingView::setStateText(const QString& text)
{
    m_stateText = text;
    updateSummary();
}

void TrainingView::clear()
{
    m_points.clear();
    for (QCPGraph* g : {m_lossGraph, m_trainGraph, m_heldOutGraph}) {
        g->data()->clear();
    }
    m_heatmap->setMatrix({}, 0, 0, {}, {});
    m_heatmap->setTitle(tr("Alignment: not trained yet"));
    m_stateText.clear();
    updateRanges();
    updateSummary();
}

void TrainingView::setFontPixelSize(int px)
{
    m_fontPx = std::max(6, px);
    applyFonts();
}

QString TrainingView::summaryText() const
{
    return m_summary->text();
}

void TrainingView::applyFonts()
{
    QFont f = font();
    f.setPixelSize(m_fontPx);
    setFont(f);
    m_summary->setFont(f);
    for (QCustomPlot* plot : {m_lossPlot, m_accuracyPlot, m_heatmap->plot()}) {
        setPlotFonts(plot, f);
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
    // Big markers and pens keep their proportion to the text on a projector.
    const double pen = std::max(2.5, m_fontPx / 8.0);
    for (QCPGraph* g : {m_lossGraph, m_trainGraph, m_heldOutGraph}) {
        QPen p = g->pen();
        p.setWidthF(pen);
        g->setPen(p);
    }
    m_heldOutGraph->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, heldOutColour(), Qt::white, std::max(8.0, m_fontPx / 2.5)));
    m_heatmap->setMinimumSize(m_fontPx * 14, m_fontPx * 12);
    m_heatmap->redraw(); // tick labels are thinned for the font's height
}

void TrainingView::updateRanges()
{
    // A little room after the last step, so its tick and label are drawn and the curve's end stays off the frame.
    const double right = double(m_total) * 1.03;
    m_lossPlot->xAxis->setRange(0, right);
    m_accuracyPlot->xAxis->setRange(0, right);
    double hi = 0.0;
    for (const Point& p : m_points) {
        if (p.step > 0) {
            hi = std::max(hi, p.loss);
        }
    }
    m_lossPlot->yAxis->setRange(0.0, hi > 0.0 ? hi * 1.05 : 1.0);
    m_lossPlot->replot(QCustomPlot::rpQueuedReplot);
    m_accuracyPlot->replot(QCustomPlot::rpQueuedReplot);
}

void TrainingView::updateSummary()
{
    QString text;
    const Point* last = m_points.empty() ? nullptr : &m_points.back();
    if (!last || last->step == 0) {
        text = tr("Not trained yet: %n steps to go", nullptr, int(m_total));
    } else {
        // Steps done, a count (not a step index): 0 before training, total at the end.
        text = tr("%1 of %2 steps · loss %3 · token accuracy %4 %")
                   .arg(last->step)
                   .arg(m_total)
                   .arg(last->loss, 0, 'f', 3)
                   .arg(100.0 * last->accuracy, 0, 'f', 1);
        for (auto it = m_points.rbegin(); it != m_points.rend(); ++it) {
            if (it->heldOutAccuracy >= 0.0) {
                text += tr(" · held-out %1 %").arg(100.0 * it->heldOutAccuracy, 0, 'f', 1);
                break;
            }
        }
    }
    if (!m_stateText.isEmpty()) {
        text += QStringLiteral(" · ") + m_stateText;
    }
    m_summary->setText(text);
}

} // namespace attn
