#pragma once

#include "core/attentionselection.h"
#include "views/headviewlayout.h"

#include <QColor>
#include <QImage>
#include <QLineF>
#include <QPalette>
#include <vector>

class QPainter;

namespace attn {

// One coloured layer of lines in the head view: a head, or an aggregate drawn as one.
struct HeadLines
{
    AttentionMap map; // (queries, keys); every entry of a view has the same size and labels
    QString name;     // "H3", "mean"
    QColor color;
};

// A line the head view draws: from query token to key token, opacity = weight.
// A line to tokens scrolled out of sight stands for all of them (a bundle): it ends at the edge of the visible
// rows, query or key is -1 on the hidden side, count says how many token pairs it stands for and weight is the sum
// of their weights (at most 1): for a query, the share of its attention that goes off screen.
struct DrawnLine
{
    int head = 0; // index into the view's heads
    int query = 0;
    int key = 0;
    float weight = 0.0f;
    QLineF line; // widget coordinates
    int count = 1;
    bool isBundle() const { return query < 0 || key < 0; }
};

// The categorical colour of head i (a 12-colour palette, varied in lightness beyond it).
QColor headLineColor(int head);

// What the head view shows for a selection: every head of the layer in its colour, or the aggregate in grey.
std::vector<HeadLines> headLinesFor(const AttentionSet& set, const AttentionSelection& selection);

// Computes and paints what the head view shows in a band of visible rows: the lines between visible tokens, the
// bundles to tokens above and below it, the labels, the focus tints. Cost grows with the visible rows times the
// tokens, not with the square of the tokens.
class HeadViewPainter
{
public:
    static constexpr float kFaintest = 1.0f / 255.0f; // a line this faint draws nothing
    // More single lines than this in one frame and the faintest are left out (they would only grey the area).
    static constexpr int kLineBudget = 6000;

    HeadViewPainter(const HeadViewLayout& layout, const std::vector<HeadLines>& heads,
                    const std::vector<bool>& enabled);

    // The lines shown for a focus (side 0 none, 1 query, 2 key) when the rows between top and bottom are visible
    // (rows count as visible when their centre is). dropped: single lines left out by the budget.
    std::vector<DrawnLine> lines(int focusSide, int focusIndex, double top, double bottom,
                                 int* dropped = nullptr) const;

    // The lines rasterised into a transparent image covering target (widget coordinates) at a device pixel ratio.
    static QImage rasterise(const std::vector<DrawnLine>& lines, const std::vector<HeadLines>& heads,
                            const QRect& target, qreal dpr, int width, bool antialias);
    // The lines as vector strokes (SVG, PDF, recording devices).
    static void drawVector(QPainter& p, const std::vector<DrawnLine>& lines, const std::vector<HeadLines>& heads,
                           int width);

    struct LabelStyle
    {
        QPalette palette;
        QString title;
        double width = 0.0; // the widget's width
        int minPx = 0;
    };
    // Title, swatches and the labels of the rows between top and bottom.
    void paintLabels(QPainter& p, const LabelStyle& style, double top, double bottom) const;
    // "▲ 1,024 tokens above" / "▼ ... below" at the edges of the line area when rows are scrolled out of sight.
    void paintEdgeMarks(QPainter& p, const LabelStyle& style, double top, double bottom) const;
    // The focused token and, on the other side, how much weight each visible token gets from it (max over heads).
    void paintFocusTints(QPainter& p, const QColor& mark, int focusSide, int focusIndex, double top,
                         double bottom) const;

private:
    const HeadViewLayout& m_layout;
    const std::vector<HeadLines>& m_heads;
    const std::vector<bool>& m_enabled;
};

} // namespace attn
