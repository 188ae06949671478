#include "views/formulalayout.h"

#include "views/formulaspacing.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace attn {

namespace {

using Kind = FormulaNode::Kind;

} // namespace

void FormulaLayout::Box::place(const Box& other, double dx, double dy)
{
    for (Text t : other.texts) {
        t.pos += QPointF(dx, dy);
        texts.push_back(std::move(t));
    }
    for (const auto& s : other.strokes) {
        strokes.emplace_back(s.first.translated(dx, dy), s.second);
    }
}

FormulaLayout::FormulaLayout(double pixelSize, double minimumPixelSize, QString family)
    : m_size(std::max(1.0, pixelSize)), m_minSize(std::min(minimumPixelSize, pixelSize)),
      m_family(family.isEmpty() ? QStringLiteral("DejaVu Serif") : std::move(family))
{
}

QFont FormulaLayout::font(double size, bool italic, bool bold) const
{
    QFont f(m_family);
    f.setPixelSize(std::max(1, int(std::lround(size))));
    f.setItalic(italic);
    f.setBold(bold);
    return f;
}

double FormulaLayout::scriptSize(double size) const
{
    return std::max(m_minSize, size * 0.7);
}

double FormulaLayout::axis(double size) const
{
    return size * 0.27;
}

FormulaLayout::Box FormulaLayout::text(const QString& s, double size, bool italic, bool bold) const
{
    Box b;
    const QFont f = font(size, italic, bold);
    const QFontMetricsF fm(f);
    const QRectF tight = fm.tightBoundingRect(s);
    b.width = fm.horizontalAdvance(s) + (italic ? size * 0.05 : 0.0);
    // The box covers the ink, but at least an x-height, so a row of small letters keeps its scripts in place.
    b.ascent = std::max(-tight.top(), fm.xHeight());
    b.descent = std::max(tight.bottom(), 0.0);
    b.texts.push_back({QPointF(0, 0), s, f});
    return b;
}

FormulaLayout::Box FormulaLayout::row(const std::vector<FormulaNode>& items, double size, bool bold) const
{
    Box b;
    b.ascent = size * 0.5; // an empty row still has a height (an empty numerator)
    FormulaAtom prev = FormulaAtom::Ord;
    for (std::size_t i = 0; i < items.size(); ++i) {
        FormulaAtom cur = formulaAtom(items[i]);
        // + and − after nothing, a relation, an operation or a comma are signs: "= −x", "(−1)".
        if (cur == FormulaAtom::Bin &&
            (i == 0 || prev == FormulaAtom::Rel || prev == FormulaAtom::Bin || prev == FormulaAtom::Punct ||
             prev == FormulaAtom::Sign) &&
            (items[i].text == QStringLiteral("−") || items[i].text == QStringLiteral("+"))) {
            cur = FormulaAtom::Sign;
        }
        b.width += formulaGapBefore(prev, cur, i == 0) * size;
        const Box c = node(items[i], size, bold);
        b.place(c, b.width, 0);
        b.width += c.width;
        b.ascent = std::max(b.ascent, c.ascent);
        b.descent = std::max(b.descent, c.descent);
        prev = cur;
    }
    return b;
}

FormulaLayout::Box FormulaLayout::node(const FormulaNode& n, double size, bool bold) const
{
    const bool b = bold || n.bold;
    switch (n.kind) {
    case Kind::Row:
        return row(n.children, size, b);
    case Kind::Symbol:
        return text(n.text, size, n.italic && !b, b);
    case Kind::Word:
    case Kind::Number:
    case Kind::Text:
        return text(n.text, size, false, b);
    case Kind::Operator:
        return text(n.text, size, false, false);
    case Kind::Space: {
        Box s;
        s.width = size * (n.text.size() > 1 ? 1.0 : 0.17);
        return s;
    }
    case Kind::Fraction:
        return fraction(n, size, b);
    case Kind::Sqrt:
        return root(n, size, b);
    case Kind::Scripts:
        return scripts(n, size, b);
    case Kind::BigOperator:
        return bigOperator(n.text, size);
    case Kind::Fenced:
        return fenced(n, size, b);
    }
    return {};
}

