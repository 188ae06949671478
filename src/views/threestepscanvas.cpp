#include "views/threestepscanvas.h"

#include "views/formulalayout.h"
#include "views/labstyle.h"

#include <QFontInfo>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace attn {

namespace {

const QColor kText(25, 25, 25);      // 16:1 on white
const QColor kMutedText(80, 80, 80); // 8:1 on white: steps still to come
const QColor kActiveTint(222, 235, 247);
const QColor kRowTint(255, 241, 204);
const QColor kGrid(228, 228, 228);

// Okabe-Ito colours, one per key (cycled); yellow is left out because it vanishes on white.
QColor keyColor(int i)
{
    static const QColor kColors[] = {QColor(0, 114, 178),   QColor(213, 94, 0),  QColor(0, 158, 115),
                                     QColor(204, 121, 167), QColor(230, 159, 0), QColor(86, 180, 233),
                                     QColor(90, 90, 90)};
    return kColors[i % 7];
}

// Draws a formula followed by plain text, centred on leftMid's height; returns the width (a null painter measures).
double drawLabel(QPainter* p, const FormulaLayout& math, const QString& formula, const QString& text, QPointF leftMid,
                 const QFont& font, const QColor& color)
{
    return math.drawTextLine(p, {}, formula, text, leftMid, font, color);
}

QString indexed(const char* letter, int i)
{
    return QStringLiteral("%1_{%2}").arg(QLatin1String(letter)).arg(i);
}

double clamp01(double v)
{
    return std::clamp(v, 0.0, 1.0);
}

double smooth(double f)
{
    return f * f * (3.0 - 2.0 * f);
}

void drawArrow(QPainter& p, QPointF from, QPointF to, const QColor& color, double width)
{
    const QPointF d = to - from;
    const double len = std::hypot(d.x(), d.y());
    if (len < 1.0) {
        return;
    }
    const QPointF u = d / len;
    const QPointF nrm(-u.y(), u.x());
    const double head = std::min(width * 4.5, len * 0.5);
    p.setPen(QPen(color, width, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(from, to - u * head * 0.7);
    QPainterPath tip;
    tip.moveTo(to);
    tip.lineTo(to - u * head + nrm * head * 0.45);
    tip.lineTo(to - u * head - nrm * head * 0.45);
    tip.closeSubpath();
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawPath(tip);
    p.setBrush(Qt::NoBrush);
}

} // namespace

ThreeStepsCanvas::ThreeStepsCanvas(QWidget* parent) : QWidget(parent)
{
    setAutoFillBackground(true);
    QPalette pal = palette();
    pal.setColor(QPalette::Window, Qt::white);
    setPalette(pal);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ThreeStepsCanvas::setData(ThreeStepsData data)
{
    m_data = std::move(data);
    update();
}

void ThreeStepsCanvas::setStage(double stage)
{
    m_stage = std::clamp(stage, 0.0, 3.0);
    update();
}

double ThreeStepsCanvas::scoreProgress(int key) const
{
    return clamp01(m_stage * double(m_data.scores.size()) - key);
}

double ThreeStepsCanvas::weightProgress() const
{
    return smooth(clamp01(m_stage - 1.0));
}

double ThreeStepsCanvas::sumProgress(int key) const
{
    return clamp01((m_stage - 2.0) * double(m_data.weights.size()) - key);
}

void ThreeStepsCanvas::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setFont(font());
    const QFontMetricsF fm(font());
    const double px = QFontInfo(font()).pixelSize();
    const double line = fm.height();
    QFont bold = font();
    bold.setBold(true);

    if (!m_data.error.isEmpty() || m_data.scores.size() == 0) {
        p.setPen(QColor(160, 0, 0));
        p.drawText(rect().adjusted(int(px), int(px), -int(px), -int(px)), Qt::AlignCenter | Qt::TextWordWrap,
                   m_data.error.isEmpty() ? tr("No keys to attend to.") : m_data.error);
        return;
    }
    const int n = int(m_data.scores.size());
    const bool plane = m_data.values.cols() == 2;

    p.setPen(kText);
    QString info = tr("query q = %1    scoring function: %2").arg(formatLabVector(m_data.query), m_data.functionName);
    if (m_data.temperature != 1.0) {
        info += tr("    temperature T = %1").arg(formatLabNumber(m_data.temperature));
    }
    p.drawText(QRectF(0, 0, width(), line * 1.2), Qt::AlignLeft | Qt::AlignVCenter, info);

    // Labels with scripts are set as formulas: the letters a quarter larger than the text, the scripts at the
    // text's size, so no script is smaller than the text around it (presentation mode's minimum).
    const FormulaLayout math(px * 1.25, px, font().family());
    const QString titles[3] = {tr("Score"), tr("Normalise"), tr("Weighted sum")};
    const QString formulas[3] = {QStringLiteral("s_i = ") + m_data.scoreFormula, m_data.normaliserFormula,
                                 QStringLiteral("o = \\sum_i \\alpha_i v_i")};
    FormulaLayout::Box formulaBoxes[3];
    double formulaHeight = 0.0;
    for (int c = 0; c < 3; ++c) {
        formulaBoxes[c] = math.layoutSource(formulas[c]);
        formulaHeight = std::max(formulaHeight, formulaBoxes[c].height());
    }

    // Columns: key labels, scores, weights, then the sum (a plane for 2-D values, terms as numbers otherwise).
    const double headerTop = line * 1.4;
    const double headerHeight = line * 1.1 + formulaHeight + px * 0.3;
    const double rowsTop = headerTop + headerHeight + px * 0.3;
    const double rowsBottom = height() - line * 1.5;
    const double rowHeight = (rowsBottom - rowsTop) / n;
    const bool stacked = rowHeight >= line * 2.6; // room for the key and its value on two lines
    double labelWidth = 0.0;
    for (int i = 0; i < n; ++i) {
        labelWidth =
            std::max(labelWidth, drawLabel(nullptr, math, indexed("k", i),
                                           formatLabVector(m_data.keys.row(i).transpose()), {}, font(), kText));
        if (stacked) {
            labelWidth =
                std::max(labelWidth, drawLabel(nullptr, math, indexed("v", i),
                                               formatLabVector(m_data.values.row(i).transpose()), {}, font(), kText));
        }
    }
    labelWidth += px * 1.5;
    // The steps' columns are equal, but one is as wide as its title and formula when the others keep theirs (a narrow
    // view gives the plane less first); else a formula is cut at its column's edge.
    double need[3];
    for (int c = 0; c < 3; ++c) {
        need[c] = std::max(formulaBoxes[c].width, QFontMetricsF(bold).horizontalAdvance(titles[c])) + px * 0.9;
    }
    double planeSide = plane ? std::max(0.0, std::min(width() * 0.36, rowsBottom - rowsTop)) : 0.0;
    if (plane) {
        const double spare = width() - px * 1.5 - labelWidth - need[0] - need[1];
        planeSide = std::min(planeSide, std::max(spare, std::max(need[2], px * 8.0)));
    }
    const double leftWidth = width() - (plane ? planeSide + px * 1.5 : 0.0);
    const int columns = plane ? 2 : 3;
    const double equal = std::max(px * 4, (leftWidth - labelWidth) / columns);
    double colWidth[3] = {equal, equal, equal};
    double wider = 0.0; // what the columns whose formula is wider than an equal share take beyond it
    int others = 0;
    for (int c = 0; c < columns; ++c) {
        wider += std::max(0.0, need[c] - equal);
        others += need[c] <= equal ? 1 : 0;
    }
    if (wider > 0.0 && others > 0) {
        const double rest = equal - wider / others;
        bool fits = true;
        for (int c = 0; c < columns; ++c) {
            fits = fits && (need[c] > equal || need[c] <= rest);
        }
        for (int c = 0; fits && c < columns; ++c) {
            colWidth[c] = need[c] > equal ? need[c] : rest;
        }
    }
    const double colX[3] = {labelWidth, labelWidth + colWidth[0],
                            plane ? leftWidth + px * 1.5 : labelWidth + colWidth[0] + colWidth[1]};
    const double colW[3] = {colWidth[0] - px * 0.6, colWidth[1] - px * 0.6, plane ? planeSide : colWidth[2] - px * 0.6};

    // Headers: the step's name and its formula; the running step is tinted, steps to come are muted.
    const int active = m_stage >= 3.0 ? -1 : int(std::floor(m_stage));
    for (int c = 0; c < 3; ++c) {
        const QRectF header(colX[c] - px * 0.3, headerTop, colW[c] + px * 0.6, headerHeight);
        if (c == active) {
            p.fillRect(header, kActiveTint);
        }
        const QColor color = c > active && active >= 0 ? kMutedText : kText;
        p.setPen(color);
        p.setFont(bold);
        p.drawText(header.adjusted(px * 0.3, 0, 0, 0), Qt::AlignLeft | Qt::AlignTop, titles[c]);
        p.setFont(font());
        // A formula wider than its column is cut at the column's edge rather than drawn over the next one.
        p.save();
        p.setClipRect(header);
        FormulaLayout::paint(p, formulaBoxes[c],
                             QPointF(header.left() + px * 0.3, header.top() + line * 1.1 + formulaBoxes[c].ascent),
                             color);
        p.restore();
    }

    const double numberWidth = fm.horizontalAdvance(QStringLiteral("−00.00")) + px * 0.4;
    const double maxAbsScore = std::max(m_data.scores.cwiseAbs().maxCoeff(), 1e-12);
    const bool hasNegative = m_data.scores.minCoeff() < 0.0;
    const bool hasPositive = m_data.scores.maxCoeff() > 0.0;
    for (int i = 0; i < n; ++i) {
        const double top = rowsTop + i * rowHeight;
        const double mid = top + rowHeight / 2;
        const double barHeight = std::min(rowHeight * 0.55, px * 1.3);
        // The row being worked on is tinted, so the eye follows the animation.
        const bool current = (m_stage < 1.0 && scoreProgress(i) > 0.0 && scoreProgress(i) < 1.0) ||
                             (m_stage >= 2.0 && m_stage < 3.0 && sumProgress(i) > 0.0 && sumProgress(i) < 1.0);
        if (current) {
            p.fillRect(QRectF(0, top, leftWidth, rowHeight), kRowTint);
        }
        p.fillRect(QRectF(0, mid - px * 0.35, px * 0.3, px * 0.7), keyColor(i));
        const QString key = formatLabVector(m_data.keys.row(i).transpose());
        if (stacked) {
            const QString value = formatLabVector(m_data.values.row(i).transpose());
            drawLabel(&p, math, indexed("k", i), key, QPointF(px * 0.5, mid - line * 0.68), font(), kText);
            drawLabel(&p, math, indexed("v", i), value, QPointF(px * 0.5, mid + line * 0.68), font(), kText);
        } else {
            drawLabel(&p, math, indexed("k", i), key, QPointF(px * 0.5, mid), font(), kText);
        }

        // Score bar from a zero line (in the middle when scores take both signs), its number just past its end.
        const bool both = hasNegative && hasPositive;
        const double barSpan = colW[0] - (both ? 2 : 1) * numberWidth;
        const double zeroX = colX[0] + (both ? numberWidth + barSpan / 2 : hasNegative ? numberWidth + barSpan : 0.0);
        const double scale = (both ? barSpan / 2 : barSpan) / maxAbsScore;
        p.setPen(QPen(QColor(150, 150, 150), 1));
        p.drawLine(QPointF(zeroX, top + rowHeight * 0.15), QPointF(zeroX, top + rowHeight * 0.85));
        const double f = scoreProgress(i);
        if (f > 0.0) {
            const double len = m_data.scores(i) * scale * smooth(f);
            p.fillRect(QRectF(std::min(zeroX, zeroX + len), mid - barHeight / 2, std::abs(len), barHeight),
                       keyColor(i));
            p.setPen(kText);
            const double end = zeroX + len;
            p.drawText(len >= 0 ? QRectF(end + px * 0.3, mid - line / 2, numberWidth, line)
                                : QRectF(end - px * 0.3 - numberWidth, mid - line / 2, numberWidth, line),
                       (len >= 0 ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter,
                       formatLabNumber(m_data.scores(i)));
        }
        // Weight bar: the full column is weight 1, so bars compare across queries.
        const double g = weightProgress();
        const double weightSpan = colW[1] - numberWidth;
        p.setPen(QPen(QColor(150, 150, 150), 1));
        p.drawLine(QPointF(colX[1], top + rowHeight * 0.15), QPointF(colX[1], top + rowHeight * 0.85));
        if (g > 0.0) {
            const double len = m_data.weights(i) * weightSpan * g;
            p.fillRect(QRectF(colX[1], mid - barHeight / 2, len, barHeight), keyColor(i));
            p.setPen(kText);
            p.drawText(QRectF(colX[1] + len + px * 0.3, mid - line / 2, numberWidth, line),
                       Qt::AlignLeft | Qt::AlignVCenter, formatLabNumber(m_data.weights(i)));
        }
    }
    if (plane) {
        paintPlane(p, math, QRectF(colX[2], rowsTop, planeSide, planeSide));
    } else {
        paintTerms(p, math, QRectF(colX[2], rowsTop, colW[2], rowsBottom - rowsTop), rowsTop, rowHeight);
    }

    // Footer: the running sum while step three runs, the output when it is done.
    Eigen::VectorXd partial = Eigen::VectorXd::Zero(m_data.output.size());
    for (int i = 0; i < n; ++i) {
        partial += sumProgress(i) * m_data.weights(i) * m_data.values.row(i).transpose();
    }
    const QPointF footer(0, rowsBottom + line * 0.8);
    if (m_stage >= 3.0) {
        p.setFont(bold);
        p.setPen(kText);
        const double w = QFontMetricsF(bold).horizontalAdvance(tr("output")) + px * 0.5;
        p.drawText(QPointF(0, footer.y() + (fm.ascent() - fm.descent()) / 2), tr("output"));
        drawLabel(&p, math, QStringLiteral("o ="), formatLabVector(m_data.output, 2, 8), footer + QPointF(w, 0), bold,
                  kText);
    } else if (m_stage > 2.0) {
        p.setFont(bold);
        p.setPen(kText);
        p.drawText(QPointF(0, footer.y() + (fm.ascent() - fm.descent()) / 2),
                   tr("sum so far = %1").arg(formatLabVector(partial, 2, 8)));
    }
}

void ThreeStepsCanvas::paintPlane(QPainter& p, const FormulaLayout& math, const QRectF& area)
{
    const double px = QFontInfo(font()).pixelSize();
    const int n = int(m_data.weights.size());
    // Fit the values, every partial sum and the output.
    double extent = 1.0;
    Eigen::Vector2d sum = Eigen::Vector2d::Zero();
    for (int i = 0; i < n; ++i) {
        const Eigen::Vector2d v = m_data.values.row(i).transpose();
        sum += m_data.weights(i) * v;
        extent = std::max({extent, std::abs(v.x()), std::abs(v.y()), std::abs(sum.x()), std::abs(sum.y())});
    }
    // Tight, so that the weighted values (shorter than the values) are not lost in empty space.
    extent *= 1.18;
    const double gridStep = extent > 4.0 ? 1.0 : 0.5;
    const QRectF r = area.adjusted(px * 0.8, px * 0.2, -px * 0.2, -px * 0.8);
    auto map = [&](const Eigen::Vector2d& v) {
        return QPointF(r.center().x() + v.x() / extent * r.width() / 2,
                       r.center().y() - v.y() / extent * r.height() / 2);
    };
    p.setPen(QPen(kGrid, 1));
    for (double g = -std::floor(extent / gridStep) * gridStep; g <= extent + 1e-9; g += gridStep) {
        p.drawLine(map({g, -extent}), map({g, extent}));
        p.drawLine(map({-extent, g}), map({extent, g}));
    }
    p.setPen(QPen(QColor(140, 140, 140), 1.5));
    p.drawLine(map({-extent, 0}), map({extent, 0}));
    p.drawLine(map({0, -extent}), map({0, extent}));

    // The values themselves, thin and pale: what each weight scales.
    QFont labelFont = font();
    const QFontMetricsF fm(labelFont);
    for (int i = 0; i < n; ++i) {
        const Eigen::Vector2d v = m_data.values.row(i).transpose();
        QColor c = keyColor(i);
        c.setAlpha(120);
        drawArrow(p, map({0, 0}), map(v), c, std::max(1.5, px * 0.07));
        const QPointF tip = map(v);
        const Eigen::Vector2d dir = v.norm() > 1e-9 ? Eigen::Vector2d(v / v.norm()) : Eigen::Vector2d(1, 0);
        const QPointF at = tip + QPointF(dir.x(), -dir.y()) * px * 1.1;
        const double w = drawLabel(nullptr, math, indexed("v", i), {}, {}, labelFont, kText);
        // Kept inside the plane's square, so a value pointing at the edge keeps its label readable.
        const QPointF place(std::clamp(at.x() - w / 2, area.left(), area.right() - w),
                            std::clamp(at.y(), area.top() + px * 0.8, area.bottom() - px * 0.8));
        drawLabel(&p, math, indexed("v", i), {}, place, labelFont, kText);
    }
    // Head to tail: each weighted value starts where the previous one ended.
    Eigen::Vector2d start = Eigen::Vector2d::Zero();
    for (int i = 0; i < n; ++i) {
        const double h = sumProgress(i);
        if (h <= 0.0) {
            break;
        }
        const Eigen::Vector2d step = m_data.weights(i) * m_data.values.row(i).transpose();
        drawArrow(p, map(start), map(start + h * step), keyColor(i), std::max(3.0, px * 0.18));
        start += h * step;
    }
    if (m_stage >= 3.0) {
        const Eigen::Vector2d o = m_data.output;
        drawArrow(p, map({0, 0}), map(o), kText, std::max(3.5, px * 0.22));
        const QPointF tip = map(o);
        drawLabel(&p, math, QStringLiteral("o"), {}, tip + QPointF(px * 0.4, -px * 0.6), labelFont, kText);
    }
}

void ThreeStepsCanvas::paintTerms(QPainter& p, const FormulaLayout& math, const QRectF& area, double rowTop,
                                  double rowHeight)
{
    const QFontMetricsF fm(font());
    p.setPen(kText);
    for (int i = 0; i < int(m_data.weights.size()); ++i) {
        if (sumProgress(i) <= 0.0) {
            break;
        }
        const Eigen::VectorXd term = m_data.weights(i) * m_data.values.row(i).transpose();
        const double mid = rowTop + (i + 0.5) * rowHeight;
        const QString formula = QStringLiteral("\\alpha_{%1} v_{%1} =").arg(i);
        const double lead = drawLabel(nullptr, math, formula, QStringLiteral(" "), {}, font(), kText);
        p.save();
        p.setClipRect(area.adjusted(0, -rowHeight, 0, rowHeight));
        drawLabel(&p, math, formula, fm.elidedText(formatLabVector(term), Qt::ElideRight, area.width() - lead),
                  QPointF(area.left(), mid), font(), kText);
        p.restore();
    }
}

} // namespace attn
