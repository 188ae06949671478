#include "engine/modelregistry.h"
#include "engine/transformer/corefmodel.h"

#include "engine/hf/hfconfig.h"
#include "engine/hf/hftextmodel.h"
#include "engine/llama2/llama2model.h"
#include "engine/seq2seq/seq2seq.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

#include <algorithm>

namespace attn {

QJsonObject readModelConfig(const QString& dir)
{
    const QString path = QDir(dir).filePath(QStringLiteral("config.json"));
    QFile file(path);
    if (!file.exists()) {
        throw ModelError(path.toStdString() + ": missing (a model folder needs config.json)");
    }
    if (!file.open(QIODevice::ReadOnly)) {
        throw ModelError(path.toStdString() + ": cannot open: " + file.errorString().toStdString());
    }
    QJsonParseError err{};
    const auto doc = QJsonDocument::fromJson(file.readAll(), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject()) {
        throw ModelError(path.toStdString() + ": not a JSON object (" + err.errorString().toStdString() + ")");
    }
    const QJsonObject config = doc.object();
    if (!config.value("architecture").isString()) {
        throw ModelError(path.toStdString() + ": no \"architecture\" string");
    }
    return config;
}

namespace {

// A folder holding a llama2.c checkpoint: config.json names the checkpoint and tokenizer files beside it.
std::unique_ptr<TextModel> openLlama2Folder(const QString& dir, const QJsonObject& config)
{
    const QString checkpoint = config.value("checkpoint").toString();
    if (checkpoint.isEmpty()) {
        throw ModelError(QDir(dir).filePath("config.json").toStdString() +
                         ": a llama2.c folder needs \"checkpoint\" (the .bin file's name)");
    }
    const QString tokenizer = config.value("tokenizer").toString();
    return openLlama2Checkpoint(QDir(dir).filePath(checkpoint),
                                tokenizer.isEmpty() ? QString() : QDir(dir).filePath(tokenizer));
}

} // namespace

const std::vector<TextArchitecture>& textArchitectures()
{
    static const std::vector<TextArchitecture> kArchitectures = {
        // One line per model family: {"name", &openFunction},
        {"seq2seq-gru", &openSeq2SeqTextModel, &seq2seqModelVectors},
        {kCorefArchitecture, &openCorefModel},
        {"llama2.c", &openLlama2Folder},
    };
    return kArchitectures;
}

bool offersModelVectors(const QJsonObject& config)
{
    const QString arch = config.value("architecture").toString();
    return std::any_of(textArchitectures().begin(), textArchitectures().end(),
                       [&](const TextArchitecture& a) { return a.name == arch && a.vectors; });
}

ModelVectors readModelVectors(const QString& dir, const QString& text)
{
    if (!QFileInfo(dir).isDir()) {
        throw ModelError(dir.toStdString() + ": no such model folder");
    }
    if (hf::HfConfig::isHuggingFaceFolder(dir)) {
        throw ModelError(dir.toStdString() +
                         ": a Hugging Face folder gives no vectors for the scoring lab (seq2seq-gru models do); open "
                         "it in the Text tab");
    }
    const QJsonObject config = readModelConfig(dir);
    const QString arch = config.value("architecture").toString();
    for (const auto& a : textArchitectures()) {
        if (a.name == arch && a.vectors) {
            return a.vectors(dir, text);
        }
    }
    throw ModelError(QDir(dir).filePath("config.json").toStdString() + ": architecture '" + arch.toStdString() +
                     "' gives no vectors for the scoring lab (seq2seq-gru models do)");
}

const std::vector<TextFileFormat>& textFileFormats()
{
    static const std::vector<TextFileFormat> kFormats = {
        // One line per single-file format: {"name", &probeFunction, &openFunction},
        {QStringLiteral("llama2.c checkpoint"), &probeLlama2Checkpoint, &openLlama2Checkpoint},
    };
    return kFormats;
}

std::unique_ptr<TextModel> openTextModel(const QString& path, const QString& tokenizerPath)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        throw ModelError(path.toStdString() + ": no such model folder or file");
    }
    if (!info.isDir()) {
        for (const auto& f : textFileFormats()) {
            if (f.probe(path)) {
                return f.open(path, tokenizerPath);
            }
        }
        throw ModelError(path.toStdString() + ": not a model folder or a model file format AttentionScope knows");
    }
    // A Hugging Face folder (config.json with model_type, no "architecture"): its tokenizer and network (issue 16).
    if (hf::HfConfig::isHuggingFaceFolder(path)) {
        return hf::HfTextModel::open(path);
    }
    const QJsonObject config = readModelConfig(path);
    const QString arch = config.value("architecture").toString();
    for (const auto& a : textArchitectures()) {
        if (a.name == arch) {
            return a.open(path, config);
        }
    }
    throw ModelError(QDir(path).filePath("config.json").toStdString() + ": unknown architecture '" +
                     arch.toStdString() + "'");
}

} // namespace attn
