#include "views/headviewpainter.h"

#include "views/linerasterizer.h"
#include "views/presenttext.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace attn {

namespace {

// The sum of n floats in eight independent lanes, which the compiler turns into vector adds.
double sumOf(const float* a, int n)
{
    float lanes[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    int i = 0;
    for (; i + 8 <= n; i += 8) {
        for (int j = 0; j < 8; ++j) {
            lanes[j] += a[i + j];
        }
    }
    double total = 0.0;
    for (; i < n; ++i) {
        total += a[i];
    }
    for (float lane : lanes) {
        total += lane;
    }
    return total;
}

} // namespace

HeadViewPainter::HeadViewPainter(const HeadViewLayout& layout, const std::vector<HeadLines>& heads,
                                 const std::vector<bool>& enabled)
    : m_layout(layout), m_heads(heads), m_enabled(enabled)
{
}

std::vector<DrawnLine> HeadViewPainter::lines(int focusSide, int focusIndex, double top, double bottom,
                                              int* dropped) const
{
    std::vector<DrawnLine> singles, bundles;
    if (dropped) {
        *dropped = 0;
    }
    if (m_heads.empty()) {
        return singles;
    }
    const int queries = m_heads.front().map.queries;
    const int keys = m_heads.front().map.keys;
    const auto [r0, r1] = m_layout.rowsCentredIn(top, bottom);
    const double x1 = m_layout.lineLeft() + 2, x2 = m_layout.lineRight() - 2;
    // A token off screen is drawn at the edge it went past.
    const auto yOf = [&, r0 = r0, r1 = r1](int i) { return i < r0 ? top : i >= r1 ? bottom : m_layout.rowCentre(i); };
    const int qEnd = std::min(r1, queries), kEnd = std::min(r1, keys);
    const int qBegin = std::min(r0, queries), kBegin = std::min(r0, keys);
    for (int h = 0; h < int(m_heads.size()); ++h) {
        if (!m_enabled[std::size_t(h)]) {
            continue;
        }
        const float* w = m_heads[std::size_t(h)].map.weights.data();
        const auto single = [&](int q, int k, float wt) {
            singles.push_back({h, q, k, wt, QLineF(x1, yOf(q), x2, yOf(k)), 1});
        };
        const auto bundle = [&](int q, int k, double sum, int count, bool above) {
            if (sum >= kFaintest && count > 0) {
                const double edge = above ? top : bottom;
                const QLineF line(x1, q >= 0 ? yOf(q) : edge, x2, k >= 0 ? yOf(k) : edge);
                bundles.push_back({h, q, k, float(std::min(1.0, sum)), line, count});
            }
        };
        // A visible query: single lines to visible keys, one bundle to the keys above and one to those below.
        const auto rowLines = [&](int q) {
            const float* row = w + std::size_t(q) * keys;
            const double above = sumOf(row, kBegin);
            for (int k = kBegin; k < kEnd; ++k) {
                if (row[k] >= kFaintest) {
                    single(q, k, row[k]);
                }
            }
            const double below = sumOf(row + kEnd, keys - kEnd);
            bundle(q, -1, above, kBegin, true);
            bundle(q, -1, below, keys - kEnd, false);
        };
        // A visible key: single lines from visible queries, bundles from the queries above and below.
        const auto columnLines = [&](int k) {
            double above = 0.0, below = 0.0;
            for (int q = 0; q < qBegin; ++q) {
                above += w[std::size_t(q) * keys + k];
            }
            for (int q = qBegin; q < qEnd; ++q) {
                const float wt = w[std::size_t(q) * keys + k];
                if (wt >= kFaintest) {
                    single(q, k, wt);
                }
            }
            for (int q = qEnd; q < queries; ++q) {
                below += w[std::size_t(q) * keys + k];
            }
            bundle(-1, k, above, qBegin, true);
            bundle(-1, k, below, queries - qEnd, false);
        };
        if (focusSide == 0) {
            for (int q = qBegin; q < qEnd; ++q) {
                rowLines(q);
            }
            // Queries off screen into the visible keys: summed row by row over the visible slice of each row.
            const int n = std::max(0, kEnd - kBegin);
            std::vector<float> above(std::size_t(n), 0.0f), below(std::size_t(n), 0.0f);
            for (int q = 0; q < queries; ++q) {
                if (q >= qBegin && q < qEnd) {
                    continue;
                }
                float* sums = (q < qBegin ? above : below).data();
                const float* row = w + std::size_t(q) * keys + kBegin;
                for (int i = 0; i < n; ++i) {
                    sums[i] += row[i];
                }
            }
            for (int i = 0; i < n; ++i) {
                bundle(-1, kBegin + i, above[std::size_t(i)], qBegin, true);
                bundle(-1, kBegin + i, below[std::size_t(i)], queries - qEnd, false);
            }
        } else if (focusSide == 1 && focusIndex >= 0 && focusIndex < queries) {
            if (focusIndex >= qBegin && focusIndex < qEnd) {
                rowLines(focusIndex);
            } else {
                for (int k = kBegin; k < kEnd; ++k) { // the focused query is off screen: its lines start at the edge
                    const float wt = w[std::size_t(focusIndex) * keys + k];
                    if (wt >= kFaintest) {
                        single(focusIndex, k, wt);
                    }
                }
            }
        } else if (focusSide == 2 && focusIndex >= 0 && focusIndex < keys) {
            if (focusIndex >= kBegin && focusIndex < kEnd) {
                columnLines(focusIndex);
            } else {
                for (int q = qBegin; q < qEnd; ++q) {
                    const float wt = w[std::size_t(q) * keys + focusIndex];
                    if (wt >= kFaintest) {
                        single(q, focusIndex, wt);
                    }
                }
            }
        }
    }
    if (int(singles.size()) > kLineBudget) {
        // Keep the strongest: the faintest lines of a crowded frame add grey, not information.
        std::nth_element(singles.begin(), singles.begin() + kLineBudget, singles.end(),
                         [](const DrawnLine& a, const DrawnLine& b) { return a.weight > b.weight; });
        if (dropped) {
            *dropped = int(singles.size()) - kLineBudget;
        }
        singles.resize(std::size_t(kLineBudget));
        std::stable_sort(singles.begin(), singles.end(),
                         [](const DrawnLine& a, const DrawnLine& b) { return a.head < b.head; });
    }
    singles.insert(singles.end(), bundles.begin(), bundles.end());
    return singles;
}

QImage HeadViewPainter::rasterise(const std::vector<DrawnLine>& lines, const std::vector<HeadLines>& heads,
                                  const QRect& target, qreal dpr, int width, bool antialias)
{
    QImage image((QSizeF(target.size()) * dpr).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(dpr);
    image.fill(Qt::transparent);
    LineRasterizer raster(&image);
    const QPointF origin = target.topLeft();
    for (const DrawnLine& l : lines) {
        const int px = int(std::lround(width * dpr));
        raster.drawLine((l.line.p1() - origin) * dpr, (l.line.p2() - origin) * dpr, heads[std::size_t(l.head)].color,
                        std::min(1.0f, l.weight), px, antialias);
    }
    return image;
}

void HeadViewPainter::drawVector(QPainter& p, const std::vector<DrawnLine>& lines, const std::vector<HeadLines>& heads,
                                 int width)
{
    QPen pen;
    pen.setCapStyle(Qt::FlatCap);
    pen.setCosmetic(true);
    for (const DrawnLine& l : lines) {
        QColor c = heads[std::size_t(l.head)].color;
        c.setAlphaF(std::min(1.0f, l.weight));
        pen.setColor(c);
        pen.setWidthF(width);
        p.setPen(pen);
        p.drawLine(l.line);
    }
}

void HeadViewPainter::paintLabels(QPainter& p, const LabelStyle& style, double top, double bottom) const
{
    constexpr double kMargin = HeadViewLayout::kMargin;
    if (!style.title.isEmpty()) {
        const QFont bold = m_layout.titleFont();
        p.setFont(bold);
        p.setPen(style.palette.color(QPalette::Text));
        if (style.minPx > 0) {
            // Presenting, wrapped over the height the layout gave it.
            p.drawText(QRectF(kMargin, kMargin - 2, style.width - 2 * kMargin, m_layout.titleHeight() - 2),
                       Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, style.title);
        } else {
            p.drawText(QRectF(kMargin, kMargin - 2, style.width - 2 * kMargin, QFontMetricsF(bold).height() + 2),
                       Qt::AlignHCenter | Qt::AlignTop,
                       QFontMetricsF(bold).elidedText(style.title, Qt::ElideRight, style.width - 2 * kMargin));
        }
    }
    const QFont swatchFont = m_layout.swatchFont();
    for (int h = 0; h < int(m_heads.size()); ++h) {
        const QRectF r = m_layout.swatchRect(h);
        const QColor c = m_heads[std::size_t(h)].color;
        const bool on = m_enabled[std::size_t(h)];
        p.setPen(QPen(c.darker(130), 1.0));
        p.setBrush(on ? QBrush(c) : QBrush(Qt::NoBrush));
        p.drawRoundedRect(r.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3);
        QColor ink = style.palette.color(on ? QPalette::Text : QPalette::PlaceholderText);
        if (style.minPx > 0) {
            ink =
                readableOn(ink, style.palette.color(QPalette::Base)); // a switched-off head stays lighter, but legible
        }
        p.setPen(ink);
        p.setFont(swatchFont);
        p.drawText(QRectF(r.right() + 2, r.top(), m_layout.swatchGap() - m_layout.swatchSize() - 2, r.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, m_heads[std::size_t(h)].name);
    }
    if (m_heads.empty()) {
        return;
    }
    const QFont labelFont = m_layout.labelFont();
    p.setFont(labelFont);
    const QFontMetricsF fm(labelFont);
    p.setPen(style.palette.color(QPalette::Text));
    const auto& map = m_heads.front().map;
    const auto [first, end] = m_layout.rowsIn(top, bottom);
    for (int q = first; q < std::min(end, map.queries); ++q) {
        const QRectF r = m_layout.queryRect(q).adjusted(0, 0, -6, 0);
        p.drawText(r, Qt::AlignRight | Qt::AlignVCenter,
                   fm.elidedText(map.queryLabels.value(q), Qt::ElideMiddle, r.width()));
    }
    for (int k = first; k < std::min(end, map.keys); ++k) {
        const QRectF r = m_layout.keyRect(k).adjusted(6, 0, 0, 0);
        p.drawText(r, Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(map.keyLabels.value(k), Qt::ElideMiddle, r.width()));
    }
}

void HeadViewPainter::paintEdgeMarks(QPainter& p, const LabelStyle& style, double top, double bottom) const
{
    const auto [first, end] = m_layout.rowsCentredIn(top, bottom);
    const int rows = m_layout.rows();
    if (rows == 0 || (first == 0 && end == rows)) {
        return;
    }
    const QFont font = m_layout.swatchFont();
    const QFontMetricsF fm(font);
    p.save();
    p.setFont(font);
    const auto mark = [&](const QString& text, bool atTop) {
        const double w = fm.horizontalAdvance(text) + 12.0, h = fm.height() + 4.0;
        const double x = (m_layout.lineLeft() + m_layout.lineRight() - w) / 2.0;
        const QRectF r(x, atTop ? top + 2.0 : bottom - h - 2.0, w, h);
        QColor back = style.palette.color(QPalette::Base);
        back.setAlphaF(0.9);
        p.setPen(Qt::NoPen);
        p.setBrush(back);
        p.drawRoundedRect(r, 4, 4);
        p.setPen(style.palette.color(QPalette::Text));
        p.drawText(r, Qt::AlignCenter, text);
    };
    const QLocale locale;
    if (first > 0) {
        mark(QCoreApplication::translate("attn::HeadView", "▲ %1 tokens above").arg(locale.toString(first)), true);
    }
    if (end < rows) {
        mark(QCoreApplication::translate("attn::HeadView", "▼ %1 tokens below").arg(locale.toString(rows - end)),
             false);
    }
    p.restore();
}

void HeadViewPainter::paintFocusTints(QPainter& p, const QColor& mark, int focusSide, int focusIndex, double top,
                                      double bottom) const
{
    if (m_heads.empty() || focusSide == 0) {
        return;
    }
    QColor focusFill = mark;
    focusFill.setAlphaF(0.25);
    p.fillRect(focusSide == 1 ? m_layout.queryRect(focusIndex) : m_layout.keyRect(focusIndex), focusFill);
    const auto& front = m_heads.front().map;
    const int others = focusSide == 1 ? front.keys : front.queries;
    const auto [first, end] = m_layout.rowsIn(top, bottom);
    for (int o = first; o < std::min(end, others); ++o) {
        float best = 0.0f;
        for (int h = 0; h < int(m_heads.size()); ++h) {
            if (m_enabled[std::size_t(h)]) {
                const auto& m = m_heads[std::size_t(h)].map;
                best = std::max(best, focusSide == 1 ? m.at(focusIndex, o) : m.at(o, focusIndex));
            }
        }
        if (best >= kFaintest) {
            QColor c = mark;
            c.setAlphaF(0.35 * best);
            p.fillRect(focusSide == 1 ? m_layout.keyRect(o) : m_layout.queryRect(o), c);
        }
    }
}

QColor headLineColor(int head)
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

std::vector<HeadLines> headLinesFor(const AttentionSet& set, const AttentionSelection& selection)
{
    auto maps = selectedHeadMaps(set, selection);
    std::vector<HeadLines> out;
    if (selection.aggregation != Aggregation::None) {
        out.push_back({std::move(maps.front()), aggregationId(selection.aggregation), QColor(60, 60, 60)});
        return out;
    }
    for (int h = 0; h < int(maps.size()); ++h) {
        out.push_back({std::move(maps[std::size_t(h)]), QStringLiteral("H%1").arg(h), headLineColor(h)});
    }
    return out;
}

} // namespace attn
