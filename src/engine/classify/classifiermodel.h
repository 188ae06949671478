#pragma once

#include "core/classification.h"
#include "engine/textmodel.h" // ModelError

#include <QString>

#include <memory>

namespace attn {

// A trained classifier that reports where it attended (issue 15): the Classifiers tab, `classify` and
// `render --view highlight|document|pair` run every family through this interface. Std / Eigen / core types only.
//
// Ownership: issue 15's helper A owns classifiermodel.cpp, which defines open() and dispatches on config.json's
// "architecture" to the pooling and hierarchical (HAN) families; helper B adds the pair (ABCNN) family to that
// dispatch. The views and the panel only use this header.
class ClassifierModel
{
public:
    virtual ~ClassifierModel() = default;

    // Opens a model folder (config.json, model.safetensors, vocabulary, card.md).
    // Throws ModelError with one line naming the file and the problem.
    static std::unique_ptr<ClassifierModel> open(const QString& dir);

    // The folder's model name (as written into ClassificationResult::modelName).
    virtual QString name() const = 0;
    // "pooling" | "han" | "pair": which ClassificationResult::Kind classify() returns (Single, Document, Pair).
    virtual QString family() const = 0;
    // Classifies one text (pooling, han: a document's sentences split on . ! ?) or a pair (premise = text,
    // hypothesis = text2). Throws ModelError with one line naming the problem: empty text, unknown words, too
    // long, a pair model given one text. The result passes ClassificationResult::validate().
    virtual ClassificationResult classify(const QString& text, const QString& text2 = {}) const = 0;
};

} // namespace attn
