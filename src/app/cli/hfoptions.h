#pragma once
// What `attend` and `render` add for Hugging Face model folders (issue 16): --ids (token ids, no tokenizer
// needed), --layers (the layers whose attention is kept) and --merge-pieces (the word view).

#include "core/attentionset.h"
#include "engine/hf/hftextmodel.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QString>
#include <vector>

namespace attn::cli {

// "1,2,3" -> {1, 2, 3}; whole numbers from 0. Throws std::invalid_argument naming the option and the item.
std::vector<int> parseNumberList(const QString& option, const QString& value);

// True when path is a Hugging Face model folder (config.json with model_type and no "architecture").
bool isHuggingFaceFolder(const QString& path);

// Opens the folder (without needing a tokenizer when ids are given) and runs --ids or text, keeping --layers.
// Throws ModelError or std::invalid_argument with one line.
hf::HfRun runHuggingFaceFolder(const QString& dir, const QCommandLineParser& parser, const QString& text);

// The `attend` JSON of a run: DESIGN.md's fields, with the tokens as the vocabulary spells them ("Ġworld",
// "##ing") in source_tokens / target_tokens, plus "ids", and "layers" (the model's layer numbers) when only some
// layers were kept. mergePieces: the word view; source_tokens / target_tokens are then the words, and "tokens"
// (the pieces) and "words" (each piece's word index, from 0) are added.
QJsonObject huggingFaceRunJson(const hf::HfRun& run, bool mergePieces);

} // namespace attn::cli
