#pragma once
// Internal to src/engine/seq2seq (includes torch): decoding a Net without a model folder, shared by the shipped
// models (Seq2SeqModel) and the live trainer, which evaluates and aligns the network while it learns.

#include "engine/seq2seq/seq2seqnet_torch.h"

#include <cstdint>
#include <string>
#include <vector>

namespace attn::s2s {

// Greedy decoding of a batch. srcIds: (B, S) -> per sentence the target ids; optionally per sentence the (T x S)
// attention weights and the (T x H) decoder states (the query of each step: the state after the GRU update), both
// flattened row-major. Runs without gradients.
std::vector<std::vector<int64_t>> greedyDecode(NetImpl& net, const torch::Tensor& srcIds, int maxSteps,
                                               std::vector<std::vector<float>>* weights = nullptr,
                                               std::vector<std::vector<float>>* states = nullptr);

// Greedy translations of pairs (batches of 64) scored against their references, bucketed by source length.
Seq2SeqMetrics evaluateNet(NetImpl& net, const Vocabulary& src, const Vocabulary& tgt,
                           const std::vector<SentencePair>& pairs);

// The attention the net gives while reading a given target (teacher forcing): (target, source) row-major, one row
// per target word; empty for the model without attention. The source is cut to kMaxSource tokens.
std::vector<float> forcedAlignment(NetImpl& net, const Vocabulary& src, const Vocabulary& tgt,
                                   const std::vector<std::string>& source, const std::vector<std::string>& target);

} // namespace attn::s2s
