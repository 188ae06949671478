#pragma once

#include "core/attentionset.h"
#include "core/attentionsource.h"
#include "views/colormaps.h"
#include "views/headthumbnails.h"
#include "views/presentable.h"

#include <Eigen/Core>
#include <QImage>
#include <QWidget>
#include <functional>
#include <memory>
#include <vector>

namespace attn {

// Every head of every layer of one kind of attention as a grid of heatmap thumbnails (layers down, heads across).
// Hovering names the head; clicking one emits headActivated so the head and matrix views can open it.
// Below a readable thumbnail size the view asks for more room (put it in a scroll area). Presentable: the title and
// the layer and head names at least a pixel size, their margins grown to fit.
// Long sequences: thumbnails come from a provider that pools a head into at most side x side blocks (max by
// default, or mean), asked only for the heads being painted and cached until the cell size changes
// (the cell's pixels), so the grid never holds full matrices and a repaint reuses what it has.
class ModelGridView : public QWidget, public Presentable
{
    Q_OBJECT
public:
    explicit ModelGridView(QWidget* parent = nullptr);
    ~ModelGridView() override;

    // A head pooled into at most maxSide rows and columns (AttentionSource::pooled's contract).
    using ThumbnailProvider = HeadThumbnails::Provider;
    void setProvider(ThumbnailProvider provider, int layers, int heads, int queries, int keys);
    // One block of a lazy source (its pooled(), which file sources compute while streaming the head).
    void setSource(std::shared_ptr<const AttentionSource> source, int block);
    // block: (layers, heads, queries, keys). Shared, not copied.
    void setBlock(std::shared_ptr<const AttentionBlock> block);
    void setBlock(const AttentionBlock& block);
    void clear();
    void setColorMap(ColorMap map);
    void setPoolMode(PoolMode mode);
    PoolMode poolMode() const { return m_poolMode; }
    void setTitle(const QString& title);
    void setSelected(int layer, int head);
    void setMinimumTextPixels(int px) override;
    int minimumTextPixels() const { return m_minPx; }

    int layers() const;
    int heads() const;
    // The model's number of a row (AttentionBlock::layerNumbers when only some layers were kept), as labelled.
    int layerNumber(int row) const;
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

    // Forgets every thumbnail, pools them again and paints now (the full-redraw benchmark).
    void redraw();
    // The thumbnails pooled so far (a repaint with them all cached asks the provider nothing).
    int cachedThumbnails() const;
    // How many times the provider was asked, since the data was set.
    int providerCalls() const { return m_thumbnails.providerCalls(); }
    // The side thumbnails are pooled to for the current cell size (its device pixels, at most the tokens).
    int thumbnailSide() const;
    bool exportTo(const QString& path, QString* error = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    // layer: the row (layerNumber(row) is the model's number).
    void headActivated(int layer, int head);
    void headHovered(int layer, int head);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    const QImage& thumbnailFor(int layer, int head) const;
    double cellSize() const;
    QPointF gridOrigin() const;
    // The text font and the room its labels take (the layout constants when not presenting).
    QFont textFont() const;
    double titleHeight() const;
    double rowHeader() const;
    double colHeader() const;
    double minCell() const;

    int m_layers = 0;
    std::vector<int> m_layerNumbers; // empty: rows are layers 0 to m_layers - 1
    int m_heads = 0;
    int m_queries = 0;
    int m_keys = 0;
    PoolMode m_poolMode = PoolMode::Max;
    mutable HeadThumbnails m_thumbnails; // pooled and coloured on first paint
    QString m_title;
    ColorMap m_colorMap = ColorMap::Viridis;
    int m_selLayer = -1;
    int m_selHead = -1;
    int m_hoverLayer = -1;
    int m_hoverHead = -1;
    int m_minPx = 0;
};

} // namespace attn
