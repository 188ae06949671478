#include "views/formulaspacing.h"

#include <QString>

namespace attn {

namespace {

using Kind = FormulaNode::Kind;

} // namespace

FormulaAtom formulaAtom(const FormulaNode& n)
{
    switch (n.kind) {
    case Kind::Word:
        return FormulaAtom::Word;
    case Kind::Space:
        return FormulaAtom::Space;
    case Kind::Fenced:
        return FormulaAtom::Open;
    case Kind::Operator: {
        static const QString kRel = QStringLiteral("=<>≤≥≠≈→∈∝");
        static const QString kBin = QStringLiteral("+−·×⊙/*|");
        static const QString kPunct = QStringLiteral(",;:");
        if (n.text.size() == 1 && kRel.contains(n.text)) {
            return FormulaAtom::Rel;
        }
        if (n.text.size() == 1 && kBin.contains(n.text)) {
            return FormulaAtom::Bin;
        }
        if (n.text.size() == 1 && kPunct.contains(n.text)) {
            return FormulaAtom::Punct;
        }
        return FormulaAtom::Ord;
    }
    case Kind::Scripts:
        // A scripted item spaces as its base does (softmax_j as a word, (s)_i as a bracket, a sum as a sum).
        if (!n.children.empty() && n.children[0].children.size() == 1) {
            const FormulaNode& base = n.children[0].children[0];
            return base.kind == Kind::BigOperator ? FormulaAtom::Large : formulaAtom(base);
        }
        return FormulaAtom::Ord;
    case Kind::BigOperator:
        return FormulaAtom::Large;
    default:
        return FormulaAtom::Ord;
    }
}

double formulaGapBefore(FormulaAtom prev, FormulaAtom cur, bool first)
{
    if (first || cur == FormulaAtom::Space || prev == FormulaAtom::Space || prev == FormulaAtom::Sign) {
        return 0.0;
    }
    if (cur == FormulaAtom::Sign) {
        cur = FormulaAtom::Ord;
    }
    if (prev == FormulaAtom::Large || cur == FormulaAtom::Large) {
        return prev == FormulaAtom::Rel || cur == FormulaAtom::Rel ? 0.28 : 0.16;
    }
    if (cur == FormulaAtom::Bin) {
        return 0.22;
    }
    if (prev == FormulaAtom::Bin) {
        return 0.22;
    }
    if (cur == FormulaAtom::Rel || prev == FormulaAtom::Rel) {
        return 0.28;
    }
    if (cur == FormulaAtom::Punct) {
        return 0.0;
    }
    if (prev == FormulaAtom::Punct) {
        return 0.2;
    }
    if (prev == FormulaAtom::Word) {
        return cur == FormulaAtom::Open ? 0.0 : 0.16;
    }
    if (cur == FormulaAtom::Word) {
        return 0.16;
    }
    return 0.05;
}

} // namespace attn
