// The formula tree back to text: the notation (formulaToSource) and one line of Unicode (formulaToPlainText).
#include "core/formula.h"
#include "core/formulasymbols.h"

#include <QStringList>

namespace attn {

namespace {

using Kind = FormulaNode::Kind;

QString escapeText(const QString& text)
{
    QString out;
    for (const QChar c : text) {
        if (c == QLatin1Char('{') || c == QLatin1Char('}') || c == QLatin1Char('\\')) {
            out += QLatin1Char('\\');
        }
        out += c;
    }
    return out;
}

QString source(const FormulaNode& node, bool top, bool inBold);

QString rowContent(const FormulaNode& row, bool inBold)
{
    QStringList parts;
    for (const auto& c : row.children) {
        parts << source(c, false, inBold);
    }
    // Spaces keep names apart ("Q K" is not the word "QK") and are not drawn.
    return parts.join(QLatin1Char(' '));
}

QString unbolded(const FormulaNode& node, bool top, bool inBold)
{
    switch (node.kind) {
    case Kind::Row:
        return top ? rowContent(node, inBold) : QStringLiteral("{%1}").arg(rowContent(node, inBold));
    case Kind::Symbol:
    case Kind::Operator:
        if (const auto* s = formula::symbolForUnicode(node.text)) {
            return QStringLiteral("\\%1").arg(QLatin1String(s->command));
        }
        if (node.text == QStringLiteral("−")) {
            return QStringLiteral("-");
        }
        if (node.text == QStringLiteral("‖")) {
            return QStringLiteral("\\|");
        }
        if (node.kind == Kind::Operator && node.text.size() == 1 && QStringLiteral("{}_^\\").contains(node.text)) {
            return QLatin1Char('\\') + node.text;
        }
        return node.text;
    case Kind::Word:
    case Kind::Number:
        return node.text;
    case Kind::Text:
        return QStringLiteral("\\text{%1}").arg(escapeText(node.text));
    case Kind::Space:
        return node.text.size() > 1 ? QStringLiteral("\\quad") : QStringLiteral("\\,");
    case Kind::Fraction:
        // Arguments through source(): a bold one prints as \mathbf{..} without extra braces, which would nest it.
        return QStringLiteral("\\frac%1%2")
            .arg(source(node.children.at(0), false, inBold), source(node.children.at(1), false, inBold));
    case Kind::Sqrt:
        return QStringLiteral("\\sqrt%1").arg(source(node.children.at(0), false, inBold));
    case Kind::BigOperator:
        return node.text == QStringLiteral("∏") ? QStringLiteral("\\prod") : QStringLiteral("\\sum");
    case Kind::Fenced: {
        const QString inner = rowContent(node.children.at(0), inBold);
        if (node.text == QStringLiteral("⟨⟩")) {
            return QStringLiteral("\\langle %1 \\rangle").arg(inner);
        }
        return node.text.left(1) + inner + node.text.mid(1);
    }
    case Kind::Scripts: {
        const FormulaNode& base = node.children.at(0);
        QString out;
        if (base.children.empty()) {
            out = source(base, false, inBold); // {} or, for \mathbf{}_x, \mathbf{}
        } else if (base.children.size() == 1 && base.children.front().kind != Kind::Row &&
                   base.children.front().kind != Kind::Scripts) {
            // The parser wraps a lone base atom in a Row (a bold base is re-bolded by the enclosing \mathbf). A
            // lone Scripts keeps its braces: {x_i}_j is not x_i_j, a double subscript (found by tests/fuzz).
            out = source(base.children.front(), false, inBold);
        } else {
            out = source(base, false, inBold);
        }
        if (!node.children.at(1).children.empty()) {
            // _{x}, or _\mathbf{x}: _{\mathbf{x}} would read back as a bold row nested in a plain one (tests/fuzz).
            out += QLatin1Char('_') + source(node.children.at(1), false, inBold);
        }
        if (!node.children.at(2).children.empty()) {
            out += QLatin1Char('^') + source(node.children.at(2), false, inBold);
        }
        return out;
    }
    }
    return {};
}

// \mathbf marks its whole argument bold, so inside one the nodes' own bold flags print nothing; a bold Row is the
// argument itself (its braces), any other bold node the argument's one item.
QString source(const FormulaNode& node, bool top, bool inBold)
{
    if (node.bold && !inBold) {
        return QStringLiteral("\\mathbf{%1}")
            .arg(node.kind == Kind::Row ? rowContent(node, true) : unbolded(node, false, true));
    }
    return unbolded(node, top, inBold);
}

QString scriptChars(const QString& text, const char* from, const QString& to)
{
    const QString keys = QString::fromLatin1(from);
    QString out;
    for (const QChar c : text) {
        const int i = keys.indexOf(c);
        if (i < 0 || i >= to.size()) {
            return {};
        }
        out += to[i];
    }
    return out;
}

QString plain(const FormulaNode& node);

QString plainRow(const FormulaNode& row)
{
    static const QStringList kSpaced = {"=", "+", "−", "≈", "∈", "≤", "≥", "≠", "→", "×", "<", ">", "∝"};
    QString out;
    const FormulaNode* previous = nullptr;
    for (const auto& c : row.children) {
        const QString text = plain(c);
        if (c.kind == Kind::Operator && kSpaced.contains(c.text) && previous) {
            out += QLatin1Char(' ') + text + QLatin1Char(' ');
        } else if (c.kind == Kind::Operator && (c.text == QLatin1String(",") || c.text == QLatin1String(";"))) {
            out += text + QLatin1Char(' ');
        } else {
            const bool wordy = previous && (previous->kind == Kind::Word || previous->kind == Kind::Text ||
                                            c.kind == Kind::Word || c.kind == Kind::Text);
            const bool letters = previous && !out.isEmpty() && !text.isEmpty() && out.back().isLetterOrNumber() &&
                                 text.front().isLetterOrNumber();
            if (wordy && letters) {
                out += QLatin1Char(' ');
            }
            out += text;
        }
        previous = &c;
    }
    return out.trimmed();
}

// A numerator needs brackets on one line only around sums ("(a + b)/c"); a denominator of more than one item
// always does ("a/(2σ²)").
QString wrapped(const FormulaNode& row, bool denominator)
{
    const QString text = plainRow(row);
    bool wrap = denominator && row.children.size() > 1;
    for (const auto& c : row.children) {
        wrap |= c.kind == Kind::Operator || c.kind == Kind::Text || c.kind == Kind::Space;
    }
    return wrap ? QStringLiteral("(%1)").arg(text) : text;
}

QString plain(const FormulaNode& node)
{
    switch (node.kind) {
    case Kind::Row:
        return plainRow(node);
    case Kind::Fraction:
        return wrapped(node.children.at(0), false) + QStringLiteral("/") + wrapped(node.children.at(1), true);
    case Kind::Sqrt:
        return QStringLiteral("√") + wrapped(node.children.at(0), true);
    case Kind::Fenced:
        return node.text.left(1) + plainRow(node.children.at(0)) + node.text.mid(1);
    case Kind::Scripts: {
        QString out = plainRow(node.children.at(0));
        const QString sub = plainRow(node.children.at(1));
        const QString sup = plainRow(node.children.at(2));
        if (!sub.isEmpty()) {
            const QString u =
                scriptChars(sub, "0123456789aehijklmnoprstuvx+=", QStringLiteral("₀₁₂₃₄₅₆₇₈₉ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ₊₌"));
            out += u.isEmpty() ? QStringLiteral("_(%1)").arg(sub) : u;
        }
        if (!sup.isEmpty()) {
            const QString u = scriptChars(sup, "0123456789Tin+", QStringLiteral("⁰¹²³⁴⁵⁶⁷⁸⁹ᵀⁱⁿ⁺"));
            out += u.isEmpty() ? QStringLiteral("^(%1)").arg(sup) : u;
        }
        return out;
    }
    default:
        return node.text;
    }
}

} // namespace

QString formulaToPlainText(const FormulaNode& node)
{
    return plain(node);
}

QString formulaToSource(const FormulaNode& node)
{
    return source(node, true, false);
}

} // namespace attn
