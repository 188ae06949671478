#include "core/syntheticattention.h"

#include "core/random.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace attn {

namespace {

// Fills one head: (queries, keys). pattern picks the key a head prefers relative to the query.
void fillHead(float* map, int queries, int keys, int pattern, bool causal, SeededRandom& rng)
{
    const double sharpness = 1.0 + 3.0 * rng.uniform();
    std::vector<double> scores(static_cast<std::size_t>(keys));
    for (int q = 0; q < queries; ++q) {
        const int visible = causal ? std::min(keys, q + 1) : keys;
        int favourite = -1;
        switch (pattern % 4) {
        case 0: favourite = std::max(0, q - 1); break; // previous token
        case 1: favourite = std::min(q, keys - 1); break; // the token itself
        case 2: favourite = 0; break;                    // the first token
        default: break;                                  // no preference
        }
        double top = -1e300;
        for (int k = 0; k < visible; ++k) {
            scores[std::size_t(k)] = sharpness * rng.normal() + (k == favourite ? 4.0 : 0.0);
            top = std::max(top, scores[std::size_t(k)]);
        }
        double sum = 0.0;
        for (int k = 0; k < visible; ++k) {
            scores[std::size_t(k)] = std::exp(scores[std::size_t(k)] - top);
            sum += scores[std::size_t(k)];
        }
        float* row = map + std::size_t(q) * keys;
        for (int k = 0; k < keys; ++k) {
            row[k] = k < visible ? float(scores[std::size_t(k)] / sum) : 0.0f;
        }
    }
}

AttentionBlock makeBlock(const QString& name, int layers, int heads, const QStringList& q, const QStringList& k,
                         bool causal, SeededRandom& rng)
{
    AttentionBlock block(name, layers, heads, q, k);
    for (int l = 0; l < layers; ++l) {
        for (int h = 0; h < heads; ++h) {
            fillHead(const_cast<float*>(block.map(l, h)), block.queries, block.keys, int(rng.below(4)), causal, rng);
        }
    }
    return block;
}

} // namespace

AttentionSet syntheticAttentionSet(int layers, int heads, int tokens, std::uint64_t seed, bool decoder,
                                   const QStringList& tokenLabels)
{
    if (layers <= 0 || heads <= 0 || tokens <= 0) {
        throw std::invalid_argument("synthetic attention: layers, heads and tokens must be positive");
    }
    SeededRandom rng(seed);
    AttentionSet set;
    set.modelName = QStringLiteral("synthetic");
    for (int i = 0; i < tokens; ++i) {
        set.sourceTokens << (i < tokenLabels.size() ? tokenLabels.at(i) : QStringLiteral("w%1").arg(i));
    }
    set.blocks.push_back(makeBlock(QStringLiteral("encoder_self"), layers, heads, set.sourceTokens, set.sourceTokens,
                                   false, rng));
    if (decoder) {
        for (int i = 0; i < tokens; ++i) {
            set.targetTokens << QStringLiteral("t%1").arg(i);
        }
        set.blocks.push_back(makeBlock(QStringLiteral("decoder_self"), layers, heads, set.targetTokens,
                                       set.targetTokens, true, rng));
        set.blocks.push_back(
            makeBlock(QStringLiteral("cross"), layers, heads, set.targetTokens, set.sourceTokens, false, rng));
    }
    return set;
}

} // namespace attn
