#include "engine/hf/hfops.h"

#include "engine/hf/hfopscheck.h"
#include "engine/hf/hfsimd.h"
#include "engine/textmodel.h"

#include <cblas.h>
#include <unsupported/Eigen/SpecialFunctions>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>

namespace attn::hf::ops {

namespace {

// Floats of scores attention() holds without kept probabilities (64 MB; tests lower it to see blocks).
constexpr std::size_t kAttentionScratchFloats = std::size_t(16) << 20;
std::atomic<std::size_t> g_attentionScratchFloats{kAttentionScratchFloats};

int defaultThreads()
{
    static const int count = openblas_get_num_threads(); // OPENBLAS_NUM_THREADS or the cores, as OpenBLAS chose
    return count;
}

// y (n, out) = x (n, in) * op(w) + b with op(w) = w^T when transposed (nn.Linear) else w (Conv1D).
void product(const char* op, const ConstRef& x, const MatrixMap& w, bool transposed, const VectorMap* bias,
             Matrix& y)
{
    const Eigen::Index n = x.rows();
    const Eigen::Index in = transposed ? w.cols() : w.rows();
    const Eigen::Index out = transposed ? w.rows() : w.cols();
    if (x.cols() != in) {
        shapeError(op, "input " + dims(n, x.cols()) + " does not fit weight " + dims(w.rows(), w.cols()));
    }
    if (bias && bias->size() != out) {
        shapeError(op, "bias of " + std::to_string(bias->size()) + " for " + std::to_string(out) + " outputs");
    }
    // sgemm cannot write over its own input: a caller passing y == x gets a fresh buffer.
    Matrix fresh;
    const bool aliased = y.data() != nullptr && y.data() == x.data();
    Matrix& target = aliased ? fresh : y;
    target.resize(n, out);
    if (n == 0 || out == 0) {
        if (aliased) {
            y.swap(fresh);
        }
        return;
    }
    if (bias) {
        target.rowwise() = bias->transpose();
    }
    if (in > 0 && n == 1) {
        // One row (a decoding step): sgemv reads the weights once; sgemm would first pack them, which cost more
        // than the product itself (57 % of a GPT-2-small step).
        cblas_sgemv(CblasRowMajor, transposed ? CblasNoTrans : CblasTrans, int(w.rows()), int(w.cols()), 1.0f,
                    w.data(), int(w.cols()), x.data(), 1, bias ? 1.0f : 0.0f, target.data(), 1);
    } else if (in > 0) {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, transposed ? CblasTrans : CblasNoTrans, int(n), int(out), int(in),
                    1.0f, x.data(), int(x.outerStride()), w.data(), int(w.cols()), bias ? 1.0f : 0.0f, target.data(),
                    int(out));
    } else if (!bias) {
        target.setZero();
    }
    if (aliased) {
        y.swap(fresh);
    }
}

} // namespace

void setThreads(int threads)
{
    const int fallback = defaultThreads();
    openblas_set_num_threads(threads > 0 ? threads : fallback);
}

int threads()
{
    return openblas_get_num_threads();
}

void linear(const ConstRef& x, const MatrixMap& weight, const VectorMap* bias, Matrix& y)
{
    product("linear", x, weight, true, bias, y);
}

void conv1d(const ConstRef& x, const MatrixMap& weight, const VectorMap* bias, Matrix& y)
{
    product("conv1d", x, weight, false, bias, y);
}

void layerNorm(Matrix& x, const VectorMap& weight, const VectorMap& bias, float eps)
{
    const Eigen::Index d = x.cols();
    if (weight.size() != d || bias.size() != d) {
        shapeError("layerNorm", "weight " + std::to_string(weight.size()) + " / bias " + std::to_string(bias.size()) +
                                    " for rows of " + std::to_string(d));
    }
    if (d == 0) {
        return;
    }
    if (simd::available()) {
        for (Eigen::Index i = 0; i < x.rows(); ++i) {
            simd::layerNorm(x.row(i).data(), nullptr, std::size_t(d), weight.data(), bias.data(), eps);
        }
        return;
    }
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        auto row = x.row(i);
        // Two passes in double: the variance of large activations loses no digits to cancellation.
        double mean = 0;
        for (Eigen::Index j = 0; j < d; ++j) {
            mean += row[j];
        }
        mean /= double(d);
        double var = 0;
        for (Eigen::Index j = 0; j < d; ++j) {
            const double c = row[j] - mean;
            var += c * c;
        }
        var /= double(d);
        const double inv = 1.0 / std::sqrt(var + double(eps));
        for (Eigen::Index j = 0; j < d; ++j) {
            row[j] = float((row[j] - mean) * inv) * weight[j] + bias[j];
        }
    }
}

