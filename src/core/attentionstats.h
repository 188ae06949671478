#pragma once

#include "core/attentionsource.h"

#include <QJsonObject>

#include <vector>

namespace attn {

// What `attnscope-cli stats` reports of one head.
struct HeadStats
{
    int layer = 0;
    int head = 0;
    double entropy = 0;           // mean over queries of -sum p ln p, in nats (0 = one key, ln keys = uniform)
    double normalisedEntropy = 0; // entropy / ln keys (0 to 1; 0 when there is one key)
    double meanDistance = -1;     // mean over queries of sum_k p |q - k| in positions; -1 for cross-attention
    struct Target
    {
        int key = 0;
        double share = 0; // the key's column mass / queries: the share of all attention it receives
    };
    std::vector<Target> topTargets; // the keys that receive the most attention, strongest first
};

// result of one head's (queries, keys) map. positional: queries and keys index the same sequence (self-attention).
HeadStats headStats(const Eigen::MatrixXf& map, bool positional, int topK);

// Every head of every block (or of one block) as JSON:
// {"name", "blocks": [{"kind", "layers", "heads", "queries", "keys",
//   "head_stats": [{"layer", "head", "entropy", "normalised_entropy", "mean_distance" (self only),
//              "top_targets": [{"key", "token", "share"}]}]}]}
// Reads one head at a time. Throws as AttentionSource::head does; checks cancellation once per head.
QJsonObject attentionStatsJson(const AttentionSource& source, int topK, int onlyBlock = -1);

} // namespace attn