FormulaLayout::Box FormulaLayout::fraction(const FormulaNode& n, double size, bool bold) const
{
    // At the formula's own size a fraction is set in full (display style); nested ones shrink like scripts.
    const double inner = size >= m_size ? size : scriptSize(size);
    const Box num = n.children.size() > 0 ? node(n.children[0], inner, bold) : Box();
    const Box den = n.children.size() > 1 ? node(n.children[1], inner, bold) : Box();
    const double rule = std::max(1.0, size * 0.055);
    const double gap = size * 0.14;
    Box f;
    f.width = std::max(num.width, den.width) + size * 0.24;
    const double barY = -axis(size);
    const double numBase = barY - rule / 2 - gap - num.descent;
    const double denBase = barY + rule / 2 + gap + den.ascent;
    f.place(num, (f.width - num.width) / 2, numBase);
    f.place(den, (f.width - den.width) / 2, denBase);
    QPainterPath bar;
    bar.moveTo(size * 0.06, barY);
    bar.lineTo(f.width - size * 0.06, barY);
    f.strokes.emplace_back(bar, rule);
    f.ascent = -numBase + num.ascent;
    f.descent = denBase + den.descent;
    return f;
}

FormulaLayout::Box FormulaLayout::root(const FormulaNode& n, double size, bool bold) const
{
    const Box r = n.children.empty() ? Box() : node(n.children[0], size, bold);
    const double pen = std::max(1.0, size * 0.06);
    const double gap = size * 0.12;
    const double sign = size * 0.6;
    const double top = -(r.ascent + gap);
    const double bottom = r.descent + gap * 0.5;
    const double h = bottom - top;
    QPainterPath p;
    p.moveTo(0, top + h * 0.58);
    p.lineTo(sign * 0.22, top + h * 0.5);
    p.lineTo(sign * 0.5, bottom);
    p.lineTo(sign, top);
    p.lineTo(sign + r.width + size * 0.1, top);
    Box b;
    b.place(r, sign + size * 0.05, 0);
    b.strokes.emplace_back(p, pen);
    b.width = sign + r.width + size * 0.15;
    b.ascent = -top + pen;
    b.descent = bottom + pen / 2;
    return b;
}

FormulaLayout::Box FormulaLayout::bigOperator(const QString& glyph, double size) const
{
    Box b = text(glyph, size * 1.45, false, false);
    const QRectF tight = QFontMetricsF(b.texts.front().font).tightBoundingRect(glyph);
    // Centre the sign on the maths axis, as fraction bars are.
    const double dy = -axis(size) - tight.center().y();
    b.texts.front().pos.setY(dy);
    b.ascent = axis(size) + tight.height() / 2;
    b.descent = tight.height() / 2 - axis(size);
    return b;
}

FormulaLayout::Box FormulaLayout::scripts(const FormulaNode& n, double size, bool bold) const
{
    if (n.children.size() < 3) {
        return {};
    }
    const FormulaNode& baseNode = n.children[0];
    const bool limits = baseNode.children.size() == 1 && baseNode.children[0].kind == Kind::BigOperator;
    const Box base = node(baseNode, size, bold);
    const double small = scriptSize(size);
    const bool hasSub = !n.children[1].children.empty();
    const bool hasSup = !n.children[2].children.empty();
    const Box sub = hasSub ? node(n.children[1], small, bold) : Box();
    const Box sup = hasSup ? node(n.children[2], small, bold) : Box();
    Box b;
    if (limits) {
        // Limits of a sum or product sit centred under and over the sign.
        const double gap = size * 0.12;
        b.width = std::max({base.width, sub.width, sup.width});
        b.place(base, (b.width - base.width) / 2, 0);
        b.ascent = base.ascent;
        b.descent = base.descent;
        if (hasSup) {
            const double y = -base.ascent - gap - sup.descent;
            b.place(sup, (b.width - sup.width) / 2, y);
            b.ascent = -y + sup.ascent;
        }
        if (hasSub) {
            const double y = base.descent + gap + sub.ascent;
            b.place(sub, (b.width - sub.width) / 2, y);
            b.descent = y + sub.descent;
        }
        return b;
    }
    b.place(base, 0, 0);
    const double x = base.width + size * 0.04;
    double up = std::max(size * 0.42, base.ascent - sup.ascent * 0.55);
    double down = std::max(size * 0.2, base.descent + sub.ascent * 0.35 - sub.descent);
    if (hasSub && hasSup) {
        // Keep a clear gap between the two scripts.
        const double clash = size * 0.12 - ((up - sup.descent) - (sub.ascent - down));
        if (clash > 0) {
            up += clash / 2;
            down += clash / 2;
        }
    }
    b.ascent = base.ascent;
    b.descent = base.descent;
    if (hasSup) {
        b.place(sup, x, -up);
        b.ascent = std::max(b.ascent, up + sup.ascent);
    }
    if (hasSub) {
        b.place(sub, x, down);
        b.descent = std::max(b.descent, down + sub.descent);
    }
    b.width = x + std::max(hasSup ? sup.width : 0.0, hasSub ? sub.width : 0.0);
    return b;
}

