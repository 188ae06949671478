#include "engine/transformer/eigentransformer.h"
#include "core/canceltoken.h"

#include "engine/corpus/vocabulary.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace attn {

namespace {

using Matrix = EigenTransformer::Matrix;
using RowVector = EigenTransformer::RowVector;
using ConstRef = Eigen::Ref<const Matrix>;

constexpr float kLayerNormEps = 1e-5f; // torch::nn::LayerNorm's default

// x: (n, d) -> (n, d), biased variance as torch::nn::LayerNorm
Matrix layerNorm(const ConstRef& x, const RowVector& weight, const RowVector& bias)
{
    Matrix y(x.rows(), x.cols());
    for (Eigen::Index r = 0; r < x.rows(); ++r) {
        const RowVector centred = x.row(r).array() - x.row(r).mean();
        const float rstd = 1.0f / std::sqrt(centred.squaredNorm() / float(x.cols()) + kLayerNormEps);
        y.row(r) = (centred * rstd).cwiseProduct(weight) + bias;
    }
    return y;
}

// x: (n, in), weight: (out, in), bias: (out) -> (n, out)
Matrix affine(const ConstRef& x, const Matrix& weight, const RowVector& bias)
{
    Matrix y = x * weight.transpose();
    y.rowwise() += bias;
    return y;
}

// Softmax of each row over the keys keep allows (all when keep is empty); masked keys get exactly 0, as
// torch::softmax gives for -inf scores. scores: (Tq, Tk), in place.
void softmaxRows(Matrix& scores, const std::vector<bool>& keep)
{
    const float ninf = -std::numeric_limits<float>::infinity();
    for (std::size_t j = 0; j < keep.size(); ++j) {
        if (!keep[j]) {
            scores.col(Eigen::Index(j)).setConstant(ninf);
        }
    }
    for (Eigen::Index i = 0; i < scores.rows(); ++i) {
        auto row = scores.row(i).array();
        row = (row - row.maxCoeff()).exp();
        row /= row.sum();
    }
}

// Multi-head attention of projected inputs. q: (Tq, d), k, v: (Tk, d), keep: (Tk) or empty -> context (Tq, d).
// When weights is given, head h's row i is written at weights + h * headStride + i * rowStride.
Matrix attention(const ConstRef& q, const ConstRef& k, const ConstRef& v, const std::vector<bool>& keep, int heads,
                 float* weights, std::size_t headStride, std::size_t rowStride)
{
    const Eigen::Index Tq = q.rows(), Tk = k.rows(), hd = q.cols() / heads;
    const float scale = std::sqrt(float(hd));
    Matrix context(Tq, q.cols());
    Matrix scores(Tq, Tk);
    for (int h = 0; h < heads; ++h) {
        scores.noalias() = (q.middleCols(h * hd, hd) / scale) * k.middleCols(h * hd, hd).transpose(); // (Tq, Tk)
        softmaxRows(scores, keep);
        context.middleCols(h * hd, hd).noalias() = scores * v.middleCols(h * hd, hd);
        for (Eigen::Index i = 0; weights && i < Tq; ++i) {
            std::copy_n(scores.row(i).data(), Tk, weights + std::size_t(h) * headStride + std::size_t(i) * rowStride);
        }
    }
    return context;
}

} // namespace

