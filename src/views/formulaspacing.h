#pragma once

#include "core/formula.h"

namespace attn {

// How an item of a formula row spaces itself from its neighbours, after TeX's atom classes (FormulaLayout).
enum class FormulaAtom
{
    Ord,
    Word,
    Bin,
    Rel,
    Punct,
    Open, // a bracketed group: a function name sits against it
    Space,
    Sign,  // + or − with nothing to its left: a sign, set against what follows
    Large, // a sum or product with its limits
};

// The class of a row item as its kind and text say (a Bin the row finds in a sign's place becomes Sign there).
FormulaAtom formulaAtom(const FormulaNode& node);
// The gap in em before an item of class cur that follows prev (first: no item before it in the row).
double formulaGapBefore(FormulaAtom prev, FormulaAtom cur, bool first);

} // namespace attn
