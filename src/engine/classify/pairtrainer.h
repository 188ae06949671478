#pragma once
// Training the CNN + attention pair classifiers (`attnscope-cli train abcnn --variant V`); no torch in this header.

#include "engine/classify/pairmetrics.h"

#include <QString>
#include <cstdint>
#include <functional>

namespace attn::classify {

struct PairTrainOptions
{
    QString outDir;
    QString modelName;                           // default: the folder's name
    QString command;                             // the command line, for the card
    QString variant = QStringLiteral("abcnn-1"); // "abcnn-1" | "abcnn-2" | "attentive-pooling"
    long steps = 3000;
    std::uint64_t seed = 1;
    int batchSize = 64;
    double learningRate = 2e-3;
    int threads = 1;
    int embedding = 48, filters = 96, kernel = 3, hidden = 48, attention = 48, maxLength = 40;
    int evalPairs = 1500; // validation pairs for the card, from seed + kValidationSeedOffset
    // Called every few steps: step, total, mean loss, accuracy, seconds elapsed. Return false to stop.
    std::function<bool(long, long, double, double, double)> progress;
};

// Training batch t is generatePairs(seed * kStepSeedFactor + t, batchSize); validation is
// generatePairs(seed + kValidationSeedOffset, evalPairs). Tests use other seeds.
constexpr std::uint64_t kStepSeedFactor = 1000003;
constexpr std::uint64_t kValidationSeedOffset = 500;

struct PairTrainReport
{
    long steps = 0;
    double wallSeconds = 0;
    double cpuSeconds = 0;
    PairMetrics validation;
};

// Trains, writes the model folder (config.json, model.safetensors, vocab.txt, card.md), reopens it and measures it
// on the validation pairs through classify(). Throws ModelError naming the folder when it cannot be written.
PairTrainReport trainPairModel(const PairTrainOptions& options);

} // namespace attn::classify
