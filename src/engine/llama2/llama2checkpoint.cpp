#include "engine/llama2/llama2checkpoint.h"

#include "engine/textmodel.h"

#include <QFile>
#include <QFileInfo>
#include <cmath>
#include <cstring>

namespace attn {

namespace {

constexpr std::int64_t kHeaderBytes = 7 * 4;

// Limits far above any published llama2.c model; they only keep the size arithmetic in 64 bits.
constexpr std::int64_t kMaxDim = 1 << 16;
constexpr std::int64_t kMaxHidden = 1 << 20;
constexpr std::int64_t kMaxLayers = 1024;
constexpr std::int64_t kMaxVocab = 1 << 22;
constexpr std::int64_t kMaxSeqLen = 1 << 20;

std::int32_t readInt32(const unsigned char* p)
{
    // The format is little-endian whatever the host is.
    return std::int32_t(std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 |
                        std::uint32_t(p[3]) << 24);
}

struct RawHeader
{
    std::int32_t fields[7] = {};
};

const char* const kFieldNames[7] = {"dim", "hidden_dim", "n_layers", "n_heads", "n_kv_heads", "vocab_size", "seq_len"};

// Checks the raw fields and fills config; returns an empty string or the first problem found.
QString checkHeader(const RawHeader& h, Llama2Config& c)
{
    const std::int64_t limits[7] = {kMaxDim, kMaxHidden, kMaxLayers, kMaxDim, kMaxDim, kMaxVocab, kMaxSeqLen};
    for (int i = 0; i < 7; ++i) {
        const std::int64_t v = i == 5 ? std::llabs(std::int64_t(h.fields[i])) : std::int64_t(h.fields[i]);
        if (v <= 0 || v > limits[i]) {
            return QStringLiteral("header field %1 = %2 is outside 1..%3")
                .arg(QLatin1String(kFieldNames[i]))
                .arg(h.fields[i])
                .arg(limits[i]);
        }
    }
    c.dim = h.fields[0];
    c.hiddenDim = h.fields[1];
    c.layers = h.fields[2];
    c.heads = h.fields[3];
    c.kvHeads = h.fields[4];
    c.vocabSize = int(std::llabs(std::int64_t(h.fields[5])));
    c.sharedClassifier = h.fields[5] > 0;
    c.seqLen = h.fields[6];
    if (c.dim % c.heads != 0) {
        return QStringLiteral("dim %1 is not a multiple of n_heads %2").arg(c.dim).arg(c.heads);
    }
    if (c.kvHeads > c.heads || c.heads % c.kvHeads != 0) {
        return QStringLiteral("n_heads %1 is not a multiple of n_kv_heads %2").arg(c.heads).arg(c.kvHeads);
    }
    if (c.headSize() % 2 != 0) {
        return QStringLiteral("head size %1 (dim / n_heads) is odd; rotary embeddings need pairs").arg(c.headSize());
    }
    return {};
}

} // namespace

std::uint64_t Llama2Checkpoint::expectedFileSize(const Llama2Config& c, QString* error)
{
    if (c.dim <= 0 || c.heads <= 0 || c.kvHeads <= 0 || c.dim % c.heads != 0) {
        if (error) {
            *error = QStringLiteral("invalid configuration");
        }
        return 0;
    }
    const std::uint64_t dim = std::uint64_t(c.dim), hidden = std::uint64_t(c.hiddenDim);
    const std::uint64_t layers = std::uint64_t(c.layers), kvDim = std::uint64_t(c.kvDim());
    const std::uint64_t vocab = std::uint64_t(c.vocabSize), seq = std::uint64_t(c.seqLen);
    const std::uint64_t headSize = std::uint64_t(c.headSize());
    std::uint64_t floats = vocab * dim;                                       // token embedding
    floats += layers * (dim + dim * dim + 2 * kvDim * dim + dim * dim + dim); // attention + both norms
    floats += layers * 3 * hidden * dim;                                      // w1, w2, w3
    floats += dim;                                                            // final norm
    floats += 2 * seq * (headSize / 2);                                       // legacy RoPE tables
    if (!c.sharedClassifier) {
        floats += vocab * dim;
    }
    return std::uint64_t(kHeaderBytes) + 4 * floats;
}

bool Llama2Checkpoint::looksLikeCheckpoint(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return false;
    }
    const QByteArray head = file.read(kHeaderBytes);
    if (head.size() != kHeaderBytes) {
        return false;
    }
    RawHeader raw;
    for (int i = 0; i < 7; ++i) {
        raw.fields[i] = readInt32(reinterpret_cast<const unsigned char*>(head.constData()) + 4 * i);
    }
    Llama2Config config;
    return checkHeader(raw, config).isEmpty();
}

