#pragma once
// How well a pair model classifies and aligns (issue 15's acceptance), measured through ClassifierModel::classify,
// the same path as the Classifiers tab and `classify`. No torch.

#include "engine/classify/classifiermodel.h"
#include "engine/classify/pairdata.h"

#include <array>
#include <string>
#include <vector>

namespace attn::classify {

struct PairMetrics
{
    int pairs = 0;
    double accuracy = 0;
    std::array<double, 3> labelAccuracy{}; // by label index (pairLabels())
    // Entailing pairs: share of the hypothesis's content words whose attention row peaks on the aligned premise word.
    int entailWords = 0;
    double entailAlignment = 0;
    // The same for every aligned word of every label (contradicts: the antonym's row on the word it replaced).
    int alignedWords = 0;
    double allAlignment = 0;
    double maxRowSumError = 0;   // largest |row sum - 1| over all matrices
    double meanMilliseconds = 0; // classify() per pair, wall clock
};

// Classifies every example (premise = text, hypothesis = text2). Throws what classify() throws.
PairMetrics evaluatePairs(const ClassifierModel& model, const std::vector<PairExample>& examples);

// The metrics as a markdown table (the cards') and as one line.
std::string pairMetricsTable(const PairMetrics& m);
std::string pairMetricsLine(const PairMetrics& m);

} // namespace attn::classify