FormulaLayout::Box FormulaLayout::fenced(const FormulaNode& n, double size, bool bold) const
{
    const Box c = n.children.empty() ? Box() : node(n.children[0], size, bold);
    const QString pair = n.text.size() == 2 ? n.text : QStringLiteral("()");
    const double a = axis(size);
    // At least as tall as a bracket of the font; taller content gets brackets symmetric about the axis.
    double top = std::max(c.ascent + size * 0.06, size * 0.76);
    double bottom = std::max(c.descent + size * 0.06, size * 0.22);
    if (c.height() > size * 1.2) {
        const double half = std::max(top - a, bottom + a);
        top = a + half;
        bottom = half - a;
    }
    Box b;
    if (c.height() <= size * 1.15) {
        // Brackets around text of ordinary height are the font's own glyphs.
        const Box open = text(pair.at(0), size, false, false);
        const Box close = text(pair.at(1), size, false, false);
        b.place(open, 0, 0);
        b.place(c, open.width + size * 0.02, 0);
        b.place(close, open.width + size * 0.04 + c.width, 0);
        b.width = open.width + size * 0.04 + c.width + close.width;
        b.ascent = std::max({open.ascent, close.ascent, c.ascent});
        b.descent = std::max({open.descent, close.descent, c.descent});
        return b;
    }
    const double h = top + bottom;
    const double w = size * 0.26 + h * 0.04;
    const double pen = std::max(1.0, size * 0.065);
    auto bracket = [&](QChar ch, bool closing) {
        QPainterPath p;
        auto X = [&](double x) { return closing ? w - x : x; };
        const double t = -top, m = (bottom - top) / 2;
        if (ch == QLatin1Char('[') || ch == QLatin1Char(']')) {
            p.moveTo(X(w * 0.85), t);
            p.lineTo(X(w * 0.3), t);
            p.lineTo(X(w * 0.3), bottom);
            p.lineTo(X(w * 0.85), bottom);
        } else if (ch == QChar(0x27E8) || ch == QChar(0x27E9)) {
            p.moveTo(X(w * 0.85), t);
            p.lineTo(X(w * 0.25), m);
            p.lineTo(X(w * 0.85), bottom);
        } else if (ch == QLatin1Char('|')) {
            p.moveTo(w * 0.5, t);
            p.lineTo(w * 0.5, bottom);
        } else if (ch == QChar(0x2016)) {
            p.moveTo(w * 0.35, t);
            p.lineTo(w * 0.35, bottom);
            p.moveTo(w * 0.7, t);
            p.lineTo(w * 0.7, bottom);
        } else {
            p.moveTo(X(w * 0.85), t);
            p.quadTo(X(w * 0.05), m, X(w * 0.85), bottom);
        }
        return p;
    };
    b.strokes.emplace_back(bracket(pair.at(0), false), pen);
    b.place(c, w + size * 0.03, 0);
    const double right = w + size * 0.06 + c.width;
    b.strokes.emplace_back(bracket(pair.at(1), true).translated(right, 0), pen);
    b.width = right + w;
    b.ascent = top + pen;
    b.descent = bottom + pen;
    return b;
}

