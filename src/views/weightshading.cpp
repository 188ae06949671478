#include "views/weightshading.h"

#include "views/colormaps.h"
#include "views/presenttext.h"

#include <QFontMetricsF>
#include <QLinearGradient>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace attn {

namespace {

// The first fifth of the scale fades from white into viridis' yellow, so that the many small weights of a long text
// stay pale and the few large ones stand out.
constexpr double kWhiteEnd = 0.2;

QColor mix(const QColor& a, const QColor& b, double f)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * f), float(a.greenF() + (b.greenF() - a.greenF()) * f),
                            float(a.blueF() + (b.blueF() - a.blueF()) * f));
}

bool isPunctuation(const QString& token)
{
    if (token.isEmpty()) {
        return false;
    }
    for (const QChar c : token) {
        if (!c.isPunct()) {
            return false;
        }
    }
    // An opening bracket or quote belongs to the next word, not the last one.
    return token != QLatin1String("(") && token != QLatin1String("\"") && token != QLatin1String("'");
}

} // namespace

QColor weightShade(double t)
{
    t = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, 1.0);
    if (t < kWhiteEnd) {
        return mix(Qt::white, colorAt(ColorMap::Viridis, 1.0), t / kWhiteEnd);
    }
    return colorAt(ColorMap::Viridis, 1.0 - (t - kWhiteEnd) / (1.0 - kWhiteEnd));
}

std::vector<QRectF> WordFlow::layout(const QStringList& tokens, const QFont& font, double left, double top,
                                     double width, double* bottom)
{
    const QFontMetricsF fm(font);
    const double boxHeight = fm.height() + 2 * kPadY;
    const double space = std::max(4.0, fm.horizontalAdvance(QLatin1Char(' ')));
    std::vector<QRectF> boxes;
    boxes.reserve(size_t(tokens.size()));
    double x = left;
    double y = top;
    for (int i = 0; i < tokens.size(); ++i) {
        const double w = fm.horizontalAdvance(tokens[i]) + 2 * kPadX;
        const bool punctuation = isPunctuation(tokens[i]);
        const double gap = (i == 0 || punctuation) ? 0.0 : space;
        if (x > left && x + gap + w > left + width) {
            y += boxHeight + kLineGap;
            x = left;
            // A full stop never starts a line: the word before it comes down with it (when it was not alone).
            QRectF& before = boxes.back();
            if (punctuation && before.left() > left && before.width() + w <= width) {
                before.moveTopLeft(QPointF(left, y));
                x = before.right();
            }
        } else {
            x += (x > left ? gap : 0.0);
        }
        boxes.emplace_back(x, y, w, boxHeight);
        x += w;
    }
    if (bottom) {
        *bottom = tokens.isEmpty() ? top : y + boxHeight;
    }
    return boxes;
}

void paintShadedWord(QPainter& p, const QRectF& box, const QString& text, const QColor& background, const QFont& font)
{
    p.save();
    p.setPen(Qt::NoPen);
    p.setBrush(background);
    p.drawRect(box);
    p.setFont(font);
    p.setPen(inkOn(background));
    p.drawText(box, Qt::AlignCenter, text);
    p.restore();
}

double shadeLegendHeight(const QFont& font)
{
    return QFontMetricsF(font).height() + 2 * WordFlow::kPadY;
}

double paintShadeLegend(QPainter& p, const QRectF& box, double maxWeight, const QFont& font, const QString& caption)
{
    const QFontMetricsF fm(font);
    const QColor ink(25, 25, 25); // the classifier views paint on white
    p.save();
    p.setFont(font);
    p.setPen(ink);
    double x = box.left();
    const QString lo = QStringLiteral("0");
    const QString hi = QString::number(maxWeight, 'f', 2);
    const double h = box.height();
    const auto text = [&](const QString& s) {
        const double w = fm.horizontalAdvance(s);
        p.drawText(QRectF(x, box.top(), w + 2, h), Qt::AlignLeft | Qt::AlignVCenter, s);
        x += w + fm.horizontalAdvance(QLatin1Char(' '));
    };
    // The bar gives way when the box is narrow (side-by-side columns in presentation mode); the caption goes last.
    const double space = fm.horizontalAdvance(QLatin1Char(' '));
    const double numbers = fm.horizontalAdvance(lo) + fm.horizontalAdvance(hi) + 3 * space;
    double barWidth = std::max(80.0, 6 * fm.height());
    const bool withCaption = fm.horizontalAdvance(caption) + space + numbers + 40.0 <= box.width();
    const double room = box.width() - numbers - (withCaption ? fm.horizontalAdvance(caption) + space : 0.0);
    barWidth = std::max(24.0, std::min(barWidth, room));
    if (withCaption) {
        text(caption);
    }
    text(lo);
    QLinearGradient gradient(x, 0, x + barWidth, 0);
    for (int i = 0; i <= 10; ++i) {
        gradient.setColorAt(i / 10.0, weightShade(i / 10.0));
    }
    p.setBrush(gradient);
    p.setPen(QColor(120, 120, 120));
    p.drawRect(QRectF(x, box.top() + h * 0.2, barWidth, h * 0.6));
    x += barWidth + space;
    p.setPen(ink);
    text(hi);
    p.restore();
    return x - box.left();
}

} // namespace attn
