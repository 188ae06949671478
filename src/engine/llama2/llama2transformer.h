#pragma once

#include "engine/llama2/llama2checkpoint.h"

#include <memory>
#include <vector>

namespace attn {

// The forward pass of a llama2.c model, one token at a time, on plain C++ and Eigen: for a model this small,
// per-operation overhead dominates and a hand-written pass is many times faster than a framework. One object
// per sequence (it owns the key/value cache); the checkpoint is shared and read-only, so several transformers
// may run in parallel threads.
class Llama2Transformer
{
public:
    // maxPositions: how many positions this sequence may use (at most the model's seq_len); the key/value cache
    // is sized for it, not for seq_len.
    Llama2Transformer(std::shared_ptr<const Llama2Checkpoint> checkpoint, int maxPositions);

    // Runs token at position pos (0, 1, 2, ... in order) and returns the logits: (vocab).
    // attention, when not null, receives every layer's and query head's softmax weights over positions 0..pos:
    // (layers, heads, pos + 1), row-major; grouped key/value heads are expanded to the query heads.
    const float* forward(int token, int pos, float* attention = nullptr);

    int maxPositions() const { return m_maxPositions; }
    const Llama2Config& config() const { return m_ckpt->config(); }

private:
    std::shared_ptr<const Llama2Checkpoint> m_ckpt;
    int m_maxPositions = 0;
    std::vector<float> m_x, m_xb, m_xb2, m_hb, m_hb2, m_q, m_att, m_logits; // activations of one position
    std::vector<float> m_keyCache, m_valueCache;                            // (layers, maxPositions, kvDim)
    std::vector<float> m_ropeCos, m_ropeSin;                                // (maxPositions, headSize / 2)
};

} // namespace attn
