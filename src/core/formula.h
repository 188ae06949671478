#pragma once

#include <QString>
#include <vector>

namespace attn {

// A formula as a tree a painter can draw (lesson steps carry one each). Parsed from a small TeX-like notation:
//
//   letters     a run of Latin letters is one name: single letters are variables (drawn italic), longer runs
//               are words such as softmax, exp, tanh, Attention (drawn upright). A space separates names:
//               "Q K^T" is Q times K-transposed, "QK" one word.
//   numbers     digits with an optional decimal point: 2, 0.5
//   operators   + - = < > / * , ; : ! ' | and the bracket pairs ( ) [ ], matched into groups the painter can
//               stretch. Spaces are not drawn; the painter spaces operators itself.
//   x_i  x^2    subscript and superscript of the item before: one character, one command, or {a group};
//               both together: x_i^2. On \sum and \prod they become limits: \sum_{i=1}^{n}
//   {...}       a group: draws its content, used for script and command arguments
//   \frac{a}{b} a stacked fraction        \sqrt{a}   a square root
//   \mathbf{q}  bold (vectors, matrices)   \text{any words}   upright text, spaces kept (also Chinese)
//   \sum \prod  big operators              \alpha ... \omega, \Gamma ... \Omega   Greek letters
//   \cdot \times \in \le \ge \ne \approx \to \infty \ldots \cdots \top \| \langle \rangle \R (the reals)
//   \, \quad    a thin and a wide space    \{ \} \_ \^ \\   the literal characters
//
// Example: Attention(Q, K, V) = softmax(\frac{Q K^T}{\sqrt{d}}) V
struct FormulaNode
{
    enum class Kind
    {
        Row,         // children drawn left to right
        Symbol,      // a variable or Greek letter (text); italic when italic is set
        Word,        // an upright name: softmax, exp, tanh
        Number,      // digits
        Operator,    // an operator or punctuation (text): "+", "=", "·", "∈", ","
        Text,        // \text{...}: upright text with its spaces
        Space,       // \, (text " ") or \quad (text "  ")
        Fraction,    // children: numerator, denominator (each a Row)
        Sqrt,        // children: radicand (a Row)
        Scripts,     // children: base, subscript, superscript (each a Row, possibly empty)
        BigOperator, // \sum or \prod (text "∑", "∏"); as the base of Scripts its scripts are limits
        Fenced,      // text: the opening and closing bracket ("()", "[]", "⟨⟩"); children: content (a Row)
    };
    Kind kind = Kind::Row;
    QString text;
    bool italic = false; // Symbols: single Latin letters and lower-case Greek letters, as in printed maths
    bool bold = false;   // inside \mathbf{...}
    std::vector<FormulaNode> children;

    bool operator==(const FormulaNode& other) const;
    bool operator!=(const FormulaNode& other) const { return !(*this == other); }
};

struct FormulaParse
{
    FormulaNode root; // a Row; what could be parsed before an error
    QString error;    // empty when the whole source parsed, else the problem and its character position (from 0)
    bool ok() const { return error.isEmpty(); }
};

// Parses the notation above. Never throws, whatever the input; nesting deeper than 32 levels is an error.
FormulaParse parseFormula(const QString& source);
// One line of plain Unicode text, for screen readers, tooltips and tests: "softmax(QKᵀ / √d)V" style, with
// fractions written (a)/(b).
QString formulaToPlainText(const FormulaNode& node);
// The notation back: parseFormula(formulaToSource(parseFormula(s).root)).root == parseFormula(s).root.
QString formulaToSource(const FormulaNode& node);

} // namespace attn
