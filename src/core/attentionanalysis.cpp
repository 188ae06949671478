#include "core/attentionanalysis.h"
#include "core/wordpieces.h"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace attn {

namespace {

using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

[[noreturn]] void fail(const QString& what)
{
    throw std::invalid_argument(what.toStdString());
}

void checkLayer(const AttentionBlock& block, int layer)
{
    if (layer < 0 || layer >= block.layers) {
        fail(QStringLiteral("attention block '%1': layer %2 out of range (0 to %3)")
                 .arg(block.name)
                 .arg(layer)
                 .arg(block.layers - 1));
    }
}

AttentionMap emptyMapOf(const AttentionBlock& block)
{
    AttentionMap map;
    map.queries = block.queries;
    map.keys = block.keys;
    map.weights.assign(std::size_t(block.queries) * block.keys, 0.0f);
    map.queryLabels = block.queryLabels;
    map.keyLabels = block.keyLabels;
    return map;
}

bool isSpecial(const QString& t)
{
    return isSpecialTokenLabel(t); // one list for the filter and the word view (wordpieces.h)
}

bool isPunctuation(const QString& t)
{
    const QString s = normalisedToken(t);
    if (s.isEmpty()) {
        return false;
    }
    for (const QChar c : s) {
        if (!c.isPunct() && !c.isSymbol()) {
            return false;
        }
    }
    return true;
}

} // namespace

QStringList aggregationIds()
{
    return {QStringLiteral("none"), QStringLiteral("mean"), QStringLiteral("max"), QStringLiteral("rollout")};
}

QString aggregationId(Aggregation a)
{
    return aggregationIds().at(int(a));
}

Aggregation aggregationFromId(const QString& id)
{
    const int i = int(aggregationIds().indexOf(id.trimmed().toLower()));
    if (i < 0) {
        fail(QStringLiteral("unknown aggregation '%1' (choose %2)").arg(id, aggregationIds().join(", ")));
    }
    return Aggregation(i);
}

AttentionMap headMap(const AttentionBlock& block, int layer, int head)
{
    checkLayer(block, layer);
    if (head < 0 || head >= block.heads) {
        fail(QStringLiteral("attention block '%1': head %2 out of range (0 to %3)")
                 .arg(block.name)
                 .arg(head)
                 .arg(block.heads - 1));
    }
    AttentionMap map = emptyMapOf(block);
    const float* src = block.map(layer, head);
    std::copy(src, src + map.weights.size(), map.weights.begin());
    return map;
}

AttentionMap meanOverHeads(const AttentionBlock& block, int layer)
{
    checkLayer(block, layer);
    AttentionMap map = emptyMapOf(block);
    for (int h = 0; h < block.heads; ++h) {
        const float* src = block.map(layer, h);
        for (std::size_t i = 0; i < map.weights.size(); ++i) {
            map.weights[i] += src[i];
        }
    }
    for (auto& w : map.weights) {
        w /= float(block.heads);
    }
    return map;
}

AttentionMap maxOverHeads(const AttentionBlock& block, int layer)
{
    checkLayer(block, layer);
    AttentionMap map = emptyMapOf(block);
    map.rowStochastic = false;
    for (int h = 0; h < block.heads; ++h) {
        const float* src = block.map(layer, h);
        for (std::size_t i = 0; i < map.weights.size(); ++i) {
            map.weights[i] = std::max(map.weights[i], src[i]);
        }
    }
    return map;
}

AttentionMap rollout(const AttentionBlock& block, int layer)
{
    checkLayer(block, layer);
    if (block.queries != block.keys || block.queryLabels != block.keyLabels) {
        fail(QStringLiteral("attention block '%1': rollout needs self-attention (the same tokens as queries and "
                            "keys), not %2 x %3")
                 .arg(block.name)
                 .arg(block.queries)
                 .arg(block.keys));
    }
    const int n = block.queries;
    // Residual connections carry each token's own value past the attention: half identity, half mean attention.
    RowMatrix result = RowMatrix::Identity(n, n);
    for (int l = 0; l <= layer; ++l) {
        const AttentionMap mean = meanOverHeads(block, l);
        RowMatrix a(n, n);
        for (int q = 0; q < n; ++q) {
            for (int k = 0; k < n; ++k) {
                a(q, k) = 0.5 * mean.at(q, k) + (q == k ? 0.5 : 0.0);
            }
            const double sum = a.row(q).sum();
            if (sum > 0.0) {
                a.row(q) /= sum;
            }
        }
        result = a * result; // (n, n): layer l mixes the rolled-out mixtures of the layers below
    }
    AttentionMap map = emptyMapOf(block);
    for (int q = 0; q < n; ++q) {
        for (int k = 0; k < n; ++k) {
            map.weights[std::size_t(q) * n + k] = float(result(q, k));
        }
    }
    return map;
}

