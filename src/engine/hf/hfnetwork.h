#pragma once
// A Hugging Face model's network (issue 16): the forward pass of one architecture over token ids (or image
// patches), keeping the attention a caller asks for. Tokenizers and AttentionSets live a layer above
// (hftextmodel.h); these classes see only numbers.

#include "engine/hf/hfcheckpoint.h"
#include "engine/hf/hfconfig.h"

#include <memory>
#include <vector>

namespace attn::hf {

// What a run keeps besides its output.
struct Capture
{
    bool attention = true;
    std::vector<int> layers; // layers whose attention is kept (ascending); empty: every layer
    bool hidden = false;     // hidden states after the embeddings and after each layer (tests, the lab)
};

struct ForwardResult
{
    int tokens = 0;              // T (ViT: 1 + patches)
    int heads = 0;
    std::vector<int> keptLayers; // the layers in attention, in order
    std::vector<float> attention; // (keptLayers, heads, T, T) softmax weights; causal rows zero above the diagonal
    std::vector<float> hidden;    // (layers + 1, T, hiddenSize) when Capture::hidden: HF's output_hidden_states
                                  // (GPT-2 / Llama: the last entry after the final norm, as transformers gives it)
    std::vector<float> logits;    // decoders: the last position's logits (vocab); encoders and ViT: empty
};

class Network
{
public:
    virtual ~Network() = default;
    const HfConfig& config() const { return m_config; }
    const Checkpoint& checkpoint() const { return *m_checkpoint; }
    bool isDecoder() const { return m_config.family == Family::Gpt2 || m_config.family == Family::Llama; }

    // Text models: runs ids (special tokens already in) at once. Throws ModelError naming the problem: an id
    // outside the vocabulary (the id and the size), more ids than max_position_embeddings (both numbers), none.
    // Checks attn::checkCancelled() once per layer. Thread-safe (no state between calls).
    virtual ForwardResult forward(const std::vector<int>& ids, const Capture& capture) const;
    // ViT: pixels (channels, imageSize, imageSize) row-major, already normalised as preprocessor_config.json says.
    virtual ForwardResult forwardImage(const std::vector<float>& pixels, const Capture& capture) const;

protected:
    Network(HfConfig config, std::shared_ptr<const Checkpoint> checkpoint)
        : m_config(std::move(config)), m_checkpoint(std::move(checkpoint))
    {
    }
    HfConfig m_config;
    std::shared_ptr<const Checkpoint> m_checkpoint;
};

// Step-by-step decoding with a key/value cache, one object per sequence (GPT-2, Llama family).
class DecoderState
{
public:
    virtual ~DecoderState() = default;
    // Runs ids at positions position()..position()+n-1 (a prompt at once, then one token per call) and returns the
    // logits of the last one (vocab). attention, when not null, receives for each of the n positions p its rows
    // (layers, heads, p + 1), concatenated in position order. Throws ModelError past maxPositions.
    virtual const std::vector<float>& step(const std::vector<int>& ids, std::vector<float>* attention) = 0;
    virtual int position() const = 0;
    virtual int maxPositions() const = 0;
};

class DecoderNetwork : public Network
{
public:
    // maxPositions: at most max_position_embeddings; the cache is sized for it.
    virtual std::unique_ptr<DecoderState> begin(int maxPositions) const = 0;

protected:
    using Network::Network;
};

// Reads config.json, maps the weights, builds the architecture's network and checks that every tensor it needs
// is there with the right shape and that no unexpected tensor is left (ignoring pre-training heads and buffers).
// Throws ModelError with one line naming the file and the problem.
std::unique_ptr<Network> openNetwork(const QString& dir);

// One per family, in its own file (hfencoder.cpp, hfgpt2.cpp, hfllama.cpp, hfvit.cpp); openNetwork dispatches.
std::unique_ptr<Network> openEncoderNetwork(const HfConfig& config, std::shared_ptr<const Checkpoint> checkpoint);
std::unique_ptr<Network> openGpt2Network(const HfConfig& config, std::shared_ptr<const Checkpoint> checkpoint);
std::unique_ptr<Network> openLlamaNetwork(const HfConfig& config, std::shared_ptr<const Checkpoint> checkpoint);
std::unique_ptr<Network> openVitNetwork(const HfConfig& config, std::shared_ptr<const Checkpoint> checkpoint);

} // namespace attn::hf
