#pragma once

#include <QFont>
#include <QPointF>
#include <QString>
#include <QWidget>
#include <algorithm>

class QPainter;

namespace attn {

// What the classifier views of shaded words (HighlightTextView, DocumentView, PairView) share: their text font (the
// widget's, at least 16 px, and at least the presentation size), a bold title that wraps rather than being cut, and
// tooltips asked from toolTipAt() (none shown where it is empty).
class WordView : public QWidget
{
public:
    explicit WordView(QWidget* parent = nullptr);

    // The tooltip at a widget position, or an empty string for none.
    virtual QString toolTipAt(const QPointF& pos) const = 0;

protected:
    bool event(QEvent* event) override;

    // The presentation size the fonts grow to (0: normal).
    void setPresentationPixels(int px) { m_presentPx = std::max(0, px); }
    int presentationPixels() const { return m_presentPx; }
    QFont textFont() const;
    QFont titleFont() const;
    // The height of title in titleFont() wrapped into width.
    double titleHeight(const QString& title, double width) const;
    // title in titleFont() and the views' ink, wrapped into box from its top left.
    void paintTitle(QPainter& p, const QRectF& box, const QString& title) const;

private:
    int m_presentPx = 0;
};

} // namespace attn
