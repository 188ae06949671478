#pragma once

#include "core/attentionset.h"

#include <Eigen/Core>

#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace attn {

// How a pooled thumbnail combines the cells under one of its pixels.
enum class PoolMode
{
    Max, // the strongest cell: a single sharp link stays visible at any size
    Mean // the mass of the cells: what the region holds on average
};

// The shape and labels of one block of a source, known without reading any weight.
struct AttentionBlockInfo
{
    QString name; // "encoder_self", "decoder_self", "cross", "image", or "attention" for a file with a single array
    int layers = 0;
    int heads = 0;
    int queries = 0;
    int keys = 0;
    QStringList queryLabels; // queries entries
    QStringList keyLabels;   // keys entries, or empty for an image grid
    int gridRows = 0;        // image attention only (keys = gridRows * gridCols)
    int gridCols = 0;
};

// A lazy source of attention: the shapes and labels are known at once, the weights of a head are read only when
// asked for. A memory-mapped file of 12.9 GB opens in milliseconds and a view pays only for the heads it shows.
// All indices count from 0. The const methods may be called from several threads at once (a view on the GUI
// thread and a job on the worker): implementations keep no unsynchronised mutable state.
class AttentionSource
{
public:
    virtual ~AttentionSource() = default;

    // What the user opened: a file name, or the model name of an in-memory set.
    virtual QString name() const = 0;
    virtual int blockCount() const = 0;
    // Throws std::out_of_range for a bad index.
    virtual const AttentionBlockInfo& blockInfo(int block) const = 0;
    // Things the user should know about the source (the tokens file that was used, "no tokens file: positions
    // shown as 0, 1, 2, ..."). Empty by default.
    virtual QStringList notices() const { return {}; }

    // One head's weights, (queries, keys): m(q, k) is the weight from query q to key k. Reads only that head.
    // Throws std::out_of_range for bad indices and std::runtime_error naming the source, block, layer, head and
    // the problem when the head's data is bad (NaN or infinite, negative, a row not summing to 1): file sources
    // check each head when it is read, not at open.
    virtual Eigen::MatrixXf head(int block, int layer, int head) const = 0;
    // The same weights row-major into out (queries * keys floats): what views that keep row-major maps want, without
    // the transposing copy an Eigen::MatrixXf (column-major) costs at 4,096 tokens. The default copies head().
    virtual void headRows(int block, int layer, int head, float* out) const;

    // A thumbnail of one head with at most maxSide rows and columns: the head split into blocks of
    // ceil(queries / maxSide) x ceil(keys / maxSide) cells, each reduced to its max or mean. A head already no
    // larger than maxSide comes back as it is. result: (ceil(queries / bq), ceil(keys / bk)).
    // The default pools head(); file sources override it to pool while streaming over the mapped rows, without
    // holding the full head. Same validation and exceptions as head().
    virtual Eigen::MatrixXf pooled(int block, int layer, int head, int maxSide, PoolMode mode) const;

    // Conveniences over blockInfo().
    // The index of the block with this name, or -1.
    int blockIndex(const QString& name) const;
    QStringList blockNames() const;
    // Throws std::out_of_range naming the source and the valid range when block/layer/head is out of range.
    void checkIndex(int block, int layer, int head) const;
};

// Reduces a full (queries, keys) map into a thumbnail as AttentionSource::pooled describes.
Eigen::MatrixXf poolMatrix(const Eigen::MatrixXf& map, int maxSide, PoolMode mode);
QString poolModeId(PoolMode mode);         // "max", "mean"
PoolMode poolModeFromId(const QString& id); // throws std::invalid_argument naming the id and the choices

// The source over an AttentionSet that is already in memory (a model's run, an attention JSON file).
class AttentionSetSource : public AttentionSource
{
public:
    explicit AttentionSetSource(std::shared_ptr<const AttentionSet> set, QString name = {});
    explicit AttentionSetSource(AttentionSet set, QString name = {});

    QString name() const override;
    int blockCount() const override;
    const AttentionBlockInfo& blockInfo(int block) const override;
    QStringList notices() const override;
    Eigen::MatrixXf head(int block, int layer, int head) const override;
    void headRows(int block, int layer, int head, float* out) const override;

    const AttentionSet& set() const { return *m_set; }

private:
    std::shared_ptr<const AttentionSet> m_set;
    QString m_name;
    std::vector<AttentionBlockInfo> m_infos;
};

// Reads every head of a source into an AttentionSet (for small files and for code that still takes a set).
// Throws as head() does. Refuses with std::runtime_error when the set would exceed maxBytes of weights.
AttentionSet materialise(const AttentionSource& source, std::size_t maxBytes = std::size_t(1) << 30);

} // namespace attn
