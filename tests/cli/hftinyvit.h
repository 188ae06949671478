#pragma once
// A tiny random ViT in the Hugging Face Hub's layout (issue 16) for the command-line and app tests: config.json,
// preprocessor_config.json and model.safetensors (F32, "vit." prefix plus a classifier), written with Qt Core only
// so tests that link no engine can write one. positionTokens != 0 stores position embeddings of the wrong size.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace attn::tinyvit {

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

inline bool writeBytes(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

inline bool write(const QString& dir, const Spec& s = {})
{
    QDir().mkpath(dir);
    std::mt19937 rng(s.seed);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    QJsonObject header;
    QByteArray data;
    const auto add = [&](const std::string& name, const std::vector<std::int64_t>& shape, float mean, float sd) {
        std::int64_t n = 1;
        QJsonArray dims;
        for (auto d : shape) {
            n *= d;
            dims.append(qint64(d));
        }
        std::vector<float> v(static_cast<std::size_t>(n));
        for (auto& x : v) {
            x = mean + sd * normal(rng);
        }
        const qint64 begin = data.size();
        data.append(reinterpret_cast<const char*>(v.data()), qsizetype(v.size() * sizeof(float)));
        header.insert(QString::fromStdString(name),
                      QJsonObject{{"dtype", "F32"}, {"shape", dims}, {"data_offsets", QJsonArray{begin, data.size()}}});
    };
    const std::int64_t d = s.hidden;
    const int grid = s.image / s.patch;
    add("vit.embeddings.cls_token", {1, 1, d}, 0, 0.5f);
    add("vit.embeddings.position_embeddings", {1, s.positionTokens ? s.positionTokens : 1 + grid * grid, d}, 0, 0.5f);
    add("vit.embeddings.patch_embeddings.projection.weight", {d, 3, s.patch, s.patch}, 0, 0.2f);
    add("vit.embeddings.patch_embeddings.projection.bias", {d}, 0, 0.1f);
    for (int l = 0; l < s.layers; ++l) {
        const std::string p = "vit.encoder.layer." + std::to_string(l) + ".";
        for (const char* n : {"layernorm_before", "layernorm_after"}) {
            add(p + n + ".weight", {d}, 1, 0.1f);
            add(p + n + ".bias", {d}, 0, 0.1f);
        }
        for (const char* n : {"attention.attention.query", "attention.attention.key", "attention.attention.value",
                              "attention.output.dense"}) {
            add(p + n + ".weight", {d, d}, 0, 0.3f);
            add(p + n + ".bias", {d}, 0, 0.1f);
        }
        add(p + "intermediate.dense.weight", {s.inner, d}, 0, 0.3f);
        add(p + "intermediate.dense.bias", {s.inner}, 0, 0.1f);
        add(p + "output.dense.weight", {d, s.inner}, 0, 0.3f);
        add(p + "output.dense.bias", {d}, 0, 0.1f);
    }
    add("vit.layernorm.weight", {d}, 1, 0.1f);
    add("vit.layernorm.bias", {d}, 0, 0.1f);
    add("classifier.weight", {3, d}, 0, 0.3f);
    add("classifier.bias", {3}, 0, 0.1f);
    header.insert("__metadata__", QJsonObject{{"format", "pt"}});
    QByteArray json = QJsonDocument(header).toJson(QJsonDocument::Compact);
    while (json.size() % 8 != 0) {
        json.append(' ');
    }
    QByteArray file(8, '\0');
    for (int i = 0; i < 8; ++i) {
        file[i] = char((std::uint64_t(json.size()) >> (8 * i)) & 0xff);
    }
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
    bool ok = writeBytes(QDir(dir).filePath("model.safetensors"), file + json + data) &&
              writeBytes(QDir(dir).filePath("config.json"), QJsonDocument(config).toJson());
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
        ok = ok && writeBytes(QDir(dir).filePath("preprocessor_config.json"), QJsonDocument(pre).toJson());
    }
    return ok;
}

} // namespace attn::tinyvit