Llama2Checkpoint Llama2Checkpoint::read(const QString& path)
{
    const std::string where = path.toStdString() + ": ";
    if (QFileInfo(path).isDir()) {
        throw ModelError(where + "is a folder; a llama2.c checkpoint is a single .bin file");
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        throw ModelError(where + "cannot open: " + file.errorString().toStdString());
    }
    const std::int64_t fileSize = file.size();
    if (fileSize < kHeaderBytes) {
        throw ModelError(where + "not a llama2.c checkpoint: " + std::to_string(fileSize) +
                         " bytes, shorter than the 28-byte header");
    }
    const QByteArray head = file.read(kHeaderBytes);
    if (head.size() != kHeaderBytes) {
        throw ModelError(where + "cannot read the header: " + file.errorString().toStdString());
    }
    RawHeader raw;
    for (int i = 0; i < 7; ++i) {
        raw.fields[i] = readInt32(reinterpret_cast<const unsigned char*>(head.constData()) + 4 * i);
    }
    if (raw.fields[0] == 0x616b3432) {
        // The newer exports of llama2.c's export.py (--version 1 or 2) start with the magic "ak42".
        throw ModelError(where + "a llama2.c version " + std::to_string(raw.fields[1]) +
                         " export; AttentionScope reads the legacy format (export.py --version 0, as the published "
                         "stories*.bin files are)");
    }
    Llama2Checkpoint ckpt;
    ckpt.m_path = path;
    const QString headerProblem = checkHeader(raw, ckpt.m_config);
    if (!headerProblem.isEmpty()) {
        throw ModelError(where + "not a llama2.c checkpoint: " + headerProblem.toStdString());
    }
    const Llama2Config& c = ckpt.m_config;
    const std::uint64_t expected = expectedFileSize(c, nullptr);
    if (expected != std::uint64_t(fileSize)) {
        const QString summary =
            QStringLiteral("dim %1, hidden %2, %3 layers, %4 heads, %5 kv heads, vocab %6, seq_len %7, %8 classifier")
                .arg(c.dim)
                .arg(c.hiddenDim)
                .arg(c.layers)
                .arg(c.heads)
                .arg(c.kvHeads)
                .arg(c.vocabSize)
                .arg(c.seqLen)
                .arg(c.sharedClassifier ? QStringLiteral("shared") : QStringLiteral("separate"));
        const std::string kind = std::uint64_t(fileSize) < expected
                                     ? "truncated or not a llama2.c checkpoint"
                                     : "longer than its header says, not a legacy llama2.c checkpoint";
        throw ModelError(where + kind + ": the header (" + summary.toStdString() + ") needs " +
                         std::to_string(expected) + " bytes but the file has " + std::to_string(fileSize));
    }

    // Only now is the size trusted: it equals the file's real size.
    const std::size_t floats = std::size_t((fileSize - kHeaderBytes) / 4);
    ckpt.m_data.resize(floats);
    const qint64 want = qint64(floats * 4);
    if (file.read(reinterpret_cast<char*>(ckpt.m_data.data()), want) != want) {
        throw ModelError(where + "cannot read the weights: " + file.errorString().toStdString());
    }
    if (QSysInfo::ByteOrder == QSysInfo::BigEndian) {
        for (float& f : ckpt.m_data) {
            std::uint32_t u;
            std::memcpy(&u, &f, 4);
            u = (u >> 24) | ((u >> 8) & 0xff00u) | ((u << 8) & 0xff0000u) | (u << 24);
            std::memcpy(&f, &u, 4);
        }
    }

    const std::size_t dim = std::size_t(c.dim), hidden = std::size_t(c.hiddenDim), layers = std::size_t(c.layers);
    const std::size_t kvDim = std::size_t(c.kvDim()), vocab = std::size_t(c.vocabSize);
    std::size_t offset = 0;
    auto take = [&offset](std::size_t count) {
        const std::size_t start = offset;
        offset += count;
        return start;
    };
    ckpt.m_tokenEmbedding = take(vocab * dim);
    ckpt.m_rmsAtt = take(layers * dim);
    ckpt.m_wq = take(layers * dim * dim);
    ckpt.m_wk = take(layers * kvDim * dim);
    ckpt.m_wv = take(layers * kvDim * dim);
    ckpt.m_wo = take(layers * dim * dim);
    ckpt.m_rmsFfn = take(layers * dim);
    ckpt.m_w1 = take(layers * hidden * dim);
    ckpt.m_w2 = take(layers * dim * hidden);
    ckpt.m_w3 = take(layers * hidden * dim);
    ckpt.m_rmsFinal = take(dim);
    take(2 * std::size_t(c.seqLen) * std::size_t(c.headSize() / 2)); // legacy RoPE tables, recomputed instead
    ckpt.m_classifier = c.sharedClassifier ? ckpt.m_tokenEmbedding : take(vocab * dim);
    ckpt.m_parameters = offset - 2 * std::size_t(c.seqLen) * std::size_t(c.headSize() / 2);

    for (std::size_t i = 0; i < ckpt.m_data.size(); ++i) {
        if (!std::isfinite(ckpt.m_data[i])) {
            throw ModelError(where + "weight " + std::to_string(i) +
                             " is not a finite number (NaN or infinity): "
                             "the file is damaged or not a llama2.c checkpoint");
        }
    }
    return ckpt;
}

} // namespace attn
