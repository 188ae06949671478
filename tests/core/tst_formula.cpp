// The formula notation of lesson steps (core/formula.h): trees, errors, printing back, and robustness.
#include "core/formula.h"

#include <gtest/gtest.h>
#include <random>

using namespace attn;
using Kind = FormulaNode::Kind;

namespace {

FormulaNode parsed(const QString& source)
{
    const FormulaParse p = parseFormula(source);
    EXPECT_TRUE(p.ok()) << source.toStdString() << ": " << p.error.toStdString();
    return p.root;
}

std::string plain(const QString& source)
{
    return formulaToPlainText(parsed(source)).toStdString();
}

void expectRoundTrip(const QString& source)
{
    const FormulaParse first = parseFormula(source);
    ASSERT_TRUE(first.ok()) << source.toStdString() << ": " << first.error.toStdString();
    const QString printed = formulaToSource(first.root);
    const FormulaParse second = parseFormula(printed);
    ASSERT_TRUE(second.ok()) << source.toStdString() << " printed as " << printed.toStdString() << ": "
                             << second.error.toStdString();
    EXPECT_EQ(first.root, second.root) << source.toStdString() << " printed as " << printed.toStdString();
}

} // namespace

TEST(Formula, NamesAreVariablesOrWords)
{
    const FormulaNode r = parsed("softmax(x) Q K");
    ASSERT_EQ(r.children.size(), 4u);
    EXPECT_EQ(r.children[0].kind, Kind::Word);
    EXPECT_FALSE(r.children[0].italic);
    EXPECT_EQ(r.children[1].kind, Kind::Fenced);
    EXPECT_EQ(r.children[1].text, "()");
    EXPECT_EQ(r.children[2].kind, Kind::Symbol);
    EXPECT_TRUE(r.children[2].italic);
    EXPECT_EQ(parsed("QK").children.at(0).kind, Kind::Word); // no space: one word
}

TEST(Formula, ScriptsFractionsRootsAndLimits)
{
    const FormulaNode r = parsed("x_i^2");
    ASSERT_EQ(r.children.size(), 1u);
    const FormulaNode& s = r.children[0];
    ASSERT_EQ(s.kind, Kind::Scripts);
    ASSERT_EQ(s.children.size(), 3u);
    EXPECT_EQ(s.children[0].children.at(0).text, "x");
    EXPECT_EQ(s.children[1].children.at(0).text, "i");
    EXPECT_EQ(s.children[2].children.at(0).kind, Kind::Number);

    const FormulaNode f = parsed("\\frac{Q K^T}{\\sqrt{d}}").children.at(0);
    ASSERT_EQ(f.kind, Kind::Fraction);
    EXPECT_EQ(f.children.at(0).children.size(), 2u);
    EXPECT_EQ(f.children.at(1).children.at(0).kind, Kind::Sqrt);

    const FormulaNode sum = parsed("\\sum_{i=1}^{n}").children.at(0);
    ASSERT_EQ(sum.kind, Kind::Scripts);
    EXPECT_EQ(sum.children.at(0).children.at(0).kind, Kind::BigOperator);
    EXPECT_EQ(sum.children.at(1).children.size(), 3u); // i = 1
}

TEST(Formula, GreekBoldTextAndOperators)
{
    const FormulaNode r = parsed("\\alpha \\Sigma \\mathbf{q} \\text{输出 = y} a - b \\cdot c \\langle q, k \\rangle");
    ASSERT_GE(r.children.size(), 9u);
    EXPECT_EQ(r.children[0].text, "α");
    EXPECT_TRUE(r.children[0].italic);
    EXPECT_EQ(r.children[1].text, "Σ");
    EXPECT_FALSE(r.children[1].italic);
    EXPECT_TRUE(r.children[2].bold);
    EXPECT_EQ(r.children[3].kind, Kind::Text);
    EXPECT_EQ(r.children[3].text, "输出 = y");
    EXPECT_EQ(r.children[5].text, "−"); // a minus sign, not a hyphen
    EXPECT_EQ(r.children[7].text, "·");
    EXPECT_EQ(r.children.back().kind, Kind::Fenced);
    EXPECT_EQ(r.children.back().text, "⟨⟩");
}