AttentionMap aggregate(const AttentionBlock& block, int layer, int head, Aggregation aggregation)
{
    switch (aggregation) {
    case Aggregation::Mean:
        return meanOverHeads(block, layer);
    case Aggregation::Max:
        return maxOverHeads(block, layer);
    case Aggregation::Rollout:
        return rollout(block, layer);
    case Aggregation::None:
        break;
    }
    return headMap(block, layer, head);
}

std::vector<HeadStats> headStatistics(const AttentionBlock& block)
{
    std::vector<HeadStats> out;
    out.reserve(std::size_t(block.layers) * block.heads);
    for (int l = 0; l < block.layers; ++l) {
        for (int h = 0; h < block.heads; ++h) {
            HeadStats s;
            s.layer = l;
            s.head = h;
            const float* m = block.map(l, h);
            for (int q = 0; q < block.queries; ++q) {
                const float* row = m + std::size_t(q) * block.keys;
                for (int k = 0; k < block.keys; ++k) {
                    const double p = row[k];
                    if (p > 0.0) {
                        s.entropy -= p * std::log(p);
                    }
                    s.meanDistance += p * std::abs(q - k);
                }
                s.firstTokenShare += row[0];
            }
            const double rows = std::max(1, block.queries);
            s.entropy /= rows;
            s.meanDistance /= rows;
            s.firstTokenShare /= rows;
            out.push_back(s);
        }
    }
    return out;
}

bool TokenFilter::hides(const QString& token) const
{
    if (specialTokens && isSpecial(token)) {
        return true;
    }
    if (punctuation && isPunctuation(token)) {
        return true;
    }
    const QString n = normalisedToken(token);
    for (const auto& t : tokens) {
        if (normalisedToken(t) == n) {
            return true;
        }
    }
    return false;
}

AttentionMap filterMap(const AttentionMap& map, const TokenFilter& filter, int* zeroRows)
{
    std::vector<int> keptRows, keptCols;
    for (int q = 0; q < map.queries; ++q) {
        if (!filter.hides(map.queryLabels.value(q))) {
            keptRows.push_back(q);
        }
    }
    for (int k = 0; k < map.keys; ++k) {
        if (!filter.hides(map.keyLabels.value(k))) {
            keptCols.push_back(k);
        }
    }
    AttentionMap out;
    out.queries = int(keptRows.size());
    out.keys = int(keptCols.size());
    out.rowStochastic = map.rowStochastic;
    out.weights.assign(std::size_t(out.queries) * out.keys, 0.0f);
    int zeros = 0;
    for (int r = 0; r < out.queries; ++r) {
        double sum = 0.0;
        for (int c = 0; c < out.keys; ++c) {
            sum += map.at(keptRows[r], keptCols[c]);
        }
        if (sum <= 0.0) {
            ++zeros;
            continue;
        }
        for (int c = 0; c < out.keys; ++c) {
            out.weights[std::size_t(r) * out.keys + c] = float(map.at(keptRows[r], keptCols[c]) / sum);
        }
    }
    for (int q : keptRows) {
        out.queryLabels << map.queryLabels.value(q);
    }
    for (int k : keptCols) {
        out.keyLabels << map.keyLabels.value(k);
    }
    if (zeroRows) {
        *zeroRows = zeros;
    }
    return out;
}

QString normalisedToken(const QString& label)
{
    QString s = label.trimmed();
    for (const QString& marker : {QStringLiteral("\u2581"), QStringLiteral("\u0120"), QStringLiteral("##")}) {
        if (s.startsWith(marker)) {
            s = s.mid(marker.size());
        }
    }
    return s.trimmed().toLower();
}

