#include "engine/tokenizers/splitpatterns.h"

#include "engine/tokenizers/unicodechars.h"

namespace attn::tok {

namespace {

bool isOther(char32_t c)
{
    return !isWhitespace(c) && !isLetter(c) && !isNumber(c);
}

char32_t foldAscii(char32_t c, bool caseless)
{
    if (!caseless) {
        return c;
    }
    if (c == 0x17F) { // LATIN SMALL LETTER LONG S folds to s under Unicode case-insensitive matching
        return 's';
    }
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

// 's|'t|'re|'ve|'m|'ll|'d at i: the match's length, or 0.
std::size_t contraction(const std::u32string& t, std::size_t i, bool caseless)
{
    if (t[i] != U'\'' || i + 1 >= t.size()) {
        return 0;
    }
    const char32_t a = foldAscii(t[i + 1], caseless);
    if (a == 's' || a == 't' || a == 'm' || a == 'd') {
        return 2;
    }
    if (i + 2 < t.size()) {
        const char32_t b = foldAscii(t[i + 2], caseless);
        if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) {
            return 3;
        }
    }
    return 0;
}

template <typename Pred> std::size_t runEnd(const std::u32string& t, std::size_t i, Pred pred)
{
    while (i < t.size() && pred(t[i])) {
        ++i;
    }
    return i;
}

// \s+(?!\S)|\s+ at a whitespace character: all of the run when it ends the text or is one character long,
// otherwise all but its last character (which then leads the next piece).
std::size_t whitespaceRun(const std::u32string& t, std::size_t i)
{
    const std::size_t end = runEnd(t, i, isWhitespace);
    if (end == t.size() || end - i == 1) {
        return end;
    }
    return end - 1;
}

std::size_t matchGpt2(const std::u32string& t, std::size_t i)
{
    if (const std::size_t n = contraction(t, i, false)) {
        return i + n;
    }
    const std::size_t k = (t[i] == U' ' && i + 1 < t.size()) ? i + 1 : i;
    if (isLetter(t[k])) {
        return runEnd(t, k, isLetter);
    }
    if (isNumber(t[k])) {
        return runEnd(t, k, isNumber);
    }
    if (isOther(t[k])) {
        return runEnd(t, k, isOther);
    }
    return whitespaceRun(t, i);
}

std::size_t matchQwen2(const std::u32string& t, std::size_t i, std::size_t maxDigits)
{
    if (const std::size_t n = contraction(t, i, true)) {
        return i + n;
    }
    const char32_t c = t[i];
    // [^\r\n\p{L}\p{N}]?\p{L}+
    if (isLetter(c)) {
        return runEnd(t, i, isLetter);
    }
    if (c != U'\r' && c != U'\n' && !isNumber(c) && i + 1 < t.size() && isLetter(t[i + 1])) {
        return runEnd(t, i + 1, isLetter);
    }
    // \p{N}{1,maxDigits}
    if (isNumber(c)) {
        std::size_t end = i;
        while (end < t.size() && end - i < maxDigits && isNumber(t[end])) {
            ++end;
        }
        return end;
    }
    //  ?[^\s\p{L}\p{N}]+[\r\n]*
    const std::size_t k = (c == U' ' && i + 1 < t.size()) ? i + 1 : i;
    if (isOther(t[k])) {
        return runEnd(t, runEnd(t, k, isOther), [](char32_t x) { return x == U'\r' || x == U'\n'; });
    }
    // \s*[\r\n]+: the whitespace run up to and including its last line break.
    const std::size_t end = runEnd(t, i, isWhitespace);
    for (std::size_t p = end; p > i; --p) {
        if (t[p - 1] == U'\r' || t[p - 1] == U'\n') {
            return p;
        }
    }
    return whitespaceRun(t, i);
}

} // namespace

Ranges splitByPattern(SplitPattern pattern, const std::u32string& text)
{
    Ranges ranges;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t end = 0;
        switch (pattern) {
        case SplitPattern::Gpt2:
            end = matchGpt2(text, i);
            break;
        case SplitPattern::Qwen2:
            end = matchQwen2(text, i, 1);
            break;
        case SplitPattern::Llama3:
            end = matchQwen2(text, i, 3);
            break;
        }
        if (end <= i) { // cannot happen: every character starts some alternative; never loop forever
            end = i + 1;
        }
        ranges.emplace_back(i, end);
        i = end;
    }
    return ranges;
}

QString patternSource(SplitPattern pattern)
{
    switch (pattern) {
    case SplitPattern::Gpt2:
        return QStringLiteral(R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)");
    case SplitPattern::Qwen2:
        return QStringLiteral(
            R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)");
    case SplitPattern::Llama3:
        return QStringLiteral(
            R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)");
    }
    return {};
}

bool recognisePattern(const QString& regex, SplitPattern& pattern)
{
    for (const SplitPattern p : {SplitPattern::Gpt2, SplitPattern::Qwen2, SplitPattern::Llama3}) {
        if (regex == patternSource(p)) {
            pattern = p;
            return true;
        }
    }
    // GPT-2's pattern also appears with (?i:) around its contractions or with \s+(?!\S) spelled the other way
    // round; only the exact spellings above are taken, anything else goes to the regex engine.
    return false;
}

} // namespace attn::tok
