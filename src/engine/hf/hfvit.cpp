// ViT (model_type "vit") as transformers' ViTModel computes it: a Conv2d patch embedding (kernel = stride = patch
// size) written as one product over the unfolded patches, the CLS token first, learned position embeddings, pre-norm
// encoder layers (layernorm_before -> self-attention -> residual, layernorm_after -> MLP -> residual) and a final
// layernorm. Weights are named as ViTModel / ViTForImageClassification store them, with or without "vit.".
#include "core/canceltoken.h"
#include "engine/hf/hfnetwork.h"
#include "engine/hf/hfops.h"
#include "engine/textmodel.h"

#include <QStringList>
#include <algorithm>
#include <optional>
#include <string>

namespace attn::hf {

namespace {

std::string shapeText(const std::vector<std::int64_t>& shape)
{
    std::string s = "(";
    for (std::size_t i = 0; i < shape.size(); ++i) {
        s += (i ? ", " : "") + std::to_string(shape[i]);
    }
    return s + ")";
}

struct VitLayer
{
    VectorMap lnBeforeW, lnBeforeB;
    MatrixMap qW, kW, vW;
    VectorMap qB, kB, vB; // size 0 (unused) when qkv_bias is false
    bool qkvBias;
    MatrixMap outW;
    VectorMap outB;
    VectorMap lnAfterW, lnAfterB;
    MatrixMap interW;
    VectorMap interB;
    MatrixMap mlpOutW;
    VectorMap mlpOutB;
};

class VitNetwork : public Network
{
public:
    VitNetwork(const HfConfig& config, std::shared_ptr<const Checkpoint> checkpoint);
    ForwardResult forwardImage(const std::vector<float>& pixels, const Capture& capture) const override;

private:
    // Throws ModelError naming the tensor when its stored shape is not the one given.
    void expectShape(const std::string& name, const std::vector<std::int64_t>& expected, const std::string& why) const;
    VectorMap vec(const std::string& name, int size) const { return m_checkpoint->vector(name, size); }
    MatrixMap mat(const std::string& name, int rows, int cols) const { return m_checkpoint->matrix(name, rows, cols); }
    // patches (P, C * p * p): each patch's pixels in the Conv2d weight's (channel, row, col) order.
    Matrix unfold(const std::vector<float>& pixels) const;

