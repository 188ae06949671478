#include "engine/classify/pairmetrics.h"

#include <Eigen/Core>
#include <chrono>
#include <cstdio>

namespace attn::classify {

PairMetrics evaluatePairs(const ClassifierModel& model, const std::vector<PairExample>& examples)
{
    PairMetrics m;
    std::array<int, 3> perLabel{}, perLabelRight{};
    int right = 0, entailHits = 0, allHits = 0;
    double seconds = 0;
    for (const auto& e : examples) {
        const auto start = std::chrono::steady_clock::now();
        const ClassificationResult r =
            model.classify(QString::fromStdString(e.premiseText()), QString::fromStdString(e.hypothesisText()));
        seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        ++m.pairs;
        ++perLabel[std::size_t(e.label)];
        if (r.label().toStdString() == pairLabels()[std::size_t(e.label)]) {
            ++right;
            ++perLabelRight[std::size_t(e.label)];
        }
        m.maxRowSumError = std::max(m.maxRowSumError, maxRowSumError(r.pairAttention));
        for (const auto& [h, p] : e.aligned) {
            Eigen::Index top = 0;
            r.pairAttention.row(h).maxCoeff(&top);
            const bool hit = int(top) == p;
            ++m.alignedWords;
            allHits += hit;
            if (e.label == kEntails) {
                ++m.entailWords;
                entailHits += hit;
            }
        }
    }
    if (m.pairs > 0) {
        m.accuracy = double(right) / m.pairs;
        m.meanMilliseconds = 1000 * seconds / m.pairs;
    }
    for (std::size_t i = 0; i < 3; ++i) {
        m.labelAccuracy[i] = perLabel[i] > 0 ? double(perLabelRight[i]) / perLabel[i] : 0;
    }
    m.entailAlignment = m.entailWords > 0 ? double(entailHits) / m.entailWords : 0;
    m.allAlignment = m.alignedWords > 0 ? double(allHits) / m.alignedWords : 0;
    return m;
}

std::string pairMetricsTable(const PairMetrics& m)
{
    char buffer[1024];
    std::snprintf(buffer, sizeof buffer,
                  "| metric | value |\n|---|---|\n"
                  "| pairs | %d |\n"
                  "| accuracy | %.4f |\n"
                  "| accuracy contradicts | %.4f |\n"
                  "| accuracy entails | %.4f |\n"
                  "| accuracy unrelated | %.4f |\n"
                  "| entailing pairs: row maximum on the aligned premise word | %.4f (%d content words) |\n"
                  "| all aligned words: row maximum on the aligned premise word | %.4f (%d words) |\n"
                  "| largest abs(row sum - 1) | %.2g |\n",
                  m.pairs, m.accuracy, m.labelAccuracy[0], m.labelAccuracy[1], m.labelAccuracy[2], m.entailAlignment,
                  m.entailWords, m.allAlignment, m.alignedWords, m.maxRowSumError);
    return buffer;
}

std::string pairMetricsLine(const PairMetrics& m)
{
    char buffer[512];
    std::snprintf(buffer, sizeof buffer,
                  "accuracy %.1f%% (contradicts %.1f%%, entails %.1f%%, unrelated %.1f%%); entailing pairs' content "
                  "words peaking on the aligned premise word %.1f%% of %d; rows sum to 1 within %.1g",
                  100 * m.accuracy, 100 * m.labelAccuracy[0], 100 * m.labelAccuracy[1], 100 * m.labelAccuracy[2],
                  100 * m.entailAlignment, m.entailWords, m.maxRowSumError);
    return buffer;
}

} // namespace attn::classify
