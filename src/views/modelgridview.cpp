#include "views/modelgridview.h"

#include "views/exporter.h"
#include "views/presenttext.h"

#include <QCoreApplication>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <cmath>

namespace attn {

namespace {

constexpr double kMargin = 8.0;
constexpr double kRowHeader = 30.0; // "L11"
constexpr double kColHeader = 18.0; // "H11"
constexpr double kGap = 4.0;
constexpr double kMinCell = 36.0; // smaller thumbnails show nothing readable: scroll instead
constexpr double kMaxCell = 220.0;

QString tr(const char* text)
{
    return QCoreApplication::translate("attn::ModelGridView", text);
}

} // namespace

ModelGridView::ModelGridView(QWidget* parent) : QWidget(parent)
{
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(200, 160);
}

ModelGridView::~ModelGridView() = default;

void ModelGridView::setProvider(ThumbnailProvider provider, int layers, int heads, int queries, int keys)
{
    const bool valid = provider && layers > 0 && heads > 0 && queries > 0 && keys > 0;
    m_layers = valid ? layers : 0;
    m_heads = valid ? heads : 0;
    m_queries = valid ? queries : 0;
    m_keys = valid ? keys : 0;
    if (m_selLayer >= m_layers || m_selHead >= m_heads) {
        m_selLayer = m_selHead = -1;
    }
    m_hoverLayer = m_hoverHead = -1;
    m_thumbnails.reset(std::move(provider), m_layers, m_heads);
    m_layerNumbers.clear();
    setMinimumSize(minimumSizeHint()); // set, not only hinted: a surrounding scroll area scrolls
    updateGeometry();
    update();
}

void ModelGridView::setSource(std::shared_ptr<const AttentionSource> source, int block)
{
    if (!source) {
        clear();
        return;
    }
    const AttentionBlockInfo& info = source->blockInfo(block);
    setProvider([source, block](int layer, int head, int side,
                                PoolMode mode) { return source->pooled(block, layer, head, side, mode); },
                info.layers, info.heads, info.queries, info.keys);
}

void ModelGridView::setBlock(std::shared_ptr<const AttentionBlock> block)
{
    if (!block) {
        setProvider(nullptr, 0, 0, 0, 0);
        return;
    }
    // Pools straight from the block's rows: no copy of a head.
    setProvider([block](int layer, int head, int side,
                        PoolMode mode) { return HeadThumbnails::poolHead(*block, layer, head, side, mode); },
                block->layers, block->heads, block->queries, block->keys);
    m_layerNumbers = block->layerNumbers; // after setProvider, which forgets them
}

void ModelGridView::setBlock(const AttentionBlock& block)
{
    setBlock(std::make_shared<const AttentionBlock>(block));
}

void ModelGridView::clear()
{
    setProvider(nullptr, 0, 0, 0, 0);
}

void ModelGridView::setColorMap(ColorMap map)
{
    m_colorMap = map;
    m_thumbnails.invalidate();
    update();
}

void ModelGridView::setPoolMode(PoolMode mode)
{
    if (mode != m_poolMode) {
        m_poolMode = mode;
        m_thumbnails.invalidate();
        update();
    }
}

void ModelGridView::setTitle(const QString& title)
{
    m_title = title;
    update();
}

void ModelGridView::setSelected(int layer, int head)
{
    m_selLayer = layer;
    m_selHead = head;
    update();
}

void ModelGridView::setMinimumTextPixels(int px)
{
    px = std::max(0, px);
    if (px == m_minPx) {
        return;
    }
    m_minPx = px;
    setMinimumSize(minimumSizeHint());
    updateGeometry();
    update();
}

QFont ModelGridView::textFont() const
{
    return atLeastPixels(font(), m_minPx);
}

double ModelGridView::titleHeight() const
{
    if (m_title.isEmpty()) {
        return 0.0;
    }
    if (m_minPx == 0) {
        return fontMetrics().height() + 4;
    }
    QFont bold = textFont();
    bold.setBold(true);
    // Presenting, the title wraps over as many lines as the width needs (a 4:3 projector cut its last words off).
    const int w = std::max(1, width() - 2 * int(kMargin));
    return QFontMetrics(bold)
               .boundingRect(QRect(0, 0, w, 100000), Qt::AlignHCenter | Qt::TextWordWrap, m_title)
               .height() +
           4;
}

double ModelGridView::rowHeader() const
{
    return m_minPx > 0 ? std::max(kRowHeader, QFontMetrics(textFont()).horizontalAdvance(QStringLiteral("L00")) + 8.0)
                       : kRowHeader;
}

double ModelGridView::colHeader() const
{
    return m_minPx > 0 ? std::max(kColHeader, QFontMetrics(textFont()).height() + 4.0) : kColHeader;
}

double ModelGridView::minCell() const
{
    // A cell at least as wide as its head's name, so the names never run into each other.
    return m_minPx > 0 ? std::max(kMinCell, QFontMetrics(textFont()).horizontalAdvance(QStringLiteral("H00")) + 6.0)
                       : kMinCell;
}

int ModelGridView::layerNumber(int row) const
{
    return row >= 0 && row < int(m_layerNumbers.size()) ? m_layerNumbers[std::size_t(row)] : row;
}

int ModelGridView::layers() const
{
    return m_layers;
}

int ModelGridView::heads() const
{
    return m_heads;
}

int ModelGridView::thumbnailSide() const
{
    // The cell's device pixels, at most the tokens (one pixel per weight). Exactly the pixels: a larger thumbnail
    // shrunk while drawing would skip rows, and with them the single hot cell max pooling keeps.
    const int px = std::max(1, int(cellSize() * devicePixelRatioF()));
    return std::min(px, std::max(m_queries, m_keys));
}

int ModelGridView::cachedThumbnails() const
{
    return m_thumbnails.cached();
}

const QImage& ModelGridView::thumbnailFor(int layer, int head) const
{
    return m_thumbnails.get(layer, head, thumbnailSide(), m_colorMap, m_poolMode);
}

double ModelGridView::cellSize() const
{
    if (layers() == 0) {
        return minCell();
    }
    const double w = (width() - 2 * kMargin - rowHeader()) / double(heads()) - kGap;
    const double h = (height() - 2 * kMargin - colHeader() - titleHeight()) / double(layers()) - kGap;
    return std::clamp(std::min(w, h), minCell(), kMaxCell);
}

QPointF ModelGridView::gridOrigin() const
{
    const double cell = cellSize();
    const double gridW = heads() * (cell + kGap);
    const double left = std::max(kMargin + rowHeader(), (width() - gridW + rowHeader()) / 2.0);
    return {left, kMargin + titleHeight() + colHeader()};
}

QRect ModelGridView::cellRect(int layer, int head) const
{
    const double cell = cellSize();
    const QPointF o = gridOrigin();
    return QRectF(o.x() + head * (cell + kGap), o.y() + layer * (cell + kGap), cell, cell).toRect();
}

std::pair<int, int> ModelGridView::cellAt(const QPoint& pos) const
{
    for (int l = 0; l < layers(); ++l) {
        for (int h = 0; h < heads(); ++h) {
            if (cellRect(l, h).contains(pos)) {
                return {l, h};
            }
        }
    }
    return {-1, -1};
}

QImage ModelGridView::thumbnail(int layer, int head) const
{
    return thumbnailFor(layer, head);
}

void ModelGridView::redraw()
{
    m_thumbnails.invalidate();
    repaint();
}

QSize ModelGridView::sizeHint() const
{
    return {800, 600};
}

QSize ModelGridView::minimumSizeHint() const
{
    return {int(2 * kMargin + rowHeader() + std::max(1, heads()) * (minCell() + kGap)),
            int(2 * kMargin + colHeader() + titleHeight() + std::max(1, layers()) * (minCell() + kGap))};
}

void ModelGridView::paintEvent(QPaintEvent* event)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base));
    p.setPen(palette().color(QPalette::Text));
    const QFont text = textFont();
    p.setFont(text);
    if (!m_title.isEmpty()) {
        QFont bold = text;
        bold.setBold(true);
        p.setFont(bold);
        const int w = width() - 2 * int(kMargin);
        p.drawText(QRect(int(kMargin), int(kMargin), w, int(titleHeight()) - 2),
                   m_minPx > 0 ? Qt::AlignHCenter | Qt::TextWordWrap : int(Qt::AlignHCenter), m_title);
        p.setFont(text);
    }
    if (m_layers == 0) {
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, tr("No attention to show yet."));
        return;
    }
    for (int h = 0; h < heads(); ++h) {
        const QRect r = cellRect(0, h);
        const int header = int(colHeader());
        p.drawText(QRect(r.left(), r.top() - header, r.width(), header), Qt::AlignCenter, QStringLiteral("H%1").arg(h));
    }
    for (int l = 0; l < layers(); ++l) {
        const QRect r0 = cellRect(l, 0);
        const int header = int(rowHeader());
        p.drawText(QRect(r0.left() - header - 2, r0.top(), header, r0.height()), Qt::AlignRight | Qt::AlignVCenter,
                   QStringLiteral("L%1").arg(layerNumber(l)));
        for (int h = 0; h < heads(); ++h) {
            const QRect r = cellRect(l, h);
            if (!event->rect().intersects(r.adjusted(-3, -3, 3, 3))) {
                continue;
            }
            p.drawImage(r, thumbnailFor(l, h)); // pooled on first paint, then cached
        }
    }
    const auto outline = [&](int l, int h, const QColor& c, double w) {
        if (l >= 0 && h >= 0) {
            p.setPen(QPen(c, w));
            p.setBrush(Qt::NoBrush);
            p.drawRect(QRectF(cellRect(l, h)).adjusted(-w / 2, -w / 2, w / 2, w / 2));
        }
    };
    outline(m_hoverLayer, m_hoverHead, palette().color(QPalette::Highlight), 2.0);
    outline(m_selLayer, m_selHead, QColor(230, 40, 40), 3.0);
}

void ModelGridView::mouseMoveEvent(QMouseEvent* event)
{
    const auto [l, h] = cellAt(event->position().toPoint());
    if (l != m_hoverLayer || h != m_hoverHead) {
        m_hoverLayer = l;
        m_hoverHead = h;
        update();
        Q_EMIT headHovered(l, h);
    }
    if (l >= 0) {
        QToolTip::showText(
            event->globalPosition().toPoint(),
            tr("Layer %1, head %2: click to open it in the head and matrix views").arg(layerNumber(l)).arg(h), this);
    }
}

void ModelGridView::mousePressEvent(QMouseEvent* event)
{
    const auto [l, h] = cellAt(event->position().toPoint());
    if (event->button() == Qt::LeftButton && l >= 0) {
        setSelected(l, h);
        Q_EMIT headActivated(l, h);
    }
}

void ModelGridView::leaveEvent(QEvent* event)
{
    QWidget::leaveEvent(event);
    if (m_hoverLayer >= 0) {
        m_hoverLayer = m_hoverHead = -1;
        update();
        Q_EMIT headHovered(-1, -1);
    }
}

bool ModelGridView::exportTo(const QString& path, QString* error)
{
    return exportWidget(this, path, error);
}

} // namespace attn
