#include "views/lengthaccuracyplot.h"

#include "views/presenttext.h"

#include <QVBoxLayout>
#include <qcustomplot.h>

namespace attn {

namespace {

// Okabe-Ito: told apart by every colour vision, and dark enough on white.
const QColor kColours[] = {QColor(0, 114, 178), QColor(213, 94, 0), QColor(0, 128, 96), QColor(204, 121, 167)};
const QCPScatterStyle::ScatterShape kShapes[] = {QCPScatterStyle::ssCircle, QCPScatterStyle::ssSquare,
                                                 QCPScatterStyle::ssTriangle, QCPScatterStyle::ssDiamond};
const Qt::PenStyle kDashes[] = {Qt::DashLine, Qt::DotLine, Qt::SolidLine, Qt::DashDotLine};

} // namespace

LengthAccuracyPlot::LengthAccuracyPlot(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->yAxis->setLabel(tr("accuracy"));
    m_plot->yAxis->setRange(0.4, 1.02);
    m_plot->legend->setVisible(true);
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignLeft | Qt::AlignBottom);
    setMinimumHeight(170);
}

void LengthAccuracyPlot::setSeries(const std::vector<Series>& series, const QString& xLabel)
{
    m_plot->clearGraphs();
    m_plot->xAxis->setLabel(xLabel);
    double lo = 1e9;
    double hi = -1e9;
    double worst = 1.0;
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (size_t s = 0; s < series.size(); ++s) {
        QCPGraph* g = m_plot->addGraph();
        g->setName(series[s].name);
        const QColor c = kColours[s % 4];
        QPen pen(c, 2.5, kDashes[s % 4]);
        g->setPen(pen);
        g->setScatterStyle(QCPScatterStyle(kShapes[s % 4], c, c, 9));
        for (const Bucket& b : series[s].buckets) {
            const double mid = 0.5 * (b.minLength + b.maxLength);
            g->addData(mid, b.accuracy);
            lo = std::min(lo, double(b.minLength));
            hi = std::max(hi, double(b.maxLength));
            worst = std::min(worst, b.accuracy);
            if (s == 0) {
                ticker->addTick(mid, QStringLiteral("%1–%2").arg(b.minLength).arg(b.maxLength));
            }
        }
    }
    m_plot->xAxis->setTicker(ticker);
    if (lo < hi) {
        m_plot->xAxis->setRange(lo - 2, hi + 2);
    }
    m_plot->yAxis->setRange(std::min(0.4, std::floor(worst * 10.0) / 10.0), 1.02);
    m_plot->replot();
}

int LengthAccuracyPlot::seriesCount() const
{
    return m_plot->graphCount();
}

void LengthAccuracyPlot::setMinimumTextPixels(int px)
{
    m_minPx = std::max(0, px);
    presentPlotText(m_plot, px);
    spaceTicks();
    m_plot->replot();
}

void LengthAccuracyPlot::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    spaceTicks();
}

void LengthAccuracyPlot::spaceTicks()
{
    // Presenting in a short plot (a 4:3 projector), fewer accuracy ticks, about two text lines apart: seven ticks in
    // ~110 px touched each other. The axis has the height less the length ticks, their title and a margin.
    int count = 5; // QCustomPlot's default
    if (m_minPx > 0) {
        const double axis = height() - 4.0 * m_minPx;
        count = std::clamp(int(axis / (2.5 * m_minPx)), 2, 5);
    }
    // and the legend beside the axes rather than over the lines, which then fill the height.
    const bool beside = count < 5;
    if (count == m_plot->yAxis->ticker()->tickCount() && beside == m_legendBeside) {
        return;
    }
    m_plot->yAxis->ticker()->setTickCount(count);
    if (beside != m_legendBeside) {
        m_legendBeside = beside;
        // (without its frame there: the legend fills the plot's height beside the axes, the frame at its edge)
        if (beside) {
            m_legendBorder = m_plot->legend->borderPen();
            m_plot->legend->setBorderPen(Qt::NoPen);
            m_plot->axisRect()->insetLayout()->take(m_plot->legend);
            m_plot->plotLayout()->addElement(0, 1, m_plot->legend);
            m_plot->plotLayout()->setColumnStretchFactor(1, 0.001);
        } else {
            m_plot->legend->setBorderPen(m_legendBorder);
            m_plot->plotLayout()->take(m_plot->legend);
            m_plot->plotLayout()->simplify();
            m_plot->axisRect()->insetLayout()->addElement(m_plot->legend, Qt::AlignLeft | Qt::AlignBottom);
        }
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace attn
