#pragma once
// Small llama2.c files written by tests: a checkpoint with random weights and the path of the real data.

#include <QByteArray>
#include <QFile>
#include <QString>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>

namespace attn::test {

inline QString tinyStoriesFile(const char* name)
{
    return QStringLiteral(ATTN_SHARED_DATA_DIR "/tinystories/") + QLatin1String(name);
}

inline void appendInt32(QByteArray& out, std::int32_t v)
{
    for (int i = 0; i < 4; ++i) {
        out.append(char((std::uint32_t(v) >> (8 * i)) & 0xff));
    }
}

inline void appendFloat32(QByteArray& out, float f)
{
    std::int32_t v;
    std::memcpy(&v, &f, 4);
    appendInt32(out, v);
}

struct TinyConfig
{
    std::int32_t dim = 8, hidden = 12, layers = 2, heads = 2, kvHeads = 1, vocab = 267, seqLen = 16;
    bool shared = true;
};

// The float count after the header for this config (the legacy layout of PROVENANCE.md).
inline std::int64_t tinyFloatCount(const TinyConfig& c)
{
    const std::int64_t kvDim = std::int64_t(c.dim) / c.heads * c.kvHeads, headSize = c.dim / c.heads;
    std::int64_t n =
        std::int64_t(c.vocab) * c.dim +
        std::int64_t(c.layers) * (2 * c.dim + 2 * c.dim * c.dim + 2 * kvDim * c.dim + 3 * c.hidden * c.dim);
    n += c.dim + 2 * std::int64_t(c.seqLen) * (headSize / 2);
    return c.shared ? n : n + std::int64_t(c.vocab) * c.dim;
}

// A checkpoint file's bytes: the header then seeded random weights in [-0.5, 0.5] (the classifier, when
// separate, is the last vocab x dim of them).
inline QByteArray tinyCheckpoint(const TinyConfig& c, unsigned seed = 7)
{
    QByteArray out;
    for (std::int32_t v : {c.dim, c.hidden, c.layers, c.heads, c.kvHeads, c.shared ? c.vocab : -c.vocab, c.seqLen}) {
        appendInt32(out, v);
    }
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> dist(-0.5f, 0.5f);
    const std::int64_t n = tinyFloatCount(c);
    for (std::int64_t i = 0; i < n; ++i) {
        appendFloat32(out, dist(rng));
    }
    return out;
}

inline bool writeBytes(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace attn::test
