#pragma once

#include "core/attentionset.h"
#include "views/colormaps.h"
#include "views/presentable.h"

#include <QImage>
#include <QWidget>
#include <memory>
#include <vector>

namespace attn {

// Every head of every layer of one kind of attention as a grid of heatmap thumbnails (layers down, heads across).
// Hovering names the head; clicking one emits headActivated so the head and matrix views can open it.
// Below a readable thumbnail size the view asks for more room (put it in a scroll area). Presentable: the title and
// the layer and head names at least a pixel size, their margins grown to fit.
class ModelGridView : public QWidget, public Presentable
{
    Q_OBJECT
public:
    explicit ModelGridView(QWidget* parent = nullptr);
    ~ModelGridView() override;

    // block: (layers, heads, queries, keys). Shared, not copied.
    void setBlock(std::shared_ptr<const AttentionBlock> block);
    void setBlock(const AttentionBlock& block);
    void clear();
    void setColorMap(ColorMap map);
    void setTitle(const QString& title);
    void setSelected(int layer, int head);
    void setMinimumTextPixels(int px) override;
    int minimumTextPixels() const { return m_minPx; }

    int layers() const;
    int heads() const;
    int selectedLayer() const { return m_selLayer; }
    int selectedHead() const { return m_selHead; }
    int hoveredLayer() const { return m_hoverLayer; }
    int hoveredHead() const { return m_hoverHead; }
    // A thumbnail's cell in widget coordinates, and the cell at a position as (layer, head) or (-1, -1).
    QRect cellRect(int layer, int head) const;
    std::pair<int, int> cellAt(const QPoint& pos) const;
    // The thumbnail image of one head (queries tall, keys wide, one pixel per weight, or max-pooled when there
    // are more tokens than the cell has pixels).
    QImage thumbnail(int layer, int head) const;

    // Rebuilds every thumbnail and paints now (what the benchmark measures).
    void redraw();
    bool exportTo(const QString& path, QString* error = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void headActivated(int layer, int head);
    void headHovered(int layer, int head);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    void rebuildThumbnails();
    double cellSize() const;
    QPointF gridOrigin() const;
    // The text font and the room its labels take (the layout constants when not presenting).
    QFont textFont() const;
    double titleHeight() const;
    double rowHeader() const;
    double colHeader() const;
    double minCell() const;

    std::shared_ptr<const AttentionBlock> m_block;
    std::vector<QImage> m_thumbs;
    double m_thumbCell = 0.0; // the cell size the thumbnails were pooled for
    QString m_title;
    ColorMap m_colorMap = ColorMap::Viridis;
    int m_selLayer = -1;
    int m_selHead = -1;
    int m_hoverLayer = -1;
    int m_hoverHead = -1;
    int m_minPx = 0;
};

} // namespace attn
