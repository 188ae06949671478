#include "views/headview.h"

#include "views/exporter.h"
#include "views/presenttext.h"

#include <QCoreApplication>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <algorithm>
#include <cmath>

namespace attn {

using namespace headviewlayout;

namespace {

constexpr double kMaxRowHeight = 24.0;
constexpr double kMaxColWidth = 170.0;

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
    m_labelFont = font();
}

HeadView::~HeadView() = default;

QColor HeadView::headColor(int head)
{
    // Tableau 10 and two more: distinct hues that stay readable on white.
    static const QColor kPalette[] = {QColor(0x1f77b4), QColor(0xff7f0e), QColor(0x2ca02c), QColor(0xd62728),
                                      QColor(0x9467bd), QColor(0x8c564b), QColor(0xe377c2), QColor(0x7f7f7f),
                                      QColor(0xbcbd22), QColor(0x17becf), QColor(0x393b79), QColor(0xad494a)};
    constexpr int n = int(sizeof(kPalette) / sizeof(kPalette[0]));
    const QColor base = kPalette[((head % n) + n) % n];
    const int round = head / n;
    return round == 0 ? base : (round % 2 ? base.darker(100 + 35 * round) : base.lighter(100 + 25 * round));
}

void HeadView::setHeads(std::vector<HeadLines> heads)
{
    m_heads = std::move(heads);
    const bool sameCount = m_enabled.size() == m_heads.size();
    if (!sameCount) {
        m_enabled.assign(m_heads.size(), true); // a new layer of the same model keeps the user's toggles
    }
    m_queries = m_heads.empty() ? 0 : m_heads.front().map.queries;
    m_keys = m_heads.empty() ? 0 : m_heads.front().map.keys;
    m_queryLabels = m_heads.empty() ? QStringList() : m_heads.front().map.queryLabels;
    m_keyLabels = m_heads.empty() ? QStringList() : m_heads.front().map.keyLabels;
    updateSwatchSize();
    if (m_hoverIndex >= std::max(m_queries, m_keys)) {
        m_hoverSide = Side::None;
        m_hoverIndex = -1;
    }
    if (m_selected >= m_queries) {
        m_selected = -1;
    }
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
    updateSwatchSize();
    setMinimumSize(minimumSizeHint());
    relayout();
    updateGeometry();
    update();
}

void HeadView::relayout()
{
    const double w = width();
    const double h = height();
    const int rows = std::max({m_queries, m_keys, 1});
    m_swatchTop = kMargin + titleHeight();
    m_top = m_swatchTop + m_swatchSize + 12.0;
    const double minRow = minimumRowHeight();
    const double maxRow = m_minPx > 0 ? std::max(kMaxRowHeight, minRow * 1.5) : kMaxRowHeight;
    m_rowHeight = std::clamp((h - m_top - kMargin) / rows, minRow, maxRow);
    m_top += std::max(0.0, (h - m_top - kMargin - rows * m_rowHeight) / 2.0); // short sentences sit in the middle
    m_labelFont = tokenFont();
    if (m_minPx == 0) {
        // Shrink the labels with the rows, never below 7 pt: readable small labels before scrolling.
        const double basePt = font().pointSizeF() > 0 ? font().pointSizeF() : 9.0;
        double pt = basePt;
        while (pt > 7.0 && QFontMetricsF(m_labelFont).height() > m_rowHeight - 1.0) {
            pt -= 0.5;
            m_labelFont.setPointSizeF(pt);
        }
    }
    const QFontMetricsF fm(m_labelFont);
    double widest = 40.0;
    for (const auto* labels : {&m_queryLabels, &m_keyLabels}) {
        for (const auto& l : *labels) {
            widest = std::max(widest, fm.horizontalAdvance(l) + 12.0);
        }
    }
    const double maxCol =
        m_minPx > 0 ? std::max(kMaxColWidth, fm.horizontalAdvance(QStringLiteral("M")) * 12.0) : kMaxColWidth;
    m_colWidth = std::min({widest, maxCol, w * 0.3});
    // Presenting, the lines get room in proportion to the larger labels.
    const double maxLine = m_minPx > 0 ? std::max(420.0, 30.0 * m_minPx) : 420.0;
    const double lineWidth = std::clamp(w - 2 * kMargin - 2 * m_colWidth, 60.0, maxLine);
    const double total = 2 * m_colWidth + lineWidth;
    m_leftX = std::max(kMargin, (w - total) / 2.0);
    m_lineLeft = m_leftX + m_colWidth;
    m_lineRight = m_lineLeft + lineWidth;
    invalidateCaches();
}

void HeadView::invalidateCaches()
{
    m_labelCache = QPixmap();
    m_allLinesCache = QPixmap();
}

QSize HeadView::sizeHint() const
{
    return {640, 480};
}

QSize HeadView::minimumSizeHint() const
{
    const int rows = std::max({m_queries, m_keys, 1});
    const double top = kMargin + titleHeight() + m_swatchSize + 12;
    return {260, int(std::ceil(top + rows * minimumRowHeight() + kMargin))};
}

QRectF HeadView::queryRect(int query) const
{
    return {m_leftX, m_top + query * m_rowHeight, m_colWidth, m_rowHeight};
}

QRectF HeadView::keyRect(int key) const
{
    return {m_lineRight, m_top + key * m_rowHeight, m_colWidth, m_rowHeight};
}

QRectF HeadView::swatchRect(int head) const
{
    const double total = m_heads.size() * m_swatchGap;
    const double left = std::max(kMargin, (width() - total) / 2.0);
    return {left + head * m_swatchGap, m_swatchTop, m_swatchSize, m_swatchSize};
}

std::pair<HeadView::Side, int> HeadView::tokenAt(const QPointF& pos) const
{
    if (m_rowHeight <= 0.0 || pos.y() < m_top) {
        return {Side::None, -1};
    }
    const int row = int((pos.y() - m_top) / m_rowHeight);
    if (pos.x() >= m_leftX && pos.x() < m_lineLeft && row < m_queries) {
        return {Side::Query, row};
    }
    if (pos.x() >= m_lineRight && pos.x() < m_lineRight + m_colWidth && row < m_keys) {
        return {Side::Key, row};
    }
    return {Side::None, -1};
}

int HeadView::swatchAt(const QPointF& pos) const
{
    for (int h = 0; h < int(m_heads.size()); ++h) {
        if (swatchRect(h).adjusted(-2, -2, m_swatchGap - m_swatchSize - 4, 2).contains(pos)) {
            return h;
        }
    }
    return -1;
}

void HeadView::forEachLine(const std::function<void(int, int, int, float)>& visit) const
{
    const Side side = focusSide();
    const int index = focusIndex();
    for (int h = 0; h < int(m_heads.size()); ++h) {
        if (!m_enabled[std::size_t(h)]) {
            continue;
        }
        const float* w = m_heads[std::size_t(h)].map.weights.data();
        if (side == Side::Query) {
            for (int k = 0; k < m_keys; ++k) {
                if (w[std::size_t(index) * m_keys + k] >= kFaintest) {
                    visit(h, index, k, w[std::size_t(index) * m_keys + k]);
                }
            }
        } else if (side == Side::Key) {
            for (int q = 0; q < m_queries; ++q) {
                if (w[std::size_t(q) * m_keys + index] >= kFaintest) {
                    visit(h, q, index, w[std::size_t(q) * m_keys + index]);
                }
            }
        } else {
            for (int q = 0; q < m_queries; ++q) {
                for (int k = 0; k < m_keys; ++k) {
                    if (w[std::size_t(q) * m_keys + k] >= kFaintest) {
                        visit(h, q, k, w[std::size_t(q) * m_keys + k]);
                    }
                }
            }
        }
    }
}

std::vector<DrawnLine> HeadView::drawnLines() const
{
    std::vector<DrawnLine> out;
    forEachLine([&](int h, int q, int k, float w) {
        const double y1 = m_top + (q + 0.5) * m_rowHeight;
        const double y2 = m_top + (k + 0.5) * m_rowHeight;
        out.push_back({h, q, k, w, QLineF(m_lineLeft + 2, y1, m_lineRight - 2, y2)});
    });
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

void HeadView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    relayout();
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
