// llama2.c checkpoints: the 28-byte header, the size arithmetic and every weight pointer it hands out.
#include "engine/llama2/llama2checkpoint.h"
#include "engine/textmodel.h"

#include "fuzztemp.h"

#include <cstdint>

namespace {

float touch(const float* p, std::size_t n)
{
    // Reads the first and last float of an array, so ASan checks that the whole range is inside the data.
    return n == 0 ? 0.0f : p[0] + p[n - 1];
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString path = attnfuzz::writeInput(data, size);
    const bool plausible = attn::Llama2Checkpoint::looksLikeCheckpoint(path);
    try {
        const auto ckpt = attn::Llama2Checkpoint::read(path);
        if (!plausible) {
            __builtin_trap(); // read accepted a file whose header the cheap probe refused
        }
        const attn::Llama2Config& c = ckpt.config();
        const std::size_t dim = std::size_t(c.dim), hidden = std::size_t(c.hiddenDim);
        const std::size_t kv = std::size_t(c.kvDim()), vocab = std::size_t(c.vocabSize);
        volatile float sum = touch(ckpt.tokenEmbedding(), vocab * dim) + touch(ckpt.rmsFinal(), dim) +
                             touch(ckpt.classifier(), vocab * dim);
        for (int l = 0; l < c.layers; ++l) {
            sum = sum + touch(ckpt.rmsAttention(l), dim) + touch(ckpt.wq(l), dim * dim) + touch(ckpt.wk(l), kv * dim) +
                  touch(ckpt.wv(l), kv * dim) + touch(ckpt.wo(l), dim * dim) + touch(ckpt.rmsFfn(l), dim) +
                  touch(ckpt.w1(l), hidden * dim) + touch(ckpt.w2(l), dim * hidden) + touch(ckpt.w3(l), hidden * dim);
        }
        (void)sum;
    } catch (const attn::ModelError&) {
    }
    return 0;
}
