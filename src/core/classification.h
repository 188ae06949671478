#pragma once

#include <Eigen/Dense>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include <vector>

namespace attn {

// What one classifier says about one input, and where it attended (issue 15; `classify` in DESIGN.md section 3).
// Three shapes, one per model family:
//   Single   (pooling models): tokens + one weight per token (wordWeights).
//   Document (hierarchical attention, HAN): sentences' tokens, word weights per sentence, one weight per sentence.
//   Pair     (ABCNN / attentive pooling): premise and hypothesis tokens and the attention matrix
//            hypothesis x premise: row i says where hypothesis token i looks in the premise.
// Every weight vector, every matrix row and the sentence weights sum to 1 (validate() checks it). Pooling without
// attention reports the weights it implies (last state: one-hot on the last token; mean: 1/n each), so the three
// pooling models can be drawn the same way.
//
// JSON (toJson / fromJson), the `classify` output:
//   {"model": name,
//    "label": predicted label name,
//    "probabilities": {label name: p, ...},
//    "tokens": Single:   ["w0", "w1", ...]
//              Document: [["w0", ...], ["w0", ...], ...]            one array per sentence
//              Pair:     [["p0", ...], ["h0", ...]]                 [premise tokens, hypothesis tokens]
//    "attention": Single:   {"words": [a0, a1, ...]}
//                 Document: {"words": [[...], [...], ...], "sentences": [s0, s1, ...]}
//                 Pair:     {"matrix": [[...] x premise] x hypothesis}
//                 plus any extras by name (see below)}
// The kind is told by the attention keys: "matrix" = Pair, "sentences" = Document, otherwise Single.
// JSON objects keep keys sorted, so after fromJson the label names are in alphabetical order.
struct ClassificationResult
{
    enum class Kind { Single, Document, Pair };

    Kind kind = Kind::Single;
    QString modelName;
    QStringList labelNames;
    int predicted = -1;                  // index into labelNames
    std::vector<float> probabilities;    // one per label, sums to 1

    // Single
    QStringList tokens;
    std::vector<float> wordWeights;      // one per token

    // Document
    std::vector<QStringList> sentences;               // tokens of each sentence
    std::vector<std::vector<float>> sentenceWordWeights; // word weights inside each sentence
    std::vector<float> sentenceWeights;               // one per sentence

    // Pair
    QStringList premiseTokens;
    QStringList hypothesisTokens;
    Eigen::MatrixXf pairAttention;       // (hypothesis tokens, premise tokens), rows sum to 1

    // Per-variant extras, written into "attention" under their own names (must not be "words", "sentences" or
    // "matrix"): e.g. an ABCNN-2 model's pooling weights over each text. Not checked to sum to 1.
    QMap<QString, std::vector<float>> extraVectors;
    QMap<QString, Eigen::MatrixXf> extraMatrices;

    QString label() const { return predicted >= 0 && predicted < labelNames.size() ? labelNames[predicted] : QString(); }
    float probabilityOf(const QString& labelName) const;

    // Throws std::invalid_argument naming the first problem: counts that differ, an empty input, a predicted index
    // out of range, a negative or non-finite weight, or weights (probabilities, word weights, sentence weights,
    // matrix rows) that do not sum to 1 within tolerance.
    void validate(double tolerance = 1e-4) const;

    QJsonObject toJson() const;
    // The inverse of toJson; throws std::invalid_argument naming the missing or malformed field.
    static ClassificationResult fromJson(const QJsonObject& object);
};

// Largest |sum - 1| over the rows of a row-stochastic matrix (0 for an empty matrix).
double maxRowSumError(const Eigen::MatrixXf& rows);

} // namespace attn
