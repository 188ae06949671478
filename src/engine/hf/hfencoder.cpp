// The encoder family of Hugging Face models (issue 16): BERT, RoBERTa and DistilBERT, computed as transformers'
// modeling_bert / modeling_roberta / modeling_distilbert do in eval mode: embeddings (word + position, + token
// type 0 for BERT and RoBERTa) then LayerNorm, and post-norm layers (self-attention, residual, LayerNorm; feed
// forward, residual, LayerNorm). All the maths is the kit's (hfops.h); this file only wires the tensors.
#include "core/canceltoken.h"
#include "engine/hf/hfnetwork.h"
#include "engine/hf/hfops.h"
#include "engine/textmodel.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

namespace attn::hf {

namespace {

struct Dense
{
    MatrixMap weight; // (out, in), as torch.nn.Linear stores it
    VectorMap bias;   // (out)
};

struct Norm
{
    VectorMap weight;
    VectorMap bias;
};

struct Layer
{
    Dense query, key, value, attentionOut;
    Norm attentionNorm;
    Dense ffnIn, ffnOut;
    Norm outputNorm;
};

// The tensor names of one family, without the class prefix (the checkpoint tries it with and without).
struct Names
{
    std::string embeddings; // "embeddings."
    std::string layer;      // "encoder.layer." | "transformer.layer."
    std::string query, key, value, attentionOut, attentionNorm, ffnIn, ffnOut, outputNorm;
};

Names namesFor(const QString& modelType)
{
    if (modelType == QLatin1String("distilbert")) {
        return {"embeddings.",       "transformer.layer.", "attention.q_lin", "attention.k_lin", "attention.v_lin",
                "attention.out_lin", "sa_layer_norm",      "ffn.lin1",        "ffn.lin2",        "output_layer_norm"};
    }
    return {"embeddings.",          "encoder.layer.",         "attention.self.query",       "attention.self.key",
            "attention.self.value", "attention.output.dense", "attention.output.LayerNorm", "intermediate.dense",
            "output.dense",         "output.LayerNorm"};
}

// Heads and buffers of the Hub's checkpoints that the encoder does not use: pre-training heads (BERT's cls.*,
// RoBERTa's lm_head.*, DistilBERT's vocab_*), the pooler, task heads of fine-tuned models, and the position /
// token type id buffers older transformers versions saved. The checkpoint matches them with and without the
// class prefix.
QStringList ignoredPatterns()
{
    return {QStringLiteral("pooler.*"),
            QStringLiteral("cls.*"),
            QStringLiteral("lm_head.*"),
            QStringLiteral("vocab_transform.*"),
            QStringLiteral("vocab_layer_norm.*"),
            QStringLiteral("vocab_projector.*"),
            QStringLiteral("qa_outputs.*"),
            QStringLiteral("classifier.*"),
            QStringLiteral("pre_classifier.*"),
            QStringLiteral("embeddings.position_ids"),
            QStringLiteral("embeddings.token_type_ids")};
}

class EncoderNetwork final : public Network
{
public:
    EncoderNetwork(const HfConfig& config, std::shared_ptr<const Checkpoint> checkpoint)
        : Network(config, std::move(checkpoint)), m_names(namesFor(config.modelType)),
          m_distil(config.modelType == QLatin1String("distilbert")),
          m_roberta(config.modelType == QLatin1String("roberta")),
          m_activation(ops::activationByName(config.hiddenAct, config.path)),
          m_words(matrix(m_names.embeddings + "word_embeddings.weight", config.vocabSize, config.hiddenSize)),
          m_positions(
              matrix(m_names.embeddings + "position_embeddings.weight", config.maxPositions, config.hiddenSize)),
          m_embeddingNorm(norm(m_names.embeddings + "LayerNorm"))
    {
        if (!m_distil) {
            // BERT and RoBERTa add token type 0's row. A config without type_vocab_size (transformers' default
            // is 2) takes the stored row count.
            const std::string name = m_names.embeddings + "token_type_embeddings.weight";
            const std::vector<std::int64_t> stored =
                m_checkpoint->has(name) ? m_checkpoint->shape(name) : std::vector<std::int64_t>{};
            const std::int64_t rows =
                config.typeVocabSize > 0 ? config.typeVocabSize : (stored.empty() ? 1 : stored.front());
            m_tokenType0 = matrix(name, rows, config.hiddenSize).row(0).data();
        }
        m_layers.reserve(std::size_t(config.layers));
        for (int i = 0; i < config.layers; ++i) {
            const std::string p = m_names.layer + std::to_string(i) + '.';
            const int h = config.hiddenSize;
            const int inner = config.intermediateSize;
            m_layers.push_back(Layer{dense(p + m_names.query, h, h), dense(p + m_names.key, h, h),
                                     dense(p + m_names.value, h, h), dense(p + m_names.attentionOut, h, h),
                                     norm(p + m_names.attentionNorm), dense(p + m_names.ffnIn, inner, h),
                                     dense(p + m_names.ffnOut, h, inner), norm(p + m_names.outputNorm)});
        }
        m_checkpoint->finish(ignoredPatterns());
    }

