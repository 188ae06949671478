#pragma once

#include "core/formula.h"

#include <QFont>
#include <QPainterPath>
#include <QPointF>
#include <QString>

#include <utility>
#include <vector>

class QPainter;

namespace attn {

// A formula tree (core/formula.h) laid out as boxes in the way printed maths is set: fractions stacked on the
// maths axis, scripts raised and lowered at a smaller size (never below a minimum pixel size, so a projected
// formula stays readable), limits over and under sums, brackets and root signs drawn to the height of what they
// hold. Coordinates are in pixels with the origin on the baseline at the left edge.
class FormulaLayout
{
public:
    struct Text
    {
        QPointF pos; // baseline start
        QString text;
        QFont font;
    };
    struct Box
    {
        double width = 0.0;
        double ascent = 0.0;  // above the baseline
        double descent = 0.0; // below the baseline
        std::vector<Text> texts;
        std::vector<std::pair<QPainterPath, double>> strokes; // bars, root signs and brackets, with pen widths

        double height() const { return ascent + descent; }
        // Adds other with its origin at (dx, dy) from this box's origin (does not change the extent).
        void place(const Box& other, double dx, double dy);
    };

    // pixelSize: the size of the formula's main text; minimumPixelSize: the smallest any script may become.
    FormulaLayout(double pixelSize, double minimumPixelSize, QString family = {});

    // Lays out the whole formula. When maxWidth > 0 and the formula is wider, its top-level row is broken into
    // lines at \quad spaces (and, if still too wide, after top-level commas), as a textbook breaks a display.
    Box layout(const FormulaNode& root, double maxWidth = 0.0) const;
    // Parses source (the notation of core/formula.h) and lays out what parsed. Views use it for labels with
    // scripts ("k_0", "\\alpha(x, x_i)"), so subscripts keep a readable size instead of Unicode's tiny ones.
    Box layoutSource(const QString& source, double maxWidth = 0.0) const;

    // One line of text with a formula in it, centred on leftMid's height: prefix (plain text in font), the formula
    // (notation, at this layout's sizes), then suffix. Returns the width; with a null painter it only measures.
    double drawTextLine(QPainter* painter, const QString& prefix, const QString& formula, const QString& suffix,
                        QPointF leftMid, const QFont& font, const QColor& color) const;

    static void paint(QPainter& painter, const Box& box, QPointF baselineOrigin, const QColor& color);
    // The smallest pixel size of any text in the box (0 for a box without text).
    static double smallestPixelSize(const Box& box);

private:
    Box node(const FormulaNode& n, double size, bool bold) const;
    Box row(const std::vector<FormulaNode>& items, double size, bool bold) const;
    Box text(const QString& s, double size, bool italic, bool bold) const;
    Box fraction(const FormulaNode& n, double size, bool bold) const;
    Box root(const FormulaNode& n, double size, bool bold) const;
    Box scripts(const FormulaNode& n, double size, bool bold) const;
    Box bigOperator(const QString& glyph, double size) const;
    Box fenced(const FormulaNode& n, double size, bool bold) const;
    double scriptSize(double size) const;
    double axis(double size) const; // height of the maths axis (fraction bars, the middle of brackets)
    QFont font(double size, bool italic, bool bold) const;

    double m_size;
    double m_minSize;
    QString m_family;
};

} // namespace attn
