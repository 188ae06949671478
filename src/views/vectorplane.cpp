#include "views/vectorplane.h"

#include "views/presenttext.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace attn {

namespace {

constexpr double kGrabRadius = 16.0; // pixels around a tip that start a drag
constexpr int kMargin = 34;

bool draggable(VectorPlane::Kind kind)
{
    return kind != VectorPlane::Kind::Output;
}

} // namespace

VectorPlane::VectorPlane(QWidget* parent) : QWidget(parent)
{
    setMouseTracking(true);
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, Qt::white);
    setPalette(p);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void VectorPlane::setArrows(std::vector<Arrow> arrows)
{
    m_arrows = std::move(arrows);
    if (m_dragging < 0) {
        fitExtent();
    }
    update();
}

void VectorPlane::setTitle(const QString& title)
{
    m_title = title;
    update();
}

void VectorPlane::setMinimumTextPixels(int px)
{
    m_minPx = std::max(0, px);
    update();
}

QFont VectorPlane::sized(int normalPx) const
{
    QFont f = font();
    f.setPixelSize(std::max(normalPx, m_minPx));
    return f;
}

QString VectorPlane::legendText() const
{
    const bool hasValues =
        std::any_of(m_arrows.begin(), m_arrows.end(), [](const Arrow& a) { return a.kind == Kind::Value; });
    return hasValues ? tr("q query · k keys · v values (grey) · dashed: out = Σ aᵢ vᵢ in its card's colour")
                     : tr("q query · k keys (also the values) · dashed: out = Σ aᵢ kᵢ in its card's colour");
}

void VectorPlane::fitExtent()
{
    double largest = 1.0;
    for (const auto& a : m_arrows) {
        largest = std::max({largest, std::abs(a.tip.x()), std::abs(a.tip.y())});
    }
    // Whole half-units keep the grid steady while small edits happen.
    m_extent = std::ceil(largest * 1.15 * 2.0) / 2.0;
}

QRectF VectorPlane::plotRect() const
{
    if (m_minPx == 0) {
        const double side = std::max(10, std::min(width() - 2 * kMargin, height() - 3 * kMargin));
        return {(width() - side) / 2.0, (height() - side) / 2.0, side, side};
    }
    // Presenting, the title above and the wrapped legend below take what their larger text needs.
    QFont bold = sized(17);
    bold.setBold(true);
    const double margin = std::max(double(kMargin), 2.0 * m_minPx);
    const QRectF titleBox(0, 0, std::max(1, width() - 8), 10000);
    const double top =
        m_title.isEmpty()
            ? margin
            : QFontMetricsF(bold).boundingRect(titleBox, Qt::TextWordWrap, m_title).height() + 0.5 * margin;
    const QRectF legendBox(0, 0, std::max(1, width() - 8), 10000);
    const double legend = QFontMetricsF(sized(15)).boundingRect(legendBox, Qt::TextWordWrap, legendText()).height();
    const double room = height() - top - legend - 8 - 0.5 * margin;
    const double side = std::max(10.0, std::min(width() - 2 * margin, room));
    return {(width() - side) / 2.0, top + (room - side) / 2.0 + 0.25 * margin, side, side};
}

QPointF VectorPlane::toWidget(const QPointF& planePos) const
{
    const QRectF r = plotRect();
    return {r.center().x() + planePos.x() / m_extent * r.width() / 2.0,
            r.center().y() - planePos.y() / m_extent * r.height() / 2.0};
}

QPointF VectorPlane::toPlane(const QPointF& widgetPos) const
{
    const QRectF r = plotRect();
    return {(widgetPos.x() - r.center().x()) / (r.width() / 2.0) * m_extent,
            -(widgetPos.y() - r.center().y()) / (r.height() / 2.0) * m_extent};
}

QPoint VectorPlane::tipPosition(Kind kind, int index) const
{
    for (const auto& a : m_arrows) {
        if (a.kind == kind && a.index == index) {
            return toWidget(a.tip).toPoint();
        }
    }
    return {-1, -1};
}

