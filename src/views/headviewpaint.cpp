// HeadView, second half: painting (cached labels, the lines of every head or of the focused token), the fonts and
// sizes its text takes (normal and presenting), and the lines a selection shows.
#include "views/headview.h"
#include "views/presenttext.h"

#include <QCoreApplication>
#include <QPaintEngine>
#include <QPaintEvent>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace attn {

using namespace headviewlayout;

QFont HeadView::titleFont() const
{
    QFont bold = atLeastPixels(font(), m_minPx);
    bold.setBold(true);
    return bold;
}

QFont HeadView::swatchFont() const
{
    QFont small = font();
    small.setPointSizeF(std::max(6.5, (small.pointSizeF() > 0 ? small.pointSizeF() : 9.0) - 1.5));
    return atLeastPixels(small, m_minPx);
}

QFont HeadView::tokenFont() const
{
    return atLeastPixels(font(), m_minPx);
}

void HeadView::updateSwatchSize()
{
    // Presenting, the swatches grow with their names and make room for the longest ("L1 H1", "mean"); the
    // normal ones are the layout constants.
    if (m_minPx == 0) {
        m_swatchSize = kSwatchSize;
        m_swatchGap = kSwatchGap;
        return;
    }
    const QFontMetricsF fm(swatchFont());
    double widest = fm.horizontalAdvance(QStringLiteral("H00"));
    for (const HeadLines& h : m_heads) {
        widest = std::max(widest, fm.horizontalAdvance(h.name));
    }
    m_swatchSize = std::max(kSwatchSize, double(m_minPx));
    m_swatchGap = m_swatchSize + widest + 12.0;
}

double HeadView::titleHeight() const
{
    if (m_title.isEmpty()) {
        return 0.0;
    }
    return m_minPx > 0 ? QFontMetricsF(titleFont()).height() + 4.0 : QFontMetricsF(font()).height() + 4.0;
}

double HeadView::minimumRowHeight() const
{
    // Presenting, labels never shrink below the presentation size: the rows grow instead.
    return m_minPx > 0 ? std::max(kMinRowHeight, QFontMetricsF(tokenFont()).height() + 1.0) : kMinRowHeight;
}

void HeadView::paintLines(QPainter& p, bool focusOnly, const QRectF& clip) const
{
    std::vector<QColor> colors;
    for (const auto& h : m_heads) {
        colors.push_back(h.color);
    }
    // Thin cosmetic lines take Qt's fast line rasteriser; wider ones go through the path stroker, which costs
    // several times more. A token's own lines are few enough to be drawn thicker when the sentence is short.
    const bool thick = focusOnly && std::max(m_queries, m_keys) <= 64;
    QPen pen;
    pen.setCapStyle(Qt::FlatCap);
    pen.setCosmetic(true);
    // A projector washes out hairlines: presenting a short sentence, every line is drawn thicker.
    const bool projected = m_minPx > 0 && std::max(m_queries, m_keys) <= 64;
    pen.setWidthF(thick ? (projected ? 3.0 : 2.0) : (projected ? 2.0 : 1.0));
    forEachLine([&](int h, int q, int k, float w) {
        const double y1 = m_top + (q + 0.5) * m_rowHeight;
        const double y2 = m_top + (k + 0.5) * m_rowHeight;
        if (std::max(y1, y2) < clip.top() - 2 || std::min(y1, y2) > clip.bottom() + 2) {
            return; // entirely outside what is painted
        }
        QColor c = colors[std::size_t(h)];
        c.setAlphaF(std::min(1.0f, w));
        pen.setColor(c);
        p.setPen(pen);
        // Cut the segment to the painted rows: rasterising the off-screen length of lines that cross a tall,
        // scrolled view costs far more than the visible part.
        QPointF a(m_lineLeft + 2, y1), b(m_lineRight - 2, y2);
        const double top = clip.top() - 2, bottom = clip.bottom() + 2;
        if (y1 != y2) {
            const auto at = [&](double y) { return QPointF(a.x() + (b.x() - a.x()) * (y - y1) / (y2 - y1), y); };
            const double lo = std::min(y1, y2), hi = std::max(y1, y2);
            if (lo < top) {
                (y1 < y2 ? a : b) = at(top);
            }
            if (hi > bottom) {
                (y1 > y2 ? a : b) = at(bottom);
            }
        }
        p.drawLine(a, b);
    });
}

