#pragma once

#include "core/attentionset.h"

#include <QString>

#include <memory>
#include <stdexcept>

namespace attn {

// An error opening or running a model; what() names the file or the input at fault.
class ModelError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// A model that reads text and reports its attention (DESIGN.md section 3, `attend`).
class TextModel
{
public:
    virtual ~TextModel() = default;
    virtual QString name() const = 0;
    virtual QString architecture() const = 0;
    // Runs the model on text; the set holds every block the model has. Throws ModelError on bad input.
    virtual AttentionSet attend(const QString& text) = 0;
};

// Opens a model folder (config.json names the architecture) or a model file the registry knows.
// tokenizerPath is for formats that keep the tokenizer in a separate file; empty means "look beside it".
// Throws ModelError naming the file and the problem.
std::unique_ptr<TextModel> openTextModel(const QString& path, const QString& tokenizerPath = {});

} // namespace attn
