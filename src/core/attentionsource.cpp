#include "core/attentionsource.h"

#include <algorithm>
#include <stdexcept>

namespace attn {

Eigen::MatrixXf AttentionSource::pooled(int block, int layer, int headIndex, int maxSide, PoolMode mode) const
{
    return poolMatrix(head(block, layer, headIndex), maxSide, mode);
}

void AttentionSource::headRows(int block, int layer, int headIndex, float* out) const
{
    const Eigen::MatrixXf m = head(block, layer, headIndex);
    using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    Eigen::Map<RowMajor>(out, m.rows(), m.cols()) = m;
}

int AttentionSource::blockIndex(const QString& blockName) const
{
    for (int b = 0; b < blockCount(); ++b)
        if (blockInfo(b).name == blockName)
            return b;
    return -1;
}

QStringList AttentionSource::blockNames() const
{
    QStringList names;
    for (int b = 0; b < blockCount(); ++b)
        names << blockInfo(b).name;
    return names;
}

void AttentionSource::checkIndex(int block, int layer, int headIndex) const
{
    if (block < 0 || block >= blockCount())
        throw std::out_of_range(QStringLiteral("%1: block %2 does not exist (0-%3)")
                                    .arg(name())
                                    .arg(block)
                                    .arg(blockCount() - 1)
                                    .toStdString());
    const AttentionBlockInfo& info = blockInfo(block);
    if (layer < 0 || layer >= info.layers)
        throw std::out_of_range(
            QStringLiteral("%1: %2 has no layer %3 (0-%4)").arg(name(), info.name).arg(layer).arg(info.layers - 1).toStdString());
    if (headIndex < 0 || headIndex >= info.heads)
        throw std::out_of_range(QStringLiteral("%1: %2 has no head %3 (0-%4)")
                                    .arg(name(), info.name)
                                    .arg(headIndex)
                                    .arg(info.heads - 1)
                                    .toStdString());
}

Eigen::MatrixXf poolMatrix(const Eigen::MatrixXf& map, int maxSide, PoolMode mode)
{
    if (maxSide < 1)
        throw std::invalid_argument("pooled thumbnail: maxSide must be at least 1");
    const int rows = int(map.rows());
    const int cols = int(map.cols());
    if (rows <= maxSide && cols <= maxSide)
        return map;
    const int bq = std::max(1, (rows + maxSide - 1) / maxSide);
    const int bk = std::max(1, (cols + maxSide - 1) / maxSide);
    const int outRows = (rows + bq - 1) / bq;
    const int outCols = (cols + bk - 1) / bk;
    Eigen::MatrixXf out(outRows, outCols);
    for (int r = 0; r < outRows; ++r) {
        const int r0 = r * bq;
        const int nr = std::min(bq, rows - r0);
        for (int c = 0; c < outCols; ++c) {
            const int c0 = c * bk;
            const int nc = std::min(bk, cols - c0);
            const auto cells = map.block(r0, c0, nr, nc);
            out(r, c) = mode == PoolMode::Max ? cells.maxCoeff() : cells.mean();
        }
    }
    return out;
}

QString poolModeId(PoolMode mode)
{
    return mode == PoolMode::Max ? QStringLiteral("max") : QStringLiteral("mean");
}

PoolMode poolModeFromId(const QString& id)
{
    if (id == QLatin1String("max"))
        return PoolMode::Max;
    if (id == QLatin1String("mean"))
        return PoolMode::Mean;
    throw std::invalid_argument(QStringLiteral("unknown pooling '%1' (max, mean)").arg(id).toStdString());
}

AttentionSetSource::AttentionSetSource(std::shared_ptr<const AttentionSet> set, QString sourceName)
    : m_set(std::move(set))
    , m_name(std::move(sourceName))
{
    if (!m_set)
        throw std::invalid_argument("AttentionSetSource: no set");
    if (m_name.isEmpty())
        m_name = m_set->modelName;
    for (const AttentionBlock& b : m_set->blocks) {
        AttentionBlockInfo info;
        info.name = b.name;
        info.layers = b.layers;
        info.heads = b.heads;
        info.queries = b.queries;
        info.keys = b.keys;
        info.queryLabels = b.queryLabels;
        info.keyLabels = b.keyLabels;
        info.gridRows = b.gridRows;
        info.gridCols = b.gridCols;
        m_infos.push_back(std::move(info));
    }
}

AttentionSetSource::AttentionSetSource(AttentionSet set, QString sourceName)
    : AttentionSetSource(std::make_shared<const AttentionSet>(std::move(set)), std::move(sourceName))
{
}

QString AttentionSetSource::name() const
{
    return m_name;
}

int AttentionSetSource::blockCount() const
{
    return int(m_infos.size());
}

const AttentionBlockInfo& AttentionSetSource::blockInfo(int block) const
{
    if (block < 0 || block >= int(m_infos.size()))
        throw std::out_of_range(QStringLiteral("%1: block %2 does not exist").arg(m_name).arg(block).toStdString());
    return m_infos[std::size_t(block)];
}

QStringList AttentionSetSource::notices() const
{
    return m_set->notices;
}

Eigen::MatrixXf AttentionSetSource::head(int block, int layer, int headIndex) const
{
    checkIndex(block, layer, headIndex);
    const AttentionBlock& b = m_set->blocks[std::size_t(block)];
    using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    return Eigen::Map<const RowMajor>(b.map(layer, headIndex), b.queries, b.keys);
}

void AttentionSetSource::headRows(int block, int layer, int headIndex, float* out) const
{
    checkIndex(block, layer, headIndex);
    const AttentionBlock& b = m_set->blocks[std::size_t(block)];
    std::copy(b.map(layer, headIndex), b.map(layer, headIndex) + std::size_t(b.queries) * std::size_t(b.keys), out);
}

AttentionSet materialise(const AttentionSource& source, std::size_t maxBytes)
{
    std::size_t total = 0;
    for (int b = 0; b < source.blockCount(); ++b) {
        const AttentionBlockInfo& info = source.blockInfo(b);
        total += std::size_t(info.layers) * info.heads * info.queries * info.keys * sizeof(float);
    }
    if (total > maxBytes)
        throw std::runtime_error(QStringLiteral("%1: %2 MB of attention is too much to hold in memory at once")
                                     .arg(source.name())
                                     .arg(double(total) / 1e6, 0, 'f', 0)
                                     .toStdString());
    AttentionSet set;
    set.modelName = source.name();
    set.notices = source.notices();
    using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    for (int b = 0; b < source.blockCount(); ++b) {
        const AttentionBlockInfo& info = source.blockInfo(b);
        AttentionBlock block;
        block.name = info.name;
        block.layers = info.layers;
        block.heads = info.heads;
        block.queries = info.queries;
        block.keys = info.keys;
        block.queryLabels = info.queryLabels;
        block.keyLabels = info.keyLabels;
        block.gridRows = info.gridRows;
        block.gridCols = info.gridCols;
        block.weights.resize(std::size_t(info.layers) * info.heads * info.queries * info.keys);
        for (int l = 0; l < info.layers; ++l)
            for (int h = 0; h < info.heads; ++h)
                Eigen::Map<RowMajor>(block.weights.data() + (std::size_t(l) * info.heads + h) * info.queries * info.keys,
                                     info.queries, info.keys) = source.head(b, l, h);
        if (info.name == QLatin1String("encoder_self") || (set.sourceTokens.isEmpty() && info.name != "decoder_self"))
            set.sourceTokens = info.keyLabels;
        if (info.name == QLatin1String("decoder_self") || info.name == QLatin1String("cross"))
            set.targetTokens = info.queryLabels;
        set.blocks.push_back(std::move(block));
    }
    return set;
}

} // namespace attn
