#pragma once

#include "views/imageoverlayview.h"
#include "views/presentable.h"

#include <QImage>
#include <QWidget>
#include <vector>

namespace attn {

// A Vision Transformer's attention from [CLS] over the patch grid, for every layer (rows, from 0) and head
// (columns, from 0), with a last column for the attention rollout through that layer. Each tile is scaled to its
// own maximum, as vit-explain draws its masks. Clicking a tile selects it (head -1: the rollout column).
// Presentable: the row and column labels at least a pixel size.
class VitHeadGridView : public QWidget, public Presentable
{
    Q_OBJECT
public:
    explicit VitHeadGridView(QWidget* parent = nullptr);

    void setImage(const QImage& image);
    // cls: (layers, heads, gridRows * gridCols), [CLS]'s weights over the patches, row-major over the grid;
    // rollout: (layers, gridRows * gridCols), the rollout through each layer (may be empty: no rollout column).
    void setMaps(int layers, int heads, int gridRows, int gridCols, std::vector<float> cls, std::vector<float> rollout);
    void setStyle(const OverlayStyle& style);
    void setSelected(int layer, int head);
    void setMinimumTextPixels(int px) override;

    int layers() const { return m_layers; }
    int heads() const { return m_heads; }
    int selectedLayer() const { return m_selLayer; }
    int selectedHead() const { return m_selHead; }
    // The tile of (layer, head), head -1 the rollout column, in widget coordinates (empty when there is none).
    QRect tileRect(int layer, int head) const;
    bool exportTo(const QString& path, QString* error);

    QSize sizeHint() const override { return {900, 420}; }

Q_SIGNALS:
    void tileClicked(int layer, int head);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    void rebuild();
    QFont labelFont() const;
    int columns() const { return m_heads + (m_rollout.empty() ? 0 : 1); }
    int side() const;
    int labelWidth() const;
    int labelHeight() const;

    QImage m_image;
    int m_layers = 0;
    int m_heads = 0;
    int m_rows = 0;
    int m_cols = 0;
    std::vector<float> m_cls;
    std::vector<float> m_rollout;
    OverlayStyle m_style;
    int m_selLayer = -1;
    int m_selHead = 0;
    int m_minPx = 0;
    std::vector<QImage> m_tiles; // (layers, columns)
};

} // namespace attn
