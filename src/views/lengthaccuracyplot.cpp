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
    presentPlotText(m_plot, px);
    m_plot->replot();
}

} // namespace attn
