#include "core/canceltoken.h"
#include "engine/hf/hfdecoder.h"
#include "engine/textmodel.h"

#include <optional>
#include <string>

namespace attn::hf {

namespace {

// One decoder layer of LlamaForCausalLM, MistralForCausalLM and Qwen2ForCausalLM: RMSNorm, nn.Linear projections
// (weights (out, in)), rotary queries and keys, grouped key/value heads, a SiLU-gated feed-forward.
struct LlamaBlock
{
    VectorMap inputNorm;
    MatrixMap q, k, v; // (heads * headDim | kvHeads * headDim, hidden)
    std::optional<VectorMap> qBias, kBias, vBias;
    MatrixMap o; // (hidden, heads * headDim)
    std::optional<VectorMap> oBias;
    VectorMap postNorm;
    MatrixMap gate, up; // (intermediate, hidden)
    MatrixMap down;     // (hidden, intermediate)
};

const VectorMap* orNull(const std::optional<VectorMap>& bias)
{
    return bias ? &*bias : nullptr;
}

class LlamaNetwork : public CachedDecoder
{
public:
    LlamaNetwork(const HfConfig& config, std::shared_ptr<const Checkpoint> checkpoint)
        : CachedDecoder(config, std::move(checkpoint)),
          m_activation(ops::activationByName(config.hiddenAct, config.path)),
          m_embed(m_checkpoint->matrix("embed_tokens.weight", config.vocabSize, config.hiddenSize)),
          m_norm(m_checkpoint->vector("norm.weight", config.hiddenSize)),
          m_inverseFrequencies(ops::ropeInverseFrequencies(config)),
          m_head(config.tieWordEmbeddings ? m_embed
                                          : m_checkpoint->matrix("lm_head.weight", config.vocabSize, config.hiddenSize))
    {
        // Only Mistral's attention is windowed here. Qwen2's config carries a sliding_window it uses only with
        // use_sliding_window (false in the released models), and then only from layer max_window_layers on:
        // refused rather than run with a window on every layer or none.
        if (config.modelType == QLatin1String("mistral")) {
            m_slidingWindow = config.slidingWindow;
        } else if (config.slidingWindow > 0) {
            throw ModelError(config.path.toStdString() + ": 'use_sliding_window' is not supported for " +
                             config.modelType.toStdString());
        }
        for (int l = 0; l < config.layers; ++l) {
            m_blocks.push_back(readBlock(l));
        }
        QStringList ignored = {QStringLiteral("*rotary_emb.inv_freq")};
        if (config.tieWordEmbeddings) {
            // Some tied checkpoints store the head too; it is the embedding, but must at least have its shape.
            const std::string head = "lm_head.weight";
            if (m_checkpoint->has(head) &&
                m_checkpoint->shape(head) != std::vector<std::int64_t>{config.vocabSize, config.hiddenSize}) {
                throw ModelError(m_checkpoint->source().toStdString() + ": tensor '" + head +
                                 "' is not the shape of the tied embed_tokens.weight (" +
                                 std::to_string(config.vocabSize) + ", " + std::to_string(config.hiddenSize) + ")");
            }
            ignored << QStringLiteral("lm_head.weight");
        }
        m_checkpoint->finish(ignored);
    }

