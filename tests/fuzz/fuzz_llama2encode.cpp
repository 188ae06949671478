// Typed text through the shipped llama2.c tokenizer (tok512.bin): encode, then decode back to the same bytes.
#include "engine/llama2/llama2tokenizer.h"
#include "engine/textmodel.h"

#include <cstdint>
#include <cstdio>
#include <string>

namespace {

const attn::Llama2Tokenizer& tokenizer()
{
    static const attn::Llama2Tokenizer tok =
        attn::Llama2Tokenizer::read(QStringLiteral(ATTN_SHARED_DATA_DIR "/tinystories/tok512.bin"), 512);
    return tok;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    try {
        (void)tokenizer();
    } catch (const attn::ModelError& e) {
        std::fprintf(stderr, "fuzz_llama2encode: %s\n", e.what());
        std::abort();
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const attn::Llama2Tokenizer& tok = tokenizer();
    const std::string text(reinterpret_cast<const char*>(data), size);
    const std::vector<int> ids = tok.encode(text, true, true);
    std::string decoded;
    int prev = attn::Llama2Tokenizer::kBos;
    for (std::size_t i = 1; i + 1 < ids.size(); ++i) {
        decoded += tok.decode(prev, ids[i]);
        (void)tok.label(ids[i]);
        prev = ids[i];
    }
    // llama2.c's round trip: the leading space encode adds is dropped again after BOS, so any text that does not
    // itself start with a space comes back byte for byte.
    if (!text.empty() && text[0] != ' ' && decoded != text) {
        std::fprintf(stderr, "round trip changed %zu bytes into %zu\n", text.size(), decoded.size());
        __builtin_trap();
    }
    return 0;
}
