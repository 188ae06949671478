#pragma once

#include "core/attentionset.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace attn {

// A queries x keys map, row-major, with the labels of its rows and columns.
struct AttentionMap
{
    int queries = 0;
    int keys = 0;
    std::vector<float> weights; // (queries, keys)
    QStringList queryLabels;
    QStringList keyLabels;
    bool rowStochastic = true; // false for aggregates whose rows need not sum to 1 (max over heads)

    float at(int q, int k) const { return weights[std::size_t(q) * keys + k]; }
};

// How the heads of one layer are combined for the matrix view.
enum class Aggregation
{
    None,    // one head as it is
    Mean,    // mean over the layer's heads
    Max,     // element-wise max over the layer's heads (rows no longer sum to 1)
    Rollout  // Abnar & Zuidema 2020: product of (0.5 I + 0.5 mean-over-heads), rows renormalised, layers 0..layer
};

QStringList aggregationIds(); // "none", "mean", "max", "rollout"
QString aggregationId(Aggregation a);
// Throws std::invalid_argument naming the id and the choices.
Aggregation aggregationFromId(const QString& id);

// One head's map. Throws std::invalid_argument when layer or head is out of range.
// result: (queries, keys)
AttentionMap headMap(const AttentionBlock& block, int layer, int head);
// result: (queries, keys), the mean over the heads of layer.
AttentionMap meanOverHeads(const AttentionBlock& block, int layer);
// result: (queries, keys), the element-wise max over the heads of layer.
AttentionMap maxOverHeads(const AttentionBlock& block, int layer);
// Attention rollout up to and including layer: R = A~_layer ... A~_0 with A~_l = rownorm(0.5 I + 0.5 mean_h A_l).
// Only for self-attention (the same query and key tokens); throws std::invalid_argument naming the block otherwise.
// result: (queries, keys)
AttentionMap rollout(const AttentionBlock& block, int layer);
// Dispatches on the aggregation; head is used by Aggregation::None only.
AttentionMap aggregate(const AttentionBlock& block, int layer, int head, Aggregation aggregation);

// Per-head statistics, each averaged over the query rows.
struct HeadStats
{
    int layer = 0;
    int head = 0;
    double entropy = 0.0;         // -sum p ln p, in nats (0 = one key, ln keys = uniform)
    double meanDistance = 0.0;    // sum_k p_k |q - k|, in token positions
    double firstTokenShare = 0.0; // weight on key 0
};
// layers * heads entries, layer-major.
std::vector<HeadStats> headStatistics(const AttentionBlock& block);

// Which tokens the filter hides. Hidden keys are removed and every row renormalised over the keys left; hidden
// queries are removed as rows.
struct TokenFilter
{
    bool punctuation = false;   // tokens made only of punctuation: . , ! ? ; : ' " ...
    bool specialTokens = false; // <s>, </s>, <bos>, <eos>, <pad>, [CLS], [SEP], <|endoftext|>, ...
    QStringList tokens;         // further tokens to hide, compared case-insensitively
    bool isActive() const { return punctuation || specialTokens || !tokens.isEmpty(); }
    bool hides(const QString& token) const;
};

// The map without the hidden rows and columns, each row renormalised to sum to 1. A row whose remaining weight
// is 0 stays all zero and is counted in *zeroRows. Labels follow the kept rows and columns.
// result: (kept queries, kept keys)
AttentionMap filterMap(const AttentionMap& map, const TokenFilter& filter, int* zeroRows = nullptr);

// Layer and head of a head that sends attention from one token to another.
struct HeadMatch
{
    int layer = 0;
    int head = 0;
    float weight = 0.0f;
    int query = 0; // the positions whose weight this is (the strongest pair when a token occurs several times)
    int key = 0;
};

// Every head of the named block whose weight from fromToken to toToken is at least threshold, strongest first.
// Tokens match a label case-insensitively, ignoring sub-word markers (leading "▁", "Ġ", "##") and surrounding
// spaces; a token occurring several times uses its strongest pair. Throws std::invalid_argument when the block
// is missing or a token is not among its labels (the message lists the labels).
std::vector<HeadMatch> findHeads(const AttentionSet& set, const QString& block, const QString& fromToken,
                                 const QString& toToken, float threshold);
// The same with positions instead of tokens.
std::vector<HeadMatch> findHeads(const AttentionBlock& block, int fromQuery, int toKey, float threshold);

// A label with sub-word markers and spaces removed, lower-cased: what findHeads and the views compare.
QString normalisedToken(const QString& label);
// The first position whose label matches token (normalisedToken), or -1.
int tokenIndex(const QStringList& labels, const QString& token);

// Element-wise a - b for maps of the same size; throws std::invalid_argument naming both sizes otherwise.
// result: (queries, keys); labels are a's, or "a/b" where the two differ.
AttentionMap difference(const AttentionMap& a, const AttentionMap& b);

} // namespace attn
