#pragma once

#include <QColor>
#include <QFont>
#include <QString>

class QCustomPlot;

namespace attn {

// Helpers for views that implement Presentable: text at least a pixel size, colours of at least 4.5:1 contrast
// (WCAG 2), and QCustomPlot's many fonts.

// The pixel height a font is drawn at (point sizes at 96 dpi, as on the screens this targets).
double fontPixels(const QFont& font);
// base, grown to at least px pixels; px <= 0 returns base unchanged (never shrinks a larger font).
QFont atLeastPixels(const QFont& base, int px);

// WCAG 2 relative luminance and contrast ratio.
double relativeLuminance(const QColor& c);
double contrastRatio(const QColor& a, const QColor& b);
// Black or white, whichever reads better on background (at least 4.58:1 whatever the background).
QColor inkOn(const QColor& background);
// colour darkened (or lightened, on dark backgrounds) just enough for ratio against background: the hue stays.
QColor readableOn(const QColor& colour, const QColor& background, double ratio = 4.5);

// Every text of a plot at least px pixels: axes (tick labels and labels, colour scales' too), text elements
// such as titles, the legend and its items, text items. The fonts before the first call are kept on the objects
// and px = 0 puts them back. Does not replot.
void presentPlotText(QCustomPlot* plot, int px);

// text broken into lines (at spaces) no wider than width in font; a word wider than width keeps its own line.
QString wrapText(const QString& text, const QFont& font, int width);

// Rich text for a label shown at px pixels: <sub> and <sup> runs, which Qt draws at two thirds of their font size,
// are given one and a half times px. px <= 0: html unchanged.
QString presentRichText(const QString& html, int px);

} // namespace attn
