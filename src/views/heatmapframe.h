#pragma once

#include <QFont>
#include <QString>

class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QCPItemRect;
class QCPTextElement;

namespace attn {

// What a heatmap's plot draws around its cells: the axes (a box, rows down as matrices are read, slanted key
// labels), the title above (wrapped to the plot's width when presenting), the colour scale beside, which small
// multiples sharing one scale may leave out (then the cells get its width), and the hovered row and column outlined.
class HeatmapFrame
{
public:
    // The axes of a heatmap: a box, no grid or subticks, short ticks, the first row at the top.
    static void styleAxes(QCustomPlot* plot);
    // Adds the colour scale to plot, for map's colours, and the outlines (hidden).
    HeatmapFrame(QCustomPlot* plot, QCPColorMap* map);

    QCPColorScale* scale() const { return m_scale; }
    // The title in a row above the plot, bold and a point larger than font (the view's); wrapped when minPx > 0.
    void setTitle(const QString& title, const QFont& font, int minPx);
    // The title again for the plot's width (presenting, it wraps rather than being cut at its sides).
    void fitTitle(int minPx);
    // Puts the scale into the plot's layout or takes it out; false when it already was so.
    bool setScaleShown(bool shown);
    bool isScaleShown() const;
    // Every text of the plot at least px (the scale's too while it is left out), the bar as wide as its numbers.
    void present(int px);
    // What the labels, titles and scale take of the plot's width, laid out now at its current size.
    int decorationWidth() const;
    // Outlines row `row` and column `col` of a rows x cols matrix; hides the outlines when either is below 0.
    void outline(int row, int col, int rows, int cols);

private:
    QCPTextElement* titleElement() const;

    QCustomPlot* m_plot;
    QCPColorScale* m_scale;
    QCPItemRect* m_rowBand;
    QCPItemRect* m_colBand;
    QString m_title;
};

} // namespace attn
