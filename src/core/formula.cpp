#include "core/formula.h"

#include "core/formulasymbols.h"

#include <QStringList>

namespace attn {

bool FormulaNode::operator==(const FormulaNode& other) const
{
    return kind == other.kind && text == other.text && italic == other.italic && bold == other.bold &&
           children == other.children;
}

namespace {

using Kind = FormulaNode::Kind;
constexpr int kMaxDepth = 32;

FormulaNode leaf(Kind kind, const QString& text, bool italic = false)
{
    FormulaNode n;
    n.kind = kind;
    n.text = text;
    n.italic = italic;
    return n;
}

FormulaNode row(std::vector<FormulaNode> children = {})
{
    FormulaNode n;
    n.children = std::move(children);
    return n;
}

// Groups keep their Row; a lone atom is wrapped so that fraction parts, radicands and scripts are always Rows.
FormulaNode asRow(FormulaNode node)
{
    return node.kind == Kind::Row ? node : row({std::move(node)});
}

void setBold(FormulaNode& node)
{
    node.bold = true;
    for (auto& c : node.children) {
        setBold(c);
    }
}

bool isLatinLetter(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'));
}

bool isGreekLower(QChar c)
{
    return c.unicode() >= 0x03B1 && c.unicode() <= 0x03C9;
}

// A name as typed: one Latin letter or lower-case Greek letter is a variable, anything longer a word.
FormulaNode nameNode(const QString& name)
{
    if (name.size() == 1 && (isLatinLetter(name[0]) || isGreekLower(name[0]))) {
        return leaf(Kind::Symbol, name, true);
    }
    if (name.size() == 1 && name[0].unicode() >= 0x0391 && name[0].unicode() <= 0x03A9) {
        return leaf(Kind::Symbol, name, false);
    }
    return leaf(Kind::Word, name);
}

class Parser
{
public:
    explicit Parser(const QString& s) : m_s(s) {}

    FormulaParse run()
    {
        FormulaParse result;
        result.root = parseRow(QChar(), 0);
        if (m_error.isEmpty() && m_pos < m_s.size()) {
            fail(QStringLiteral("unexpected '%1'").arg(m_s[m_pos]));
        }
        result.error = m_error;
        return result;
    }

private:
    const QString& m_s;
    int m_pos = 0;
    QString m_error;

    bool failed() const { return !m_error.isEmpty(); }
    void fail(const QString& what)
    {
        if (m_error.isEmpty()) {
            m_error = QStringLiteral("%1 at character %2").arg(what).arg(m_pos);
        }
    }
    void skipSpace()
    {
        while (m_pos < m_s.size() && m_s[m_pos].isSpace()) {
            ++m_pos;
        }
    }
    bool atEnd()
    {
        skipSpace();
        return m_pos >= m_s.size();
    }

    // Items until `close` ('}' for groups, ')' ']' or U+27E9 for brackets, none at the top).
    FormulaNode parseRow(QChar close, int depth)
    {
        FormulaNode r = row();
        if (depth > kMaxDepth) {
            fail(QStringLiteral("nested deeper than %1 levels").arg(kMaxDepth));
            return r;
        }
        while (!failed() && !atEnd()) {
            const QChar c = m_s[m_pos];
            if (!close.isNull() && c == close) {
                ++m_pos;
                return r;
            }
            if (close == QChar(0x27E9) && m_s.mid(m_pos, 7) == QLatin1String("\\rangle") &&
                (m_pos + 7 >= m_s.size() || !isLatinLetter(m_s[m_pos + 7]))) {
                m_pos += 7;
                return r;
            }
            if (c == QLatin1Char('}') || c == QLatin1Char(')') || c == QLatin1Char(']')) {
                fail(QStringLiteral("unmatched '%1'").arg(c));
                return r;
            }
            if (c == QLatin1Char('_') || c == QLatin1Char('^')) {
                // Scripts attach to the item before; at the start of a row they have an empty base.
                FormulaNode base = r.children.empty() ? row() : std::move(r.children.back());
                if (!r.children.empty()) {
                    r.children.pop_back();
                }
                r.children.push_back(parseScripts(std::move(base), depth));
                continue;
            }
            FormulaNode atom = parseAtom(depth);
            if (!failed()) {
                r.children.push_back(std::move(atom));
            }
        }
        if (!close.isNull() && !failed()) {
            fail(QStringLiteral("missing '%1'").arg(close));
        }
        return r;
    }