    int m_grid = 0;     // patches per side
    int m_patchLen = 0; // C * p * p
    int m_tokens = 0;   // 1 + grid * grid
    std::optional<MatrixMap> m_patchW;
    std::optional<VectorMap> m_patchB, m_cls;
    std::optional<MatrixMap> m_positions;
    std::optional<VectorMap> m_finalW, m_finalB;
    std::vector<VitLayer> m_layers;
    ops::Activation m_activation = ops::Activation::GeluErf;
};

void VitNetwork::expectShape(const std::string& name, const std::vector<std::int64_t>& expected,
                             const std::string& why) const
{
    if (!m_checkpoint->has(name)) {
        return; // matrix() / vector() name the missing tensor
    }
    const auto found = m_checkpoint->shape(name);
    if (found != expected) {
        throw ModelError(m_checkpoint->source().toStdString() + ": tensor '" + name + "' has shape " +
                         shapeText(found) + ", expected " + shapeText(expected) + " = " + why);
    }
}

VitNetwork::VitNetwork(const HfConfig& config, std::shared_ptr<const Checkpoint> checkpoint)
    : Network(config, std::move(checkpoint))
{
    const HfConfig& c = m_config;
    const std::string where = c.path.toStdString() + ": ";
    if (c.imageSize <= 0 || c.patchSize <= 0 || c.numChannels <= 0) {
        throw ModelError(where + "a vit config needs positive image_size, patch_size and num_channels");
    }
    if (c.imageSize % c.patchSize != 0) {
        throw ModelError(where + "image_size " + std::to_string(c.imageSize) + " is not a multiple of patch_size " +
                         std::to_string(c.patchSize));
    }
    if (c.headDim * c.heads != c.hiddenSize) {
        throw ModelError(where + "hidden_size " + std::to_string(c.hiddenSize) + " is not heads x head_dim");
    }
    m_activation = ops::activationByName(c.hiddenAct.isEmpty() ? QStringLiteral("gelu") : c.hiddenAct, c.path);
    m_grid = c.imageSize / c.patchSize;
    m_patchLen = c.numChannels * c.patchSize * c.patchSize;
    m_tokens = 1 + m_grid * m_grid;
    const int d = c.hiddenSize;
    const int inter = c.intermediateSize;

    const std::string patchW = "embeddings.patch_embeddings.projection.weight";
    expectShape(patchW, {d, c.numChannels, c.patchSize, c.patchSize},
                "(hidden_size, num_channels, patch_size, patch_size)");
    m_patchW.emplace(mat(patchW, d, m_patchLen));
    m_patchB.emplace(vec("embeddings.patch_embeddings.projection.bias", d));
    expectShape("embeddings.cls_token", {1, 1, d}, "(1, 1, hidden_size)");
    m_cls.emplace(vec("embeddings.cls_token", d));
    expectShape("embeddings.position_embeddings", {1, m_tokens, d},
                "(1, 1 + patches, hidden_size): a " + std::to_string(c.imageSize) + " x " +
                    std::to_string(c.imageSize) + " image in " + std::to_string(c.patchSize) + " x " +
                    std::to_string(c.patchSize) + " patches has " + std::to_string(m_grid * m_grid) + " patches");
    m_positions.emplace(mat("embeddings.position_embeddings", m_tokens, d));

    m_layers.reserve(std::size_t(c.layers));
    for (int l = 0; l < c.layers; ++l) {
        const std::string p = "encoder.layer." + std::to_string(l) + ".";
        const std::string a = p + "attention.attention.";
        const bool bias = c.qkvBias;
        const auto qkvBias = [&](const char* which) {
            return bias ? vec(a + which + ".bias", d) : VectorMap(nullptr, 0);
        };
        m_layers.push_back(VitLayer{vec(p + "layernorm_before.weight", d), vec(p + "layernorm_before.bias", d),
                                    mat(a + "query.weight", d, d), mat(a + "key.weight", d, d),
                                    mat(a + "value.weight", d, d), qkvBias("query"), qkvBias("key"), qkvBias("value"),
                                    bias, mat(p + "attention.output.dense.weight", d, d),
                                    vec(p + "attention.output.dense.bias", d), vec(p + "layernorm_after.weight", d),
                                    vec(p + "layernorm_after.bias", d), mat(p + "intermediate.dense.weight", inter, d),
                                    vec(p + "intermediate.dense.bias", inter), mat(p + "output.dense.weight", d, inter),
                                    vec(p + "output.dense.bias", d)});
    }
    m_finalW.emplace(vec("layernorm.weight", d));
    m_finalB.emplace(vec("layernorm.bias", d));
    // The classification head, the pooler and masked-image-modelling extras are not part of the attention.
    m_checkpoint->finish({QStringLiteral("classifier.*"), QStringLiteral("pooler.*"), QStringLiteral("vit.pooler.*"),
                          QStringLiteral("*mask_token"), QStringLiteral("decoder.*")});
}

Matrix VitNetwork::unfold(const std::vector<float>& pixels) const
{
    const int p = m_config.patchSize;
    const int side = m_config.imageSize;
    const int channels = m_config.numChannels;
    Matrix patches(m_grid * m_grid, m_patchLen);
    for (int gr = 0; gr < m_grid; ++gr) {
        for (int gc = 0; gc < m_grid; ++gc) {
            float* row = patches.row(gr * m_grid + gc).data();
            for (int ch = 0; ch < channels; ++ch) {
                for (int i = 0; i < p; ++i) {
                    const float* src = pixels.data() + (std::size_t(ch) * side + gr * p + i) * side + gc * p;
                    std::copy(src, src + p, row + (ch * p + i) * p);
                }
            }
        }
    }
    return patches;
}

ForwardResult VitNetwork::forwardImage(const std::vector<float>& pixels, const Capture& capture) const
{
    const HfConfig& c = m_config;
    const std::size_t expected = std::size_t(c.numChannels) * c.imageSize * c.imageSize;
    if (pixels.size() != expected) {
        throw ModelError(c.path.toStdString() + ": the image has " + std::to_string(pixels.size()) +
                         " values, the model reads " + std::to_string(c.numChannels) + " x " +
                         std::to_string(c.imageSize) + " x " + std::to_string(c.imageSize));
    }
    ForwardResult result;
    result.tokens = m_tokens;
    result.heads = c.heads;
    if (capture.attention) {
        if (capture.layers.empty()) {
            for (int l = 0; l < c.layers; ++l) {
                result.keptLayers.push_back(l);
            }
        } else {
            for (std::size_t i = 0; i < capture.layers.size(); ++i) {
                const int l = capture.layers[i];
                if (l < 0 || l >= c.layers || (i > 0 && l <= capture.layers[i - 1])) {
                    throw ModelError("layers to keep must ascend from 0 to " + std::to_string(c.layers - 1));
                }
            }
            result.keptLayers = capture.layers;
        }
        result.attention.assign(result.keptLayers.size() * c.heads * std::size_t(m_tokens) * m_tokens, 0.0f);
    }
    const int d = c.hiddenSize;
    const int T = m_tokens;

    // hidden (T, d): [CLS; patches * W^T + b] + positions
    Matrix patchEmb;
    ops::linear(unfold(pixels), *m_patchW, &*m_patchB, patchEmb);
    Matrix hidden(T, d);
    hidden.row(0) = m_cls->transpose();
    hidden.bottomRows(T - 1) = patchEmb;
    hidden += *m_positions;
    if (capture.hidden) {
        result.hidden.reserve(std::size_t(c.layers + 1) * T * d);
        result.hidden.insert(result.hidden.end(), hidden.data(), hidden.data() + hidden.size());
    }

    Matrix x, q, k, v, context, projected, up, down;
    std::size_t kept = 0;
    for (int l = 0; l < c.layers; ++l) {
        checkCancelled();
        const VitLayer& w = m_layers[std::size_t(l)];
        x = hidden;
        ops::layerNorm(x, w.lnBeforeW, w.lnBeforeB, float(c.normEps));
        ops::linear(x, w.qW, w.qkvBias ? &w.qB : nullptr, q);
        ops::linear(x, w.kW, w.qkvBias ? &w.kB : nullptr, k);
        ops::linear(x, w.vW, w.qkvBias ? &w.vB : nullptr, v);
        float* probs = nullptr;
        if (kept < result.keptLayers.size() && result.keptLayers[kept] == l) {
            probs = result.attention.data() + kept * c.heads * std::size_t(T) * T;
            ++kept;
        }
        ops::attention(q, k, v, c.heads, c.heads, c.headDim, /*causal=*/false, /*queryStart=*/0,
                       /*slidingWindow=*/0, probs, context);
        ops::linear(context, w.outW, &w.outB, projected);
        hidden += projected;
        x = hidden;
        ops::layerNorm(x, w.lnAfterW, w.lnAfterB, float(c.normEps));
        ops::linear(x, w.interW, &w.interB, up);
        ops::activate(up, m_activation);
        ops::linear(up, w.mlpOutW, &w.mlpOutB, down);
        hidden += down;
        if (capture.hidden) {
            // transformers' hidden_states: the embeddings and each layer's output, before the final layernorm
            result.hidden.insert(result.hidden.end(), hidden.data(), hidden.data() + hidden.size());
        }
    }
    // The final layernorm (m_finalW/B, checked at open) only feeds last_hidden_state and the classifier, neither of
    // which ForwardResult carries.
    return result;
}

} // namespace

std::unique_ptr<Network> openVitNetwork(const HfConfig& config, std::shared_ptr<const Checkpoint> checkpoint)
{
    return std::make_unique<VitNetwork>(config, std::move(checkpoint));
}

} // namespace attn::hf
