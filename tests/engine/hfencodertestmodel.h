#pragma once
// Random BERT, RoBERTa and DistilBERT models in the Hugging Face Hub's layout, through the kit's test writer
// (hftestmodel.h), for tst_hfencoder and bench_hfencoder. Torch-free, so the benchmark can write a BERT-base-sized
// model without LibTorch.
#include "hftestmodel.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace attn::test {

struct EncoderSpec
{
    std::string modelType = "bert"; // bert, roberta, distilbert
    int hidden = 32;
    int layers = 2;
    int heads = 4;
    int inner = 64;
    int vocab = 50;
    int maxPositions = 40;
    int typeVocab = 2;  // bert, roberta (roberta-base has 1); ignored for distilbert
    int padTokenId = 0; // roberta: 1 (positions start at 2)
    std::string act = "gelu";
    double eps = 1e-12;
};

inline std::vector<std::string> encoderNames(const EncoderSpec& s)
{
    if (s.modelType == "distilbert") {
        return {"attention.q_lin", "attention.k_lin", "attention.v_lin", "attention.out_lin",
                "sa_layer_norm",   "ffn.lin1",        "ffn.lin2",        "output_layer_norm"};
    }
    return {"attention.self.query",       "attention.self.key", "attention.self.value", "attention.output.dense",
            "attention.output.LayerNorm", "intermediate.dense", "output.dense",         "output.LayerNorm"};
}

inline QJsonObject encoderConfig(const EncoderSpec& s)
{
    QJsonObject c;
    c[QStringLiteral("model_type")] = QString::fromStdString(s.modelType);
    c[QStringLiteral("vocab_size")] = s.vocab;
    c[QStringLiteral("max_position_embeddings")] = s.maxPositions;
    c[QStringLiteral("pad_token_id")] = s.padTokenId;
    if (s.modelType == "distilbert") {
        c[QStringLiteral("architectures")] = QJsonArray{QStringLiteral("DistilBertForMaskedLM")};
        c[QStringLiteral("dim")] = s.hidden;
        c[QStringLiteral("n_layers")] = s.layers;
        c[QStringLiteral("n_heads")] = s.heads;
        c[QStringLiteral("hidden_dim")] = s.inner;
        c[QStringLiteral("activation")] = QString::fromStdString(s.act);
        return c;
    }
    c[QStringLiteral("architectures")] =
        QJsonArray{s.modelType == "roberta" ? QStringLiteral("RobertaForMaskedLM") : QStringLiteral("BertForMaskedLM")};
    c[QStringLiteral("hidden_size")] = s.hidden;
    c[QStringLiteral("num_hidden_layers")] = s.layers;
    c[QStringLiteral("num_attention_heads")] = s.heads;
    c[QStringLiteral("intermediate_size")] = s.inner;
    c[QStringLiteral("type_vocab_size")] = s.typeVocab;
    c[QStringLiteral("hidden_act")] = QString::fromStdString(s.act);
    c[QStringLiteral("layer_norm_eps")] = s.eps;
    return c;
}

// The model (config and every tensor, names without prefix, in transformers' order) as the kit's test writer
// holds it; set prefix, dtype, shards before write(). Weights ~ N(0, scale); LayerNorm weights ~ 1 + N(0, 0.1) so
// the norms matter. scale 0.2 keeps a tiny model's attention far from uniform. oldNormNames: LayerNorm tensors
// named gamma/beta, as checkpoints from before transformers 2 have them.
inline hftest::TestModel encoderModel(const EncoderSpec& s, unsigned seed, float scale = 0.2f,
                                      bool oldNormNames = false)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    hftest::TestModel model;
    model.config = encoderConfig(s);
    auto add = [&](const std::string& name, std::vector<std::int64_t> shape, float mean, float sd) {
        std::int64_t n = 1;
        for (std::int64_t d : shape) {
            n *= d;
        }
        std::vector<float> values(static_cast<std::size_t>(n));
        for (float& v : values) {
            v = mean + sd * normal(rng);
        }
        model.add(name, shape, std::move(values));
    };
    auto norm = [&](const std::string& name) {
        add(name + (oldNormNames ? ".gamma" : ".weight"), {s.hidden}, 1.0f, 0.1f);
        add(name + (oldNormNames ? ".beta" : ".bias"), {s.hidden}, 0.0f, 0.1f);
    };
    auto dense = [&](const std::string& name, int outputs, int inputs) {
        add(name + ".weight", {outputs, inputs}, 0.0f, scale);
        add(name + ".bias", {outputs}, 0.0f, scale);
    };
    const bool distil = s.modelType == "distilbert";
    add("embeddings.word_embeddings.weight", {s.vocab, s.hidden}, 0.0f, 1.0f);
    add("embeddings.position_embeddings.weight", {s.maxPositions, s.hidden}, 0.0f, 1.0f);
    if (!distil) {
        add("embeddings.token_type_embeddings.weight", {s.typeVocab, s.hidden}, 0.0f, 1.0f);
    }
    norm("embeddings.LayerNorm");
    const std::vector<std::string> n = encoderNames(s);
    const std::string layer = distil ? "transformer.layer." : "encoder.layer.";
    for (int i = 0; i < s.layers; ++i) {
        const std::string p = layer + std::to_string(i) + '.';
        dense(p + n[0], s.hidden, s.hidden);
        dense(p + n[1], s.hidden, s.hidden);
        dense(p + n[2], s.hidden, s.hidden);
        dense(p + n[3], s.hidden, s.hidden);
        norm(p + n[4]);
        dense(p + n[5], s.inner, s.hidden);
        dense(p + n[6], s.hidden, s.inner);
        norm(p + n[7]);
    }
    return model;
}

} // namespace attn::test
