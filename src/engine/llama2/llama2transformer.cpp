#include "engine/llama2/llama2transformer.h"
#include "core/canceltoken.h"

#include "engine/textmodel.h"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <string>

namespace attn {

namespace {

using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ConstMatrixMap = Eigen::Map<const RowMatrix>;
using VectorMap = Eigen::Map<Eigen::VectorXf>;
using ConstVectorMap = Eigen::Map<const Eigen::VectorXf>;

// out: (rows) = w: (rows, cols) @ x: (cols)
void matmul(float* out, const float* x, const float* w, int rows, int cols)
{
    VectorMap(out, rows).noalias() = ConstMatrixMap(w, rows, cols) * ConstVectorMap(x, cols);
}

// out: (n) = weight * x / rms(x), as llama2.c (epsilon 1e-5 inside the root)
void rmsnorm(float* out, const float* x, const float* weight, int n)
{
    float ss = 0.0f;
    for (int j = 0; j < n; ++j) {
        ss += x[j] * x[j];
    }
    ss = 1.0f / std::sqrt(ss / float(n) + 1e-5f);
    for (int j = 0; j < n; ++j) {
        out[j] = weight[j] * (ss * x[j]);
    }
}

// x: (n) becomes softmax(x)
void softmax(float* x, int n)
{
    const float maxValue = *std::max_element(x, x + n);
    float sum = 0.0f;
    for (int i = 0; i < n; ++i) {
        x[i] = std::exp(x[i] - maxValue);
        sum += x[i];
    }
    for (int i = 0; i < n; ++i) {
        x[i] /= sum;
    }
}

} // namespace

Llama2Transformer::Llama2Transformer(std::shared_ptr<const Llama2Checkpoint> checkpoint, int maxPositions)
    : m_ckpt(std::move(checkpoint))
{
    const Llama2Config& c = m_ckpt->config();
    if (maxPositions < 1 || maxPositions > c.seqLen) {
        throw ModelError(m_ckpt->path().toStdString() + ": a sequence of " + std::to_string(maxPositions) +
                         " tokens does not fit the model's context of " + std::to_string(c.seqLen) + " tokens");
    }
    m_maxPositions = maxPositions;
    m_x.resize(std::size_t(c.dim));
    m_xb.resize(std::size_t(c.dim));
    m_xb2.resize(std::size_t(c.dim));
    m_q.resize(std::size_t(c.dim));
    m_hb.resize(std::size_t(c.hiddenDim));
    m_hb2.resize(std::size_t(c.hiddenDim));
    m_att.resize(std::size_t(maxPositions));
    m_logits.resize(std::size_t(c.vocabSize));
    const std::size_t cache = std::size_t(c.layers) * std::size_t(maxPositions) * std::size_t(c.kvDim());
    m_keyCache.assign(cache, 0.0f);
    m_valueCache.assign(cache, 0.0f);
    // Computed the way llama2.c's run.c does (float powf/cosf/sinf), so greedy decoding matches it token for token.
    const int half = c.headSize() / 2;
    m_ropeCos.resize(std::size_t(maxPositions) * std::size_t(half));
    m_ropeSin.resize(m_ropeCos.size());
    for (int pos = 0; pos < maxPositions; ++pos) {
        for (int i = 0; i < half; ++i) {
            const float freq = 1.0f / std::pow(10000.0f, float(2 * i) / float(c.headSize()));
            const float val = float(pos) * freq;
            m_ropeCos[std::size_t(pos) * half + i] = std::cos(val);
            m_ropeSin[std::size_t(pos) * half + i] = std::sin(val);
        }
    }
}

const float* Llama2Transformer::forward(int token, int pos, float* attention)
{
    const Llama2Config& c = m_ckpt->config();
    if (token < 0 || token >= c.vocabSize) {
        throw ModelError("token id " + std::to_string(token) + " is outside the vocabulary of " +
                         std::to_string(c.vocabSize));
    }
    if (pos < 0 || pos >= m_maxPositions) {
        throw ModelError("position " + std::to_string(pos) + " is outside 0.." + std::to_string(m_maxPositions - 1));
    }
    const int dim = c.dim, hidden = c.hiddenDim, kvDim = c.kvDim(), headSize = c.headSize();
    const int half = headSize / 2, group = c.kvGroup();
    const float scale = 1.0f / std::sqrt(float(headSize));
    float* x = m_x.data();
    std::copy_n(m_ckpt->tokenEmbedding() + std::size_t(token) * dim, dim, x);
    const float* cosRow = m_ropeCos.data() + std::size_t(pos) * half;
    const float* sinRow = m_ropeSin.data() + std::size_t(pos) * half;

    for (int l = 0; l < c.layers; ++l) {
        checkCancelled();
        rmsnorm(m_xb.data(), x, m_ckpt->rmsAttention(l), dim);
        const std::size_t layerCache = std::size_t(l) * m_maxPositions * kvDim;
        float* k = m_keyCache.data() + layerCache + std::size_t(pos) * kvDim;
        float* v = m_valueCache.data() + layerCache + std::size_t(pos) * kvDim;
        matmul(m_q.data(), m_xb.data(), m_ckpt->wq(l), dim, dim);
        matmul(k, m_xb.data(), m_ckpt->wk(l), kvDim, dim);
        matmul(v, m_xb.data(), m_ckpt->wv(l), kvDim, dim);

        // RoPE: rotate each (even, odd) pair of every query head and key head by its position's angle.
        for (int i = 0; i < dim; i += 2) {
            const int pair = (i % headSize) / 2;
            const float fcr = cosRow[pair], fci = sinRow[pair];
            const int vectors = i < kvDim ? 2 : 1;
            for (int which = 0; which < vectors; ++which) {
                float* vec = which == 0 ? m_q.data() : k;
                const float v0 = vec[i], v1 = vec[i + 1];
                vec[i] = v0 * fcr - v1 * fci;
                vec[i + 1] = v0 * fci + v1 * fcr;
            }
        }

        // Causal attention of each query head over positions 0..pos, through its shared key/value head.
        for (int h = 0; h < c.heads; ++h) {
            const float* q = m_q.data() + std::size_t(h) * headSize;
            const std::size_t kvOffset = std::size_t(h / group) * headSize;
            float* att = m_att.data();
            for (int t = 0; t <= pos; ++t) {
                const float* kt = m_keyCache.data() + layerCache + std::size_t(t) * kvDim + kvOffset;
                float score = 0.0f;
                for (int i = 0; i < headSize; ++i) {
                    score += q[i] * kt[i];
                }
                att[t] = score * scale;
            }
            softmax(att, pos + 1);
            if (attention) {
                std::copy_n(att, pos + 1, attention + (std::size_t(l) * c.heads + h) * std::size_t(pos + 1));
            }
            float* out = m_xb.data() + std::size_t(h) * headSize;
            std::fill_n(out, headSize, 0.0f);
            for (int t = 0; t <= pos; ++t) {
                const float* vt = m_valueCache.data() + layerCache + std::size_t(t) * kvDim + kvOffset;
                const float a = att[t];
                for (int i = 0; i < headSize; ++i) {
                    out[i] += a * vt[i];
                }
            }
        }
        matmul(m_xb2.data(), m_xb.data(), m_ckpt->wo(l), dim, dim);
        for (int i = 0; i < dim; ++i) {
            x[i] += m_xb2[std::size_t(i)];
        }

        // SwiGLU feed-forward: w2(silu(w1 x) * w3 x).
        rmsnorm(m_xb.data(), x, m_ckpt->rmsFfn(l), dim);
        matmul(m_hb.data(), m_xb.data(), m_ckpt->w1(l), hidden, dim);
        matmul(m_hb2.data(), m_xb.data(), m_ckpt->w3(l), hidden, dim);
        for (int i = 0; i < hidden; ++i) {
            const float val = m_hb[std::size_t(i)];
            m_hb[std::size_t(i)] = val * (1.0f / (1.0f + std::exp(-val))) * m_hb2[std::size_t(i)];
        }
        matmul(m_xb.data(), m_hb.data(), m_ckpt->w2(l), dim, hidden);
        for (int i = 0; i < dim; ++i) {
            x[i] += m_xb[std::size_t(i)];
        }
    }
    rmsnorm(x, x, m_ckpt->rmsFinal(), dim);
    matmul(m_logits.data(), x, m_ckpt->classifier(), c.vocabSize, dim);
    return m_logits.data();
}

} // namespace attn
