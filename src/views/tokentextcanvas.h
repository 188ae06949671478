#pragma once

#include <QAbstractScrollArea>
#include <QColor>
#include <QRectF>
#include <QStringList>
#include <vector>

namespace attn {

// The text of a token text view: tokens flowing as paragraphs (wrapped at the width, a new paragraph at newline
// tokens), each on a box shaded by a weight in [0, 1]. Lays out once per width or font and paints only the lines
// in sight, so 4,096 tokens scroll like a short sentence. Hover and click report tokens; the owner sets the
// shading.
class TokenTextCanvas : public QAbstractScrollArea
{
    Q_OBJECT
public:
    explicit TokenTextCanvas(QWidget* parent = nullptr);

    void setTokens(const QStringList& tokens);
    int tokenCount() const { return int(m_tokens.size()); }
    // A token as a person reads it (trimmed display text; its index when that is empty).
    QString tokenText(int token) const;
    // What is drawn for a token: word-piece markers (Ġ, ▁) become spaces, newline tokens break the paragraph.
    static QString displayText(const QString& token);
    // shade: one value in [0, 1] per token (empty: none); the box's colour comes from the colour-blind-safe map
    // and the text is black or white on it (at least 4.5:1).
    void setShading(std::vector<float> shade);
    const std::vector<float>& shading() const { return m_shade; }
    // The token underlined as the pinned focus, or -1.
    void setMarked(int token);
    int marked() const { return m_marked; }
    void setTextPixels(int px); // 0: the widget's font
    QFont textFont() const;
    static QColor shadeColor(float shade);

    // Geometry in viewport coordinates (scroll applied), and the token at a viewport position or -1.
    QRectF tokenRect(int token) const;
    int tokenAt(const QPoint& viewportPos) const;
    // The tokens whose line is in sight now, as [first, end).
    std::pair<int, int> visibleTokens() const;
    void ensureVisible(int token);
    // How many token boxes the last paint drew (to check that only the lines in sight are painted).
    int lastPaintedCount() const { return m_lastPainted; }
    double documentHeight() const { return m_docHeight; }

Q_SIGNALS:
    void tokenHovered(int token); // -1 when the mouse leaves the tokens
    void tokenClicked(int token);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void relayout();
    int lineAt(double docY) const;

    QStringList m_tokens;
    QStringList m_display;
    std::vector<float> m_shade;
    std::vector<QRectF> m_rects;  // document coordinates
    std::vector<int> m_lineStart; // first token of each line
    std::vector<double> m_lineTop;
    double m_lineHeight = 0.0;
    double m_docHeight = 0.0;
    int m_marked = -1;
    int m_hover = -1;
    int m_px = 0;
    int m_lastPainted = 0;
    int m_laidOutWidth = -1;
};

} // namespace attn
