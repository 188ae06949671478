#include "views/tokentextcanvas.h"

#include "views/colormaps.h"
#include "views/presenttext.h"

#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <algorithm>
#include <cmath>

namespace attn {

namespace {

constexpr double kMargin = 10.0;
constexpr double kPadX = 3.0; // inside a token's box, beside its text
constexpr double kGap = 1.0;  // between boxes that join (word pieces)

bool isNewline(const QString& token)
{
    return token == QLatin1String("\n") || token == QStringLiteral("Ċ") || token == QLatin1String("<0x0A>") ||
           token == QLatin1String("\\n");
}

} // namespace

TokenTextCanvas::TokenTextCanvas(QWidget* parent) : QAbstractScrollArea(parent)
{
    viewport()->setMouseTracking(true);
    viewport()->setAutoFillBackground(false);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setMinimumSize(200, 120);
}

QString TokenTextCanvas::displayText(const QString& token)
{
    if (isNewline(token)) {
        return QString();
    }
    QString t = token;
    t.replace(QStringLiteral("Ġ"), QStringLiteral(" ")).replace(QStringLiteral("▁"), QStringLiteral(" "));
    return t;
}

QString TokenTextCanvas::tokenText(int token) const
{
    const QString t = token >= 0 && token < m_display.size() ? m_display.at(token).trimmed() : QString();
    return t.isEmpty() ? QString::number(token) : t;
}

void TokenTextCanvas::setTokens(const QStringList& tokens)
{
    m_tokens = tokens;
    m_display.clear();
    // Word pieces carry their own spaces; whole words get one between them.
    const bool pieces = std::any_of(tokens.begin(), tokens.end(), [](const QString& t) {
        return t.startsWith(QStringLiteral("Ġ")) || t.startsWith(QStringLiteral("▁")) || t.startsWith(QLatin1Char(' '));
    });
    for (int i = 0; i < tokens.size(); ++i) {
        QString d = displayText(tokens.at(i));
        if (!pieces && i > 0 && !d.isEmpty() && !isNewline(tokens.at(i - 1))) {
            d.prepend(QLatin1Char(' '));
        }
        m_display << d;
    }
    m_shade.clear();
    m_marked = m_hover = -1;
    m_laidOutWidth = -1;
    relayout();
    viewport()->update();
}

void TokenTextCanvas::setShading(std::vector<float> shade)
{
    m_shade = std::move(shade);
    viewport()->update();
}

void TokenTextCanvas::setMarked(int token)
{
    m_marked = token;
    viewport()->update();
}

void TokenTextCanvas::setTextPixels(int px)
{
    m_px = std::max(0, px);
    m_laidOutWidth = -1;
    relayout();
    viewport()->update();
}

QFont TokenTextCanvas::textFont() const
{
    QFont f = font();
    if (m_px == 0) {
        f.setPointSizeF((f.pointSizeF() > 0 ? f.pointSizeF() : 9.0) + 2.0); // reading text: a little larger
    }
    return atLeastPixels(f, m_px);
}

QColor TokenTextCanvas::shadeColor(float shade)
{
    // A single-hue ramp from white: readable under black or white text and unambiguous without colour vision.
    return colorAt(ColorMap::Blues, std::clamp(double(shade), 0.0, 1.0));
}

void TokenTextCanvas::relayout()
{
    const int width = viewport()->width();
    if (width == m_laidOutWidth && !m_rects.empty()) {
        return;
    }
    m_laidOutWidth = width;
    const QFontMetricsF fm(textFont());
    m_lineHeight = std::ceil(fm.height() + 8.0);
    const double right = std::max(kMargin + 40.0, width - kMargin);
    m_rects.assign(std::size_t(m_tokens.size()), QRectF());
    m_lineStart.clear();
    m_lineTop.clear();
    double x = kMargin, y = kMargin;
    m_lineStart.push_back(0);
    m_lineTop.push_back(y);
    const auto newLine = [&](int first, double extra) {
        x = kMargin;
        y += m_lineHeight + extra;
        m_lineStart.push_back(first);
        m_lineTop.push_back(y);
    };
    for (int i = 0; i < m_tokens.size(); ++i) {
        if (isNewline(m_tokens.at(i))) {
            m_rects[std::size_t(i)] = QRectF(x, y, fm.horizontalAdvance(QStringLiteral("¶")) + 2 * kPadX, m_lineHeight);
            newLine(i + 1, m_lineHeight * 0.4); // a paragraph: a little more room
            continue;
        }
        const QString& d = m_display.at(i);
        const double w = fm.horizontalAdvance(d) + 2 * kPadX;
        if (x + w > right && x > kMargin) {
            newLine(i, 0.0);
        }
        m_rects[std::size_t(i)] = QRectF(x, y, w, m_lineHeight - 2.0);
        x += w + kGap;
    }
    m_docHeight = y + m_lineHeight + kMargin;
    verticalScrollBar()->setRange(0, std::max(0, int(std::ceil(m_docHeight)) - viewport()->height()));
    verticalScrollBar()->setPageStep(viewport()->height());
    verticalScrollBar()->setSingleStep(int(m_lineHeight));
}

int TokenTextCanvas::lineAt(double docY) const
{
    const auto it = std::upper_bound(m_lineTop.begin(), m_lineTop.end(), docY);
    return std::max(0, int(it - m_lineTop.begin()) - 1);
}

QRectF TokenTextCanvas::tokenRect(int token) const
{
    if (token < 0 || token >= int(m_rects.size())) {
        return {};
    }
    return m_rects[std::size_t(token)].translated(0, -verticalScrollBar()->value());
}

std::pair<int, int> TokenTextCanvas::visibleTokens() const
{
    if (m_lineStart.empty() || m_tokens.isEmpty()) {
        return {0, 0};
    }
    const double top = verticalScrollBar()->value();
    const int first = lineAt(top - m_lineHeight);
    const int last = lineAt(top + viewport()->height());
    const int end = last + 1 < int(m_lineStart.size()) ? m_lineStart[std::size_t(last) + 1] : int(m_tokens.size());
    return {std::min(m_lineStart[std::size_t(first)], int(m_tokens.size())), std::min(end, int(m_tokens.size()))};
}

int TokenTextCanvas::tokenAt(const QPoint& pos) const
{
    const QPointF doc(pos.x(), pos.y() + verticalScrollBar()->value());
    const int line = lineAt(doc.y());
    const int first = line < int(m_lineStart.size()) ? m_lineStart[std::size_t(line)] : 0;
    const int end = line + 1 < int(m_lineStart.size()) ? m_lineStart[std::size_t(line) + 1] : int(m_tokens.size());
    for (int i = first; i < std::min(end, int(m_rects.size())); ++i) {
        if (m_rects[std::size_t(i)].adjusted(0, 0, kGap, 2.0).contains(doc)) {
            return i;
        }
    }
    return -1;
}

void TokenTextCanvas::ensureVisible(int token)
{
    if (token < 0 || token >= int(m_rects.size())) {
        return;
    }
    const QRectF r = m_rects[std::size_t(token)];
    const int top = verticalScrollBar()->value();
    if (r.top() < top || r.bottom() > top + viewport()->height()) {
        verticalScrollBar()->setValue(int(r.center().y() - viewport()->height() / 2.0));
    }
}

void TokenTextCanvas::paintEvent(QPaintEvent*)
{
    QPainter p(viewport());
    p.fillRect(viewport()->rect(), palette().color(QPalette::Base));
    p.setFont(textFont());
    const double scroll = verticalScrollBar()->value();
    p.translate(0, -scroll);
    const auto [first, end] = visibleTokens();
    const QColor text = palette().color(QPalette::Text);
    const QColor base = palette().color(QPalette::Base);
    m_lastPainted = 0;
    for (int i = first; i < end; ++i) {
        const QRectF& r = m_rects[std::size_t(i)];
        const float s = i < int(m_shade.size()) ? m_shade[std::size_t(i)] : 0.0f;
        QColor ink = text;
        if (s > 0.0f) {
            const QColor fill = shadeColor(s);
            p.fillRect(r, fill);
            ink = contrastRatio(text, fill) >= 4.5 ? text : inkOn(fill);
        } else if (contrastRatio(text, base) < 4.5) {
            ink = inkOn(base);
        }
        if (i == m_marked || i == m_hover) {
            // Underlined below its box, so the text keeps the box's shade all around it.
            const QColor bar = i == m_marked ? QColor(200, 30, 30) : palette().color(QPalette::Highlight);
            p.fillRect(QRectF(r.left(), r.bottom() + 1.0, r.width(), i == m_marked ? 3.0 : 2.0), bar);
        }
        p.setPen(ink);
        const QString& d = m_display.at(i);
        p.drawText(r.adjusted(kPadX, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                   d.isEmpty() && isNewline(m_tokens.at(i)) ? QStringLiteral("¶") : d);
        ++m_lastPainted;
    }
}

void TokenTextCanvas::resizeEvent(QResizeEvent* event)
{
    QAbstractScrollArea::resizeEvent(event);
    relayout();
}

void TokenTextCanvas::scrollContentsBy(int, int)
{
    viewport()->update();
}

void TokenTextCanvas::mouseMoveEvent(QMouseEvent* event)
{
    const int t = tokenAt(event->position().toPoint());
    if (t != m_hover) {
        m_hover = t;
        viewport()->update();
        Q_EMIT tokenHovered(t);
    }
}

void TokenTextCanvas::mousePressEvent(QMouseEvent* event)
{
    const int t = tokenAt(event->position().toPoint());
    if (event->button() == Qt::LeftButton && t >= 0) {
        Q_EMIT tokenClicked(t);
    }
}

void TokenTextCanvas::leaveEvent(QEvent* event)
{
    QAbstractScrollArea::leaveEvent(event);
    if (m_hover >= 0) {
        m_hover = -1;
        viewport()->update();
        Q_EMIT tokenHovered(-1);
    }
}

} // namespace attn
