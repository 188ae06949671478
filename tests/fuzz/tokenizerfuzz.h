#pragma once
// Shared checks for the Hugging Face tokenizer harnesses: an encoding is consistent, or the harness traps.
#include "engine/tokenizers/tokenizer.h"

#include <QString>

namespace attnfuzz {

inline void checkEncoding(const attn::tok::Tokenizer& t, const attn::tok::Encoding& e)
{
    if (e.tokens.size() != e.ids.size() || e.typeIds.size() != e.ids.size() || e.special.size() != e.ids.size()) {
        __builtin_trap(); // every id has its token, type id and special flag
    }
    for (const int id : e.ids) {
        if (id < 0 || id >= t.vocabSize()) {
            __builtin_trap(); // ids come from the vocabulary
        }
    }
}

// Encodes text with and without special tokens, alone and as a pair; tokenizer errors are allowed.
inline void encodeAll(const attn::tok::Tokenizer& t, const QString& text)
{
    try {
        const attn::tok::Encoding e = t.encode(text);
        checkEncoding(t, e);
        (void)t.decode(e.ids);
        (void)t.decode(e.ids, false);
        checkEncoding(t, t.encode(text, false));
        checkEncoding(t, t.encodePair(text, QStringLiteral("b")));
    } catch (const attn::tok::TokenizerError&) {
    }
}

inline const QString& sampleText()
{
    static const QString text = QString::fromUtf8(
        "Hello, world! The caf\xc3\xa9 didn't open in 2024 \xe2\x80\x94 \xe6\x88\x91\xe5\x96\x9c\xe6\xac\xa2 "
        "\xf0\x9f\x98\x80  [CLS] <s> <mask> <|endoftext|>\t\n x'S 12345 ab c");
    return text;
}

} // namespace attnfuzz
