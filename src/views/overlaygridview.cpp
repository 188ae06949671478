#include "views/overlaygridview.h"

#include "views/exporter.h"
#include "views/presenttext.h"

#include <QMouseEvent>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace attn {

namespace {

constexpr int kMargin = 8;
constexpr int kLabelHeight = 36;
constexpr int kTitleHeight = 28;

} // namespace

OverlayGridView::OverlayGridView(QWidget* parent) : QWidget(parent)
{
    setMinimumSize(240, 160);
}

void OverlayGridView::setImage(const QImage& image)
{
    m_image = image;
    rebuildLayers();
}

void OverlayGridView::setCaption(const CaptionResult& caption)
{
    m_caption = caption;
    m_selected = std::min(m_selected, caption.steps() - 1);
    rebuildLayers();
}

void OverlayGridView::setStyle(const OverlayStyle& style)
{
    m_style = style;
    rebuildLayers();
}

void OverlayGridView::setSelectedWord(int index)
{
    m_selected = index;
    update();
}

void OverlayGridView::setColumns(int columns)
{
    m_columns = std::max(0, columns);
    update();
}

void OverlayGridView::setMinimumTextPixels(int px)
{
    m_minPx = std::max(0, px);
    update();
}

QFont OverlayGridView::titleFont() const
{
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 1.15);
    return atLeastPixels(f, m_minPx);
}

QFont OverlayGridView::wordFont() const
{
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 1.15);
    f.setBold(true);
    return atLeastPixels(f, m_minPx);
}

QFont OverlayGridView::betaFont() const
{
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 1.15 * 0.75);
    return atLeastPixels(f, m_minPx);
}

int OverlayGridView::titleHeight() const
{
    return m_minPx > 0 ? std::max(kTitleHeight, QFontMetrics(titleFont()).height() + 8) : kTitleHeight;
}

int OverlayGridView::wordHeight() const
{
    return m_minPx > 0 ? QFontMetrics(wordFont()).height() + 2 : kLabelHeight / 2;
}

int OverlayGridView::labelHeight() const
{
    return m_minPx > 0 ? wordHeight() + QFontMetrics(betaFont()).height() + 2 : kLabelHeight;
}

void OverlayGridView::rebuildLayers()
{
    m_layers.clear();
    if (!m_image.isNull()) {
        // Tiles are small: a layer of the tile's size is plenty.
        const QSize mapSize = m_image.size().boundedTo(QSize(160, 160));
        for (int t = 0; t < m_caption.steps(); ++t) {
            m_layers.push_back(
                attentionLayer(displayedGrid(m_caption.alphas[size_t(t)], m_style, t), mapSize, m_style));
        }
    }
    update();
}

int OverlayGridView::columnCount() const
{
    const int tiles = m_caption.steps() + 1;
    if (m_columns > 0) {
        return std::min(m_columns, tiles);
    }
    // The column count that gives the largest tiles in this area (fewer columns on a tie): a wide, short strip
    // under the overlays gets one or two long rows, a tall export the paper's short rows.
    int best = 1;
    int bestSide = 0;
    for (int cols = 1; cols <= tiles; ++cols) {
        const int side = tileSide(cols);
        if (side > bestSide) {
            best = cols;
            bestSide = side;
        }
    }
    return best;
}

int OverlayGridView::tileSide(int cols) const
{
    const int rows = (m_caption.steps() + 1 + cols - 1) / cols;
    const int w = (width() - kMargin * (cols + 1)) / cols;
    const int h = (height() - titleHeight() - kMargin * (rows + 1)) / rows - labelHeight();
    return std::max(16, std::min(w, h));
}

QRect OverlayGridView::tileRect(int index) const
{
    const int cols = columnCount();
    const int side = tileSide(cols);
    const int slot = index + 1;
    const int row = slot / cols;
    const int col = slot % cols;
    const int pitch = tilePitch(cols, side);
    const int usedWidth = cols * pitch - kMargin;
    const int x0 = std::max(kMargin, (width() - usedWidth) / 2) + (pitch - kMargin - side) / 2;
    return QRect(x0 + col * pitch, titleHeight() + kMargin + row * (side + labelHeight() + kMargin), side, side);
}

int OverlayGridView::tilePitch(int columns, int side) const
{
    if (m_minPx == 0) {
        return side + kMargin;
    }
    const QFontMetrics metrics(wordFont());
    int widest = metrics.horizontalAdvance(tr("(image)"));
    for (const QString& word : m_caption.words) {
        widest = std::max(widest, metrics.horizontalAdvance(word));
    }
    return std::max(side + kMargin, std::min((width() - kMargin) / std::max(1, columns), widest + kMargin));
}

void OverlayGridView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().window());
    painter.setPen(palette().windowText().color());
    if (m_image.isNull()) {
        painter.drawText(rect(), Qt::AlignCenter, tr("Open an image to see where the captioner looks"));
        return;
    }
    painter.setFont(titleFont());
    const QString title = m_caption.steps() > 0 ? m_caption.sentence() : tr("No caption yet");
    const int titleWidth = width() - 2 * kMargin;
    painter.drawText(QRect(kMargin, 0, titleWidth, titleHeight()), Qt::AlignCenter,
                     m_minPx > 0 ? QFontMetrics(titleFont()).elidedText(title, Qt::ElideRight, titleWidth) : title);
    const QFont words = wordFont();
    const QFont betas = betaFont();
    for (int t = -1; t < m_caption.steps(); ++t) {
        const QRect tile = tileRect(t);
        // The tile shows the whole crop square; the image is already the model's view.
        paintOverlay(painter, tile, m_image, t >= 0 && size_t(t) < m_layers.size() ? m_layers[size_t(t)] : QImage());
        if (t == m_selected && t >= 0) {
            painter.save();
            painter.setPen(QPen(palette().highlight().color(), 3));
            painter.drawRect(tile.adjusted(-2, -2, 1, 1));
            painter.restore();
        }
        // Labels may use the pitch beside the tile; what still does not fit is elided, never cut.
        const int pitch = tilePitch(columnCount(), tile.width());
        const QRect label(tile.left() - (pitch - tile.width()) / 2, tile.bottom() + 2, pitch, wordHeight());
        const auto drawLabel = [&](const QFont& font, const QRect& box, const QString& text) {
            painter.setFont(font);
            painter.drawText(box, Qt::AlignCenter, QFontMetrics(font).elidedText(text, Qt::ElideRight, box.width()));
        };
        drawLabel(words, label, t < 0 ? tr("(image)") : m_caption.words[t]);
        if (t >= 0) {
            const double beta = double(m_caption.betas[size_t(t)]);
            const QFontMetrics metrics(betas);
            const QString full = QStringLiteral("\u03b2 = %1").arg(beta, 0, 'f', 2);
            QRect betaBox = label.translated(0, wordHeight());
            betaBox.setHeight(labelHeight() - wordHeight());
            drawLabel(betas, betaBox,
                      metrics.horizontalAdvance(full) <= label.width() ? full : QString::number(beta, 'f', 2));
        }
    }
}

void OverlayGridView::mousePressEvent(QMouseEvent* event)
{
    for (int t = 0; t < m_caption.steps(); ++t) {
        if (tileRect(t).adjusted(0, 0, 0, labelHeight()).contains(event->position().toPoint())) {
            setSelectedWord(t);
            Q_EMIT wordClicked(t);
            return;
        }
    }
    QWidget::mousePressEvent(event);
}

void OverlayGridView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    update();
}

bool OverlayGridView::exportTo(const QString& path, QString* error)
{
    return exportWidget(this, path, error);
}

} // namespace attn
