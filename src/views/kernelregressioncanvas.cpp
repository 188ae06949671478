#include "views/kernelregressioncanvas.h"

#include "views/colormaps.h"
#include "views/formulalayout.h"

#include <QFontInfo>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace attn {

namespace {

// Okabe-Ito colours: told apart with every common colour-vision deficiency, and dark enough on white.
const QColor kTruthColor(0, 114, 178);   // blue
const QColor kEstimateColor(213, 94, 0); // vermillion
const QColor kPointColor(90, 90, 90);    // the training points
const QColor kTextColor(25, 25, 25);     // 16:1 on white
const QColor kGridColor(225, 225, 225);

// A tick step of 1, 2 or 5 times a power of ten that gives at most maxTicks ticks over span.
double niceStep(double span, int maxTicks)
{
    const double raw = span / std::max(1, maxTicks);
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
        if (m * mag >= raw) {
            return m * mag;
        }
    }
    return 10.0 * mag;
}

QString tickText(double v, double step)
{
    const int decimals = step >= 1.0 ? 0 : int(std::ceil(-std::log10(step) - 1e-9));
    QString s = QString::number(v, 'f', decimals);
    if (s.startsWith(QLatin1Char('-')) && s.toDouble() == 0.0) {
        s.remove(0, 1);
    }
    return s.replace(QLatin1Char('-'), QChar(0x2212));
}

} // namespace

KernelRegressionCanvas::KernelRegressionCanvas(QWidget* parent) : QWidget(parent)
{
    setAutoFillBackground(true);
    QPalette pal = palette();
    pal.setColor(QPalette::Window, Qt::white);
    setPalette(pal);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void KernelRegressionCanvas::setPlotData(KernelPlotData data)
{
    m_data = std::move(data);
    update();
}

void KernelRegressionCanvas::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setFont(font());
    const double px = QFontInfo(font()).pixelSize();
    const double gap = px;
    const double plotWidth = (width() - gap) * 0.56;
    // Labels with scripts are set as formulas: letters a quarter larger than the text, scripts at the text's size.
    const FormulaLayout math(px * 1.25, px, font().family());
    paintPlot(p, math, QRectF(0, 0, plotWidth, height()));
    paintHeatmap(p, math, QRectF(plotWidth + gap, 0, width() - plotWidth - gap, height()));
}