EigenTransformer::EigenTransformer(const TransformerConfig& config, const Weights& weights, Matrix positions)
    : m_config(config), m_positions(std::move(positions))
{
    const int d = config.dModel;
    auto matrix = [&](const std::string& name, Eigen::Index rows, Eigen::Index cols) {
        Matrix m = weights(name);
        if (m.rows() != rows || m.cols() != cols) {
            throw std::invalid_argument(name + ": " + std::to_string(m.rows()) + " x " + std::to_string(m.cols()) +
                                        " values where the config wants " + std::to_string(rows) + " x " +
                                        std::to_string(cols));
        }
        return m;
    };
    auto linear = [&](const std::string& name, int in, int out) {
        return Linear{matrix(name + ".weight", out, in), matrix(name + ".bias", 1, out).row(0)};
    };
    auto norm = [&](const std::string& name) {
        return Norm{matrix(name + ".weight", 1, d).row(0), matrix(name + ".bias", 1, d).row(0)};
    };
    auto attention = [&](const std::string& name) {
        Attention a;
        a.all = Linear{matrix(name + ".in_proj_weight", 3 * d, d), matrix(name + ".in_proj_bias", 1, 3 * d).row(0)};
        a.query = Linear{a.all.weight.topRows(d), a.all.bias.head(d)};
        a.keyValue = Linear{a.all.weight.bottomRows(2 * d), a.all.bias.tail(2 * d)};
        a.out = linear(name + ".out_proj", d, d);
        return a;
    };
    m_srcEmbed = matrix("src_embed.weight", config.sourceVocab, d);
    m_tgtEmbed = matrix("tgt_embed.weight", config.targetVocab, d);
    for (int l = 0; l < config.encoderLayers; ++l) {
        const std::string p = "encoder." + std::to_string(l) + ".";
        m_encoder.push_back({norm(p + "norm1"), norm(p + "norm2"), attention(p + "self_attn"),
                             linear(p + "ff1", d, config.dFF), linear(p + "ff2", config.dFF, d)});
    }
    for (int l = 0; l < config.decoderLayers; ++l) {
        const std::string p = "decoder." + std::to_string(l) + ".";
        m_decoder.push_back({norm(p + "norm1"), norm(p + "norm2"), norm(p + "norm3"), attention(p + "self_attn"),
                             attention(p + "cross_attn"), linear(p + "ff1", d, config.dFF),
                             linear(p + "ff2", config.dFF, d)});
    }
    m_encoderNorm = norm("encoder_norm");
    m_decoderNorm = norm("decoder_norm");
    m_generator = linear("generator", d, config.targetVocab);
    if (m_positions.cols() != d) {
        throw std::invalid_argument("positions: " + std::to_string(m_positions.cols()) + " columns, not d_model " +
                                    std::to_string(d));
    }
}

Matrix EigenTransformer::feedForward(const Matrix& x, const Norm& norm, const Linear& ff1, const Linear& ff2)
{
    const Matrix hidden = affine(layerNorm(x, norm.weight, norm.bias), ff1.weight, ff1.bias).cwiseMax(0.0f);
    return x + affine(hidden, ff2.weight, ff2.bias);
}

Matrix EigenTransformer::encode(const std::vector<std::int64_t>& src, const std::vector<bool>& keep,
                                float* encoderSelf) const
{
    const auto S = Eigen::Index(src.size());
    const int d = m_config.dModel, H = m_config.heads;
    const float scale = std::sqrt(float(d));
    Matrix x(S, d);
    for (Eigen::Index s = 0; s < S; ++s) {
        x.row(s) = m_srcEmbed.row(src[std::size_t(s)]) * scale + m_positions.row(s);
    }
    const std::size_t map = std::size_t(S * S);
    for (std::size_t l = 0; l < m_encoder.size(); ++l) {
        checkCancelled();
        const EncoderLayer& layer = m_encoder[l];
        const Matrix qkv = affine(layerNorm(x, layer.norm1.weight, layer.norm1.bias), layer.selfAttn.all.weight,
                                  layer.selfAttn.all.bias); // (S, 3d)
        const Matrix context = attention(qkv.leftCols(d), qkv.middleCols(d, d), qkv.rightCols(d), keep, H,
                                         encoderSelf ? encoderSelf + l * H * map : nullptr, map, std::size_t(S));
        x += affine(context, layer.selfAttn.out.weight, layer.selfAttn.out.bias);
        x = feedForward(x, layer.norm2, layer.ff1, layer.ff2);
    }
    return layerNorm(x, m_encoderNorm.weight, m_encoderNorm.bias);
}

