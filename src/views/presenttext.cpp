#include "views/presenttext.h"

#include <QRegularExpression>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

namespace attn {

namespace {

// The fonts a plot object had before presentation mode grew them, kept on the object itself.
const char* const kBaseFont = "attnBaseFont";
const char* const kBaseSelectedFont = "attnBaseSelectedFont";
const char* const kBaseLabelFont = "attnBaseLabelFont";
const char* const kBaseSelectedLabelFont = "attnBaseSelectedLabelFont";

// Sets (font, selected font) of obj from the kept originals grown to px; px = 0 restores and forgets them.
template <typename Get, typename Set> void present(QObject* obj, const char* key, int px, Get get, Set set)
{
    const QVariant kept = obj->property(key);
    if (px <= 0) {
        if (kept.isValid()) {
            set(kept.value<QFont>());
            obj->setProperty(key, QVariant());
        }
        return;
    }
    const QFont base = kept.isValid() ? kept.value<QFont>() : get();
    if (!kept.isValid()) {
        obj->setProperty(key, QVariant::fromValue(base));
    }
    set(atLeastPixels(base, px));
}

void presentAxis(QCPAxis* axis, int px)
{
    present(
        axis, kBaseFont, px, [&] { return axis->tickLabelFont(); }, [&](const QFont& f) { axis->setTickLabelFont(f); });
    present(
        axis, kBaseSelectedFont, px, [&] { return axis->selectedTickLabelFont(); },
        [&](const QFont& f) { axis->setSelectedTickLabelFont(f); });
    present(
        axis, kBaseLabelFont, px, [&] { return axis->labelFont(); }, [&](const QFont& f) { axis->setLabelFont(f); });
    present(
        axis, kBaseSelectedLabelFont, px, [&] { return axis->selectedLabelFont(); },
        [&](const QFont& f) { axis->setSelectedLabelFont(f); });
}

void presentLayout(QCPLayout* layout, int px)
{
    for (int i = 0; i < layout->elementCount(); ++i) {
        QCPLayoutElement* e = layout->elementAt(i);
        if (!e) {
            continue;
        }
        if (auto* text = qobject_cast<QCPTextElement*>(e)) {
            present(
                text, kBaseFont, px, [&] { return text->font(); }, [&](const QFont& f) { text->setFont(f); });
            present(
                text, kBaseSelectedFont, px, [&] { return text->selectedFont(); },
                [&](const QFont& f) { text->setSelectedFont(f); });
        } else if (auto* scale = qobject_cast<QCPColorScale*>(e)) {
            presentAxis(scale->axis(), px);
        } else if (auto* legend = qobject_cast<QCPLegend*>(e)) {
            // The items first: the legend's setFont passes its font on to them.
            for (int j = 0; j < legend->itemCount(); ++j) {
                QCPAbstractLegendItem* item = legend->item(j);
                present(
                    item, kBaseFont, px, [&] { return item->font(); }, [&](const QFont& f) { item->setFont(f); });
                present(
                    item, kBaseSelectedFont, px, [&] { return item->selectedFont(); },
                    [&](const QFont& f) { item->setSelectedFont(f); });
            }
            present(
                legend, kBaseFont, px, [&] { return legend->font(); }, [&](const QFont& f) { legend->setFont(f); });
            present(
                legend, kBaseSelectedFont, px, [&] { return legend->selectedFont(); },
                [&](const QFont& f) { legend->setSelectedFont(f); });
        } else if (auto* rect = qobject_cast<QCPAxisRect*>(e)) {
            for (QCPAxis* axis : rect->axes()) {
                presentAxis(axis, px);
            }
            presentLayout(rect->insetLayout(), px);
        } else if (auto* inner = qobject_cast<QCPLayout*>(e)) {
            presentLayout(inner, px);
        }
    }
}

} // namespace

double fontPixels(const QFont& font)
{
    return font.pixelSize() > 0 ? font.pixelSize() : font.pointSizeF() * 96.0 / 72.0;
}

QFont atLeastPixels(const QFont& base, int px)
{
    if (px <= 0 || fontPixels(base) >= px) {
        return base;
    }
    QFont f = base;
    f.setPixelSize(px);
    return f;
}

double relativeLuminance(const QColor& c)
{
    const auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double contrastRatio(const QColor& a, const QColor& b)
{
    const double la = relativeLuminance(a), lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor inkOn(const QColor& background)
{
    return contrastRatio(Qt::black, background) >= contrastRatio(Qt::white, background) ? QColor(Qt::black)
                                                                                        : QColor(Qt::white);
}

QColor readableOn(const QColor& colour, const QColor& background, double ratio)
{
    if (contrastRatio(colour, background) >= ratio) {
        return colour;
    }
    // Towards black on light backgrounds, towards white on dark ones, in small steps of the mix.
    const QColor target = inkOn(background);
    for (int step = 1; step <= 20; ++step) {
        const double t = step / 20.0;
        const QColor c = QColor::fromRgbF(float(colour.redF() + (target.redF() - colour.redF()) * t),
                                          float(colour.greenF() + (target.greenF() - colour.greenF()) * t),
                                          float(colour.blueF() + (target.blueF() - colour.blueF()) * t));
        if (contrastRatio(c, background) >= ratio) {
            return c;
        }
    }
    return target;
}

void presentPlotText(QCustomPlot* plot, int px)
{
    presentLayout(plot->plotLayout(), px);
    for (int i = 0; i < plot->itemCount(); ++i) {
        if (auto* text = qobject_cast<QCPItemText*>(plot->item(i))) {
            present(
                text, kBaseFont, px, [&] { return text->font(); }, [&](const QFont& f) { text->setFont(f); });
            present(
                text, kBaseSelectedFont, px, [&] { return text->selectedFont(); },
                [&](const QFont& f) { text->setSelectedFont(f); });
        }
    }
}

QString wrapText(const QString& text, const QFont& font, int width)
{
    const QFontMetrics fm(font);
    if (fm.horizontalAdvance(text) <= width) {
        return text;
    }
    QStringList lines;
    QString line;
    for (const QString& word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString longer = line.isEmpty() ? word : line + QLatin1Char(' ') + word;
        if (!line.isEmpty() && fm.horizontalAdvance(longer) > width) {
            lines << line;
            line = word;
        } else {
            line = longer;
        }
    }
    lines << line;
    return lines.join(QLatin1Char('\n'));
}

QString presentRichText(const QString& html, int px)
{
    if (px <= 0) {
        return html;
    }
    // Qt draws sub- and superscripts at two thirds of the font size given to them.
    const QString sized = QStringLiteral("<\\1 style=\"font-size:%1px\">").arg(int(std::ceil(px * 1.5)));
    QString out = html;
    out.replace(QRegularExpression(QStringLiteral("<(sub|sup)>")), sized);
    return out;
}

} // namespace attn