void HeadView::paintLabels(QPainter& p) const
{
    if (!m_title.isEmpty()) {
        const QFont bold = titleFont();
        p.setFont(bold);
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRectF(kMargin, kMargin - 2, width() - 2 * kMargin, QFontMetricsF(bold).height() + 2),
                   Qt::AlignHCenter | Qt::AlignTop,
                   QFontMetricsF(bold).elidedText(m_title, Qt::ElideRight, width() - 2 * kMargin));
    }
    p.setFont(font());
    for (int h = 0; h < int(m_heads.size()); ++h) {
        const QRectF r = swatchRect(h);
        const QColor c = m_heads[std::size_t(h)].color;
        p.setPen(QPen(c.darker(130), 1.0));
        p.setBrush(m_enabled[std::size_t(h)] ? QBrush(c) : QBrush(Qt::NoBrush));
        p.drawRoundedRect(r.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3);
        QColor ink = palette().color(m_enabled[std::size_t(h)] ? QPalette::Text : QPalette::PlaceholderText);
        if (m_minPx > 0) {
            ink = readableOn(ink, palette().color(QPalette::Base)); // a switched-off head stays lighter, but legible
        }
        p.setPen(ink);
        p.setFont(swatchFont());
        p.drawText(QRectF(r.right() + 2, r.top(), m_swatchGap - m_swatchSize - 2, r.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, m_heads[std::size_t(h)].name);
        p.setFont(font());
    }
    p.setFont(m_labelFont);
    const QFontMetricsF fm(m_labelFont);
    p.setPen(palette().color(QPalette::Text));
    for (int q = 0; q < m_queries; ++q) {
        const QRectF r = queryRect(q).adjusted(0, 0, -6, 0);
        p.drawText(r, Qt::AlignRight | Qt::AlignVCenter,
                   fm.elidedText(m_queryLabels.value(q), Qt::ElideMiddle, r.width()));
    }
    for (int k = 0; k < m_keys; ++k) {
        const QRectF r = keyRect(k).adjusted(6, 0, 0, 0);
        p.drawText(r, Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(m_keyLabels.value(k), Qt::ElideMiddle, r.width()));
    }
}

void HeadView::paintEvent(QPaintEvent* event)
{
    // Long sentences make the view taller than its scroll area: paint only the exposed part.
    const QRect exposed = event->rect();
    const qreal dpr = devicePixelRatioF();
    const auto makeCache = [&](QPixmap& cache) {
        cache = QPixmap((QSizeF(size()) * dpr).toSize());
        cache.setDevicePixelRatio(dpr);
        cache.fill(Qt::transparent);
    };
    if (m_labelCache.isNull()) {
        makeCache(m_labelCache);
        QPainter lp(&m_labelCache);
        lp.setRenderHint(QPainter::TextAntialiasing);
        lp.setRenderHint(QPainter::Antialiasing);
        paintLabels(lp);
    }
    QPainter p(this);
    // Vector exports and text recorders get the labels as text rather than the cached pixmap of them.
    const bool direct = p.paintEngine()->type() != QPaintEngine::Raster;
    p.setClipRect(exposed);
    p.fillRect(exposed, palette().color(QPalette::Base));
    const QRectF source(QPointF(exposed.topLeft()) * dpr, QSizeF(exposed.size()) * dpr);
    const auto drawLabels = [&] {
        if (direct) {
            p.save();
            p.setRenderHint(QPainter::TextAntialiasing);
            paintLabels(p);
            p.restore();
        } else {
            p.drawPixmap(exposed, m_labelCache, source);
        }
    };
    const Side side = focusSide();
    if (side == Side::None) {
        drawLabels();
        if (m_allLinesCache.isNull()) {
            makeCache(m_allLinesCache);
            QPainter cp(&m_allLinesCache);
            // Antialiasing a hundred thousand lines costs more than it shows: only for small sentences.
            cp.setRenderHint(QPainter::Antialiasing, std::max(m_queries, m_keys) <= 64);
            paintLines(cp, false, QRectF(rect()));
        }
        p.drawPixmap(exposed, m_allLinesCache, source);
        return;
    }
    // The focused token and, on the other side, how much weight each token gets from it (max over heads).
    const int index = focusIndex();
    const QColor mark = palette().color(QPalette::Highlight);
    QColor focusFill = mark;
    focusFill.setAlphaF(0.25);
    p.fillRect(side == Side::Query ? queryRect(index) : keyRect(index), focusFill);
    const int others = side == Side::Query ? m_keys : m_queries;
    for (int o = 0; o < others; ++o) {
        float best = 0.0f;
        for (int h = 0; h < int(m_heads.size()); ++h) {
            if (m_enabled[std::size_t(h)]) {
                const auto& m = m_heads[std::size_t(h)].map;
                best = std::max(best, side == Side::Query ? m.at(index, o) : m.at(o, index));
            }
        }
        if (best >= kFaintest) {
            QColor c = mark;
            c.setAlphaF(0.35 * best);
            p.fillRect(side == Side::Query ? keyRect(o) : queryRect(o), c);
        }
    }
    drawLabels(); // transparent but for the text: the tints stay visible under it
    p.setRenderHint(QPainter::Antialiasing, true);
    paintLines(p, true, QRectF(exposed));
}

std::vector<HeadLines> headLinesFor(const AttentionSet& set, const AttentionSelection& selection)
{
    auto maps = selectedHeadMaps(set, selection);
    std::vector<HeadLines> out;
    if (selection.aggregation != Aggregation::None) {
        out.push_back({std::move(maps.front()), aggregationId(selection.aggregation), QColor(60, 60, 60)});
        return out;
    }
    for (int h = 0; h < int(maps.size()); ++h) {
        out.push_back({std::move(maps[std::size_t(h)]), QStringLiteral("H%1").arg(h), HeadView::headColor(h)});
    }
    return out;
}

} // namespace attn