void addLayerNorm(Matrix& x, const ConstRef& residual, const VectorMap& weight, const VectorMap& bias, float eps)
{
    if (residual.rows() != x.rows() || residual.cols() != x.cols()) {
        shapeError("addLayerNorm", "residual " + dims(residual.rows(), residual.cols()) + " for " +
                                       dims(x.rows(), x.cols()));
    }
    if (!simd::available() || weight.size() != x.cols() || bias.size() != x.cols() || x.cols() == 0) {
        x += residual;
        layerNorm(x, weight, bias, eps); // also names a weight / bias of the wrong size
        return;
    }
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        simd::layerNorm(x.row(i).data(), residual.row(i).data(), std::size_t(x.cols()), weight.data(), bias.data(),
                        eps);
    }
}

void rmsNorm(Matrix& x, const VectorMap& weight, float eps)
{
    const Eigen::Index d = x.cols();
    if (weight.size() != d) {
        shapeError("rmsNorm", "weight " + std::to_string(weight.size()) + " for rows of " + std::to_string(d));
    }
    if (d == 0) {
        return;
    }
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        auto row = x.row(i);
        double sq = 0;
        for (Eigen::Index j = 0; j < d; ++j) {
            sq += double(row[j]) * row[j];
        }
        const float inv = float(1.0 / std::sqrt(sq / double(d) + double(eps)));
        for (Eigen::Index j = 0; j < d; ++j) {
            row[j] = weight[j] * (row[j] * inv); // HF: weight * (x * rsqrt(...)), in that order
        }
    }
}

Activation activationByName(const QString& name, const QString& configPath)
{
    if (name == QLatin1String("gelu")) {
        return Activation::GeluErf;
    }
    if (name == QLatin1String("gelu_new") || name == QLatin1String("gelu_pytorch_tanh") ||
        name == QLatin1String("gelu_fast")) {
        return Activation::GeluTanh;
    }
    if (name == QLatin1String("relu")) {
        return Activation::Relu;
    }
    if (name == QLatin1String("silu") || name == QLatin1String("swish")) {
        return Activation::Silu;
    }
    throw ModelError(configPath.toStdString() + ": hidden_act '" + name.left(80).toStdString() +
                     "' is not supported (gelu, gelu_new, gelu_pytorch_tanh, gelu_fast, relu, silu, swish)");
}

void activate(Matrix& x, Activation activation)
{
    // Eigen's vectorised erf, tanh and exp (rational approximations, within 4e-7 of the exact values): std::erf
    // one value at a time took 63 ms of a 230 ms BERT-base forward pass at 128 tokens; these take 5 ms.
    Eigen::Map<Eigen::ArrayXf> a(x.data(), x.size());
    switch (activation) {
    case Activation::GeluErf:
        if (simd::available()) {
            simd::geluErf(x.data(), std::size_t(x.size())); // 8 wide: half the time of Eigen's SSE packets
        } else {
            a = 0.5f * a * (1.0f + (a * float(M_SQRT1_2)).erf());
        }
        break;
    case Activation::GeluTanh: {
        const float c = float(std::sqrt(2.0 / M_PI));
        a = 0.5f * a * (1.0f + (c * (a + 0.044715f * a.cube())).tanh());
        break;
    }
    case Activation::Relu:
        a = a.max(0.0f);
        break;
    case Activation::Silu:
        a = a / (1.0f + (-a).exp());
        break;
    }
}

void setAttentionScratchFloats(std::size_t floats)
{
    g_attentionScratchFloats = floats > 0 ? floats : kAttentionScratchFloats;
}

std::size_t attentionScratchFloats()
{
    return g_attentionScratchFloats;
}

