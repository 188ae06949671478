#include "views/headview.h"

#include "views/exporter.h"

#include <QCoreApplication>
#include <QMouseEvent>
#include <QPaintEngine>
#include <QPaintEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <cmath>

namespace attn {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("attn::HeadView", text);
}

} // namespace

HeadView::HeadView(QWidget* parent) : QWidget(parent)
{
    qRegisterMetaType<attn::HeadView::Side>();
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(260, 160);
    relayout();
}

HeadView::~HeadView() = default;

QColor HeadView::headColor(int head)
{
    return headLineColor(head);
}

void HeadView::setHeads(std::vector<HeadLines> heads)
{
    m_heads = std::move(heads);
    if (m_enabled.size() != m_heads.size()) {
        m_enabled.assign(m_heads.size(), true); // a new layer of the same model keeps the user's toggles
    }
    m_queries = m_heads.empty() ? 0 : m_heads.front().map.queries;
    m_keys = m_heads.empty() ? 0 : m_heads.front().map.keys;
    m_queryLabels = m_heads.empty() ? QStringList() : m_heads.front().map.queryLabels;
    m_keyLabels = m_heads.empty() ? QStringList() : m_heads.front().map.keyLabels;
    if (m_hoverIndex >= std::max(m_queries, m_keys)) {
        m_hoverSide = Side::None;
        m_hoverIndex = -1;
    }
    if (m_selected >= m_queries) {
        m_selected = -1;
    }
    relayout();
    // Set, not only hinted: a scroll area around the view then scrolls instead of squeezing the rows.
    setMinimumSize(minimumSizeHint());
    relayout();
    updateGeometry();
    update();
}

void HeadView::setLayer(const AttentionBlock& block, int layer)
{
    std::vector<HeadLines> heads;
    for (int h = 0; h < block.heads; ++h) {
        heads.push_back({headMap(block, layer, h), QStringLiteral("H%1").arg(h), headColor(h)});
    }
    setHeads(std::move(heads));
}

void HeadView::setTitle(const QString& title)
{
    m_title = title;
    relayout();
    setMinimumSize(minimumSizeHint());
    relayout();
    update();
}

void HeadView::clear()
{
    setHeads({});
}

bool HeadView::isHeadEnabled(int head) const
{
    return head >= 0 && head < int(m_enabled.size()) && m_enabled[std::size_t(head)];
}

void HeadView::setHeadEnabled(int head, bool enabled)
{
    if (head < 0 || head >= int(m_enabled.size()) || m_enabled[std::size_t(head)] == enabled) {
        return;
    }
    m_enabled[std::size_t(head)] = enabled;
    invalidateCaches();
    update();
    Q_EMIT headsChanged();
}

void HeadView::soloHead(int head)
{
    if (head < 0 || head >= int(m_enabled.size())) {
        return;
    }
    const bool alreadySolo = m_enabled[std::size_t(head)] && std::count(m_enabled.begin(), m_enabled.end(), true) == 1;
    for (std::size_t i = 0; i < m_enabled.size(); ++i) {
        m_enabled[i] = alreadySolo || int(i) == head;
    }
    invalidateCaches();
    update();
    Q_EMIT headsChanged();
}

HeadView::Side HeadView::focusSide() const
{
    if (m_hoverSide != Side::None) {
        return m_hoverSide;
    }
    return m_selected >= 0 ? Side::Query : Side::None;
}

int HeadView::focusIndex() const
{
    return m_hoverSide != Side::None ? m_hoverIndex : m_selected;
}

void HeadView::setHoveredToken(Side side, int index)
{
    const int count = side == Side::Query ? m_queries : side == Side::Key ? m_keys : 0;
    if (index < 0 || index >= count) {
        side = Side::None;
        index = -1;
    }
    if (side == m_hoverSide && index == m_hoverIndex) {
        return;
    }
    m_hoverSide = side;
    m_hoverIndex = index;
    update();
    Q_EMIT tokenHovered(side, index);
}

void HeadView::setSelectedQuery(int query)
{
    if (query < -1 || query >= m_queries) {
        query = -1;
    }
    if (query == m_selected) {
        return;
    }
    m_selected = query;
    update();
    Q_EMIT querySelected(query);
}

void HeadView::setMinimumTextPixels(int px)
{
    px = std::max(0, px);
    if (px == m_minPx) {
        return;
    }
    m_minPx = px;
    relayout();
    setMinimumSize(minimumSizeHint());
    relayout();
    updateGeometry();
    update();
}

void HeadView::relayout()
{
    HeadViewLayout::Input in;
    in.size = QSizeF(size());
    in.font = font();
    in.minPx = m_minPx;
    in.hasTitle = !m_title.isEmpty();
    in.title = m_title;
    in.queries = m_queries;
    in.keys = m_keys;
    in.queryLabels = m_queryLabels;
    in.keyLabels = m_keyLabels;
    for (const HeadLines& h : m_heads) {
        in.headNames << h.name;
    }
    m_layout.update(in);
    invalidateCaches();
}

void HeadView::invalidateCaches()
{
    m_frame.invalidate();
}

QSize HeadView::sizeHint() const
{
    return {640, 480};
}

QSize HeadView::minimumSizeHint() const
{
    return {260, int(std::ceil(m_layout.minimumHeight()))};
}

std::pair<HeadView::Side, int> HeadView::tokenAt(const QPointF& pos) const
{
    if (pos.y() < lineFrame().top()) {
        return {Side::None, -1}; // under the sticky header
    }
    const auto [side, index] = m_layout.tokenAt(pos);
    return {side == 1 ? Side::Query : side == 2 ? Side::Key : Side::None, index};
}

