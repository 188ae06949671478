#include "core/formulasymbols.h"

namespace attn {

namespace formula {

const std::vector<NamedSymbol>& namedSymbols()
{
    using K = FormulaNode::Kind;
    static const std::vector<NamedSymbol> kSymbols = {
        {"alpha", "α", K::Symbol, true},     {"beta", "β", K::Symbol, true},      {"gamma", "γ", K::Symbol, true},
        {"delta", "δ", K::Symbol, true},     {"epsilon", "ε", K::Symbol, true},   {"zeta", "ζ", K::Symbol, true},
        {"eta", "η", K::Symbol, true},       {"theta", "θ", K::Symbol, true},     {"iota", "ι", K::Symbol, true},
        {"kappa", "κ", K::Symbol, true},     {"lambda", "λ", K::Symbol, true},    {"mu", "μ", K::Symbol, true},
        {"nu", "ν", K::Symbol, true},        {"xi", "ξ", K::Symbol, true},        {"pi", "π", K::Symbol, true},
        {"rho", "ρ", K::Symbol, true},       {"sigma", "σ", K::Symbol, true},     {"tau", "τ", K::Symbol, true},
        {"phi", "φ", K::Symbol, true},       {"chi", "χ", K::Symbol, true},       {"psi", "ψ", K::Symbol, true},
        {"omega", "ω", K::Symbol, true},     {"Gamma", "Γ", K::Symbol, false},    {"Delta", "Δ", K::Symbol, false},
        {"Theta", "Θ", K::Symbol, false},    {"Lambda", "Λ", K::Symbol, false},   {"Xi", "Ξ", K::Symbol, false},
        {"Pi", "Π", K::Symbol, false},       {"Sigma", "Σ", K::Symbol, false},    {"Phi", "Φ", K::Symbol, false},
        {"Psi", "Ψ", K::Symbol, false},      {"Omega", "Ω", K::Symbol, false},    {"R", "ℝ", K::Symbol, false},
        {"cdot", "·", K::Operator, false},   {"times", "×", K::Operator, false},  {"in", "∈", K::Operator, false},
        {"le", "≤", K::Operator, false},     {"ge", "≥", K::Operator, false},     {"ne", "≠", K::Operator, false},
        {"approx", "≈", K::Operator, false}, {"to", "→", K::Operator, false},     {"infty", "∞", K::Operator, false},
        {"ldots", "…", K::Operator, false},  {"cdots", "⋯", K::Operator, false},  {"top", "⊤", K::Operator, false},
        {"odot", "⊙", K::Operator, false},   {"propto", "∝", K::Operator, false},
    };
    return kSymbols;
}

const NamedSymbol* symbolForUnicode(const QString& text)
{
    for (const auto& s : namedSymbols()) {
        if (text == QString::fromUtf8(s.unicode)) {
            return &s;
        }
    }
    return nullptr;
}

} // namespace formula

} // namespace attn
