#pragma once
// The weights of a Hugging Face model folder (issue 16, "one engine kit"): model.safetensors, or shards listed in
// model.safetensors.index.json, memory-mapped and checked strictly:
//  - headers inside their files, offsets inside the data section, no overlaps, byte counts = shape x dtype size;
//  - every shard the index names present; every tensor the index names in the shard it says;
//  - F32, F16, BF16 (and F64) accepted for weights; F32 is read in place from the mapping, F16/BF16/F64 are
//    converted to float32 on first use and kept (only the tensors the forward pass asks for);
//  - a tensor asked for with another shape, or of a non-float dtype, is refused with its name;
//  - NaN and Inf refused (checked on first use of each tensor, naming the tensor and the element);
//  - missing tensors named (with the names tried), unexpected tensors named (finish()).
// Names: an engine asks with the architecture's names without the class prefix ("encoder.layer.0.attention.self.
// query.weight", "h.0.attn.c_attn.weight", "layers.0.self_attn.q_proj.weight"); the checkpoint tries the name as
// is, then with each prefix given to open() ("bert.", "roberta.", "model.", "transformer.", "vit."), and for
// LayerNorm/layer_norm ".weight"/".bias" also the old ".gamma"/".beta".

#include <Eigen/Core>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace attn::hf {

using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MatrixMap = Eigen::Map<const Matrix>;
using VectorMap = Eigen::Map<const Eigen::VectorXf>;

class Checkpoint
{
public:
    // Maps dir/model.safetensors, or the shards of dir/model.safetensors.index.json. Throws ModelError naming the
    // file: no weights file (the names looked for), a truncated file, a missing shard, a bad header.
    static std::shared_ptr<Checkpoint> open(const QString& dir, const QStringList& prefixes);
    // Maps one safetensors file at any path (AttentionScope's own model folders and weights files read through the
    // same checks).
    static std::shared_ptr<Checkpoint> openFile(const QString& path, const QStringList& prefixes = {});
    ~Checkpoint();
    Checkpoint(const Checkpoint&) = delete;
    Checkpoint& operator=(const Checkpoint&) = delete;

    // Whether the tensor exists under any of the names tried (see above).
    bool has(const std::string& name) const;

    // The tensor as a rows x cols float matrix (a vector is asked for with rows = 1 or through vector()). The
    // stored shape must have the same element count and, for 2-D tensors, exactly (rows, cols); 1-D tensors
    // match (1, n). Throws ModelError naming the tensor: missing, wrong shape (expected and found), non-float
    // dtype, non-finite value. The view stays valid as long as the checkpoint lives. Thread-safe.
    MatrixMap matrix(const std::string& name, std::int64_t rows, std::int64_t cols) const;
    VectorMap vector(const std::string& name, std::int64_t size) const;
    // The tensor's float32 values in row-major order; its stored shape must be exactly `shape` (any rank, e.g. a
    // convolution's (out, in, kh, kw)). Same checks and lifetime as matrix().
    const float* values(const std::string& name, const std::vector<std::int64_t>& shape) const;
    // The stored shape of a tensor (for engines that read sizes from the weights).
    std::vector<std::int64_t> shape(const std::string& name) const;

    // Names of stored tensors never asked for (matrix/vector/values/has/shape) that match none of the ignored
    // patterns (globs, '*' across dots too, matched against the stored name and against it without a prefix given
    // to open(): "cls.*", "*.attn.bias", "lm_head.weight", "pooler.*" for "bert.pooler.dense.weight").
    std::vector<std::string> unusedTensors(const QStringList& ignoredPatterns) const;
    // Throws ModelError naming up to five unexpected tensors (and how many more) when unusedTensors() is not empty.
    void finish(const QStringList& ignoredPatterns) const;

    // "F32", "F16", "BF16" or "mixed": for notices and the model's description.
    QString dtypeName() const;
    // Bytes mapped (all files) and bytes of converted copies held now.
    std::int64_t mappedBytes() const;
    std::int64_t convertedBytes() const;
    QString source() const; // the weights file or the index file, for messages

private:
    Checkpoint();
    struct Impl;
    std::unique_ptr<Impl> m;
};

} // namespace attn::hf
