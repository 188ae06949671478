#pragma once

// The named symbols of the formula notation (core/formula.h), shared by the parser and the printers.
#include "core/formula.h"

#include <QString>
#include <vector>

namespace attn::formula {

struct NamedSymbol
{
    const char* command;    // without the backslash: "alpha", "cdot"
    const char* unicode;    // what is drawn: "α", "·"
    FormulaNode::Kind kind; // Symbol (letters) or Operator
    bool italic;            // Symbols only
};

// Every \command that stands for one symbol, in one table.
const std::vector<NamedSymbol>& namedSymbols();
// The table entry for a drawn text (to print it back as its command), or nullptr.
const NamedSymbol* symbolForUnicode(const QString& text);

} // namespace attn::formula
