#pragma once

#include "core/attentionset.h"

#include <cstdint>

namespace attn {

// A random attention set that looks like a model's: each row is a softmax of scaled normal scores with a few
// heads favouring the previous token, the token itself or the first token, so views and benchmarks have
// structure to show. Rows sum to 1. Tokens are "w0", "w1", ... unless tokens is given.
// Blocks: encoder_self (layers, heads, tokens, tokens); with decoder: also decoder_self (causal) and cross.
AttentionSet syntheticAttentionSet(int layers, int heads, int tokens, std::uint64_t seed, bool decoder = false,
                                   const QStringList& tokenLabels = {});

} // namespace attn