CapturedTranslation EigenTransformer::greedy(const std::vector<std::int64_t>& src, int maxLength, bool withMaps) const
{
    const int d = m_config.dModel, H = m_config.heads, L = int(m_decoder.size());
    if (src.empty() || std::max(Eigen::Index(src.size()), Eigen::Index(maxLength)) > m_positions.rows()) {
        throw std::invalid_argument("greedy: " + std::to_string(src.size()) + " source tokens or " +
                                    std::to_string(maxLength) + " target tokens is more than the model's " +
                                    std::to_string(m_positions.rows()) + " positions");
    }
    for (const auto id : src) {
        if (id < 0 || id >= m_config.sourceVocab) {
            throw std::invalid_argument("greedy: source id " + std::to_string(id) + " is outside the vocabulary");
        }
    }
    const std::size_t S = src.size(), Tmax = std::size_t(maxLength);
    std::vector<bool> keep(S);
    std::transform(src.begin(), src.end(), keep.begin(), [](std::int64_t id) { return id != Vocabulary::kPad; });
    CapturedTranslation out;
    if (withMaps) {
        out.encoderSelf.resize(m_encoder.size() * std::size_t(H) * S * S);
    }
    const Matrix memory = encode(src, keep, withMaps ? out.encoderSelf.data() : nullptr); // (S, d)

    // Per decoder layer: the memory's cross-attention keys|values, computed once, and the keys|values of the
    // positions decoded so far (row t is position t). Maps are gathered as (L, H, Tmax, Tmax) and (L, H, Tmax, S).
    std::vector<Matrix> crossKV, selfKV(std::size_t(L), Matrix(maxLength, 2 * d));
    for (const DecoderLayer& layer : m_decoder) {
        crossKV.push_back(affine(memory, layer.crossAttn.keyValue.weight, layer.crossAttn.keyValue.bias));
    }
    std::vector<float> selfRows(withMaps ? std::size_t(L * H) * Tmax * Tmax : 0);
    std::vector<float> crossRows(withMaps ? std::size_t(L * H) * Tmax * S : 0);
    const float scale = std::sqrt(float(d));
    std::int64_t token = Vocabulary::kBos;
    for (int t = 0; t < maxLength; ++t) {
        checkCancelled();
        Matrix x = m_tgtEmbed.row(token) * scale + m_positions.row(t); // (1, d)
        for (std::size_t l = 0; l < std::size_t(L); ++l) {
            const DecoderLayer& layer = m_decoder[l];
            const Matrix qkv = affine(layerNorm(x, layer.norm1.weight, layer.norm1.bias), layer.selfAttn.all.weight,
                                      layer.selfAttn.all.bias); // (1, 3d)
            selfKV[l].row(t) = qkv.rightCols(2 * d);
            const auto past = selfKV[l].topRows(t + 1); // (t + 1, 2d); the causal mask is implicit
            float* selfMap = withMaps ? selfRows.data() + (l * H * Tmax + std::size_t(t)) * Tmax : nullptr;
            x += affine(attention(qkv.leftCols(d), past.leftCols(d), past.rightCols(d), {}, H, selfMap, Tmax * Tmax, 0),
                        layer.selfAttn.out.weight, layer.selfAttn.out.bias);

            const Matrix q = affine(layerNorm(x, layer.norm2.weight, layer.norm2.bias), layer.crossAttn.query.weight,
                                    layer.crossAttn.query.bias); // (1, d)
            float* crossMap = withMaps ? crossRows.data() + (l * H * Tmax + std::size_t(t)) * S : nullptr;
            x += affine(attention(q, crossKV[l].leftCols(d), crossKV[l].rightCols(d), keep, H, crossMap, Tmax * S, 0),
                        layer.crossAttn.out.weight, layer.crossAttn.out.bias);
            x = feedForward(x, layer.norm3, layer.ff1, layer.ff2);
        }
        const Matrix logits = affine(layerNorm(x, m_decoderNorm.weight, m_decoderNorm.bias), m_generator.weight,
                                     m_generator.bias); // (1, Vt)
        // The first maximum, as torch's argmax
        const auto next = std::int64_t(std::max_element(logits.data(), logits.data() + logits.size()) - logits.data());
        if (next == Vocabulary::kEos) {
            break;
        }
        out.ids.push_back(next);
        token = next;
    }
    if (withMaps) {
        // Keep the T positions that emitted the T tokens; a row's later keys are the causal zeros.
        const std::size_t T = out.ids.size();
        out.decoderSelf.assign(std::size_t(L * H) * T * T, 0.0f);
        out.cross.resize(std::size_t(L * H) * T * S);
        for (std::size_t map = 0; map < std::size_t(L * H); ++map) {
            for (std::size_t i = 0; i < T; ++i) {
                std::copy_n(selfRows.data() + (map * Tmax + i) * Tmax, i + 1,
                            out.decoderSelf.data() + (map * T + i) * T);
                std::copy_n(crossRows.data() + (map * Tmax + i) * S, S, out.cross.data() + (map * T + i) * S);
            }
        }
    }
    return out;
}

} // namespace attn