TEST(Formula, PlainText)
{
    EXPECT_EQ(plain("Attention(Q, K, V) = softmax(\\frac{Q K^T}{\\sqrt{d}}) V"),
              "Attention(Q, K, V) = softmax(QKᵀ/√d)V");
    EXPECT_EQ(plain("f(x) = \\sum_{i=1}^{n} softmax(-\\frac{(x - x_i)^2}{2 \\sigma^2}) y_i"),
              "f(x) = ∑_(i = 1)ⁿ softmax(−(x − xᵢ)²/(2σ²))yᵢ");
}

TEST(Formula, ErrorsNameTheProblemAndPlace)
{
    const std::pair<const char*, const char*> cases[] = {
        {"\\frac{a}", "missing argument"},
        {"\\foo", "unknown command"},
        {"(a + b", "missing ')'"},
        {"a + b)", "unmatched ')'"},
        {"x_i_j", "double subscript"},
        {"\\text{abc", "missing '}'"},
        {"{a", "missing '}'"},
        {"\\", "lone"},
        {"x^", "missing argument"},
        {"\\langle q", "missing"},
    };
    for (const auto& [source, problem] : cases) {
        const FormulaParse p = parseFormula(QString::fromUtf8(source));
        EXPECT_FALSE(p.ok()) << source;
        EXPECT_TRUE(p.error.contains(QString::fromUtf8(problem))) << source << ": " << p.error.toStdString();
        EXPECT_TRUE(p.error.contains("at character")) << p.error.toStdString();
    }
    const QString deep = QString(40, QLatin1Char('{')) + QString(40, QLatin1Char('}'));
    EXPECT_TRUE(parseFormula(deep).error.contains("nested deeper")) << parseFormula(deep).error.toStdString();
}

TEST(Formula, SourceRoundTrips)
{
    for (const char* s : {"x_i^2",
                          "\\frac{a}{b}",
                          "softmax(\\frac{Q K^T}{\\sqrt{d}}) V",
                          "\\sum_{i=1}^{n} \\alpha_i v_i",
                          "\\mathbf{q}^T \\mathbf{k_i}",
                          "\\mathbf{{a}}",
                          "\\mathbf{a b}_i",
                          "{a b}^2",
                          "{}_i",
                          "x_{}",
                          "\\text{a \\{b\\} \\\\}",
                          "\\{ \\} \\_ \\^ \\\\ \\|x\\|",
                          "\\langle q, k \\rangle",
                          "2x 0.5 1.25",
                          "\\, \\quad",
                          "α β Σ ℝ \\R",
                          "[q; k]",
                          "\\frac a b",
                          "\\sqrt 2",
                          "e_{t, i} = v^T tanh(W s_t + U h_i)",
                          "a^b_c",
                          "{{a}}",
                          "-\\infty"}) {
        expectRoundTrip(QString::fromUtf8(s));
    }
}

// Whatever the text, parsing returns; when it parses, printing it back gives the same tree.
TEST(Formula, RandomInputNeverBreaksIt)
{
    const QString alphabet = QStringLiteral("ab xyQK12.{}{}()[]_^\\\\+-=,;|fracsqrtmathbftextsumalphalangle≈α输");
    std::mt19937 rng(20261127);
    int parsedOk = 0;
    for (int i = 0; i < 20000; ++i) {
        QString s;
        const int n = int(rng() % 24);
        for (int k = 0; k < n; ++k) {
            s += alphabet[int(rng() % unsigned(alphabet.size()))];
        }
        const FormulaParse p = parseFormula(s);
        formulaToPlainText(p.root);
        if (p.ok()) {
            ++parsedOk;
            expectRoundTrip(s);
            if (HasFailure()) {
                return;
            }
        }
    }
    EXPECT_GT(parsedOk, 1000); // the property was checked on many inputs
}
