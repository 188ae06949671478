#include "views/vitheadgridview.h"

#include "views/exporter.h"
#include "views/presenttext.h"

#include <QMouseEvent>
#include <QPainter>
#include <algorithm>

namespace attn {

namespace {

constexpr int kMargin = 6;
constexpr int kGap = 3;
constexpr int kMaxTileLayer = 96; // pixels of each tile's attention layer (tiles are small)

} // namespace

VitHeadGridView::VitHeadGridView(QWidget* parent) : QWidget(parent)
{
    setMinimumSize(240, 160);
}

void VitHeadGridView::setImage(const QImage& image)
{
    m_image = image;
    rebuild();
}

void VitHeadGridView::setMaps(int layers, int heads, int gridRows, int gridCols, std::vector<float> cls,
                              std::vector<float> rollout)
{
    m_layers = layers;
    m_heads = heads;
    m_rows = gridRows;
    m_cols = gridCols;
    m_cls = std::move(cls);
    m_rollout = std::move(rollout);
    rebuild();
}

void VitHeadGridView::setStyle(const OverlayStyle& style)
{
    m_style = style;
    m_style.display = AttentionDisplay::Soft;
    rebuild();
}

void VitHeadGridView::setSelected(int layer, int head)
{
    m_selLayer = layer;
    m_selHead = head;
    update();
}

void VitHeadGridView::setMinimumTextPixels(int px)
{
    m_minPx = std::max(0, px);
    update();
}

void VitHeadGridView::rebuild()
{
    m_tiles.clear();
    const int cells = m_rows * m_cols;
    if (m_image.isNull() || cells == 0 || m_cls.size() != std::size_t(m_layers) * m_heads * cells) {
        update();
        return;
    }
    const QSize mapSize = m_image.size().scaled(kMaxTileLayer, kMaxTileLayer, Qt::KeepAspectRatio);
    const auto layerOf = [&](const float* map) {
        Eigen::MatrixXf grid(m_rows, m_cols);
        for (int r = 0; r < m_rows; ++r) {
            for (int c = 0; c < m_cols; ++c) {
                grid(r, c) = map[r * m_cols + c];
            }
        }
        return attentionLayer(grid, mapSize, m_style);
    };
    for (int l = 0; l < m_layers; ++l) {
        for (int h = 0; h < m_heads; ++h) {
            m_tiles.push_back(layerOf(m_cls.data() + (std::size_t(l) * m_heads + h) * cells));
        }
        if (!m_rollout.empty()) {
            m_tiles.push_back(layerOf(m_rollout.data() + std::size_t(l) * cells));
        }
    }
    update();
}

QFont VitHeadGridView::labelFont() const
{
    return atLeastPixels(font(), m_minPx);
}

int VitHeadGridView::labelWidth() const
{
    return QFontMetrics(labelFont()).horizontalAdvance(tr("layer %1").arg(std::max(0, m_layers - 1))) + kMargin;
}

int VitHeadGridView::labelHeight() const
{
    return QFontMetrics(labelFont()).height() + 2;
}

int VitHeadGridView::side() const
{
    const int cols = std::max(1, columns());
    const int rows = std::max(1, m_layers);
    const int w = (width() - 2 * kMargin - labelWidth() - (cols - 1) * kGap) / cols;
    const int h = (height() - 2 * kMargin - labelHeight() - (rows - 1) * kGap) / rows;
    return std::max(8, std::min(w, h));
}

QRect VitHeadGridView::tileRect(int layer, int head) const
{
    const int column = head < 0 ? m_heads : head;
    if (layer < 0 || layer >= m_layers || column >= columns() || (head < 0 && m_rollout.empty())) {
        return {};
    }
    const int s = side();
    const int usedWidth = labelWidth() + columns() * s + (columns() - 1) * kGap;
    const int x0 = std::max(kMargin, (width() - usedWidth) / 2) + labelWidth();
    // The rollout column stands a little apart: it is not a head.
    const int extra = head < 0 ? kGap * 2 : 0;
    return QRect(x0 + column * (s + kGap) + extra, kMargin + labelHeight() + layer * (s + kGap), s, s);
}

void VitHeadGridView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().window());
    painter.setPen(palette().windowText().color());
    painter.setFont(labelFont());
    if (m_image.isNull() || m_tiles.empty()) {
        painter.drawText(rect(), Qt::AlignCenter, tr("Open a ViT model folder and an image to see every head"));
        return;
    }
    const QFontMetrics metrics(labelFont());
    // "head 7" over every column when it fits; else the numbers, with "head" once in the corner.
    const int s = side();
    const bool fullLabels = metrics.horizontalAdvance(tr("head %1").arg(m_heads - 1)) <= s + kGap - 2;
    if (!fullLabels) {
        const QRect first = tileRect(0, 0);
        painter.drawText(QRect(first.left() - labelWidth(), kMargin, labelWidth() - kGap, labelHeight()),
                         Qt::AlignRight | Qt::AlignVCenter, tr("head"));
    }
    for (int c = 0; c < columns(); ++c) {
        const int head = c < m_heads ? c : -1;
        const QRect tile = tileRect(0, head);
        // The rollout column is the last: its label may run into the right margin.
        const QRect box(tile.left() - kGap / 2, kMargin, tile.width() + kGap + (head < 0 ? kMargin : 0), labelHeight());
        const QString text = head < 0 ? tr("rollout") : fullLabels ? tr("head %1").arg(head) : QString::number(head);
        painter.drawText(box, Qt::AlignCenter, metrics.elidedText(text, Qt::ElideRight, box.width()));
    }
    for (int l = 0; l < m_layers; ++l) {
        const QRect first = tileRect(l, 0);
        painter.drawText(QRect(first.left() - labelWidth(), first.top(), labelWidth() - kGap, first.height()),
                         Qt::AlignRight | Qt::AlignVCenter, tr("layer %1").arg(l));
        for (int c = 0; c < columns(); ++c) {
            const int head = c < m_heads ? c : -1;
            const QRect tile = tileRect(l, head);
            paintOverlay(painter, tile, m_image, m_tiles[std::size_t(l) * columns() + c]);
            if (l == m_selLayer && head == m_selHead) {
                painter.save();
                painter.setPen(QPen(palette().highlight().color(), 3));
                painter.drawRect(tile.adjusted(-2, -2, 1, 1));
                painter.restore();
            }
        }
    }
}

void VitHeadGridView::mousePressEvent(QMouseEvent* event)
{
    for (int l = 0; l < m_layers; ++l) {
        for (int c = 0; c < columns(); ++c) {
            const int head = c < m_heads ? c : -1;
            if (tileRect(l, head).contains(event->position().toPoint())) {
                setSelected(l, head);
                Q_EMIT tileClicked(l, head);
                return;
            }
        }
    }
    QWidget::mousePressEvent(event);
}

bool VitHeadGridView::exportTo(const QString& path, QString* error)
{
    return exportWidget(this, path, error);
}

} // namespace attn
