#include "core/canceltoken.h"
#include "engine/hf/hfdecoder.h"
#include "engine/textmodel.h"

#include <string>

namespace attn::hf {

namespace {

// One GPT-2 block, as GPT2Block: pre-LayerNorm, Conv1D projections (weights stored (in, out)), biases everywhere.
struct Gpt2Block
{
    VectorMap ln1Weight, ln1Bias;
    MatrixMap attnWeight; // c_attn: (hidden, 3 * hidden), columns q | k | v
    VectorMap attnBias;
    MatrixMap projWeight; // attn.c_proj: (hidden, hidden)
    VectorMap projBias;
    VectorMap ln2Weight, ln2Bias;
    MatrixMap fcWeight; // mlp.c_fc: (hidden, inner)
    VectorMap fcBias;
    MatrixMap outWeight; // mlp.c_proj: (inner, hidden)
    VectorMap outBias;
};

Gpt2Block readBlock(const Checkpoint& ckpt, const HfConfig& c, int layer)
{
    const std::string p = "h." + std::to_string(layer) + ".";
    const std::int64_t d = c.hiddenSize, inner = c.intermediateSize;
    // Braced initialisation runs in order: the first bad tensor of a block is the one named.
    return Gpt2Block{ckpt.vector(p + "ln_1.weight", d),
                     ckpt.vector(p + "ln_1.bias", d),
                     ckpt.matrix(p + "attn.c_attn.weight", d, 3 * d),
                     ckpt.vector(p + "attn.c_attn.bias", 3 * d),
                     ckpt.matrix(p + "attn.c_proj.weight", d, d),
                     ckpt.vector(p + "attn.c_proj.bias", d),
                     ckpt.vector(p + "ln_2.weight", d),
                     ckpt.vector(p + "ln_2.bias", d),
                     ckpt.matrix(p + "mlp.c_fc.weight", d, inner),
                     ckpt.vector(p + "mlp.c_fc.bias", inner),
                     ckpt.matrix(p + "mlp.c_proj.weight", inner, d),
                     ckpt.vector(p + "mlp.c_proj.bias", d)};
}

// GPT2LMHeadModel's head is wte itself (tie_word_embeddings, true unless a config says otherwise); a stored copy must
// at least have wte's shape to be ignored. An untied config needs its own lm_head.
MatrixMap readHead(const Checkpoint& ckpt, const HfConfig& c, const MatrixMap& wte)
{
    const std::string head = "lm_head.weight";
    if (!c.tieWordEmbeddings) {
        return ckpt.matrix(head, c.vocabSize, c.hiddenSize);
    }
    if (ckpt.has(head) && ckpt.shape(head) != std::vector<std::int64_t>{c.vocabSize, c.hiddenSize}) {
        throw ModelError(ckpt.source().toStdString() + ": tensor '" + head +
                         "' is not the shape of the tied wte.weight (" + std::to_string(c.vocabSize) + ", " +
                         std::to_string(c.hiddenSize) + ")");
    }
    return wte;
}

class Gpt2Network : public CachedDecoder
{
public:
    Gpt2Network(const HfConfig& config, std::shared_ptr<const Checkpoint> checkpoint)
        : CachedDecoder(config, std::move(checkpoint)),
          m_activation(ops::activationByName(config.hiddenAct, config.path)),
          m_wte(m_checkpoint->matrix("wte.weight", config.vocabSize, config.hiddenSize)),
          m_wpe(m_checkpoint->matrix("wpe.weight", config.maxPositions, config.hiddenSize)),
          m_lnfWeight(m_checkpoint->vector("ln_f.weight", config.hiddenSize)),
          m_lnfBias(m_checkpoint->vector("ln_f.bias", config.hiddenSize)),
          m_head(readHead(*m_checkpoint, config, m_wte))
    {
        for (int l = 0; l < config.layers; ++l) {
            m_blocks.push_back(readBlock(*m_checkpoint, config, l));
        }
        // The causal-mask buffers of old checkpoints (attn.bias, attn.masked_bias) are not weights.
        QStringList ignored = {QStringLiteral("*.attn.bias"), QStringLiteral("*.attn.masked_bias")};
        if (config.tieWordEmbeddings) {
            ignored << QStringLiteral("lm_head.weight");
        }
        m_checkpoint->finish(ignored);
    }

    // x: (n, hidden) through every block, as GPT2Model.forward; the last position's logits through the head.
    void run(const std::vector<int>& ids, const DecoderPass& pass, KvCache& cache, DecoderWorkspace& ws) const override
    {
        const int n = int(ids.size()), d = m_config.hiddenSize;
        const float eps = float(m_config.normEps);
        ws.x.resize(n, d);
        for (int i = 0; i < n; ++i) {
            ws.x.row(i) = m_wte.row(ids[std::size_t(i)]) + m_wpe.row(pass.start + i);
        }
        storeHidden(pass, 0, ws.x);
        for (int l = 0; l < m_config.layers; ++l) {
            checkCancelled();
            const Gpt2Block& b = m_blocks[std::size_t(l)];
            ws.normed = ws.x;
            ops::layerNorm(ws.normed, b.ln1Weight, b.ln1Bias, eps);
            ops::conv1d(ws.normed, b.attnWeight, &b.attnBias, ws.qkv); // (n, 3 * hidden)
            attend(l, ws.qkv.leftCols(d), ws.qkv.middleCols(d, d), ws.qkv.rightCols(d), pass, cache, ws);
            ops::conv1d(ws.context, b.projWeight, &b.projBias, ws.projected);
            ws.x += ws.projected;

            ws.normed = ws.x;
            ops::layerNorm(ws.normed, b.ln2Weight, b.ln2Bias, eps);
            ops::conv1d(ws.normed, b.fcWeight, &b.fcBias, ws.inner);
            ops::activate(ws.inner, m_activation);
            ops::conv1d(ws.inner, b.outWeight, &b.outBias, ws.projected);
            ws.x += ws.projected;
            if (l + 1 < m_config.layers) {
                storeHidden(pass, l + 1, ws.x);
            }
        }
        // transformers' last hidden state is after ln_f; the logits need only the last position.
        if (pass.hidden) {
            ws.normed = ws.x;
            ops::layerNorm(ws.normed, m_lnfWeight, m_lnfBias, eps);
            storeHidden(pass, m_config.layers, ws.normed);
            ws.last = ws.normed.bottomRows(1);
        } else {
            ws.last = ws.x.bottomRows(1);
            ops::layerNorm(ws.last, m_lnfWeight, m_lnfBias, eps);
        }
        if (pass.logits) {
            ops::linear(ws.last, m_head, nullptr, ws.logits); // (1, vocab)
        }
    }

private:
    ops::Activation m_activation;
    MatrixMap m_wte, m_wpe;
    VectorMap m_lnfWeight, m_lnfBias;
    MatrixMap m_head; // wte when tied
    std::vector<Gpt2Block> m_blocks;
};

} // namespace

std::unique_ptr<Network> openGpt2Network(const HfConfig& config, std::shared_ptr<const Checkpoint> checkpoint)
{
    return std::make_unique<Gpt2Network>(config, std::move(checkpoint));
}

} // namespace attn::hf
