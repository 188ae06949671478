#pragma once

#include "core/attentionsource.h"
#include "core/npyheader.h"

#include <QByteArray>
#include <QFile>

#include <cstdint>
#include <memory>

namespace attn {

// Bytes that stay valid while the store lives: a memory-mapped file or a buffer (an inflated .npz member).
class ByteStore
{
public:
    virtual ~ByteStore() = default;
    virtual const unsigned char* data() const = 0;
    virtual std::uint64_t size() const = 0;
    // The reader is done with these bytes for now: a mapped file gives its pages back (they stay in the page
    // cache), so that paging through a 12.9 GB file does not grow the resident set. Reading them again is safe.
    virtual void release(std::uint64_t /*offset*/, std::uint64_t /*length*/) const {}
};

// A whole file mapped read-only. Throws std::runtime_error naming the file when it cannot be opened or mapped.
class MappedFile : public ByteStore
{
public:
    explicit MappedFile(const QString& path);
    ~MappedFile() override;
    const unsigned char* data() const override { return m_data; }
    std::uint64_t size() const override { return m_size; }
    void release(std::uint64_t offset, std::uint64_t length) const override;

private:
    QFile m_file;
    unsigned char* m_data = nullptr;
    std::uint64_t m_size = 0;
};

class BufferStore : public ByteStore
{
public:
    explicit BufferStore(QByteArray bytes)
        : m_bytes(std::move(bytes))
    {
    }
    const unsigned char* data() const override { return reinterpret_cast<const unsigned char*>(m_bytes.constData()); }
    std::uint64_t size() const override { return std::uint64_t(m_bytes.size()); }

private:
    QByteArray m_bytes;
};

// One block stored as a C-order (layers, heads, queries, keys) array of float16, bfloat16 or float32 inside a store.
struct ArrayBlock
{
    AttentionBlockInfo info;
    std::shared_ptr<const ByteStore> store;
    std::uint64_t offset = 0; // byte offset of element (0, 0, 0, 0) in the store
    ElementType type = ElementType::F32;
};

// The source behind .npy, .npz and safetensors files: heads are read from the store when asked for.
// Validation (see the README's "Attention files"): each row of a head is checked as it is read (finite, not
// negative, sums to 1 within rowSumTolerance); checkSample() reads a few rows at open (first, middle and last row
// of the first and last head of each block) so that most bad files are refused at once for almost no cost.
class ArrayAttentionSource : public AttentionSource
{
public:
    // The caller has checked that every block lies inside its store.
    ArrayAttentionSource(QString name, std::vector<ArrayBlock> blocks, QStringList notices = {});

    QString name() const override { return m_name; }
    int blockCount() const override { return int(m_blocks.size()); }
    const AttentionBlockInfo& blockInfo(int block) const override;
    QStringList notices() const override { return m_notices; }
    Eigen::MatrixXf head(int block, int layer, int head) const override;
    void headRows(int block, int layer, int head, float* out) const override;
    Eigen::MatrixXf pooled(int block, int layer, int head, int maxSide, PoolMode mode) const override;

    // Throws std::runtime_error like head() when a sampled row is bad.
    void checkSample() const;

    // |row sum - 1| allowed: float16/bfloat16 round each weight (relative error 2^-11 / 2^-8), float32 does not.
    static double rowSumTolerance(ElementType type);

private:
    // Reads and checks row q of one head into out (keys floats).
    void readRow(int block, int layer, int head, int q, float* out) const;
    void releaseHead(int block, int layer, int head) const;
    QString where(int block, int layer, int head, int q) const;

    QString m_name;
    std::vector<ArrayBlock> m_blocks;
    QStringList m_notices;
};

} // namespace attn