int VectorPlane::arrowAt(const QPointF& widgetPos) const
{
    int best = -1;
    double bestDistance = kGrabRadius;
    // The query is drawn last and wins ties, so it can always be picked up.
    for (int i = 0; i < int(m_arrows.size()); ++i) {
        if (!draggable(m_arrows[std::size_t(i)].kind)) {
            continue;
        }
        const QPointF d = toWidget(m_arrows[std::size_t(i)].tip) - widgetPos;
        const double distance = std::hypot(d.x(), d.y());
        if (distance <= bestDistance) {
            bestDistance = distance;
            best = i;
        }
    }
    return best;
}

void VectorPlane::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF r = plotRect();
    const QFont font = sized(15);
    p.setFont(font);
    const QFontMetricsF fm(font);

    // Grid every half unit, axes, and the unit circle (cosine only sees directions on it).
    p.setPen(QPen(QColor(230, 230, 230), 1));
    for (double g = -std::floor(m_extent * 2) / 2; g <= m_extent + 1e-9; g += 0.5) {
        p.drawLine(toWidget({g, -m_extent}), toWidget({g, m_extent}));
        p.drawLine(toWidget({-m_extent, g}), toWidget({m_extent, g}));
    }
    p.setPen(QPen(QColor(140, 140, 140), 1.5));
    p.drawLine(toWidget({-m_extent, 0}), toWidget({m_extent, 0}));
    p.drawLine(toWidget({0, -m_extent}), toWidget({0, m_extent}));
    p.setPen(QPen(QColor(170, 170, 170), 1, Qt::DotLine));
    const QPointF unit = toWidget({1, 1}) - toWidget({0, 0});
    p.drawEllipse(toWidget({0, 0}), unit.x(), -unit.y());
    const bool presenting = m_minPx > 0;
    const QColor tickInk(120, 120, 120);
    p.setPen(presenting ? readableOn(tickInk, QColor(230, 230, 230)) : tickInk); // 4.5:1 on the grid lines too
    for (int g = -int(std::floor(m_extent)); g <= int(std::floor(m_extent)); ++g) {
        if (g != 0) {
            const QString n = QString::number(g);
            // Presenting, the numbers sit under and left of the axes by their own size.
            const QPointF below = presenting ? QPointF(-fm.horizontalAdvance(n) / 2, fm.ascent() + 3) : QPointF(-4, 18);
            const QPointF left =
                presenting ? QPointF(-fm.horizontalAdvance(n) - 6, fm.ascent() / 2 - 1) : QPointF(-22, 5);
            p.drawText(toWidget({double(g), 0}) + below, n);
            p.drawText(toWidget({0, double(g)}) + left, n);
        }
    }
    if (!m_title.isEmpty()) {
        QFont titleFont = sized(17);
        titleFont.setBold(true);
        p.setFont(titleFont);
        p.setPen(Qt::black);
        if (presenting) {
            // Wrapped in a narrow plane rather than cut at its sides.
            p.drawText(QRectF(4, 2, width() - 8, height() / 2.0), Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap,
                       m_title);
        } else {
            p.drawText(QRectF(0, 2, width(), 24), Qt::AlignHCenter | Qt::AlignTop, m_title);
        }
        p.setFont(font);
    }
    // A legend under the square: what the three kinds of arrow are.
    p.setPen(QColor(70, 70, 70));
    p.drawText(
        QRectF(presenting ? 4 : 0, r.bottom() + 4, presenting ? width() - 8 : width(), height() - r.bottom() - 4),
        Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, legendText());

    // Outputs first (under), then values, keys, and the query on top.
    std::vector<const Arrow*> order;
    for (Kind kind : {Kind::Output, Kind::Value, Kind::Key, Kind::Query}) {
        for (const auto& a : m_arrows) {
            if (a.kind == kind) {
                order.push_back(&a);
            }
        }
    }
    const QPointF origin = toWidget({0, 0});
    std::vector<QPointF> labelSpots; // coincident arrows (identical keys) get their labels stacked, not overprinted
    for (const Arrow* a : order) {
        const QPointF tip = toWidget(a->tip);
        const bool hovered = m_hover >= 0 && &m_arrows[std::size_t(m_hover)] == a;
        double width = a->kind == Kind::Query ? 4.0 : a->kind == Kind::Output ? 2.0 : 3.0;
        if (a->emphasised || hovered) {
            width += 2.0;
        }
        QPen pen(a->color, width, a->kind == Kind::Output ? Qt::DashLine : Qt::SolidLine, Qt::RoundCap);
        p.setPen(pen);
        const QPointF d = tip - origin;
        const double len = std::hypot(d.x(), d.y());
        if (len > 1.0) {
            const QPointF u = d / len;
            const QPointF nrm(-u.y(), u.x());
            const double head = std::min(16.0, len * 0.5);
            p.drawLine(origin, tip - u * head * 0.6);
            QPainterPath arrowHead;
            arrowHead.moveTo(tip);
            arrowHead.lineTo(tip - u * head + nrm * head * 0.45);
            arrowHead.lineTo(tip - u * head - nrm * head * 0.45);
            arrowHead.closeSubpath();
            p.setPen(Qt::NoPen);
            p.setBrush(a->color);
            p.drawPath(arrowHead);
        } else {
            // A zero-length vector has no direction: a ring marks it at the origin.
            p.setBrush(Qt::NoBrush);
            p.drawEllipse(origin, 6, 6);
        }
        if (draggable(a->kind)) {
            p.setPen(QPen(a->color.darker(130), 1.5));
            p.setBrush(Qt::white);
            p.drawEllipse(tip, 5, 5);
        }
        QFont labelFont = sized(a->kind == Kind::Output ? 14 : 19);
        labelFont.setBold(a->kind != Kind::Output);
        labelFont.setItalic(a->kind == Kind::Output);
        p.setFont(labelFont);
        // Presenting, 4.5:1 even where a label crosses a grid line.
        p.setPen(presenting ? readableOn(a->color.darker(115), QColor(230, 230, 230)) : a->color.darker(115));
        const QPointF dir = len > 1.0 ? d / len : QPointF(1, 0);
        QPointF at = tip + dir * 14.0 + QPointF(-6, 6);
        const QFontMetricsF lm(labelFont);
        if (presenting) {
            // The label's middle beyond the tip along the arrow, clear of the tip's handle whatever its size.
            const double w = lm.horizontalAdvance(a->label);
            const QPointF centre = tip + dir * (10.0 + 0.5 * std::hypot(w * dir.x(), lm.height() * dir.y()));
            at = centre + QPointF(-w / 2, lm.ascent() / 2 - 1);
        }
        if (!a->label.isEmpty()) {
            const double stepY = presenting ? lm.height() : 18.0;
            const double closeY = presenting ? lm.height() - 2 : 16.0;
            while (std::any_of(labelSpots.begin(), labelSpots.end(), [&](const QPointF& s) {
                return std::abs(s.x() - at.x()) < 24 && std::abs(s.y() - at.y()) < closeY;
            })) {
                at.ry() += stepY;
            }
            if (presenting) {
                // Larger labels stay on the widget: pulled in from the edges rather than cut.
                at.setX(std::clamp(at.x(), 2.0, std::max(2.0, this->width() - lm.horizontalAdvance(a->label) - 2)));
                at.setY(
                    std::clamp(at.y(), lm.ascent() + 2, std::max(lm.ascent() + 2, this->height() - lm.descent() - 2)));
            }
            labelSpots.push_back(at);
        }
        p.drawText(at, a->label);
        p.setFont(font);
        p.setBrush(Qt::NoBrush);
    }
}

void VectorPlane::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        m_dragging = arrowAt(event->position());
        if (m_dragging >= 0) {
            setCursor(Qt::ClosedHandCursor);
        }
    }
    QWidget::mousePressEvent(event);
}

void VectorPlane::mouseMoveEvent(QMouseEvent* event)
{
    if (m_dragging >= 0) {
        QPointF pos = toPlane(event->position());
        // Keep the tip on the visible square so it can always be grabbed again.
        pos.setX(std::clamp(pos.x(), -m_extent, m_extent));
        pos.setY(std::clamp(pos.y(), -m_extent, m_extent));
        const Arrow a = m_arrows[std::size_t(m_dragging)];
        Q_EMIT arrowMoved(a.kind, a.index, pos);
        return;
    }
    const int hover = arrowAt(event->position());
    if (hover != m_hover) {
        m_hover = hover;
        setCursor(hover >= 0 ? Qt::OpenHandCursor : Qt::ArrowCursor);
        update();
    }
}

void VectorPlane::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_dragging >= 0 && event->button() == Qt::LeftButton) {
        m_dragging = -1;
        setCursor(Qt::OpenHandCursor);
        fitExtent();
        update();
        Q_EMIT dragFinished();
    }
}

} // namespace attn
