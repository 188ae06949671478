#pragma once

#include "views/presentable.h"

#include <QColor>
#include <QPointF>
#include <QString>
#include <QWidget>
#include <vector>

namespace attn {

// A 2-D plane with arrows from the origin: the query, the keys (and values when they differ) can be dragged by
// their tips; output vectors (one per scoring function) are drawn dashed and cannot be dragged. The scoring lab
// uses it for two-dimensional examples. Presentable: every label at least a pixel size and 4.5:1 on white, the
// square shrunk to leave room for the title and the legend.
class VectorPlane : public QWidget, public Presentable
{
    Q_OBJECT
public:
    enum class Kind
    {
        Query,
        Key,
        Value,
        Output
    };
    struct Arrow
    {
        Kind kind = Kind::Key;
        int index = 0; // key, value or output number
        QPointF tip;   // plane coordinates
        QString label;
        QColor color;
        bool emphasised = false; // drawn thicker (the selected function's output)
    };

    explicit VectorPlane(QWidget* parent = nullptr);

    // Replaces every arrow. Fits the visible range to them unless a drag is under way (so the plane does not
    // move under the mouse).
    void setArrows(std::vector<Arrow> arrows);
    const std::vector<Arrow>& arrows() const { return m_arrows; }
    // Half the width of the visible square, in plane units.
    double extent() const { return m_extent; }
    void setTitle(const QString& title);
    void setMinimumTextPixels(int px) override;

    // Widget position of an arrow's tip, or (-1, -1) when there is no such arrow (tests drag with it).
    QPoint tipPosition(Kind kind, int index) const;
    QPointF toPlane(const QPointF& widgetPos) const;
    QPointF toWidget(const QPointF& planePos) const;

    QSize sizeHint() const override { return {460, 460}; }
    QSize minimumSizeHint() const override { return {260, 260}; }

Q_SIGNALS:
    // A draggable arrow moved to pos (plane coordinates).
    void arrowMoved(attn::VectorPlane::Kind kind, int index, QPointF pos);
    void dragFinished();

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    void fitExtent();
    QRectF plotRect() const;
    QString legendText() const;
    // A font of the plane's normal pixel size, at least the presentation size.
    QFont sized(int normalPx) const;
    int arrowAt(const QPointF& widgetPos) const;

    std::vector<Arrow> m_arrows;
    QString m_title;
    double m_extent = 2.0;
    int m_dragging = -1; // index into m_arrows
    int m_hover = -1;
    int m_minPx = 0;
};

} // namespace attn
