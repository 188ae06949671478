#include "core/attentionset.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace attn {

AttentionBlock::AttentionBlock(QString blockName, int numLayers, int numHeads, QStringList queryTokens,
                               QStringList keyTokens)
    : name(std::move(blockName)), layers(numLayers), heads(numHeads), queries(int(queryTokens.size())),
      keys(int(keyTokens.size())), queryLabels(std::move(queryTokens)), keyLabels(std::move(keyTokens)),
      weights(std::size_t(layers) * heads * queries * keys, 0.0f)
{
}

namespace {

[[noreturn]] void fail(const QString& block, const QString& what)
{
    throw std::invalid_argument(QStringLiteral("attention block '%1': %2").arg(block, what).toStdString());
}

} // namespace

void AttentionBlock::validate(double tolerance) const
{
    if (layers <= 0 || heads <= 0 || queries <= 0 || keys <= 0) {
        fail(name, QStringLiteral("empty sizes (%1 layers, %2 heads, %3 queries, %4 keys)")
                       .arg(layers)
                       .arg(heads)
                       .arg(queries)
                       .arg(keys));
    }
    if (weights.size() != std::size_t(layers) * heads * queries * keys) {
        fail(name, QStringLiteral("%1 weights for %2 x %3 x %4 x %5")
                       .arg(weights.size())
                       .arg(layers)
                       .arg(heads)
                       .arg(queries)
                       .arg(keys));
    }
    if (queryLabels.size() != queries) {
        fail(name, QStringLiteral("%1 query labels for %2 queries").arg(queryLabels.size()).arg(queries));
    }
    if (!layerNumbers.empty()) {
        if (layerNumbers.size() != std::size_t(layers)) {
            fail(name, QStringLiteral("%1 layer numbers for %2 layers").arg(layerNumbers.size()).arg(layers));
        }
        for (std::size_t i = 0; i < layerNumbers.size(); ++i) {
            if (layerNumbers[i] < 0 || (i > 0 && layerNumbers[i] <= layerNumbers[i - 1])) {
                fail(name, QStringLiteral("layer number %1 at position %2 is negative or not above the one before")
                               .arg(layerNumbers[i])
                               .arg(i));
            }
        }
    }
    const bool grid = gridRows > 0 || gridCols > 0;
    if (grid ? gridRows * gridCols != keys : keyLabels.size() != keys) {
        fail(name, QStringLiteral("key labels or grid do not match %1 keys").arg(keys));
    }
    for (int l = 0; l < layers; ++l) {
        for (int h = 0; h < heads; ++h) {
            for (int q = 0; q < queries; ++q) {
                double sum = 0.0;
                for (int k = 0; k < keys; ++k) {
                    const float w = at(l, h, q, k);
                    if (!std::isfinite(w) || w < 0.0f) {
                        fail(name, QStringLiteral("weight at layer %1, head %2, query %3, key %4 is %5")
                                       .arg(l)
                                       .arg(h)
                                       .arg(q)
                                       .arg(k)
                                       .arg(double(w)));
                    }
                    sum += w;
                }
                if (std::abs(sum - 1.0) > tolerance) {
                    fail(name, QStringLiteral("row of query %1 (layer %2, head %3) sums to %4, not 1")
                                   .arg(q)
                                   .arg(l)
                                   .arg(h)
                                   .arg(sum, 0, 'g', 8));
                }
            }
        }
    }
}

int AttentionBlock::layerIndex(int number) const
{
    if (layerNumbers.empty()) {
        return number >= 0 && number < layers ? number : -1;
    }
    const auto it = std::lower_bound(layerNumbers.begin(), layerNumbers.end(), number);
    return it != layerNumbers.end() && *it == number ? int(it - layerNumbers.begin()) : -1;
}

double AttentionBlock::maxRowSumError() const
{
    double worst = 0.0;
    const std::size_t rows = std::size_t(layers) * heads * queries;
    for (std::size_t r = 0; r < rows; ++r) {
        double sum = 0.0;
        for (int k = 0; k < keys; ++k) {
            sum += weights[r * keys + k];
        }
        worst = std::max(worst, std::abs(sum - 1.0));
    }
    return worst;
}

const AttentionBlock* AttentionSet::block(const QString& name) const
{
    for (const auto& b : blocks) {
        if (b.name == name) {
            return &b;
        }
    }
    return nullptr;
}

AttentionBlock* AttentionSet::block(const QString& name)
{
    for (auto& b : blocks) {
        if (b.name == name) {
            return &b;
        }
    }
    return nullptr;
}

void AttentionSet::validate(double tolerance) const
{
    if (blocks.empty()) {
        throw std::invalid_argument("attention set of '" + modelName.toStdString() + "' has no blocks");
    }
    for (const auto& b : blocks) {
        b.validate(tolerance);
    }
}

} // namespace attn