    FormulaNode parseScripts(FormulaNode base, int depth)
    {
        FormulaNode s;
        s.kind = Kind::Scripts;
        const FormulaNode original = base;
        if (base.kind == Kind::Scripts) {
            s = std::move(base);
        } else {
            s.children = {asRow(std::move(base)), row(), row()};
        }
        while (!failed() && !atEnd() && (m_s[m_pos] == QLatin1Char('_') || m_s[m_pos] == QLatin1Char('^'))) {
            const int slot = m_s[m_pos] == QLatin1Char('_') ? 1 : 2;
            ++m_pos;
            if (!s.children[size_t(slot)].children.empty()) {
                fail(slot == 1 ? QStringLiteral("double subscript") : QStringLiteral("double superscript"));
                break;
            }
            s.children[size_t(slot)] = asRow(parseArgument(depth + 1));
        }
        if (s.children[1].children.empty() && s.children[2].children.empty()) {
            return original; // x_{} is just x
        }
        return s;
    }

    // One character, one command or a {group}: what scripts and \frac, \sqrt, \mathbf take.
    FormulaNode parseArgument(int depth)
    {
        if (atEnd()) {
            fail(QStringLiteral("missing argument"));
            return row();
        }
        const QChar c = m_s[m_pos];
        if (c == QLatin1Char('{')) {
            ++m_pos;
            return parseRow(QLatin1Char('}'), depth + 1);
        }
        if (c == QLatin1Char('\\')) {
            return parseCommand(depth);
        }
        if (c == QLatin1Char('}') || c == QLatin1Char('_') || c == QLatin1Char('^') || c == QLatin1Char('(') ||
            c == QLatin1Char('[') || c == QLatin1Char(')') || c == QLatin1Char(']')) {
            fail(QStringLiteral("missing argument before '%1'").arg(c));
            return row();
        }
        ++m_pos;
        if (c.isDigit()) {
            return leaf(Kind::Number, QString(c));
        }
        if (c.isLetter()) {
            return nameNode(QString(c));
        }
        return operatorNode(c);
    }

    static FormulaNode operatorNode(QChar c)
    {
        return leaf(Kind::Operator, c == QLatin1Char('-') ? QStringLiteral("−") : QString(c));
    }

    FormulaNode fenced(const QString& brackets, QChar close, int depth)
    {
        FormulaNode f;
        f.kind = Kind::Fenced;
        f.text = brackets;
        f.children = {parseRow(close, depth + 1)};
        return f;
    }

    FormulaNode parseAtom(int depth)
    {
        const QChar c = m_s[m_pos];
        if (c == QLatin1Char('{')) {
            ++m_pos;
            return parseRow(QLatin1Char('}'), depth + 1);
        }
        if (c == QLatin1Char('(') || c == QLatin1Char('[')) {
            ++m_pos;
            return c == QLatin1Char('(') ? fenced(QStringLiteral("()"), QLatin1Char(')'), depth)
                                         : fenced(QStringLiteral("[]"), QLatin1Char(']'), depth);
        }
        if (c == QLatin1Char('\\')) {
            return parseCommand(depth);
        }
        const int start = m_pos;
        if (c.isDigit()) {
            while (m_pos < m_s.size() && (m_s[m_pos].isDigit() ||
                                          (m_s[m_pos] == QLatin1Char('.') && m_pos + 1 < m_s.size() &&
                                           m_s[m_pos + 1].isDigit() && !m_s.mid(start, m_pos - start).contains('.')))) {
                ++m_pos;
            }
            return leaf(Kind::Number, m_s.mid(start, m_pos - start));
        }
        if (c.isLetter()) {
            while (m_pos < m_s.size() && m_s[m_pos].isLetter()) {
                ++m_pos;
            }
            return nameNode(m_s.mid(start, m_pos - start));
        }
        ++m_pos;
        if (c.isHighSurrogate() && m_pos < m_s.size() && m_s[m_pos].isLowSurrogate()) {
            ++m_pos; // keep a character outside the BMP whole
            return leaf(Kind::Operator, m_s.mid(start, 2));
        }
        return operatorNode(c);
    }

