#pragma once
// A tiny random BERT in the Hugging Face Hub's layout, for the text-integration tests of issue 16 (engine, cli,
// app): config.json, vocab.txt, tokenizer_config.json and model.safetensors (F32), written with Qt Core only so
// the command-line tests (which link no engine) can write one too. Variants write the bad folders the README's
// bad-input table names (a tensor missing, a truncated file, a missing shard, no tokenizer).

#include "tinysafetensors.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <string>
#include <vector>

namespace attn::tinybert {

using tinysafetensors::Tensor;
using tinysafetensors::writeFile;
using tinysafetensors::writeSafetensors;

struct Spec
{
    int hidden = 16;
    int layers = 2;
    int heads = 2;
    int inner = 32;
    int maxPositions = 24;
    unsigned seed = 1;
    QString modelType = QStringLiteral("bert"); // or "roberta" (positions after pad_token_id 1, one token type)
    int vocabSize = 0;         // 0: vocabulary().size(); else a tokenizer the test links in (roberta-base)
    bool tokenizer = true;     // write vocab.txt and tokenizer_config.json
    std::string dropTensor;    // leave this tensor out (the missing-tensor case)
    std::string reshapeTensor; // store this tensor with the shape reshapeTo (same element count)
    std::vector<std::int64_t> reshapeTo;
    int shards = 1; // 2: model-0000k-of-00002.safetensors + index
};

// BERT-base's sizes (12 layers x 12 heads, hidden 768, 3072 inner, 512 positions) with the tiny vocabulary: issue
// 16's "a BERT-base model at 512 tokens must open and draw".
inline Spec bertBaseSized()
{
    Spec s;
    s.hidden = 768;
    s.layers = 12;
    s.heads = 12;
    s.inner = 3072;
    s.maxPositions = 512;
    return s;
}

// The vocabulary: BERT's five specials, a few words and pieces, two CJK characters.
inline QStringList vocabulary()
{
    return {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "cat",      "sat",    "on", "mat", "play", "##ing",
            "##s",   "card",  "dog",   ".",     ",",      "un",  "##believ", "##able", "我", "爱",  "it",   "was"};
}

inline bool roberta(const Spec& s)
{
    return s.modelType == QLatin1String("roberta");
}

inline std::vector<Tensor> tensors(const Spec& s)
{
    tinysafetensors::RandomTensors weights(s.seed);
    const std::int64_t h = s.hidden;
    const std::int64_t vocab = s.vocabSize > 0 ? s.vocabSize : vocabulary().size();
    weights.add("embeddings.word_embeddings.weight", {vocab, h}, 0, 1);
    weights.add("embeddings.position_embeddings.weight", {s.maxPositions, h}, 0, 1);
    weights.add("embeddings.token_type_embeddings.weight", {roberta(s) ? 1 : 2, h}, 0, 1);
    weights.add("embeddings.LayerNorm.weight", {h}, 1, 0.1f);
    weights.add("embeddings.LayerNorm.bias", {h}, 0, 0.1f);
    for (int l = 0; l < s.layers; ++l) {
        const std::string p = "encoder.layer." + std::to_string(l) + ".";
        for (const char* d :
             {"attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense"}) {
            weights.add(p + d + ".weight", {h, h}, 0, 0.3f);
            weights.add(p + d + ".bias", {h}, 0, 0.3f);
        }
        weights.add(p + "attention.output.LayerNorm.weight", {h}, 1, 0.1f);
        weights.add(p + "attention.output.LayerNorm.bias", {h}, 0, 0.1f);
        weights.add(p + "intermediate.dense.weight", {s.inner, h}, 0, 0.3f);
        weights.add(p + "intermediate.dense.bias", {s.inner}, 0, 0.3f);
        weights.add(p + "output.dense.weight", {h, s.inner}, 0, 0.3f);
        weights.add(p + "output.dense.bias", {h}, 0, 0.3f);
        weights.add(p + "output.LayerNorm.weight", {h}, 1, 0.1f);
        weights.add(p + "output.LayerNorm.bias", {h}, 0, 0.1f);
    }
    return weights.take();
}

// Writes the folder; returns false when a file could not be written.
inline bool write(const QString& dir, const Spec& s = {})
{
    QDir().mkpath(dir);
    const std::string prefix = s.modelType.toStdString() + ".";
    const QJsonObject config{{"model_type", s.modelType},
                             {"architectures", QJsonArray{roberta(s) ? "RobertaModel" : "BertModel"}},
                             {"hidden_size", s.hidden},
                             {"num_hidden_layers", s.layers},
                             {"num_attention_heads", s.heads},
                             {"intermediate_size", s.inner},
                             {"max_position_embeddings", s.maxPositions},
                             {"vocab_size", s.vocabSize > 0 ? s.vocabSize : int(vocabulary().size())},
                             {"type_vocab_size", roberta(s) ? 1 : 2},
                             {"hidden_act", "gelu"},
                             {"layer_norm_eps", 1e-12},
                             {"pad_token_id", roberta(s) ? 1 : 0}};
    bool ok = writeFile(QDir(dir).filePath("config.json"), QJsonDocument(config).toJson());
    if (s.tokenizer) {
        ok = ok && writeFile(QDir(dir).filePath("vocab.txt"), vocabulary().join('\n').toUtf8() + '\n');
        ok = ok && writeFile(QDir(dir).filePath("tokenizer_config.json"),
                             QJsonDocument(QJsonObject{{"do_lower_case", true}}).toJson());
    }
    const std::vector<Tensor> all = tensors(s);
    std::vector<const Tensor*> kept;
    std::vector<Tensor> reshaped = all;
    for (auto& t : reshaped) {
        if (t.name == s.reshapeTensor) {
            t.shape = s.reshapeTo;
        }
    }
    for (const auto& t : reshaped) {
        if (t.name != s.dropTensor) {
            kept.push_back(&t);
        }
    }
    if (s.shards <= 1) {
        return ok && writeSafetensors(QDir(dir).filePath("model.safetensors"), kept, prefix);
    }
    QJsonObject map;
    for (int k = 0; k < s.shards; ++k) {
        std::vector<const Tensor*> part;
        const QString file = QStringLiteral("model-%1-of-%2.safetensors")
                                 .arg(k + 1, 5, 10, QLatin1Char('0'))
                                 .arg(s.shards, 5, 10, QLatin1Char('0'));
        for (std::size_t i = 0; i < kept.size(); ++i) {
            if (int(i % std::size_t(s.shards)) == k) {
                part.push_back(kept[i]);
                map.insert(QString::fromStdString(prefix + kept[i]->name), file);
            }
        }
        ok = ok && writeSafetensors(QDir(dir).filePath(file), part, prefix);
    }
    return ok && writeFile(QDir(dir).filePath("model.safetensors.index.json"),
                           QJsonDocument(QJsonObject{{"metadata", QJsonObject{}}, {"weight_map", map}}).toJson());
}

} // namespace attn::tinybert
