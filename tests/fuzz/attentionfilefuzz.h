#pragma once

// What the npy, npz and attention-safetensors harnesses do with an input: open it as an attention file from
// memory, then read heads and thumbnails as the views do, within a budget of cells. A std::runtime_error or
// std::out_of_range is a clean refusal; anything else (a crash, a sanitizer report, another exception) is a finding.
#include "core/arrayattention.h"
#include "core/attentionfile.h"

#include <cstdint>

inline void fuzzAttentionFile(const std::uint8_t* data, std::size_t size)
{
    auto store = std::make_shared<attn::BufferStore>(QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)));
    try {
        const auto source = attn::openAttentionStore(store, QStringLiteral("fuzz"), {}, /*maxInflate=*/1 << 20);
        std::uint64_t budget = std::uint64_t(1) << 20;
        for (int b = 0; b < source->blockCount(); ++b) {
            const attn::AttentionBlockInfo& info = source->blockInfo(b);
            (void)source->notices();
            const std::uint64_t cells = std::uint64_t(info.queries) * std::uint64_t(info.keys);
            for (int l = 0; l < info.layers && budget >= cells; ++l) {
                for (int h = 0; h < info.heads && budget >= cells; ++h) {
                    budget -= cells;
                    try {
                        (void)source->head(b, l, h);
                        (void)source->pooled(b, l, h, 3, attn::PoolMode::Max);
                        (void)source->pooled(b, l, h, 2, attn::PoolMode::Mean);
                    } catch (const std::runtime_error&) {
                    }
                }
            }
        }
    } catch (const std::runtime_error&) {
    } catch (const std::out_of_range&) {
    }
}
