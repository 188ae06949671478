#pragma once
// What GPT-2 and the Llama family share (issue 16): one pass over n new tokens at positions start..start+n-1 that
// appends their keys and values to a cache. The whole-sequence forward is that pass over a fresh cache of T rows
// (batched products: sgemm over all tokens at once); a DecoderState keeps the cache and a workspace between calls,
// so its one-token steps are matrix-vector products that allocate nothing.

#include "engine/hf/hfnetwork.h"
#include "engine/hf/hfops.h"
#include "engine/hf/hfrope.h"

#include <memory>
#include <vector>

namespace attn::hf {

// Keys and values of every position run so far, per layer: (capacity, kvHeads * headDim). One contiguous block a
// layer, so the attention reads rows 0..p in place.
struct KvCache
{
    std::vector<Matrix> keys, values;
};

// The activations of a pass. A state keeps one between steps: Eigen does not reallocate a matrix resized to the
// size it has, so a step after the first allocates nothing.
struct DecoderWorkspace
{
    Matrix x;            // (n, hidden): the residual stream
    Matrix normed;       // (n, hidden)
    Matrix qkv, q, k, v; // projections (GPT-2: qkv (n, 3 * hidden); Llama: q, k, v)
    Matrix context;      // (n, heads * headDim)
    Matrix projected;    // (n, hidden)
    Matrix inner, gate;  // (n, intermediate)
    Matrix last, logits; // (1, hidden), (1, vocab)
    ops::RopeTable rope; // the pass's rotary cos/sin (Llama family), shared by every layer
};

// What a pass keeps besides the cache.
struct DecoderPass
{
    int start = 0;             // position of the first id
    std::vector<float*> probs; // per layer: (heads, n, start + n) softmax weights, or null (not kept)
    float* hidden = nullptr;   // (layers + 1, n, hidden) as HF's output_hidden_states, or null
    bool logits = true;        // the last position's logits into the workspace's logits
};

// Tests: how many floats of attention a prompt's step may hold before reordering them (the prompt runs in chunks
// of rows within it); 0 restores the default (16 M floats).
void setPromptScratchFloats(std::size_t floats);

class CachedDecoder : public DecoderNetwork
{
public:
    ForwardResult forward(const std::vector<int>& ids, const Capture& capture) const override;
    // The state refers to this network: it must not outlive it.
    std::unique_ptr<DecoderState> begin(int maxPositions) const override;

    // Runs ids through every layer (the family's own pass). The cache has room for start + n rows.
    virtual void run(const std::vector<int>& ids, const DecoderPass& pass, KvCache& cache,
                     DecoderWorkspace& ws) const = 0;

    // Throws ModelError: no ids, an id outside the vocabulary, positions past capacity (the numbers named).
    void checkIds(const std::vector<int>& ids, int start, int capacity) const;
    KvCache makeCache(int capacity) const;

protected:
    using DecoderNetwork::DecoderNetwork;

    // One layer's attention: keys and values (n, kvHeads * headDim) go into the cache at rows start.., the queries
    // (n, heads * headDim) attend over rows 0..start+n-1 (causal, the sliding window when set); ws.context gets
    // (n, heads * headDim).
    void attend(int layer, const ops::ConstRef& q, const ops::ConstRef& k, const ops::ConstRef& v,
                const DecoderPass& pass, KvCache& cache, DecoderWorkspace& ws) const;
    // hidden entry `index` (0: embeddings) = x (n, hidden), when the pass keeps hidden states.
    void storeHidden(const DecoderPass& pass, int index, const Matrix& x) const;

    int m_slidingWindow = 0; // Mistral's sliding_window; 0: every earlier key
};

} // namespace attn::hf
