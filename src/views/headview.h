#pragma once

#include "core/attentionselection.h"
#include "views/presentable.h"

#include <QColor>
#include <QLineF>
#include <QPixmap>
#include <QWidget>
#include <functional>
#include <vector>

namespace attn {

// Layout constants shared by the head view's two source files.
namespace headviewlayout {
inline constexpr double kMargin = 8.0;
inline constexpr double kMinRowHeight = 11.0; // below this, labels stop being readable: grow and scroll instead
inline constexpr double kSwatchSize = 16.0;
inline constexpr double kSwatchGap = 34.0;        // a swatch plus its "H11" label
inline constexpr float kFaintest = 1.0f / 255.0f; // a line this faint draws nothing
} // namespace headviewlayout

// One coloured layer of lines in the head view: a head, or an aggregate drawn as one.
struct HeadLines
{
    AttentionMap map; // (queries, keys); every entry of a view has the same size and labels
    QString name;     // "H3", "mean"
    QColor color;
};

// A line the head view draws: from query token to key token, opacity = weight.
struct DrawnLine
{
    int head = 0; // index into the view's heads
    int query = 0;
    int key = 0;
    float weight = 0.0f;
    QLineF line; // widget coordinates
};

// The Tensor2Tensor / BertViz picture: query tokens on the left, key tokens on the right, a line from every query
// to every key whose opacity is the weight, one colour per head. Swatches above toggle a head (click) or solo it
// (double click); hovering a token shows only its lines; clicking a query token keeps it selected. Long sentences
// get smaller labels, then a taller minimum size (put the view in a scroll area). Presentable: labels, title and
// head names at least a pixel size, rows and swatches grown to fit them.
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
    QRectF queryRect(int query) const;
    QRectF keyRect(int key) const;
    QRectF swatchRect(int head) const;
    // Which token is at a position.
    std::pair<Side, int> tokenAt(const QPointF& pos) const;
    int swatchAt(const QPointF& pos) const;

    // The lines drawn now (what the picture shows), with their weights; lines too faint to see are left out.
    std::vector<DrawnLine> drawnLines() const;
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
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    void relayout();
    void invalidateCaches();
    void paintLabels(QPainter& p) const;
    void paintLines(QPainter& p, bool focusOnly, const QRectF& clip) const;
    void forEachLine(const std::function<void(int head, int q, int k, float w)>& visit) const;
    double minimumRowHeight() const;
    // Fonts of the title, the head names and the token labels (before shrinking to the rows).
    QFont titleFont() const;
    QFont swatchFont() const;
    QFont tokenFont() const;
    double titleHeight() const;
    void updateSwatchSize();

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
    // Layout, recomputed on resize and new data.
    QFont m_labelFont;
    double m_top = 0.0;
    double m_rowHeight = 0.0;
    double m_leftX = 0.0; // left edge of the query column
    double m_colWidth = 0.0;
    double m_lineLeft = 0.0;
    double m_lineRight = 0.0;
    double m_swatchTop = 0.0;
    double m_swatchSize = headviewlayout::kSwatchSize;
    double m_swatchGap = headviewlayout::kSwatchGap;
    // Caches: labels and swatches; every line of every enabled head (drawn when nothing has focus).
    mutable QPixmap m_labelCache;
    mutable QPixmap m_allLinesCache;
};

// What the head view shows for a selection: every head of the layer in its colour, or the aggregate in grey.
std::vector<HeadLines> headLinesFor(const AttentionSet& set, const AttentionSelection& selection);

} // namespace attn

Q_DECLARE_METATYPE(attn::HeadView::Side)
