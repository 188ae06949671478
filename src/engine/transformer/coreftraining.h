#pragma once
// Training the coreference Transformer (`attnscope-cli train coref`); no torch in this header.

#include "engine/transformer/transformerconfig.h"

#include <QString>

#include <cstdint>
#include <functional>

namespace attn {

struct CorefTrainOptions
{
    QString outDir;
    QString modelName = QStringLiteral("coref-en-fr");
    QString command; // the command line, for the card
    long steps = 5000;
    std::uint64_t seed = 1;
    int batchSize = 64;
    double learningRate = 1e-3;
    int warmupSteps = 300;
    double formLossWeight = 1.0; // the auxiliary loss: each source token's French form, from the encoder
    int threads = 1;
    int evalSentences = 600; // unique validation sentences for the metrics and the head search
    TransformerConfig model;  // vocabulary sizes are filled in from the corpus
    // Called every few steps: step, total, mean loss, token accuracy, seconds elapsed. Return false to stop.
    std::function<bool(long, long, double, double, double)> progress;
};

struct CorefTrainReport
{
    long steps = 0;
    double wallSeconds = 0;
    double cpuSeconds = 0;
    double exactMatch = 0;        // validation split, greedy
    double pronounAccuracy = 0;   // il / elle
    int referentLayer = -1;       // 0-based
    int referentHead = -1;
    double referentTop = 0;       // share of coreference sentences whose "it" row peaks on the referent
    double referentTopSubject = 0;
    double referentTopObject = 0;
    double canonicalTired[2] = {0, 0}; // weight of "it" on animal, on street
    double canonicalWide[2] = {0, 0};
};

// Trains, evaluates on the validation split, and writes the model folder (config.json, model.safetensors,
// source.vocab, target.vocab, card.md). Throws ModelError naming the folder when it cannot be written.
CorefTrainReport trainCorefModel(const CorefTrainOptions& options);

} // namespace attn
