// .npz attention: the zip directory (zip64 included), stored and deflated members, string token arrays, heads read and pooled.
#include "attentionfilefuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    fuzzAttentionFile(data, size);
    return 0;
}