    // Tokens the model takes: RoBERTa's positions start at pad_token_id + 1, so two of its 514 rows never serve.
    int maxTokens() const { return m_config.maxPositions - m_config.positionOffset; }

    ForwardResult forward(const std::vector<int>& ids, const Capture& capture) const override
    {
        checkInput(ids, capture);
        const int tokens = int(ids.size());
        const int hidden = m_config.hiddenSize;
        const int heads = m_config.heads;
        const int headDim = m_config.headDim;
        const float eps = float(m_config.normEps);

        ForwardResult result;
        result.tokens = tokens;
        result.heads = heads;
        if (capture.attention) {
            if (capture.layers.empty()) {
                for (int i = 0; i < m_config.layers; ++i) {
                    result.keptLayers.push_back(i);
                }
            } else {
                result.keptLayers = capture.layers;
            }
            result.attention.resize(result.keptLayers.size() * std::size_t(heads) * tokens * tokens);
        }
        if (capture.hidden) {
            result.hidden.reserve(std::size_t(m_config.layers + 1) * tokens * hidden);
        }

        // x: (T, hidden)
        Matrix x = embed(ids);
        ops::layerNorm(x, m_embeddingNorm.weight, m_embeddingNorm.bias, eps);
        if (capture.hidden) {
            appendHidden(x, result.hidden);
        }

        Matrix q, k, v, context, y, inner;
        std::size_t kept = 0;
        for (int i = 0; i < m_config.layers; ++i) {
            checkCancelled();
            const Layer& layer = m_layers[std::size_t(i)];
            ops::linear(x, layer.query.weight, &layer.query.bias, q);
            ops::linear(x, layer.key.weight, &layer.key.bias, k);
            ops::linear(x, layer.value.weight, &layer.value.bias, v);
            float* probs = nullptr;
            if (kept < result.keptLayers.size() && result.keptLayers[kept] == i) {
                probs = result.attention.data() + kept * std::size_t(heads) * tokens * tokens;
                ++kept;
            }
            // context: (T, heads * headDim); probs: (heads, T, T)
            ops::attention(q, k, v, heads, heads, headDim, /*causal=*/false, /*queryStart=*/0,
                           /*slidingWindow=*/0, probs, context);
            ops::linear(context, layer.attentionOut.weight, &layer.attentionOut.bias, y);
            ops::addLayerNorm(y, x, layer.attentionNorm.weight, layer.attentionNorm.bias, eps);
            // inner: (T, intermediate)
            ops::linear(y, layer.ffnIn.weight, &layer.ffnIn.bias, inner);
            ops::activate(inner, m_activation);
            ops::linear(inner, layer.ffnOut.weight, &layer.ffnOut.bias, x);
            ops::addLayerNorm(x, y, layer.outputNorm.weight, layer.outputNorm.bias, eps);
            if (capture.hidden) {
                appendHidden(x, result.hidden);
            }
        }
        return result;
    }

private:
    MatrixMap matrix(const std::string& name, std::int64_t rows, std::int64_t cols) const
    {
        return m_checkpoint->matrix(name, rows, cols);
    }
    Dense dense(const std::string& name, int out, int in) const
    {
        return {matrix(name + ".weight", out, in), m_checkpoint->vector(name + ".bias", out)};
    }
    Norm norm(const std::string& name) const
    {
        return {m_checkpoint->vector(name + ".weight", m_config.hiddenSize),
                m_checkpoint->vector(name + ".bias", m_config.hiddenSize)};
    }

