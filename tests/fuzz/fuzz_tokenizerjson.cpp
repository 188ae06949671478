// tokenizer.json as a Hugging Face folder holds it: parsed, then used to encode a sentence with every kind of text.
#include "engine/tokenizers/tokenizerjson.h"
#include "tokenizerfuzz.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    try {
        const attn::tok::Tokenizer t = attn::tok::readTokenizerJson(bytes, QStringLiteral("tokenizer.json"));
        attnfuzz::encodeAll(t, attnfuzz::sampleText());
    } catch (const attn::tok::TokenizerError&) {
    }
    return 0;
}
