// vocab.json + merges.txt (one input: vocab.json, a NUL byte, merges.txt) read as a byte-level BPE with GPT-2's
// pre-tokenizer (Qwen2's when the input's length is odd), encoding a sentence.
#include "engine/tokenizers/bpemodel.h"
#include "tokenizerfuzz.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace attn::tok;
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    const qsizetype nul = bytes.indexOf('\0');
    const QByteArray vocabJson = nul < 0 ? bytes : bytes.left(nul);
    const QByteArray merges = nul < 0 ? QByteArray() : bytes.mid(nul + 1);
    try {
        BpeOptions options;
        options.byteLevel = true;
        Tokenizer t;
        t.setModel(std::make_unique<BpeModel>(BpeModel::readVocabJson(vocabJson, QStringLiteral("vocab.json")),
                                              BpeModel::readMergesTxt(merges, QStringLiteral("merges.txt")), options,
                                              QStringLiteral("merges.txt")));
        PreTokenizer p;
        if (size % 2 == 1) {
            p.add(PreTokenizer::split(SplitPattern::Qwen2));
            p.add(PreTokenizer::byteLevel(false, false));
        } else {
            p.add(PreTokenizer::byteLevel(false));
        }
        t.setPreTokenizer(p);
        attnfuzz::encodeAll(t, attnfuzz::sampleText());
    } catch (const TokenizerError&) {
    }
    return 0;
}