void KernelRegressionCanvas::paintPlot(QPainter& p, const FormulaLayout& math, const QRectF& area)
{
    const QFontMetricsF fm(p.font());
    const double px = QFontInfo(p.font()).pixelSize();
    const double line = fm.height();
    QFont bold = p.font();
    bold.setBold(true);

    math.drawTextLine(&p, tr("Prediction"), QStringLiteral("f(x) = \\Sigma_i \\alpha(x, x_i) y_i"), {},
                      QPointF(area.left(), area.top() + line * 0.7), bold, kTextColor);
    p.setFont(font());

    // Legend, wrapped over as many lines as the width needs.
    struct Entry
    {
        QString text;
        QString formula;
        QColor color;
        int shape; // 0 line, 1 circle
    };
    const Entry entries[] = {{tr("training data"), QStringLiteral("(x_i, y_i)"), kPointColor, 1},
                             {tr("truth"), QStringLiteral("2 sin(x) + x^{0.8}"), kTruthColor, 0},
                             {m_data.estimateText, m_data.estimateFormula, kEstimateColor, 0}};
    double lx = area.left();
    double ly = area.top() + line * 1.5;
    const double legendLine = line * 1.4; // room for the formulas' larger letters and scripts
    for (const Entry& e : entries) {
        const double w = px * 2.2 + math.drawTextLine(nullptr, e.text, e.formula, {}, {}, font(), kTextColor) + px;
        if (lx > area.left() && lx + w > area.right()) {
            lx = area.left();
            ly += legendLine;
        }
        const double cy = ly + legendLine / 2;
        if (e.shape == 1) {
            p.setPen(QPen(e.color, 1.5));
            p.setBrush(QColor(e.color.red(), e.color.green(), e.color.blue(), 70));
            p.drawEllipse(QPointF(lx + px * 0.8, cy), px * 0.3, px * 0.3);
        } else {
            p.setPen(QPen(e.color, e.color == kEstimateColor ? 3.5 : 2.5));
            p.drawLine(QPointF(lx, cy), QPointF(lx + px * 1.6, cy));
        }
        math.drawTextLine(&p, e.text, e.formula, {}, QPointF(lx + px * 2.0, cy), font(), kTextColor);
        lx += w;
    }
    p.setPen(kTextColor);
    // The error line wraps onto a second line in a narrow view (a 4:3 projector) rather than lose its number.
    const double summaryHeight = line * 1.1 * (fm.horizontalAdvance(m_data.summary) > area.width() ? 2 : 1);
    const double summaryTop = area.bottom() - summaryHeight;
    if (!m_data.answerHidden) {
        p.drawText(QRectF(area.left(), summaryTop, area.width(), summaryHeight),
                   Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, m_data.summary);
    }

    if (m_data.xTrain.size() == 0) {
        return;
    }
    double yMin = std::min(m_data.yTrain.minCoeff(), m_data.truthTest.minCoeff());
    double yMax = std::max(m_data.yTrain.maxCoeff(), m_data.truthTest.maxCoeff());
    if (m_data.prediction.size() > 0) {
        yMin = std::min(yMin, m_data.prediction.minCoeff());
        yMax = std::max(yMax, m_data.prediction.maxCoeff());
    }
    const double yStep = niceStep(yMax - yMin, 5);
    yMin = std::floor(yMin / yStep) * yStep;
    yMax = std::ceil(yMax / yStep) * yStep;
    const double xMin = 0.0, xMax = 5.0;
    double tickWidth = 0.0;
    for (double v = yMin; v <= yMax + 1e-9; v += yStep) {
        tickWidth = std::max(tickWidth, fm.horizontalAdvance(tickText(v, yStep)));
    }
    const QRectF box(area.left() + line * 1.2 + tickWidth + px * 0.4, ly + legendLine + line * 0.5,
                     area.width() - line * 1.2 - tickWidth - px * 1.4, 0);
    QRectF plot = box;
    plot.setBottom(summaryTop - line * 2.4);
    if (plot.height() < px * 3 || plot.width() < px * 3) {
        return;
    }
    auto map = [&](double x, double y) {
        return QPointF(plot.left() + (x - xMin) / (xMax - xMin) * plot.width(),
                       plot.bottom() - (y - yMin) / (yMax - yMin) * plot.height());
    };

    // Grid and ticks.
    p.setBrush(Qt::NoBrush);
    for (double v = yMin; v <= yMax + 1e-9; v += yStep) {
        const QPointF a = map(xMin, v);
        p.setPen(QPen(kGridColor, 1));
        p.drawLine(a, map(xMax, v));
        p.setPen(kTextColor);
        p.drawText(QRectF(area.left(), a.y() - line / 2, plot.left() - area.left() - px * 0.4, line),
                   Qt::AlignRight | Qt::AlignVCenter, tickText(v, yStep));
    }
    for (int x = 0; x <= 5; ++x) {
        const QPointF a = map(x, yMin);
        p.setPen(QPen(kGridColor, 1));
        p.drawLine(a, map(x, yMax));
        p.setPen(kTextColor);
        p.drawText(QRectF(a.x() - px * 2, plot.bottom() + px * 0.2, px * 4, line), Qt::AlignHCenter | Qt::AlignTop,
                   QString::number(x));
    }
    p.setPen(QPen(QColor(120, 120, 120), 1));
    p.drawRect(plot);
    p.setPen(kTextColor);
    p.drawText(QRectF(plot.left(), plot.bottom() + line * 1.1, plot.width(), line), Qt::AlignHCenter | Qt::AlignTop,
               tr("x (query)"));
    p.save();
    p.translate(area.left(), plot.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-plot.height() / 2, 0, plot.height(), line), Qt::AlignHCenter | Qt::AlignTop, tr("y"));
    p.restore();

    p.save();
    p.setClipRect(plot.adjusted(-px, -px, px, px));
    auto curve = [&](const Eigen::VectorXd& ys, const QColor& c, double w) {
        if (ys.size() != m_data.xTest.size() || ys.size() == 0) {
            return;
        }
        QPainterPath path(map(m_data.xTest(0), ys(0)));
        for (Eigen::Index i = 1; i < ys.size(); ++i) {
            path.lineTo(map(m_data.xTest(i), ys(i)));
        }
        p.setPen(QPen(c, w, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
    };
    p.setPen(QPen(kPointColor, 1.5));
    p.setBrush(QColor(kPointColor.red(), kPointColor.green(), kPointColor.blue(), 70));
    const double r = std::max(3.0, px * 0.3);
    for (Eigen::Index i = 0; i < m_data.xTrain.size(); ++i) {
        p.drawEllipse(map(m_data.xTrain(i), m_data.yTrain(i)), r, r);
    }
    curve(m_data.truthTest, kTruthColor, std::max(2.5, px * 0.15));
    if (!m_data.answerHidden) {
        curve(m_data.prediction, kEstimateColor, std::max(3.5, px * 0.22));
    }
    p.restore();
}

void KernelRegressionCanvas::paintHeatmap(QPainter& p, const FormulaLayout& math, const QRectF& area)
{
    const QFontMetricsF fm(p.font());
    const double px = QFontInfo(p.font()).pixelSize();
    const double line = fm.height();
    QFont bold = p.font();
    bold.setBold(true);
    math.drawTextLine(&p, tr("Attention weights"), QStringLiteral("\\alpha(x, x_i)"), {},
                      QPointF(area.left(), area.top() + line * 0.7), bold, kTextColor);
    p.setFont(font());

    const Eigen::MatrixXd& w = m_data.weights;
    if (w.size() == 0) {
        return;
    }
    const double maxWeight = std::max(w.maxCoeff(), 1e-12);
    const QString maxText = QString::number(maxWeight, 'f', maxWeight < 0.1 ? 3 : 2);
    const double barLabel = fm.horizontalAdvance(maxText) + px * 0.4;
    const double tickWidth = fm.horizontalAdvance(QStringLiteral("00")) + px * 0.4;
    const double left = area.left() + line * 1.2 + tickWidth;
    const double availW = area.right() - left - px * 1.6 - barLabel - px;
    const double availH = area.bottom() - area.top() - line * 1.5 - line * 2.3;
    const double side = std::min(availW, availH);
    // In a tall area the square sits in the middle of the height the plot uses.
    const double top = area.top() + line * 1.5 + std::max(0.0, (availH - side) / 2);
    if (side < px * 2) {
        return;
    }
    // Square cells: each query row and key column read as one cell of the matrix.
    const QRectF cells(left, top, side * w.cols() / std::max(w.rows(), w.cols()),
                       side * w.rows() / std::max(w.rows(), w.cols()));
    if (m_data.answerHidden) {
        // The question is open: the matrix is a grey square with a question mark until the answer is shown.
        const QRectF square(left, top, side, side);
        p.fillRect(square, QColor(235, 235, 235));
        QFont big = font();
        big.setPixelSize(int(std::max(px * 2.0, side / 4)));
        p.setFont(big);
        p.setPen(kTextColor);
        p.drawText(square, Qt::AlignCenter, QStringLiteral("?"));
        p.setFont(font());
        return;
    }
    QImage img(int(w.cols()), int(w.rows()), QImage::Format_RGB32);
    for (Eigen::Index q = 0; q < w.rows(); ++q) {
        for (Eigen::Index k = 0; k < w.cols(); ++k) {
            img.setPixel(int(k), int(q), colorAt(ColorMap::Viridis, w(q, k) / maxWeight).rgb());
        }
    }
    p.save();
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);
    p.drawImage(cells, img);
    p.restore();

    // Ticks every 10 positions (positions count from 0), then the axis names.
    p.setPen(kTextColor);
    const int every = 10;
    for (Eigen::Index k = 0; k < w.cols(); k += every) {
        const double x = cells.left() + (k + 0.5) * cells.width() / w.cols();
        p.drawText(QRectF(x - px * 2, cells.bottom() + px * 0.15, px * 4, line), Qt::AlignHCenter | Qt::AlignTop,
                   QString::number(k));
    }
    for (Eigen::Index q = 0; q < w.rows(); q += every) {
        const double y = cells.top() + (q + 0.5) * cells.height() / w.rows();
        p.drawText(QRectF(left - tickWidth, y - line / 2, tickWidth - px * 0.3, line),
                   Qt::AlignRight | Qt::AlignVCenter, QString::number(q));
    }
    math.drawTextLine(&p, tr("keys: training inputs"), QStringLiteral("x_i,"), tr("sorted →"),
                      QPointF(area.left(), cells.bottom() + line * 1.6), font(), kTextColor);
    p.save();
    p.translate(area.left(), cells.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-cells.height() / 2 - px * 4, 0, cells.height() + px * 8, line), Qt::AlignHCenter | Qt::AlignTop,
               tr("← queries x"));
    p.restore();

    // Colour bar with its two ends labelled.
    const QRectF bar(cells.right() + px, cells.top(), px * 0.9, cells.height());
    QLinearGradient g(bar.bottomLeft(), bar.topLeft());
    for (int i = 0; i <= 8; ++i) {
        g.setColorAt(i / 8.0, colorAt(ColorMap::Viridis, i / 8.0));
    }
    p.fillRect(bar, g);
    p.setPen(kTextColor);
    p.drawText(QRectF(bar.right() + px * 0.3, bar.top() - line / 2 + px * 0.5, barLabel + px, line),
               Qt::AlignLeft | Qt::AlignVCenter, maxText);
    p.drawText(QRectF(bar.right() + px * 0.3, bar.bottom() - line / 2 - px * 0.5, barLabel + px, line),
               Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("0"));
}

} // namespace attn
