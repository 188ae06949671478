#pragma once

#include <QColor>
#include <QFont>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <vector>

class QPainter;

namespace attn {

// Shading of words by attention weight, shared by the classifier views (highlight, document, pair).
// t in [0, 1] runs from white through viridis reversed (yellow, green, blue, purple): lightness falls monotonically,
// so the order reads in grey and for every colour vision; the word's ink is black or white, whichever reaches
// 4.5:1 on its shade.
QColor weightShade(double t);

// Word boxes of tokens flowed into lines like a paragraph, from (left, top), no wider than width (a word wider than
// width keeps its own line). Punctuation tokens sit against the word before them. *bottom receives the y below the
// last line. Box = text advance plus padding around it.
struct WordFlow
{
    static constexpr double kPadX = 4.0;
    static constexpr double kPadY = 4.0; // room for the shade all round the text, also when read at 22 px
    static constexpr double kLineGap = 4.0;
    static std::vector<QRectF> layout(const QStringList& tokens, const QFont& font, double left, double top,
                                      double width, double* bottom);
};

// One shaded word: its box filled with background and its text in the ink that reads on it.
void paintShadedWord(QPainter& p, const QRectF& box, const QString& text, const QColor& background, const QFont& font);

// A small colour bar from 0 to maxWeight with its two end labels, drawn in box (height = the font's line).
// Returns the width used.
double paintShadeLegend(QPainter& p, const QRectF& box, double maxWeight, const QFont& font, const QString& caption);
// The height paintShadeLegend needs for font.
double shadeLegendHeight(const QFont& font);

} // namespace attn
