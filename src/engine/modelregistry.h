#pragma once

#include "core/modelvectors.h"
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
    // The vectors its attention scores for a text (the scoring lab's "From a model"); empty when it offers none.
    std::function<ModelVectors(const QString& dir, const QString& text)> vectors = {};
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

// True when the folder's architecture can give its vectors (config as read by readModelConfig).
bool offersModelVectors(const QJsonObject& config);
// Opens the model folder and runs text through it for the scoring lab. Throws ModelError naming the folder, its
// file or the input at fault (missing or corrupt folder, an architecture without vectors, empty or long text).
ModelVectors readModelVectors(const QString& dir, const QString& text);

} // namespace attn
