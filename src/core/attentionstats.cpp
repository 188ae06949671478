#include "core/attentionstats.h"

#include "core/canceltoken.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace attn {

HeadStats headStats(const Eigen::MatrixXf& map, bool positional, int topK)
{
    HeadStats s;
    const Eigen::Index queries = map.rows();
    const Eigen::Index keys = map.cols();
    if (queries == 0 || keys == 0)
        return s;
    double entropy = 0, distance = 0;
    for (Eigen::Index q = 0; q < queries; ++q) {
        double h = 0, d = 0;
        for (Eigen::Index k = 0; k < keys; ++k) {
            const double p = map(q, k);
            if (p > 0)
                h -= p * std::log(p);
            d += p * double(std::abs(q - k));
        }
        entropy += h;
        distance += d;
    }
    s.entropy = entropy / double(queries);
    s.normalisedEntropy = keys > 1 ? s.entropy / std::log(double(keys)) : 0.0;
    s.meanDistance = positional ? distance / double(queries) : -1.0;
    const Eigen::VectorXd mass = map.cast<double>().colwise().sum().transpose() / double(queries);
    std::vector<int> order(static_cast<std::size_t>(keys));
    std::iota(order.begin(), order.end(), 0);
    const int n = std::min<int>(std::max(topK, 0), int(keys));
    std::partial_sort(order.begin(), order.begin() + n, order.end(),
                      [&](int a, int b) { return mass(a) > mass(b) || (mass(a) == mass(b) && a < b); });
    for (int i = 0; i < n; ++i)
        s.topTargets.push_back({order[std::size_t(i)], mass(order[std::size_t(i)])});
    return s;
}

QJsonObject attentionStatsJson(const AttentionSource& source, int topK, int onlyBlock)
{
    auto round = [](double v) { return std::round(v * 1e6) / 1e6; };
    QJsonArray blocks;
    for (int b = 0; b < source.blockCount(); ++b) {
        if (onlyBlock >= 0 && b != onlyBlock)
            continue;
        const AttentionBlockInfo& info = source.blockInfo(b);
        const bool positional = info.name != QLatin1String("cross") && info.name != QLatin1String("image");
        QJsonArray heads;
        for (int l = 0; l < info.layers; ++l) {
            for (int h = 0; h < info.heads; ++h) {
                checkCancelled();
                const HeadStats s = headStats(source.head(b, l, h), positional, topK);
                QJsonArray targets;
                for (const auto& t : s.topTargets)
                    targets.append(QJsonObject{{"key", t.key}, {"token", info.keyLabels.value(t.key)}, {"share", round(t.share)}});
                QJsonObject o{{"layer", l},
                              {"head", h},
                              {"entropy", round(s.entropy)},
                              {"normalised_entropy", round(s.normalisedEntropy)},
                              {"top_targets", targets}};
                if (positional)
                    o.insert("mean_distance", round(s.meanDistance));
                heads.append(o);
            }
        }
        blocks.append(QJsonObject{{"kind", info.name},
                                  {"layers", info.layers},
                                  {"heads", info.heads},
                                  {"queries", info.queries},
                                  {"keys", info.keys},
                                  {"head_stats", heads}});
    }
    return QJsonObject{{"name", source.name()}, {"blocks", blocks}};
}

} // namespace attn
