#pragma once
// Tiny random Hugging Face decoder folders with real tokenizers, for the generation tests (engine, CLI, Generate tab)
// and the generation benchmark: GPT-2 and Qwen2 read GPT-2's vocab.json + merges.txt (vocabulary 50257), Llama and
// Mistral llama2.c's tokenizer.model (32000), all from ../shared/data/tokenizers (PROVENANCE.md there), linked into
// the folder, never copied into the repository. The weights come from hfdecodertestmodel.h.
#include "../cli/tinysafetensors.h"
#include "hfdecodertestmodel.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <stdexcept>

namespace attn::test {

inline QString generateTokenizerData()
{
    return QStringLiteral(ATTN_SHARED_DATA_DIR "/tokenizers");
}

// Empty when the tokenizer files are there, else a message naming what is missing (tests fail with it).
inline QString missingGenerateTokenizers()
{
    for (const char* file : {"/gpt2/vocab.json", "/gpt2/merges.txt", "/llama2c/tokenizer.model"}) {
        if (!QFileInfo::exists(generateTokenizerData() + QLatin1String(file))) {
            return QStringLiteral("missing %1%2: the generation tests read the real tokenizer files in "
                                  "../shared/data/tokenizers (ATTN_SHARED_DATA_DIR)")
                .arg(generateTokenizerData(), QLatin1String(file));
        }
    }
    return {};
}

inline DecoderSpec generateSpec(const std::string& modelType, int maxPositions = 64)
{
    DecoderSpec s;
    s.modelType = modelType;
    s.hidden = 32;
    s.layers = 2;
    s.heads = 4;
    s.kvHeads = modelType == "gpt2" ? 4 : 2; // grouped key/value heads for the Llama family
    s.inner = 64;
    const bool gpt2Vocab = modelType == "gpt2" || modelType == "qwen2";
    s.vocab = gpt2Vocab ? 50257 : 32000;
    s.maxPositions = maxPositions;
    return s;
}

// model.safetensors in F32, written by the Qt-Core-only writer rather than SafeTensorsWriter so the command-line
// tests, which link no engine, can write folders too. lm_head stays at the top level, as in the Hub's files.
inline void writeF32SafeTensors(const QString& path, const std::vector<DecoderTensor>& tensors,
                                const std::string& prefix)
{
    std::vector<tinysafetensors::StoredTensor> stored;
    for (const DecoderTensor& t : tensors) {
        stored.push_back({t.name.rfind("lm_head.", 0) == 0 ? t.name : prefix + t.name, &t.shape, &t.values});
    }
    if (!tinysafetensors::writeSafetensors(path, stored)) {
        throw std::runtime_error("cannot write " + path.toStdString());
    }
}

// Writes dir: config.json, model.safetensors and the tokenizer's files; returns dir.
inline QString writeGenerateFolder(const QString& dir, const DecoderSpec& spec, unsigned seed = 1)
{
    QDir().mkpath(dir);
    writeDecoderJson(dir + "/config.json", decoderConfig(spec));
    writeF32SafeTensors(dir + "/model.safetensors", decoderTensors(spec, seed),
                        spec.isGpt2() ? "transformer." : "model.");
    const QString data = generateTokenizerData();
    if (spec.modelType == "gpt2" || spec.modelType == "qwen2") {
        QFile::link(data + "/gpt2/vocab.json", dir + "/vocab.json");
        QFile::link(data + "/gpt2/merges.txt", dir + "/merges.txt");
    } else {
        QFile::link(data + "/llama2c/tokenizer.model", dir + "/tokenizer.model");
    }
    return dir;
}

inline QString writeGenerateFolder(const QString& dir, const std::string& modelType, int maxPositions = 64)
{
    return writeGenerateFolder(dir, generateSpec(modelType, maxPositions));
}

// Changes one key of dir/config.json (a null value removes it).
inline void editGenerateConfig(const QString& dir, const QString& key, const QJsonValue& value)
{
    QFile file(dir + "/config.json");
    file.open(QIODevice::ReadOnly);
    QJsonObject config = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    if (value.isNull()) {
        config.remove(key);
    } else {
        config[key] = value;
    }
    writeDecoderJson(dir + "/config.json", config);
}

// A folder generation refuses: config.json of a small BERT encoder and nothing else; returns dir.
inline QString writeBertConfigFolder(const QString& dir)
{
    QDir().mkpath(dir);
    writeDecoderJson(dir + "/config.json", QJsonObject{{"model_type", "bert"},
                                                       {"hidden_size", 8},
                                                       {"num_hidden_layers", 1},
                                                       {"num_attention_heads", 2},
                                                       {"intermediate_size", 16},
                                                       {"max_position_embeddings", 16},
                                                       {"vocab_size", 10}});
    return dir;
}

} // namespace attn::test
