#pragma once

#include "core/attentionselection.h"
#include "views/headviewframe.h"
#include "views/headviewlayout.h"
#include "views/headviewpainter.h"
#include "views/presentable.h"

#include <QColor>
#include <QImage>
#include <QWidget>
#include <vector>

namespace attn {

// The Tensor2Tensor / BertViz picture: query tokens on the left, key tokens on the right, a line from every query
// to every key whose opacity is the weight, one colour per head. Swatches above toggle a head (click) or solo it
// (double click); hovering a token shows only its lines; clicking a query token keeps it selected. Long sentences
// get smaller labels, then a taller minimum size: put the view in a scroll area. It then paints only the rows in
// sight, and the lines to tokens scrolled away are bundled into one line per head and token ending at the edge
// (see DrawnLine). Presentable: labels, title and head names at least a pixel size, rows and swatches grown to fit.
class HeadView : public QWidget, public Presentable
{
    Q_OBJECT
public:
    enum class Side
    {
        None,
        Query,
        Key
    };

    explicit HeadView(QWidget* parent = nullptr);
    ~HeadView() override;

    // The categorical colour of head i (a 12-colour palette, varied in lightness beyond it).
    static QColor headColor(int head);

    void setHeads(std::vector<HeadLines> heads);
    // Every head of one layer of a block, coloured by headColor.
    void setLayer(const AttentionBlock& block, int layer);
    void setTitle(const QString& title);
    QString title() const { return m_title; }
    void setMinimumTextPixels(int px) override;
    int minimumTextPixels() const { return m_minPx; }
    void clear();

    int headCount() const { return int(m_heads.size()); }
    int queryCount() const { return m_queries; }
    int keyCount() const { return m_keys; }
    QStringList queryLabels() const { return m_queryLabels; }
    QStringList keyLabels() const { return m_keyLabels; }
    bool isHeadEnabled(int head) const;
    void setHeadEnabled(int head, bool enabled);
    // Only this head on; soloing the only visible head turns every head back on.
    void soloHead(int head);

    // The token whose lines are shown alone (hover first, else the selection), or Side::None.
    Side focusSide() const;
    int focusIndex() const;
    void setHoveredToken(Side side, int index);
    void setSelectedQuery(int query); // -1 clears
    int selectedQuery() const { return m_selected; }

    // Geometry, in widget coordinates.
    QRectF queryRect(int query) const { return m_layout.queryRect(query); }
    QRectF keyRect(int key) const { return m_layout.keyRect(key); }
    QRectF swatchRect(int head) const { return m_layout.swatchRect(head); }
    const HeadViewLayout& layout() const { return m_layout; }
    // Which token is at a position.
    std::pair<Side, int> tokenAt(const QPointF& pos) const;
    // The swatch at a position (on the header that stays at the top while scrolled, if it shows), or -1.
    int swatchAt(const QPointF& pos) const;
    // The part of the view in sight (inside a scroll area: the viewport's part; otherwise the whole view).
    QRect visibleFrame() const;
    // The height of the header (title, swatches) kept at the top of the frame once the view is scrolled, or 0.
    double stickyHeaderHeight() const;
    // Where lines go: the visible frame below the sticky header; lines to rows outside it are bundled at its edges.
    QRectF lineFrame() const;
    // The first visible row and the end of the visible rows (those whose centre is in sight).
    std::pair<int, int> visibleRows() const;

    // The single lines drawn now (both tokens in sight, or from the focused token), with their weights; lines too
    // faint to see are left out, and in a crowded frame the faintest beyond HeadViewPainter::kLineBudget.
    std::vector<DrawnLine> drawnLines() const;
    // The bundles drawn now: lines to tokens scrolled out of sight, one per head, token and edge.
    std::vector<DrawnLine> drawnBundles() const;
    // The strongest drawn line of the enabled heads from a query token, or a line with head -1.
    DrawnLine strongestLineFrom(int query) const;

    // PNG, SVG or PDF by extension, exactly as shown.
    bool exportTo(const QString& path, QString* error = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void tokenHovered(attn::HeadView::Side side, int index);
    void querySelected(int query);
    void headsChanged();

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void moveEvent(QMoveEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    void relayout();
    void invalidateCaches();
    std::vector<DrawnLine> allDrawn() const;
    double stickyHeaderHeight(const QRect& frame) const;
    int lineWidth(bool focus) const;

    std::vector<HeadLines> m_heads;
    std::vector<bool> m_enabled;
    QStringList m_queryLabels;
    QStringList m_keyLabels;
    QString m_title;
    int m_queries = 0;
    int m_keys = 0;
    Side m_hoverSide = Side::None;
    int m_hoverIndex = -1;
    int m_selected = -1;
    int m_minPx = 0;
    HeadViewLayout m_layout;
    HeadViewFrame m_frame; // paints the part in sight, with its caches
};

} // namespace attn

Q_DECLARE_METATYPE(attn::HeadView::Side)
