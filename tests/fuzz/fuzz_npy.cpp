// NumPy .npy attention: the header, shape and dtype checks, every head read and pooled.
#include "attentionfilefuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    fuzzAttentionFile(data, size);
    return 0;
}