int HeadView::swatchAt(const QPointF& pos) const
{
    const QRect frame = visibleFrame();
    const double sticky = stickyHeaderHeight(frame);
    if (sticky > 0.0) {
        return pos.y() < frame.top() + sticky ? m_layout.swatchAt(pos - QPointF(0, frame.top())) : -1;
    }
    return m_layout.swatchAt(pos);
}

double HeadView::stickyHeaderHeight(const QRect& frame) const
{
    // Scrolled down a long sentence, the head swatches would be out of reach: they stay on top of the frame.
    return frame.top() > 0 && !m_heads.empty() ? m_layout.headerHeight() : 0.0;
}

double HeadView::stickyHeaderHeight() const
{
    return stickyHeaderHeight(visibleFrame());
}

QRectF HeadView::lineFrame() const
{
    const QRect frame = visibleFrame();
    return QRectF(frame).adjusted(0, stickyHeaderHeight(frame), 0, 0);
}

QRect HeadView::visibleFrame() const
{
    const QRect visible = visibleRegion().boundingRect();
    return visible.isEmpty() ? rect() : visible;
}

std::pair<int, int> HeadView::visibleRows() const
{
    const QRectF frame = lineFrame();
    return m_layout.rowsCentredIn(frame.top(), frame.bottom());
}

std::vector<DrawnLine> HeadView::allDrawn() const
{
    const QRectF frame = lineFrame();
    return HeadViewPainter(m_layout, m_heads, m_enabled)
        .lines(int(focusSide()), focusIndex(), frame.top(), frame.top() + frame.height());
}

std::vector<DrawnLine> HeadView::drawnLines() const
{
    std::vector<DrawnLine> out = allDrawn();
    out.erase(std::remove_if(out.begin(), out.end(), [](const DrawnLine& l) { return l.isBundle(); }), out.end());
    return out;
}

std::vector<DrawnLine> HeadView::drawnBundles() const
{
    std::vector<DrawnLine> out = allDrawn();
    out.erase(std::remove_if(out.begin(), out.end(), [](const DrawnLine& l) { return !l.isBundle(); }), out.end());
    return out;
}

DrawnLine HeadView::strongestLineFrom(int query) const
{
    DrawnLine best;
    best.head = -1;
    for (const auto& l : drawnLines()) {
        if (l.query == query && l.weight > best.weight) {
            best = l;
        }
    }
    return best;
}

int HeadView::lineWidth(bool focus) const
{
    // A token's own lines are few enough to be drawn thicker when the sentence is short; a projector washes out
    // hairlines, so presenting a short sentence every line is thicker.
    const bool shortSentence = std::max(m_queries, m_keys) <= 64;
    const bool projected = m_minPx > 0 && shortSentence;
    return focus && shortSentence ? (projected ? 3 : 2) : (projected ? 2 : 1);
}

void HeadView::paintEvent(QPaintEvent* event)
{
    // In a scroll area Qt exposes only what is in sight: the frame is that part, and everything is drawn for it.
    // A render of the whole view (export, grab of a hidden view) makes the exposed part the frame instead.
    HeadViewFrame::Request r;
    r.exposed = event->rect();
    r.frame = visibleFrame();
    if (!r.frame.contains(r.exposed)) {
        r.frame = r.exposed;
    }
    r.sticky = stickyHeaderHeight(r.frame);
    r.dpr = devicePixelRatioF();
    r.focusSide = int(focusSide());
    r.focusIndex = focusIndex();
    r.highlight = palette().color(QPalette::Highlight);
    r.allWidth = lineWidth(false);
    r.focusWidth = lineWidth(true);
    // Antialiasing a frame of thousands of lines costs more than it shows: only for short sentences.
    r.antialiasAll = std::max(m_queries, m_keys) <= 64;
    r.style = {palette(), m_title, double(width()), m_minPx};
    QPainter p(this);
    // Vector exports and text recorders get labels and lines as text and strokes rather than images.
    r.direct = p.paintEngine()->type() != QPaintEngine::Raster;
    m_frame.paint(p, r, HeadViewPainter(m_layout, m_heads, m_enabled), m_heads);
}

void HeadView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    relayout();
}

void HeadView::moveEvent(QMoveEvent* event)
{
    QWidget::moveEvent(event);
    // Scrolling moves the view inside its viewport: Qt would repaint only the uncovered strip, but the bundles at
    // the edges and the cached frame belong to the whole part in sight.
    update();
}

void HeadView::mouseMoveEvent(QMouseEvent* event)
{
    const auto [side, index] = tokenAt(event->position());
    setHoveredToken(side, index);
    const int swatch = swatchAt(event->position());
    if (swatch >= 0) {
        QToolTip::showText(
            event->globalPosition().toPoint(),
            tr("%1: click to show or hide, double-click to show it alone").arg(m_heads[std::size_t(swatch)].name),
            this);
    }
}

void HeadView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton) {
        return;
    }
    const int swatch = swatchAt(event->position());
    if (swatch >= 0) {
        setHeadEnabled(swatch, !isHeadEnabled(swatch));
        return;
    }
    const auto [side, index] = tokenAt(event->position());
    if (side == Side::Query) {
        setSelectedQuery(index == m_selected ? -1 : index);
    }
}

void HeadView::mouseDoubleClickEvent(QMouseEvent* event)
{
    const int swatch = swatchAt(event->position());
    if (swatch >= 0) {
        // The first click of the double click toggled it: undo that, then solo.
        setHeadEnabled(swatch, !isHeadEnabled(swatch));
        soloHead(swatch);
    }
}

void HeadView::leaveEvent(QEvent* event)
{
    QWidget::leaveEvent(event);
    setHoveredToken(Side::None, -1);
}

bool HeadView::exportTo(const QString& path, QString* error)
{
    return exportWidget(this, path, error);
}

} // namespace attn