FormulaLayout::Box FormulaLayout::layout(const FormulaNode& root, double maxWidth) const
{
    const Box whole = node(root, m_size, false);
    if (maxWidth <= 0.0 || whole.width <= maxWidth || root.kind != Kind::Row) {
        return whole;
    }
    // Break points: after a top-level \quad, else after a top-level comma.
    std::vector<std::vector<FormulaNode>> pieces(1);
    auto split = [&](auto isBreak) {
        pieces.assign(1, {});
        for (const auto& item : root.children) {
            if (isBreak(item)) {
                if (item.kind != Kind::Space) {
                    pieces.back().push_back(item);
                }
                pieces.emplace_back();
            } else {
                pieces.back().push_back(item);
            }
        }
    };
    split([](const FormulaNode& n) { return n.kind == Kind::Space && n.text.size() > 1; });
    if (pieces.size() < 2) {
        split([](const FormulaNode& n) { return n.kind == Kind::Operator && n.text == QLatin1String(","); });
    }
    // Greedy: as many pieces on a line as fit.
    Box out;
    std::vector<FormulaNode> current;
    double y = 0.0;
    bool firstLine = true;
    auto flush = [&] {
        if (current.empty()) {
            return;
        }
        const Box line = row(current, m_size, false);
        if (firstLine) {
            out.ascent = line.ascent;
            y = 0.0;
        } else {
            y = out.descent + m_size * 0.35 + line.ascent;
        }
        out.place(line, 0, y);
        out.width = std::max(out.width, line.width);
        out.descent = y + line.descent;
        firstLine = false;
        current.clear();
    };
    for (auto& piece : pieces) {
        std::vector<FormulaNode> trial = current;
        if (!trial.empty()) {
            FormulaNode quad;
            quad.kind = Kind::Space;
            quad.text = QStringLiteral("  ");
            trial.push_back(quad);
        }
        trial.insert(trial.end(), piece.begin(), piece.end());
        if (!current.empty() && row(trial, m_size, false).width > maxWidth) {
            flush();
            current = piece;
        } else {
            current = std::move(trial);
        }
    }
    flush();
    return out;
}

FormulaLayout::Box FormulaLayout::layoutSource(const QString& source, double maxWidth) const
{
    return layout(parseFormula(source).root, maxWidth);
}

double FormulaLayout::drawTextLine(QPainter* painter, const QString& prefix, const QString& formula,
                                   const QString& suffix, QPointF leftMid, const QFont& font, const QColor& color) const
{
    const Box box = layoutSource(formula);
    const QFontMetricsF fm(font);
    const double space = fm.horizontalAdvance(QLatin1Char(' '));
    const double before = prefix.isEmpty() ? 0.0 : fm.horizontalAdvance(prefix) + space;
    const double after = suffix.isEmpty() ? 0.0 : space + fm.horizontalAdvance(suffix);
    if (painter) {
        const double textBaseline = leftMid.y() + (fm.ascent() - fm.descent()) / 2;
        painter->save();
        painter->setFont(font);
        painter->setPen(color);
        if (!prefix.isEmpty()) {
            painter->drawText(QPointF(leftMid.x(), textBaseline), prefix);
        }
        if (!suffix.isEmpty()) {
            painter->drawText(QPointF(leftMid.x() + before + box.width + space, textBaseline), suffix);
        }
        painter->restore();
        paint(*painter, box, QPointF(leftMid.x() + before, leftMid.y() + (box.ascent - box.descent) / 2), color);
    }
    return before + box.width + after;
}

void FormulaLayout::paint(QPainter& painter, const Box& box, QPointF origin, const QColor& color)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(color);
    for (const Text& t : box.texts) {
        painter.setFont(t.font);
        painter.drawText(origin + t.pos, t.text);
    }
    painter.setBrush(Qt::NoBrush);
    for (const auto& s : box.strokes) {
        painter.setPen(QPen(color, s.second, Qt::SolidLine, Qt::FlatCap, Qt::MiterJoin));
        painter.drawPath(s.first.translated(origin));
    }
    painter.restore();
}

double FormulaLayout::smallestPixelSize(const Box& box)
{
    double smallest = 0.0;
    for (const Text& t : box.texts) {
        const double px = t.font.pixelSize();
        smallest = smallest == 0.0 ? px : std::min(smallest, px);
    }
    return smallest;
}

} // namespace attn