    void checkInput(const std::vector<int>& ids, const Capture& capture) const
    {
        if (ids.empty()) {
            throw ModelError("no token ids to run");
        }
        if (int(ids.size()) > maxTokens()) {
            std::string why = "max_position_embeddings is " + std::to_string(m_config.maxPositions);
            if (m_config.positionOffset > 0) {
                why += ", less the position offset " + std::to_string(m_config.positionOffset);
            }
            throw ModelError(std::to_string(ids.size()) + " tokens are more than the " + std::to_string(maxTokens()) +
                             " this model takes (" + why + ")");
        }
        for (std::size_t i = 0; i < ids.size(); ++i) {
            if (ids[i] < 0 || ids[i] >= m_config.vocabSize) {
                throw ModelError("token id " + std::to_string(ids[i]) + " (position " + std::to_string(i) +
                                 ") is outside the vocabulary of " + std::to_string(m_config.vocabSize) +
                                 " ids (0 to " + std::to_string(m_config.vocabSize - 1) + ")");
            }
        }
        for (std::size_t i = 0; i < capture.layers.size(); ++i) {
            const int layer = capture.layers[i];
            if (layer < 0 || layer >= m_config.layers || (i > 0 && layer <= capture.layers[i - 1])) {
                throw ModelError("layer " + std::to_string(layer) + " to keep is not one of 0 to " +
                                 std::to_string(m_config.layers - 1) + " in ascending order");
            }
        }
    }

    // The position of each token. RoBERTa follows transformers' create_position_ids_from_input_ids: padding
    // tokens sit at the padding index, the others count from it + 1 skipping the padding ones. The padding index
    // is pad_token_id (transformers' default 1 when config.json has none: positionOffset - 1).
    std::vector<int> positions(const std::vector<int>& ids) const
    {
        std::vector<int> out(ids.size());
        const int padding = m_config.positionOffset - 1;
        int counted = 0;
        for (std::size_t i = 0; i < ids.size(); ++i) {
            if (!m_roberta) {
                out[i] = int(i);
            } else if (ids[i] == padding) {
                out[i] = padding;
            } else {
                out[i] = padding + ++counted;
            }
        }
        return out;
    }

    // (T, hidden): word + position (+ token type 0) embeddings, before the LayerNorm.
    Matrix embed(const std::vector<int>& ids) const
    {
        const std::vector<int> position = positions(ids);
        Matrix x(Eigen::Index(ids.size()), m_config.hiddenSize);
        for (std::size_t i = 0; i < ids.size(); ++i) {
            auto row = x.row(Eigen::Index(i));
            row = m_words.row(ids[i]) + m_positions.row(position[i]);
            if (m_tokenType0) {
                row += Eigen::Map<const Eigen::RowVectorXf>(m_tokenType0, m_config.hiddenSize);
            }
        }
        return x;
    }

    static void appendHidden(const Matrix& x, std::vector<float>& hidden)
    {
        hidden.insert(hidden.end(), x.data(), x.data() + x.size());
    }

    Names m_names;
    bool m_distil;
    bool m_roberta;
    ops::Activation m_activation;
    MatrixMap m_words;     // (vocab, hidden)
    MatrixMap m_positions; // (max_position_embeddings, hidden)
    Norm m_embeddingNorm;
    const float* m_tokenType0 = nullptr; // (hidden), BERT and RoBERTa
    std::vector<Layer> m_layers;
};

} // namespace

std::unique_ptr<Network> openEncoderNetwork(const HfConfig& config, std::shared_ptr<const Checkpoint> checkpoint)
{
    return std::make_unique<EncoderNetwork>(config, std::move(checkpoint));
}

} // namespace attn::hf
