// safetensors of attention tensors: core's header reader, tokens in the metadata, heads read and pooled.
#include "attentionfilefuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    fuzzAttentionFile(data, size);
    return 0;
}