void attention(const ConstRef& q, const ConstRef& k, const ConstRef& v, int heads, int kvHeads, int headDim,
               bool causal, int queryStart, int slidingWindow, float* probs, Matrix& context)
{
    const Eigen::Index n = q.rows();
    const Eigen::Index m = k.rows();
    if (heads <= 0 || kvHeads <= 0 || heads % kvHeads != 0 || headDim <= 0 ||
        q.cols() != Eigen::Index(heads) * headDim || k.cols() != Eigen::Index(kvHeads) * headDim ||
        v.cols() != k.cols() || v.rows() != m) {
        shapeError("attention", "q " + dims(n, q.cols()) + ", k " + dims(m, k.cols()) + ", v " +
                                    dims(v.rows(), v.cols()) + " for " + std::to_string(heads) + " heads, " +
                                    std::to_string(kvHeads) + " kv heads of " + std::to_string(headDim));
    }
    context.resize(n, Eigen::Index(heads) * headDim);
    if (n == 0) {
        return;
    }
    if (m == 0) {
        context.setZero();
        return;
    }
    const int group = heads / kvHeads;
    const float scale = 1.0f / std::sqrt(float(headDim));
    Eigen::ArrayXf rowBuffer(m);
    // The scores of `block` query rows at a time: every row when n x m fits the bound, else blocks (a T x T scratch
    // at 8,192 tokens would be 256 MB a call). Kept probabilities are computed in the same blocks, written where the
    // caller wants them, so keeping them or not gives the same bits. Blocks are multiples of 144 rows because
    // OpenBLAS's sgemm walks the rows in chunks of 3 x its unroll (12 for this machine's Haswell kernel; 144 covers
    // unrolls up to 16) and the order in which it sums a row's products depends on the row's place in those chunks:
    // blocks that start on a chunk boundary give every row the bits it gets unblocked, on one thread (measured:
    // blocks of 64 rows differ in the last bit, of 12, 48, 96 or 144 do not). On several threads OpenBLAS divides
    // the rows between them by the row count, which no blocking reproduces: there blocked inputs may differ from
    // an unblocked pass in the last bit. A single row left over joins the last block (sgemm over one row could
    // take another path).
    constexpr Eigen::Index kRowMultiple = 144;
    const std::size_t bound = g_attentionScratchFloats.load();
    Eigen::Index block = n;
    if (n > kRowMultiple && std::size_t(n) * std::size_t(m) > bound) {
        block = std::max<Eigen::Index>(1, Eigen::Index(bound / std::size_t(m)) / kRowMultiple) * kRowMultiple;
    }
    std::vector<float> scratch;
    if (!probs) {
        scratch.resize(std::size_t(std::min(block + 1, n)) * std::size_t(m));
    }
    for (int h = 0; h < heads; ++h) {
        const int g = h / group;
        const float* kg = k.data() + std::size_t(g) * headDim;
        const float* vg = v.data() + std::size_t(g) * headDim;
        for (Eigen::Index first = 0, rows = 0; first < n; first += rows) {
            rows = std::min(block, n - first);
            if (n - first - rows == 1) {
                ++rows; // the last row joins this block
            }
            float* s = probs ? probs + (std::size_t(h) * std::size_t(n) + std::size_t(first)) * std::size_t(m)
                             : scratch.data();
            // s (rows, m) = scale * q_h (rows, d) k_g^T (d, m); one query (a decoding step): s = scale * k_g q_h
            const float* qh = q.data() + std::size_t(first) * std::size_t(q.outerStride()) + std::size_t(h) * headDim;
            if (n == 1) {
                cblas_sgemv(CblasRowMajor, CblasNoTrans, int(m), headDim, scale, kg, int(k.outerStride()), qh, 1, 0.0f,
                            s, 1);
            } else {
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, int(rows), int(m), headDim, scale, qh,
                            int(q.outerStride()), kg, int(k.outerStride()), 0.0f, s, int(m));
            }
            for (Eigen::Index i = 0; i < rows; ++i) {
                float* row = s + std::size_t(i) * std::size_t(m);
                const std::int64_t position = std::int64_t(queryStart) + first + i;
                // Keys [lo, hi) are visible to this query.
                std::int64_t lo = 0, hi = m;
                if (causal) {
                    hi = std::min<std::int64_t>(m, position + 1);
                }
                if (slidingWindow > 0) {
                    lo = std::max<std::int64_t>(0, position - slidingWindow + 1);
                }
                std::fill(row, row + std::max<std::int64_t>(lo, 0), 0.0f);
                if (hi > lo && simd::available()) {
                    simd::softmax(row + lo, std::size_t(hi - lo)); // in place: its bits do not depend on where
                } else if (hi > lo) {
                    // The vectorised exp (as in activate()) runs on an aligned buffer: over the row in place, where
                    // the row starts in memory would decide which elements take the scalar path, and the same query
                    // would get weights 1 ulp apart depending on whether its probabilities are kept.
                    const Eigen::Index count = Eigen::Index(hi - lo);
                    auto visible = rowBuffer.head(count);
                    visible = Eigen::Map<const Eigen::ArrayXf>(row + lo, count);
                    visible -= visible.maxCoeff();
                    // Eigen's exp clamps its input and gives ~2.9e-39 far below; 0 there, as the AVX2 path.
                    visible = (visible < simd::kSoftmaxExpFloor).select(0.0f, visible.exp());
                    visible *= 1.0f / visible.sum();
                    std::copy_n(visible.data(), count, row + lo);
                }
                std::fill(row + std::max(hi, lo), row + m, 0.0f);
            }
            // context_h (rows, d) = s (rows, m) v_g (m, d); one query: v_g^T s
            float* ch = context.data() + std::size_t(first) * std::size_t(context.cols()) + std::size_t(h) * headDim;
            if (n == 1) {
                cblas_sgemv(CblasRowMajor, CblasTrans, int(m), headDim, 1.0f, vg, int(v.outerStride()), s, 1, 0.0f,
                            ch, 1);
            } else {
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, int(rows), headDim, int(m), 1.0f, s, int(m),
                            vg, int(v.outerStride()), 0.0f, ch, int(context.cols()));
            }
        }
    }
}

} // namespace attn::hf::ops
