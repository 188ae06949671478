#include "engine/modelregistry.h"
#include "engine/transformer/corefmodel.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

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

const std::vector<TextArchitecture>& textArchitectures()
{
    static const std::vector<TextArchitecture> kArchitectures = {
        // One line per model family: {"name", &openFunction},
        {kCorefArchitecture, &openCorefModel},
    };
    return kArchitectures;
}

const std::vector<TextFileFormat>& textFileFormats()
{
    static const std::vector<TextFileFormat> kFormats = {
        // One line per single-file format: {"name", &probeFunction, &openFunction},
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
