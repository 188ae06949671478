#pragma once

#include "engine/textmodel.h"

#include <QJsonObject>
#include <QString>

#include <functional>
#include <vector>

namespace attn {

// Reads <dir>/config.json; throws ModelError naming the file when it is missing, unreadable, not a JSON object
// or has no "architecture".
QJsonObject readModelConfig(const QString& dir);

// One architecture the engine can open from a model folder.
struct TextArchitecture
{
    QString name; // config.json "architecture"
    std::function<std::unique_ptr<TextModel>(const QString& dir, const QJsonObject& config)> open;
};

// A model stored as a single file (for example a llama2.c checkpoint), recognised by its content.
struct TextFileFormat
{
    QString name;
    std::function<bool(const QString& path)> probe; // cheap check of the file's first bytes
    std::function<std::unique_ptr<TextModel>(const QString& path, const QString& tokenizerPath)> open;
};
const std::vector<TextFileFormat>& textFileFormats();

// The architectures the engine knows; each model family adds one line to modelregistry.cpp.
const std::vector<TextArchitecture>& textArchitectures();

} // namespace attn
