// The hand-written GPT-2, Qwen2 and Llama 3 pre-tokenizer splits against the same patterns in Qt's regex engine
// (PCRE2). Each input byte picks a character from a set that covers every class the patterns tell apart (letters,
// numbers, marks, whitespace kinds, line breaks, apostrophes and contraction letters, punctuation, emoji); the
// characters are long-assigned ones, so both sides read them with the same Unicode data.
#include "engine/tokenizers/splitpatterns.h"
#include "engine/tokenizers/unicodechars.h"

#include <QRegularExpression>
#include <QStringList>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace attn::tok;
    static const std::u32string alphabet =
        U"aZ\u00e9\u4e2d\u00df1\u0663\u00bd "
        U"\t\n\r\u00a0\u3000\u2028'sStTmMdDrReEvVlL\u017f.,!?-\u2014\U0001F600\u0301_$\v\f"
        U"\u0085\u1680\u2000\u00aa\u02b0\u2160";
    static const QRegularExpression regexes[] = {
        QRegularExpression(patternSource(SplitPattern::Gpt2), QRegularExpression::UseUnicodePropertiesOption),
        QRegularExpression(patternSource(SplitPattern::Qwen2), QRegularExpression::UseUnicodePropertiesOption),
        QRegularExpression(patternSource(SplitPattern::Llama3), QRegularExpression::UseUnicodePropertiesOption)};
    std::u32string text;
    for (std::size_t i = 0; i < size && i < 256; ++i) {
        text.push_back(alphabet[data[i] % alphabet.size()]);
    }
    const SplitPattern patterns[] = {SplitPattern::Gpt2, SplitPattern::Qwen2, SplitPattern::Llama3};
    for (int p = 0; p < 3; ++p) {
        QStringList mine;
        std::size_t at = 0;
        for (const auto& [b, e] : splitByPattern(patterns[p], text)) {
            if (b != at || e <= b) {
                __builtin_trap(); // the pieces tile the text
            }
            at = e;
            mine << fromCodePoints(text.data() + b, text.data() + e);
        }
        QStringList theirs;
        auto it = regexes[p].globalMatch(fromCodePoints(text));
        while (it.hasNext()) {
            theirs << it.next().captured();
        }
        if (mine != theirs) {
            __builtin_trap(); // the hand-written split is the pattern's
        }
    }
    return 0;
}