    // x: (n, hidden) through every layer, as LlamaModel.forward; the last position's logits through lm_head.
    void run(const std::vector<int>& ids, const DecoderPass& pass, KvCache& cache, DecoderWorkspace& ws) const override
    {
        const int n = int(ids.size());
        const float eps = float(m_config.normEps);
        ws.x.resize(n, m_config.hiddenSize);
        for (int i = 0; i < n; ++i) {
            ws.x.row(i) = m_embed.row(ids[std::size_t(i)]);
        }
        storeHidden(pass, 0, ws.x);
        ops::ropeTable(m_inverseFrequencies, pass.start, n, ws.rope);
        for (int l = 0; l < m_config.layers; ++l) {
            checkCancelled();
            const LlamaBlock& b = m_blocks[std::size_t(l)];
            ws.normed = ws.x;
            ops::rmsNorm(ws.normed, b.inputNorm, eps);
            ops::linear(ws.normed, b.q, orNull(b.qBias), ws.q);
            ops::linear(ws.normed, b.k, orNull(b.kBias), ws.k);
            ops::linear(ws.normed, b.v, orNull(b.vBias), ws.v);
            ops::rope(ws.q, m_config.heads, m_config.headDim, ws.rope);
            ops::rope(ws.k, m_config.kvHeads, m_config.headDim, ws.rope);
            attend(l, ws.q, ws.k, ws.v, pass, cache, ws);
            ops::linear(ws.context, b.o, orNull(b.oBias), ws.projected);
            ws.x += ws.projected;

            ws.normed = ws.x;
            ops::rmsNorm(ws.normed, b.postNorm, eps);
            ops::linear(ws.normed, b.gate, nullptr, ws.gate);
            ops::linear(ws.normed, b.up, nullptr, ws.inner);
            ops::activate(ws.gate, m_activation);
            ws.inner.array() *= ws.gate.array();
            ops::linear(ws.inner, b.down, nullptr, ws.projected);
            ws.x += ws.projected;
            if (l + 1 < m_config.layers) {
                storeHidden(pass, l + 1, ws.x);
            }
        }
        // transformers' last hidden state is after the final norm; the logits need only the last position.
        if (pass.hidden) {
            ws.normed = ws.x;
            ops::rmsNorm(ws.normed, m_norm, eps);
            storeHidden(pass, m_config.layers, ws.normed);
            ws.last = ws.normed.bottomRows(1);
        } else {
            ws.last = ws.x.bottomRows(1);
            ops::rmsNorm(ws.last, m_norm, eps);
        }
        if (pass.logits) {
            ops::linear(ws.last, m_head, nullptr, ws.logits); // (1, vocab)
        }
    }

private:
    LlamaBlock readBlock(int layer) const
    {
        const Checkpoint& ckpt = *m_checkpoint;
        const HfConfig& c = m_config;
        const std::string p = "layers." + std::to_string(layer) + ".";
        const std::int64_t d = c.hiddenSize, qWidth = std::int64_t(c.heads) * c.headDim,
                           kvWidth = std::int64_t(c.kvHeads) * c.headDim, inner = c.intermediateSize;
        // q/k/v biases: Qwen2 always, Llama when attention_bias (then o_proj too), Mistral never.
        const bool qkvBias = c.attentionBias && c.modelType != QLatin1String("mistral");
        const bool oBias = c.attentionBias && c.modelType == QLatin1String("llama");
        auto bias = [&](const std::string& name, std::int64_t size, bool present) {
            return present ? std::optional<VectorMap>(ckpt.vector(p + name, size)) : std::nullopt;
        };
        // Braced initialisation runs in order: the first bad tensor of a layer is the one named.
        return LlamaBlock{ckpt.vector(p + "input_layernorm.weight", d),
                          ckpt.matrix(p + "self_attn.q_proj.weight", qWidth, d),
                          ckpt.matrix(p + "self_attn.k_proj.weight", kvWidth, d),
                          ckpt.matrix(p + "self_attn.v_proj.weight", kvWidth, d),
                          bias("self_attn.q_proj.bias", qWidth, qkvBias),
                          bias("self_attn.k_proj.bias", kvWidth, qkvBias),
                          bias("self_attn.v_proj.bias", kvWidth, qkvBias),
                          ckpt.matrix(p + "self_attn.o_proj.weight", d, qWidth),
                          bias("self_attn.o_proj.bias", d, oBias),
                          ckpt.vector(p + "post_attention_layernorm.weight", d),
                          ckpt.matrix(p + "mlp.gate_proj.weight", inner, d),
                          ckpt.matrix(p + "mlp.up_proj.weight", inner, d),
                          ckpt.matrix(p + "mlp.down_proj.weight", d, inner)};
    }

    ops::Activation m_activation;
    MatrixMap m_embed;
    VectorMap m_norm;
    std::vector<float> m_inverseFrequencies; // rope_theta and rope_scaling's, once a model
    MatrixMap m_head;
    std::vector<LlamaBlock> m_blocks;
};

} // namespace

std::unique_ptr<Network> openLlamaNetwork(const HfConfig& config, std::shared_ptr<const Checkpoint> checkpoint)
{
    return std::make_unique<LlamaNetwork>(config, std::move(checkpoint));
}

} // namespace attn::hf
