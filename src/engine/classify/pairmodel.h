#pragma once
// The pair family of ClassifierModel (issue 15): a CNN + attention classifier of (premise, hypothesis) pairs,
// one of three variants (engine/classify/pairnet_torch.h). No torch in this header.
//
// Model folder: config.json {"architecture": "pair-cnn", "variant": "abcnn-1" | "abcnn-2" | "attentive-pooling",
// sizes, "labels"}, model.safetensors, vocab.txt (one word a line, <pad> <unk> <bos> <eos> first), card.md.

#include "engine/classify/classifiermodel.h"

#include <QJsonObject>
#include <QString>
#include <memory>

namespace attn::classify {

constexpr const char* kPairArchitecture = "pair-cnn";

// Opens a pair model folder whose config.json (already read) names kPairArchitecture; ClassifierModel::open
// dispatches here. Throws ModelError with one line naming the file and the problem.
std::unique_ptr<ClassifierModel> openPairModel(const QString& dir, const QJsonObject& config);

// What classify() does to a text before the model reads it: tokenizeText, punctuation dropped.
std::vector<std::string> pairTokens(const QString& text);

} // namespace attn::classify
