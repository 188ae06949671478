#pragma once

#include "core/attentionanalysis.h"
#include "core/attentionsource.h"

#include <vector>

namespace attn {

// What the views of an attention file need, read from a source (on a worker thread: each call reads heads).

// One head as an AttentionMap with the block's labels. result: (queries, keys)
AttentionMap sourceHeadMap(const AttentionSource& source, int block, int layer, int head);
// Every head of one layer; throws std::runtime_error when they would take more than maxBytes (a 4,096-token layer
// of 16 heads is 1 GB: show one head at a time instead).
std::vector<AttentionMap> sourceLayerMaps(const AttentionSource& source, int block, int layer,
                                          std::size_t maxBytes = std::size_t(512) << 20);
// Every head of a block pooled to at most maxSide x maxSide, as a block (layers, heads, rows, cols) the model grid
// can show; labels are the token at the start of each pooled range. Checks cancellation once per head.
AttentionBlock pooledBlock(const AttentionSource& source, int block, int maxSide, PoolMode mode);

} // namespace attn
