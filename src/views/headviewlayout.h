#pragma once

#include <QFont>
#include <QRectF>
#include <QStringList>
#include <utility>

namespace attn {

// Where the head view puts things: the title, the head swatches, the query column on the left, the key column on
// the right and the line area between them, one row per token. Pure geometry (no widget): the view recomputes it
// on resize and new data, its painter and the tests read it.
class HeadViewLayout
{
public:
    static constexpr double kMargin = 8.0;
    static constexpr double kMinRowHeight = 11.0; // below this, labels stop being readable: grow and scroll instead
    static constexpr double kSwatchSize = 16.0;
    static constexpr double kSwatchGap = 34.0; // a swatch plus its "H11" label

    struct Input
    {
        QSizeF size;
        QFont font;    // the widget's font
        int minPx = 0; // Presentable's minimum text pixels (0: normal sizes)
        bool hasTitle = false;
        QString title; // presenting, wrapped over the lines the width needs
        int queries = 0;
        int keys = 0;
        QStringList queryLabels;
        QStringList keyLabels;
        QStringList headNames;
    };

    void update(const Input& in);

    // Fonts of the title, the head names and the token labels (before shrinking to the rows).
    QFont titleFont() const;
    QFont swatchFont() const;
    QFont tokenFont() const;
    // The token labels' font after shrinking to the rows.
    QFont labelFont() const { return m_labelFont; }
    double titleHeight() const;
    // The smallest row that keeps the labels readable, and the height the view needs for every row at that size.
    double minimumRowHeight() const;
    double minimumHeight() const;

    int rows() const { return std::max(m_in.queries, m_in.keys); }
    double rowHeight() const { return m_rowHeight; }
    double rowCentre(int row) const { return m_top + (row + 0.5) * m_rowHeight; }
    // The rows a vertical span [top, bottom) touches, as [first, end), clamped to the rows that exist.
    std::pair<int, int> rowsIn(double top, double bottom) const;
    // The rows whose centre lies in [top, bottom): the rows counted as in sight.
    std::pair<int, int> rowsCentredIn(double top, double bottom) const;
    // The title and the swatches: what stays on top of a scrolled frame.
    double headerHeight() const { return m_swatchTop + m_swatchSize + 6.0; }
    double lineLeft() const { return m_lineLeft; }
    double lineRight() const { return m_lineRight; }
    double swatchTop() const { return m_swatchTop; }
    double swatchSize() const { return m_swatchSize; }
    double swatchGap() const { return m_swatchGap; }

    QRectF queryRect(int query) const;
    QRectF keyRect(int key) const;
    QRectF swatchRect(int head) const;
    // Which side and token is at a position: side 0 none, 1 query, 2 key; and which swatch, or -1.
    std::pair<int, int> tokenAt(const QPointF& pos) const;
    int swatchAt(const QPointF& pos) const;

private:
    void updateSwatchSize();

    Input m_in;
    QFont m_labelFont;
    double m_top = 0.0;
    double m_rowHeight = 0.0;
    double m_leftX = 0.0; // left edge of the query column
    double m_colWidth = 0.0;
    double m_lineLeft = 0.0;
    double m_lineRight = 0.0;
    double m_swatchTop = 0.0;
    double m_swatchSize = kSwatchSize;
    double m_swatchGap = kSwatchGap;
};

} // namespace attn