    FormulaNode parseCommand(int depth)
    {
        ++m_pos; // the backslash
        if (m_pos >= m_s.size()) {
            fail(QStringLiteral("a lone '\\'"));
            return row();
        }
        const int start = m_pos;
        while (m_pos < m_s.size() && isLatinLetter(m_s[m_pos])) {
            ++m_pos;
        }
        if (m_pos == start) {
            const QChar c = m_s[m_pos++];
            if (c == QLatin1Char(',')) {
                return leaf(Kind::Space, QStringLiteral(" "));
            }
            if (c == QLatin1Char('|')) {
                return leaf(Kind::Operator, QStringLiteral("‖"));
            }
            if (QStringLiteral("{}_^\\").contains(c)) {
                return leaf(Kind::Operator, QString(c));
            }
            fail(QStringLiteral("unknown command '\\%1'").arg(c));
            return row();
        }
        const QString name = m_s.mid(start, m_pos - start);
        if (name == QLatin1String("frac")) {
            FormulaNode f;
            f.kind = Kind::Fraction;
            FormulaNode num = asRow(parseArgument(depth + 1));
            FormulaNode den = failed() ? row() : asRow(parseArgument(depth + 1));
            f.children = {std::move(num), std::move(den)};
            return f;
        }
        if (name == QLatin1String("sqrt")) {
            FormulaNode f;
            f.kind = Kind::Sqrt;
            f.children = {asRow(parseArgument(depth + 1))};
            return f;
        }
        if (name == QLatin1String("mathbf")) {
            FormulaNode arg = parseArgument(depth + 1);
            if (arg.kind == Kind::Row && arg.children.size() == 1 && arg.children.front().kind != Kind::Row) {
                arg = std::move(arg.children.front());
            }
            setBold(arg);
            return arg;
        }
        if (name == QLatin1String("text")) {
            return parseText();
        }
        if (name == QLatin1String("sum") || name == QLatin1String("prod")) {
            return leaf(Kind::BigOperator, name == QLatin1String("sum") ? QStringLiteral("∑") : QStringLiteral("∏"));
        }
        static const QStringList kFunctions = {"exp", "log", "ln",  "sin",    "cos",    "tan",     "tanh", "max",
                                               "min", "arg", "det", "argmax", "argmin", "softmax", "lim"};
        if (kFunctions.contains(name)) {
            return leaf(Kind::Word, name); // TeX's \exp: the same upright word as typing exp
        }
        if (name == QLatin1String("quad")) {
            return leaf(Kind::Space, QStringLiteral("  "));
        }
        if (name == QLatin1String("langle")) {
            return fenced(QStringLiteral("⟨⟩"), QChar(0x27E9), depth);
        }
        if (name == QLatin1String("rangle")) {
            fail(QStringLiteral("unmatched '\\rangle'"));
            return row();
        }
        for (const auto& s : formula::namedSymbols()) {
            if (name == QLatin1String(s.command)) {
                return leaf(s.kind, QString::fromUtf8(s.unicode), s.italic);
            }
        }
        fail(QStringLiteral("unknown command '\\%1'").arg(name));
        return row();
    }

    // \text{...}: raw text up to the matching brace; \{ \} \\ stand for the characters.
    FormulaNode parseText()
    {
        skipSpace();
        if (m_pos >= m_s.size() || m_s[m_pos] != QLatin1Char('{')) {
            fail(QStringLiteral("\\text needs {...}"));
            return row();
        }
        ++m_pos;
        QString text;
        while (m_pos < m_s.size()) {
            const QChar c = m_s[m_pos++];
            if (c == QLatin1Char('}')) {
                return leaf(Kind::Text, text);
            }
            if (c == QLatin1Char('\\') && m_pos < m_s.size()) {
                text += m_s[m_pos++];
                continue;
            }
            text += c;
        }
        fail(QStringLiteral("missing '}' after \\text"));
        return row();
    }
};

} // namespace

FormulaParse parseFormula(const QString& source)
{
    return Parser(source).run();
}

} // namespace attn
