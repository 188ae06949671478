#include "views/headviewlayout.h"

#include "views/presenttext.h"

#include <QFontMetricsF>
#include <algorithm>
#include <cmath>

namespace attn {

namespace {

constexpr double kMaxRowHeight = 24.0;
constexpr double kMaxColWidth = 170.0;

} // namespace

QFont HeadViewLayout::titleFont() const
{
    QFont bold = atLeastPixels(m_in.font, m_in.minPx);
    bold.setBold(true);
    return bold;
}

QFont HeadViewLayout::swatchFont() const
{
    QFont small = m_in.font;
    small.setPointSizeF(std::max(6.5, (small.pointSizeF() > 0 ? small.pointSizeF() : 9.0) - 1.5));
    return atLeastPixels(small, m_in.minPx);
}

QFont HeadViewLayout::tokenFont() const
{
    return atLeastPixels(m_in.font, m_in.minPx);
}

double HeadViewLayout::titleHeight() const
{
    if (!m_in.hasTitle) {
        return 0.0;
    }
    if (m_in.minPx > 0) {
        // Presenting, the title wraps rather than lose its end (a pair's sentence in a narrow view).
        const double w = std::max(1.0, m_in.size.width() - 2 * kMargin);
        return QFontMetricsF(titleFont()).boundingRect(QRectF(0, 0, w, 1e6), Qt::TextWordWrap, m_in.title).height() +
               4.0;
    }
    return QFontMetricsF(m_in.font).height() + 4.0;
}

double HeadViewLayout::minimumRowHeight() const
{
    // Presenting, labels never shrink below the presentation size: the rows grow instead.
    return m_in.minPx > 0 ? std::max(kMinRowHeight, QFontMetricsF(tokenFont()).height() + 1.0) : kMinRowHeight;
}

double HeadViewLayout::minimumHeight() const
{
    const double top = kMargin + titleHeight() + m_swatchSize + 12;
    return top + std::max(rows(), 1) * minimumRowHeight() + kMargin;
}

void HeadViewLayout::updateSwatchSize()
{
    // Presenting, the swatches grow with their names and make room for the longest ("L1 H1", "mean"); the
    // normal ones are the layout constants.
    if (m_in.minPx == 0) {
        m_swatchSize = kSwatchSize;
        m_swatchGap = kSwatchGap;
        return;
    }
    const QFontMetricsF fm(swatchFont());
    double widest = fm.horizontalAdvance(QStringLiteral("H00"));
    for (const QString& name : m_in.headNames) {
        widest = std::max(widest, fm.horizontalAdvance(name));
    }
    m_swatchSize = std::max(kSwatchSize, double(m_in.minPx));
    m_swatchGap = m_swatchSize + widest + 12.0;
}

void HeadViewLayout::update(const Input& in)
{
    m_in = in;
    updateSwatchSize();
    const double w = in.size.width();
    const double h = in.size.height();
    const int rowCount = std::max(rows(), 1);
    m_swatchTop = kMargin + titleHeight();
    m_top = m_swatchTop + m_swatchSize + 12.0;
    const double minRow = minimumRowHeight();
    const double maxRow = in.minPx > 0 ? std::max(kMaxRowHeight, minRow * 1.5) : kMaxRowHeight;
    m_rowHeight = std::clamp((h - m_top - kMargin) / rowCount, minRow, maxRow);
    m_top += std::max(0.0, (h - m_top - kMargin - rowCount * m_rowHeight) / 2.0); // short sentences sit in the middle
    m_labelFont = tokenFont();
    if (in.minPx == 0) {
        // Shrink the labels with the rows, never below 7 pt: readable small labels before scrolling.
        const double basePt = in.font.pointSizeF() > 0 ? in.font.pointSizeF() : 9.0;
        double pt = basePt;
        while (pt > 7.0 && QFontMetricsF(m_labelFont).height() > m_rowHeight - 1.0) {
            pt -= 0.5;
            m_labelFont.setPointSizeF(pt);
        }
    }
    const QFontMetricsF fm(m_labelFont);
    double widest = 40.0;
    // Thousands of labels: measuring a sample is enough to size the columns (they elide what is longer).
    for (const auto* labels : {&in.queryLabels, &in.keyLabels}) {
        const int step = std::max(1, int(labels->size() / 512));
        for (int i = 0; i < labels->size(); i += step) {
            widest = std::max(widest, fm.horizontalAdvance(labels->at(i)) + 12.0);
        }
    }
    const double maxCol =
        in.minPx > 0 ? std::max(kMaxColWidth, fm.horizontalAdvance(QStringLiteral("M")) * 12.0) : kMaxColWidth;
    m_colWidth = std::min({widest, maxCol, w * 0.3});
    // Presenting, the lines get room in proportion to the larger labels.
    const double maxLine = in.minPx > 0 ? std::max(420.0, 30.0 * in.minPx) : 420.0;
    const double lineWidth = std::clamp(w - 2 * kMargin - 2 * m_colWidth, 60.0, maxLine);
    const double total = 2 * m_colWidth + lineWidth;
    m_leftX = std::max(kMargin, (w - total) / 2.0);
    m_lineLeft = m_leftX + m_colWidth;
    m_lineRight = m_lineLeft + lineWidth;
}

std::pair<int, int> HeadViewLayout::rowsIn(double top, double bottom) const
{
    if (m_rowHeight <= 0.0 || rows() == 0) {
        return {0, 0};
    }
    const int first = std::clamp(int(std::floor((top - m_top) / m_rowHeight)), 0, rows());
    const int end = std::clamp(int(std::ceil((bottom - m_top) / m_rowHeight)), first, rows());
    return {first, end};
}

std::pair<int, int> HeadViewLayout::rowsCentredIn(double top, double bottom) const
{
    if (m_rowHeight <= 0.0 || rows() == 0) {
        return {0, 0};
    }
    const double c0 = rowCentre(0);
    const int first = std::clamp(int(std::ceil((top - c0) / m_rowHeight)), 0, rows());
    const int end = std::clamp(int(std::ceil((bottom - c0) / m_rowHeight)), first, rows());
    return {first, end};
}

QRectF HeadViewLayout::queryRect(int query) const
{
    return {m_leftX, m_top + query * m_rowHeight, m_colWidth, m_rowHeight};
}

QRectF HeadViewLayout::keyRect(int key) const
{
    return {m_lineRight, m_top + key * m_rowHeight, m_colWidth, m_rowHeight};
}

QRectF HeadViewLayout::swatchRect(int head) const
{
    const double total = m_in.headNames.size() * m_swatchGap;
    const double left = std::max(kMargin, (m_in.size.width() - total) / 2.0);
    return {left + head * m_swatchGap, m_swatchTop, m_swatchSize, m_swatchSize};
}

std::pair<int, int> HeadViewLayout::tokenAt(const QPointF& pos) const
{
    if (m_rowHeight <= 0.0 || pos.y() < m_top) {
        return {0, -1};
    }
    const int row = int((pos.y() - m_top) / m_rowHeight);
    if (pos.x() >= m_leftX && pos.x() < m_lineLeft && row < m_in.queries) {
        return {1, row};
    }
    if (pos.x() >= m_lineRight && pos.x() < m_lineRight + m_colWidth && row < m_in.keys) {
        return {2, row};
    }
    return {0, -1};
}

int HeadViewLayout::swatchAt(const QPointF& pos) const
{
    for (int h = 0; h < int(m_in.headNames.size()); ++h) {
        if (swatchRect(h).adjusted(-2, -2, m_swatchGap - m_swatchSize - 4, 2).contains(pos)) {
            return h;
        }
    }
    return -1;
}

} // namespace attn
