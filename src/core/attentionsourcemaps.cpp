#include "core/attentionsourcemaps.h"

#include "core/canceltoken.h"

#include <stdexcept>

namespace attn {

AttentionMap sourceHeadMap(const AttentionSource& source, int block, int layer, int head)
{
    source.checkIndex(block, layer, head);
    const AttentionBlockInfo& info = source.blockInfo(block);
    AttentionMap map;
    map.queries = info.queries;
    map.keys = info.keys;
    map.queryLabels = info.queryLabels;
    map.keyLabels = info.keyLabels;
    map.weights.resize(std::size_t(map.queries) * std::size_t(map.keys));
    source.headRows(block, layer, head, map.weights.data());
    return map;
}

std::vector<AttentionMap> sourceLayerMaps(const AttentionSource& source, int block, int layer, std::size_t maxBytes)
{
    source.checkIndex(block, layer, 0);
    const AttentionBlockInfo& info = source.blockInfo(block);
    const std::size_t bytes = std::size_t(info.heads) * std::size_t(info.queries) * std::size_t(info.keys) * 4;
    if (bytes > maxBytes)
        throw std::runtime_error(QStringLiteral("%1: the %2 heads of a layer take %3 MB at %4 tokens: show one head "
                                                "(--head N)")
                                     .arg(source.name())
                                     .arg(info.heads)
                                     .arg(bytes >> 20)
                                     .arg(info.keys)
                                     .toStdString());
    std::vector<AttentionMap> maps;
    for (int h = 0; h < info.heads; ++h) {
        checkCancelled();
        maps.push_back(sourceHeadMap(source, block, layer, h));
    }
    return maps;
}

AttentionBlock pooledBlock(const AttentionSource& source, int block, int maxSide, PoolMode mode)
{
    source.checkIndex(block, 0, 0);
    const AttentionBlockInfo& info = source.blockInfo(block);
    AttentionBlock out;
    out.name = info.name;
    out.layers = info.layers;
    out.heads = info.heads;
    for (int l = 0; l < info.layers; ++l) {
        for (int h = 0; h < info.heads; ++h) {
            checkCancelled();
            const Eigen::MatrixXf m = source.pooled(block, l, h, maxSide, mode);
            if (out.weights.empty()) {
                out.queries = int(m.rows());
                out.keys = int(m.cols());
                out.weights.resize(std::size_t(info.layers) * info.heads * out.queries * out.keys);
            }
            using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
            Eigen::Map<RowMajor>(out.weights.data() + (std::size_t(l) * info.heads + h) * out.queries * out.keys,
                                 out.queries, out.keys) = m;
        }
    }
    const int bq = out.queries > 0 ? (info.queries + out.queries - 1) / out.queries : 1;
    const int bk = out.keys > 0 ? (info.keys + out.keys - 1) / out.keys : 1;
    for (int r = 0; r < out.queries; ++r)
        out.queryLabels << info.queryLabels.value(r * bq);
    for (int c = 0; c < out.keys; ++c)
        out.keyLabels << info.keyLabels.value(c * bk);
    return out;
}

} // namespace attn