int tokenIndex(const QStringList& labels, const QString& token)
{
    const QString t = normalisedToken(token);
    for (int i = 0; i < labels.size(); ++i) {
        if (normalisedToken(labels.at(i)) == t) {
            return i;
        }
    }
    return -1;
}

std::vector<HeadMatch> findHeads(const AttentionBlock& block, int fromQuery, int toKey, float threshold)
{
    if (fromQuery < 0 || fromQuery >= block.queries || toKey < 0 || toKey >= block.keys) {
        fail(QStringLiteral("attention block '%1': positions %2 -> %3 out of range (%4 queries, %5 keys)")
                 .arg(block.name)
                 .arg(fromQuery)
                 .arg(toKey)
                 .arg(block.queries)
                 .arg(block.keys));
    }
    std::vector<HeadMatch> out;
    for (int l = 0; l < block.layers; ++l) {
        for (int h = 0; h < block.heads; ++h) {
            const float w = block.at(l, h, fromQuery, toKey);
            if (w >= threshold) {
                out.push_back({l, h, w, fromQuery, toKey});
            }
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const HeadMatch& a, const HeadMatch& b) { return a.weight > b.weight; });
    return out;
}

std::vector<HeadMatch> findHeads(const AttentionSet& set, const QString& blockName, const QString& fromToken,
                                 const QString& toToken, float threshold)
{
    const AttentionBlock* block = set.block(blockName);
    if (!block) {
        QStringList names;
        for (const auto& b : set.blocks) {
            names << b.name;
        }
        fail(QStringLiteral("no attention block '%1' (the set has %2)").arg(blockName, names.join(", ")));
    }
    const auto positions = [](const QStringList& labels, const QString& token, const QString& side,
                              const QString& name) {
        std::vector<int> out;
        const QString t = normalisedToken(token);
        for (int i = 0; i < labels.size(); ++i) {
            if (normalisedToken(labels.at(i)) == t) {
                out.push_back(i);
            }
        }
        if (out.empty()) {
            fail(QStringLiteral("token '%1' is not among the %2 tokens of '%3': %4")
                     .arg(token, side, name, labels.join(QLatin1Char(' '))));
        }
        return out;
    };
    const auto froms = positions(block->queryLabels, fromToken, QStringLiteral("query"), block->name);
    const auto tos = positions(block->keyLabels, toToken, QStringLiteral("key"), block->name);
    std::vector<HeadMatch> out;
    for (int l = 0; l < block->layers; ++l) {
        for (int h = 0; h < block->heads; ++h) {
            HeadMatch best{l, h, -1.0f, 0, 0};
            for (int q : froms) {
                for (int k : tos) {
                    const float w = block->at(l, h, q, k);
                    if (w > best.weight) {
                        best = {l, h, w, q, k};
                    }
                }
            }
            if (best.weight >= threshold) {
                out.push_back(best);
            }
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const HeadMatch& a, const HeadMatch& b) { return a.weight > b.weight; });
    return out;
}

AttentionMap difference(const AttentionMap& a, const AttentionMap& b)
{
    if (a.queries != b.queries || a.keys != b.keys) {
        fail(QStringLiteral("cannot subtract a %1 x %2 map from a %3 x %4 map: the tokens do not line up")
                 .arg(b.queries)
                 .arg(b.keys)
                 .arg(a.queries)
                 .arg(a.keys));
    }
    AttentionMap out = a;
    out.rowStochastic = false;
    for (std::size_t i = 0; i < out.weights.size(); ++i) {
        out.weights[i] = a.weights[i] - b.weights[i];
    }
    const auto merge = [](const QStringList& x, const QStringList& y) {
        QStringList m;
        for (int i = 0; i < x.size(); ++i) {
            const QString other = y.value(i);
            m << (x.at(i) == other ? x.at(i) : x.at(i) + QLatin1Char('/') + other);
        }
        return m;
    };
    out.queryLabels = merge(a.queryLabels, b.queryLabels);
    out.keyLabels = merge(a.keyLabels, b.keyLabels);
    return out;
}

} // namespace attn
