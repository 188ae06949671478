#pragma once

#include "engine/caption/captionmodel.h"

#include <QPointF>
#include <QString>

#include <cstdint>
#include <functional>

namespace attn {

struct CaptionTrainOptions
{
    QString outDir;
    long steps = 2500;
    std::uint64_t seed = 1;
    int batch = 32;
    double learningRate = 2e-3;
    double lambda = 0.1;         // weight of the doubly stochastic attention term (mean over cells)
    long gateWarmup = 300;       // steps with beta held at 1
    int threads = 1;             // torch threads: on two shared cores one is faster (DESIGN.md 5)
    long checkpointEvery = 500;  // steps between saves of the model folder (0 = only at the end)
};

// step, total, loss, token accuracy (teacher forced) of the last batch.
using CaptionProgress = std::function<void(long step, long total, double loss, double accuracy)>;

// Trains the captioner of CaptionConfig::defaults() (models/caption-shapes' design and sizes) on scenes
// generated from options.seed (fresh scenes every step) with cross-entropy plus
// lambda * mean_i (1 - sum_t alpha_ti)^2 per caption (Xu et al. 2015, eq. 14; cross-entropy per word, the
// penalty per cell), and writes the model folder. Attention is never supervised. Throws ModelError.
void trainCaptioner(const CaptionTrainOptions& options, const CaptionProgress& progress);

// Measured on count scenes from seed (use a seed training never saw).
struct CaptionMetrics
{
    int scenes = 0;
    double exactMatch = 0.0;   // fraction of captions equal to the reference
    double wordAccuracy = 0.0; // reference positions with the same word, over all reference words
    // For each object's colour (shape, size) word written correctly: the peak of the word's upsampled alpha
    // map lies inside the object's bounding box. Fraction of those words (a wrong word counts as a miss).
    double colourPeakInBox = 0.0;
    double shapePeakInBox = 0.0;
    double sizePeakInBox = 0.0;
    // Mean offset (pixels, x right and y down) of those peaks from the centre of the object's box, per role:
    // a model that looks beside objects shows it here as a steady offset in one direction per kind of word.
    QPointF colourPeakOffset, shapePeakOffset, sizePeakOffset;
    // The colour and shape fractions split by the object's size (small objects are 9 to 11 px wide, large 16 to 19).
    double colourPeakInSmallBox = 0.0, colourPeakInLargeBox = 0.0;
    double shapePeakInSmallBox = 0.0, shapePeakInLargeBox = 0.0;
    double worstAlphaSumError = 0.0; // max over every map of |sum - 1|
    double meanContentBeta = 0.0;    // mean beta over size / colour / shape words
    double meanFunctionBeta = 0.0;   // mean beta over "a", "left", "of", "above"
};
CaptionMetrics evaluateCaptioner(const CaptionModel& model, std::uint64_t seed, int count, int beam = 3);
QString formatMetrics(const CaptionMetrics& metrics);

} // namespace attn
