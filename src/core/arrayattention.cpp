#include "core/arrayattention.h"

#include "core/halffloat.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

#ifdef __unix__
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace attn {

namespace {

// Every float16 value as a float: one look-up per weight instead of bit twiddling.
const float* halfTable()
{
    static const std::vector<float> table = [] {
        std::vector<float> t(65536);
        for (std::uint32_t i = 0; i < 65536; ++i)
            t[i] = halfToFloat(std::uint16_t(i));
        return t;
    }();
    return table.data();
}

std::size_t itemSize(ElementType type)
{
    return type == ElementType::F32 ? 4 : 2;
}

} // namespace

MappedFile::MappedFile(const QString& path)
    : m_file(path)
{
    if (!m_file.exists())
        throw std::runtime_error(QStringLiteral("%1: file not found").arg(path).toStdString());
    if (!m_file.open(QIODevice::ReadOnly))
        throw std::runtime_error(QStringLiteral("%1: cannot open: %2").arg(path, m_file.errorString()).toStdString());
    m_size = std::uint64_t(m_file.size());
    if (m_size == 0)
        throw std::runtime_error(QStringLiteral("%1: the file is empty").arg(path).toStdString());
    m_data = m_file.map(0, qint64(m_size));
    if (!m_data)
        throw std::runtime_error(
            QStringLiteral("%1: cannot map the file: %2").arg(path, m_file.errorString()).toStdString());
}

MappedFile::~MappedFile()
{
    if (m_data)
        m_file.unmap(m_data);
}

void MappedFile::release(std::uint64_t offset, std::uint64_t length) const
{
#ifdef __unix__
    static const std::uint64_t page = std::uint64_t(sysconf(_SC_PAGESIZE));
    // Only whole pages inside the range: a neighbouring head may share the edge pages.
    const std::uint64_t begin = (offset + page - 1) / page * page;
    const std::uint64_t end = std::min(offset + length, m_size) / page * page;
    if (end > begin)
        madvise(m_data + begin, end - begin, MADV_DONTNEED);
#else
    (void)offset;
    (void)length;
#endif
}

ArrayAttentionSource::ArrayAttentionSource(QString name, std::vector<ArrayBlock> blocks, QStringList notices)
    : m_name(std::move(name))
    , m_blocks(std::move(blocks))
    , m_notices(std::move(notices))
{
}

const AttentionBlockInfo& ArrayAttentionSource::blockInfo(int block) const
{
    if (block < 0 || block >= int(m_blocks.size()))
        throw std::out_of_range(QStringLiteral("%1: block %2 does not exist").arg(m_name).arg(block).toStdString());
    return m_blocks[std::size_t(block)].info;
}

double ArrayAttentionSource::rowSumTolerance(ElementType type)
{
    return type == ElementType::F32 ? 1e-3 : 1e-2;
}

QString ArrayAttentionSource::where(int block, int layer, int head, int q) const
{
    const AttentionBlockInfo& info = m_blocks[std::size_t(block)].info;
    const QString blockName = m_blocks.size() > 1 || info.name != QLatin1String("attention")
                                  ? info.name + QLatin1Char(' ')
                                  : QString();
    return QStringLiteral("%1: %2layer %3, head %4, row %5").arg(m_name, blockName).arg(layer).arg(head).arg(q);
}

void ArrayAttentionSource::readRow(int block, int layer, int head, int q, float* out) const
{
    const ArrayBlock& b = m_blocks[std::size_t(block)];
    const AttentionBlockInfo& info = b.info;
    const std::size_t keys = std::size_t(info.keys);
    const std::size_t size = itemSize(b.type);
    const std::uint64_t index = ((std::uint64_t(layer) * info.heads + head) * info.queries + q) * keys;
    const unsigned char* src = b.store->data() + b.offset + index * size;
    // Convert, then check in one pass: a weight outside [0, 1] (NaN included: every comparison with it is false)
    // sends the row to the slow path that names the problem.
    if (b.type == ElementType::F32) {
        std::memcpy(out, src, keys * 4); // the store may not be 4-byte aligned (a member inside a zip)
    } else {
        const float* table = halfTable();
        const bool half = b.type == ElementType::F16;
        for (std::size_t k = 0; k < keys; ++k) {
            std::uint16_t bits;
            std::memcpy(&bits, src + 2 * k, 2);
            out[k] = half ? table[bits] : bfloat16ToFloat(bits);
        }
    }
    // Four running sums and a flag the compiler can keep in vector registers; float is exact enough for a
    // tolerance of 1e-3 on rows of non-negative weights.
    float sums[4] = {0, 0, 0, 0};
    int bad = 0;
    std::size_t k = 0;
    for (; k + 4 <= keys; k += 4) {
        for (int j = 0; j < 4; ++j) {
            const float w = out[k + std::size_t(j)];
            bad |= !(w >= 0.f && w <= 1.01f);
            sums[j] += w;
        }
    }
    for (; k < keys; ++k) {
        bad |= !(out[k] >= 0.f && out[k] <= 1.01f);
        sums[0] += out[k];
    }
    const double sum = double(sums[0]) + double(sums[1]) + double(sums[2]) + double(sums[3]);
    const bool suspect = bad != 0;
    if (suspect) {
        for (std::size_t k = 0; k < keys; ++k) {
            const float w = out[k];
            if (!std::isfinite(w))
                throw std::runtime_error(QStringLiteral("%1: %2 at key %3")
                                             .arg(where(block, layer, head, q), std::isnan(w) ? "NaN" : "infinity")
                                             .arg(k)
                                             .toStdString());
            if (w < 0)
                throw std::runtime_error(QStringLiteral("%1: negative weight %2 at key %3")
                                             .arg(where(block, layer, head, q))
                                             .arg(double(w))
                                             .arg(k)
                                             .toStdString());
        }
    }
    if (std::abs(sum - 1.0) > rowSumTolerance(b.type))
        throw std::runtime_error(QStringLiteral("%1: the weights sum to %2, not 1 (not a softmax output?)")
                                     .arg(where(block, layer, head, q))
                                     .arg(sum, 0, 'g', 6)
                                     .toStdString());
}

void ArrayAttentionSource::releaseHead(int block, int layer, int head) const
{
    const ArrayBlock& b = m_blocks[std::size_t(block)];
    const std::uint64_t cells = std::uint64_t(b.info.queries) * b.info.keys;
    const std::uint64_t bytes = cells * itemSize(b.type);
    b.store->release(b.offset + (std::uint64_t(layer) * b.info.heads + head) * bytes, bytes);
}

void ArrayAttentionSource::headRows(int block, int layer, int headIndex, float* out) const
{
    checkIndex(block, layer, headIndex);
    const AttentionBlockInfo& info = m_blocks[std::size_t(block)].info;
    for (int q = 0; q < info.queries; ++q)
        readRow(block, layer, headIndex, q, out + std::size_t(q) * std::size_t(info.keys));
    releaseHead(block, layer, headIndex);
}

Eigen::MatrixXf ArrayAttentionSource::head(int block, int layer, int headIndex) const
{
    checkIndex(block, layer, headIndex);
    const AttentionBlockInfo& info = m_blocks[std::size_t(block)].info;
    const std::size_t keys = std::size_t(info.keys);
    // Eigen's default is column-major: read 64 rows at a time and copy them in 64 x 64 tiles, so that neither a
    // second full-size buffer nor a cache miss per write is needed.
    constexpr int kTile = 64;
    Eigen::MatrixXf m(info.queries, info.keys);
    std::vector<float> rows(std::size_t(kTile) * keys);
    for (int q0 = 0; q0 < info.queries; q0 += kTile) {
        const int q1 = std::min(info.queries, q0 + kTile);
        for (int q = q0; q < q1; ++q)
            readRow(block, layer, headIndex, q, rows.data() + std::size_t(q - q0) * keys);
        for (int k0 = 0; k0 < info.keys; k0 += kTile)
            for (int k = k0; k < std::min(info.keys, k0 + kTile); ++k) {
                float* column = m.data() + std::size_t(k) * std::size_t(info.queries);
                for (int q = q0; q < q1; ++q)
                    column[q] = rows[std::size_t(q - q0) * keys + std::size_t(k)];
            }
    }
    releaseHead(block, layer, headIndex);
    return m;
}

Eigen::MatrixXf ArrayAttentionSource::pooled(int block, int layer, int headIndex, int maxSide, PoolMode mode) const
{
    checkIndex(block, layer, headIndex);
    if (maxSide < 1)
        throw std::invalid_argument("pooled thumbnail: maxSide must be at least 1");
    const AttentionBlockInfo& info = m_blocks[std::size_t(block)].info;
    if (info.queries <= maxSide && info.keys <= maxSide)
        return head(block, layer, headIndex);
    const int bq = (info.queries + maxSide - 1) / maxSide;
    const int bk = (info.keys + maxSide - 1) / maxSide;
    const int outRows = (info.queries + bq - 1) / bq;
    const int outCols = (info.keys + bk - 1) / bk;
    Eigen::MatrixXf out = Eigen::MatrixXf::Zero(outRows, outCols); // weights are >= 0: zero starts a max too
    std::vector<float> row(std::size_t(info.keys));
    for (int q = 0; q < info.queries; ++q) {
        readRow(block, layer, headIndex, q, row.data());
        const int r = q / bq;
        for (int c = 0; c < outCols; ++c) {
            const int k0 = c * bk;
            const int k1 = std::min(info.keys, k0 + bk);
            float acc = out(r, c);
            if (mode == PoolMode::Max) {
                for (int k = k0; k < k1; ++k)
                    acc = std::max(acc, row[std::size_t(k)]);
            } else {
                for (int k = k0; k < k1; ++k)
                    acc += row[std::size_t(k)];
            }
            out(r, c) = acc;
        }
    }
    if (mode == PoolMode::Mean) {
        for (int r = 0; r < outRows; ++r)
            for (int c = 0; c < outCols; ++c) {
                const int nr = std::min(bq, info.queries - r * bq);
                const int nc = std::min(bk, info.keys - c * bk);
                out(r, c) /= float(nr) * float(nc);
            }
    }
    releaseHead(block, layer, headIndex);
    return out;
}

void ArrayAttentionSource::checkSample() const
{
    for (int b = 0; b < int(m_blocks.size()); ++b) {
        const AttentionBlockInfo& info = m_blocks[std::size_t(b)].info;
        if (info.layers == 0 || info.heads == 0 || info.queries == 0 || info.keys == 0)
            continue;
        std::vector<float> row(std::size_t(info.keys));
        const int heads[2][2] = {{0, 0}, {info.layers - 1, info.heads - 1}};
        for (const auto& lh : heads)
            for (int q : {0, info.queries / 2, info.queries - 1})
                readRow(b, lh[0], lh[1], q, row.data());
    }
}

} // namespace attn
