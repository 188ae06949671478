// llama2.c tokenizer files (tokenizer.bin, tok512.bin): reading, then encoding, decoding and labelling with them.
#include "engine/llama2/llama2tokenizer.h"
#include "engine/textmodel.h"

#include "fuzztemp.h"

#include <cstdint>
#include <cstring>

namespace {

// How many pieces the file's length fields describe, walked independently of the reader, so read() is asked
// for the vocabulary size that makes it parse the whole file (any size makes it stop with an error at once).
int countPieces(const std::uint8_t* data, std::size_t size)
{
    std::size_t offset = 4;
    int count = 0;
    while (offset + 8 <= size && count < 100000) {
        std::int32_t length;
        std::memcpy(&length, data + offset + 4, 4);
        if (length < 0) {
            break;
        }
        offset += 8 + std::size_t(length);
        ++count;
    }
    return count;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString path = attnfuzz::writeInput(data, size);
    const int count = countPieces(data, size);
    for (const int expected : {count, 512}) {
        try {
            const auto tok = attn::Llama2Tokenizer::read(path, expected);
            if (tok.vocabSize() != expected) {
                __builtin_trap();
            }
            // The model's vocabulary decides which ids exist; BOS and EOS are 1 and 2 whatever the file holds.
            for (const char* text : {"Once upon a time", "", " ", "caf\xc3\xa9 \xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x98\x80",
                                     "\xff\xfe\x80"}) {
                try {
                    const auto ids = tok.encode(text, true, tok.vocabSize() > attn::Llama2Tokenizer::kEos);
                    int prev = attn::Llama2Tokenizer::kBos;
                    for (int id : ids) {
                        if (id < 0 || id >= tok.vocabSize()) {
                            __builtin_trap(); // encode produced an id outside the vocabulary
                        }
                        (void)tok.decode(prev, id);
                        (void)tok.label(id);
                        prev = id;
                    }
                } catch (const attn::ModelError&) {
                }
            }
            for (int id = 0; id < tok.vocabSize(); ++id) {
                (void)tok.decode(attn::Llama2Tokenizer::kBos, id);
                (void)tok.label(id);
                (void)tok.lookup(tok.piece(id));
            }
        } catch (const attn::ModelError&) {
        }
    }
    return 0;
}
