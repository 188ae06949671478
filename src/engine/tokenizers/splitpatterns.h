#pragma once

#include <QString>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace attn::tok {

// The pre-tokenizer patterns of the byte-level BPE families, matched by hand (no regex engine): each returns the
// [begin, end) code-point ranges the pattern's findall gives, which always tile the whole text.
using Ranges = std::vector<std::pair<std::size_t, std::size_t>>;

enum class SplitPattern
{
    Gpt2,   // 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
    Qwen2,  // (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}|
            // ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
    Llama3, // Qwen2's with \p{N}{1,3}
};

Ranges splitByPattern(SplitPattern pattern, const std::u32string& text);

// The regex source of each pattern, as tokenizer.json spells it.
QString patternSource(SplitPattern pattern);
// Recognises one of the patterns above in a tokenizer.json Split regex; false for any other.
bool recognisePattern(const QString& regex, SplitPattern& pattern);

} // namespace attn::tok
