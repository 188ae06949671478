#pragma once
// A tiny random ViT in the Hugging Face Hub's layout (issue 16) for the command-line and app tests: config.json,
// preprocessor_config.json and model.safetensors (F32, "vit." prefix plus a classifier), written with Qt Core only
// so tests that link no engine can write one. positionTokens != 0 stores position embeddings of the wrong size.

#include "tinysafetensors.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <cstdint>
#include <string>
#include <vector>

namespace attn::tinyvit {

using tinysafetensors::writeFile;

struct Spec
{
    int hidden = 16;
    int layers = 2;
    int heads = 2;
    int inner = 32;
    int image = 16;
    int patch = 4;
    unsigned seed = 1;
    int positionTokens = 0; // 0: 1 + patches, as it should be
    bool preprocessor = true;
};

inline bool write(const QString& dir, const Spec& s = {})
{
    QDir().mkpath(dir);
    tinysafetensors::RandomTensors weights(s.seed);
    const std::int64_t d = s.hidden;
    const int grid = s.image / s.patch;
    weights.add("vit.embeddings.cls_token", {1, 1, d}, 0, 0.5f);
    weights.add("vit.embeddings.position_embeddings", {1, s.positionTokens ? s.positionTokens : 1 + grid * grid, d}, 0,
                0.5f);
    weights.add("vit.embeddings.patch_embeddings.projection.weight", {d, 3, s.patch, s.patch}, 0, 0.2f);
    weights.add("vit.embeddings.patch_embeddings.projection.bias", {d}, 0, 0.1f);
    for (int l = 0; l < s.layers; ++l) {
        const std::string p = "vit.encoder.layer." + std::to_string(l) + ".";
        for (const char* n : {"layernorm_before", "layernorm_after"}) {
            weights.add(p + n + ".weight", {d}, 1, 0.1f);
            weights.add(p + n + ".bias", {d}, 0, 0.1f);
        }
        for (const char* n : {"attention.attention.query", "attention.attention.key", "attention.attention.value",
                              "attention.output.dense"}) {
            weights.add(p + n + ".weight", {d, d}, 0, 0.3f);
            weights.add(p + n + ".bias", {d}, 0, 0.1f);
        }
        weights.add(p + "intermediate.dense.weight", {s.inner, d}, 0, 0.3f);
        weights.add(p + "intermediate.dense.bias", {s.inner}, 0, 0.1f);
        weights.add(p + "output.dense.weight", {d, s.inner}, 0, 0.3f);
        weights.add(p + "output.dense.bias", {d}, 0, 0.1f);
    }
    weights.add("vit.layernorm.weight", {d}, 1, 0.1f);
    weights.add("vit.layernorm.bias", {d}, 0, 0.1f);
    weights.add("classifier.weight", {3, d}, 0, 0.3f);
    weights.add("classifier.bias", {3}, 0, 0.1f);
    const QJsonObject config{{"model_type", "vit"},
                             {"architectures", QJsonArray{"ViTForImageClassification"}},
                             {"hidden_size", s.hidden},
                             {"num_hidden_layers", s.layers},
                             {"num_attention_heads", s.heads},
                             {"intermediate_size", s.inner},
                             {"hidden_act", "gelu"},
                             {"layer_norm_eps", 1e-12},
                             {"image_size", s.image},
                             {"patch_size", s.patch},
                             {"num_channels", 3},
                             {"qkv_bias", true}};
    bool ok = tinysafetensors::writeSafetensors(QDir(dir).filePath("model.safetensors"), weights.take()) &&
              writeFile(QDir(dir).filePath("config.json"), QJsonDocument(config).toJson());
    if (s.preprocessor) {
        const QJsonObject pre{{"image_processor_type", "ViTImageProcessor"},
                              {"do_resize", true},
                              {"size", QJsonObject{{"height", s.image}, {"width", s.image}}},
                              {"resample", 2},
                              {"do_rescale", true},
                              {"rescale_factor", 1.0 / 255.0},
                              {"do_normalize", true},
                              {"image_mean", QJsonArray{0.5, 0.5, 0.5}},
                              {"image_std", QJsonArray{0.5, 0.5, 0.5}}};
        ok = ok && writeFile(QDir(dir).filePath("preprocessor_config.json"), QJsonDocument(pre).toJson());
    }
    return ok;
}

} // namespace attn::tinyvit
