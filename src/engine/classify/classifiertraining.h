#pragma once
// Training and measuring the review and document classifiers of issue 15 (public header: no torch).
//   trainClassifier: `attnscope-cli train pooling|han` (classifiertrainer.cpp, torch).
//   evaluateReviews / evaluateDocuments: accuracy by length and whether the attention found the decisive words,
//   measured through ClassifierModel (classifiermetrics.cpp, plain Eigen) on generated, held-out examples.

#include "engine/classify/classifiermodel.h"
#include "engine/classify/classifydata.h"

#include <QJsonObject>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace attn::classify {

struct ClassifierTrainOptions
{
    std::string family = "pooling";    // "pooling" | "han"
    std::string pooling = "attention"; // pooling: "last" | "mean" | "attention"
    std::string outDir;
    long steps = 2000;
    int batch = 32;
    std::uint64_t seed = 1;
    int embedding = 32;
    int hidden = 32; // per direction
    int attention = 32;
    double learningRate = 3e-3;
    int validationCount = 1000;
    std::string command; // the exact command, for the card
};

// The validation data of a run come from this seed; the acceptance tests use yet other seeds.
inline std::uint64_t validationSeed(std::uint64_t trainSeed)
{
    return trainSeed + 1000;
}

struct LengthAccuracy
{
    int minWords = 0;
    int maxWords = 0;
    int count = 0;
    int correct = 0;
    double accuracy() const { return count ? double(correct) / count : 0.0; }
};

struct ClassifierMetrics
{
    int count = 0;
    int correct = 0;
    std::vector<LengthAccuracy> byLength; // reviews: tokens 5-19, 20-39, 40-59, 60-79, 80-100; documents: sentences
    LengthAccuracy longReviews;           // reviews of 60 tokens or more
    int topWordDecisive = 0;     // correctly classified reviews whose top-weighted token is decisive; documents:
                                 // documents whose decisive sentence's top-weighted word is decisive
    int topSentenceDecisive = 0; // documents whose top-weighted sentence is the decisive one
    double maxRowSumError = 0.0; // largest |sum - 1| of any attention row

    double accuracy() const { return count ? double(correct) / count : 0.0; }
    QJsonObject toJson(bool documents) const;
};

ClassifierMetrics evaluateReviews(const ClassifierModel& model, const std::vector<ReviewExample>& examples);
ClassifierMetrics evaluateDocuments(const ClassifierModel& model, const std::vector<DocumentExample>& examples);

// Trains, writes the folder (config.json, model.safetensors, vocabulary.txt), measures on validation data from
// validationSeed(seed), and writes metrics.json and card.md. progress(step, total, loss, accuracy).
// Throws ModelError on bad options or when the folder cannot be written; honours checkCancelled().
ClassifierMetrics trainClassifier(const ClassifierTrainOptions& options,
                                  const std::function<void(long, long, double, double)>& progress);

// card.md of a trained folder.
void writeClassifierCard(const ClassifierTrainOptions& options, const ClassifierMetrics& metrics, double seconds,
                         long parameters);

} // namespace attn::classify
