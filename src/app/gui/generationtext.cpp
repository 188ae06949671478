#include "gui/generationtext.h"

#include <QColor>
#include <algorithm>

namespace attn {

namespace {

QString escaped(const QString& label)
{
    QString text = label.toHtmlEscaped();
    text.replace(QLatin1Char('\n'), QStringLiteral("↵"));
    return text;
}

} // namespace

QString shadedGenerationHtml(const Generation& generation, int current, const std::function<float(int, int)>& weight,
                             ColorMap map)
{
    float rowMax = 1e-6f;
    for (int k = 0; k < current; ++k) {
        rowMax = std::max(rowMax, weight(current, k));
    }
    QString html;
    // Special tokens (BOS) have an empty piece: only the text's own tokens are written.
    for (int t = 0; t < int(generation.tokens.size()); ++t) {
        const QString label = escaped(generation.pieces.value(t));
        if (label.isEmpty()) {
            continue;
        }
        const bool prompt = t < generation.promptLength;
        if (t < current) {
            const float w = weight(current, t);
            const double a = double(w / rowMax);
            const QColor c = colorAt(map, double(w));
            const QColor mixed = QColor::fromRgbF(float(1.0 - a + a * c.redF()), float(1.0 - a + a * c.greenF()),
                                                  float(1.0 - a + a * c.blueF()));
            const QString ink = mixed.lightnessF() > 0.55 ? QStringLiteral("black") : QStringLiteral("white");
            html += QStringLiteral("<span style='background:%1;color:%2' title='%3'>%4</span>")
                        .arg(mixed.name(), ink, QString::number(double(w), 'f', 3), label);
        } else if (t == current) {
            html += QStringLiteral("<span style='font-weight:bold;text-decoration:underline'>%1</span>").arg(label);
        } else {
            html += QStringLiteral("<span style='color:%1'>%2</span>")
                        .arg(prompt ? QStringLiteral("#606060") : QStringLiteral("#a0a0a0"), label);
        }
    }
    return html.replace(QStringLiteral("  "), QStringLiteral("&nbsp; "));
}

} // namespace attn
