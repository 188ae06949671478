// tokenizer.model (a SentencePiece ModelProto, read by hand in engine/tokenizers/sentencepiecemodel.cpp): parsed,
// then used to encode a sentence with every kind of text.
#include "engine/tokenizers/sentencepiecemodel.h"
#include "tokenizerfuzz.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace attn::tok;
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    try {
        auto model = std::make_unique<SentencePieceModel>(bytes, QStringLiteral("tokenizer.model"));
        const int bos = model->bosId();
        Tokenizer t;
        t.setModel(std::move(model));
        if (bos >= 0) {
            t.setPostProcessor(PostProcessor::surround({{t.model().idToToken(bos), bos}}, {}));
        }
        attnfuzz::encodeAll(t, attnfuzz::sampleText());
    } catch (const TokenizerError&) {
    }
    return 0;
}
