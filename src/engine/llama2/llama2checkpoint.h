#pragma once

#include <QString>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace attn {

// The seven header fields of a llama2.c "legacy" checkpoint (PROVENANCE.md of the TinyStories data).
struct Llama2Config
{
    int dim = 0;       // model width
    int hiddenDim = 0; // SwiGLU width
    int layers = 0;
    int heads = 0;     // query heads
    int kvHeads = 0;   // key/value heads; each serves heads / kvHeads query heads
    int vocabSize = 0; // always positive here; the sign in the file says whether the classifier is shared
    int seqLen = 0;    // longest context the model was trained for
    bool sharedClassifier = true;

    int headSize() const { return dim / heads; }
    int kvDim() const { return headSize() * kvHeads; }
    int kvGroup() const { return heads / kvHeads; }
};

// The weights of a llama2.c checkpoint, validated. Each pointer-returning accessor gives row-major float32
// matrices as the file stores them (out x in).
class Llama2Checkpoint
{
public:
    // Reads and validates a checkpoint; throws ModelError naming the file and the problem (not a checkpoint,
    // truncated, header sizes that do not add up to the file size). Nothing sized from the header is allocated
    // before the header has been checked against the file's real size.
    static Llama2Checkpoint read(const QString& path);
    // Cheap check of the first 28 bytes: true when they look like a plausible llama2.c header.
    static bool looksLikeCheckpoint(const QString& path);
    // The byte count a file with this header must have (shared and separate classifier), or 0 when the header
    // itself is invalid; error then says why.
    static std::uint64_t expectedFileSize(const Llama2Config& config, QString* error);

    const Llama2Config& config() const { return m_config; }
    const QString& path() const { return m_path; }
    std::size_t parameterCount() const { return m_parameters; }

    const float* tokenEmbedding() const { return m_data.data() + m_tokenEmbedding; }         // (vocab, dim)
    const float* rmsAttention(int layer) const { return at(m_rmsAtt, layer, m_config.dim); } // (dim)
    const float* wq(int layer) const { return at(m_wq, layer, std::size_t(m_config.dim) * m_config.dim); } // (dim, dim)
    const float* wk(int layer) const
    {
        return at(m_wk, layer, std::size_t(m_config.kvDim()) * m_config.dim);
    } // (kvDim, dim)
    const float* wv(int layer) const
    {
        return at(m_wv, layer, std::size_t(m_config.kvDim()) * m_config.dim);
    } // (kvDim, dim)
    const float* wo(int layer) const { return at(m_wo, layer, std::size_t(m_config.dim) * m_config.dim); } // (dim, dim)
    const float* rmsFfn(int layer) const { return at(m_rmsFfn, layer, m_config.dim); }                     // (dim)
    const float* w1(int layer) const
    {
        return at(m_w1, layer, std::size_t(m_config.hiddenDim) * m_config.dim);
    } // (hidden, dim)
    const float* w2(int layer) const
    {
        return at(m_w2, layer, std::size_t(m_config.dim) * m_config.hiddenDim);
    } // (dim, hidden)
    const float* w3(int layer) const
    {
        return at(m_w3, layer, std::size_t(m_config.hiddenDim) * m_config.dim);
    }                                                                        // (hidden, dim)
    const float* rmsFinal() const { return m_data.data() + m_rmsFinal; }     // (dim)
    const float* classifier() const { return m_data.data() + m_classifier; } // (vocab, dim)

private:
    const float* at(std::size_t base, int layer, std::size_t stride) const
    {
        return m_data.data() + base + std::size_t(layer) * stride;
    }

    QString m_path;
    Llama2Config m_config;
    std::vector<float> m_data; // everything after the header, as stored
    std::size_t m_parameters = 0;
    std::size_t m_tokenEmbedding = 0, m_rmsAtt = 0, m_wq = 0, m_wk = 0, m_wv = 0, m_wo = 0, m_rmsFfn = 0;
    std::size_t m_w1 = 0, m_w2 = 0, m_w3 = 0, m_rmsFinal = 0, m_classifier = 0;
};

} // namespace attn
