// The Hugging Face kit's operations (src/engine/hf/hfops.h) against LibTorch computing what transformers computes:
// nn.Linear, GPT-2's Conv1D, LayerNorm, Llama's RMSNorm, the activations, rotate_half rotary embeddings and
// attention with grouped KV heads, a causal mask, a sliding window and captured probabilities.
#include "engine/hf/hfops.h"
#include "engine/hf/hfrope.h"
#include "engine/textmodel.h"

#include <torch/torch.h>

#include <gtest/gtest.h>

#include <random>

using namespace attn::hf;

namespace {

Matrix randomMatrix(Eigen::Index rows, Eigen::Index cols, std::mt19937& rng, float scale = 1.0f)
{
    std::uniform_real_distribution<float> d(-scale, scale);
    Matrix m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i) {
        m.data()[i] = d(rng);
    }
    return m;
}

torch::Tensor toTorch(const Matrix& m)
{
    return torch::from_blob(const_cast<float*>(m.data()), {m.rows(), m.cols()}, torch::kFloat32).clone();
}

MatrixMap mapOf(const Matrix& m)
{
    return MatrixMap(m.data(), m.rows(), m.cols());
}

VectorMap vectorOf(const Matrix& m)
{
    return VectorMap(m.data(), m.size());
}

// Largest absolute difference between a kit result and a torch tensor of the same shape.
float maxDiff(const Matrix& ours, const torch::Tensor& theirs)
{
    const torch::Tensor t = theirs.contiguous().to(torch::kFloat32);
    EXPECT_EQ(t.numel(), ours.size());
    float worst = 0;
    const float* p = t.data_ptr<float>();
    for (Eigen::Index i = 0; i < ours.size(); ++i) {
        worst = std::max(worst, std::abs(ours.data()[i] - p[i]));
    }
    return worst;
}

float maxDiff(const float* ours, const torch::Tensor& theirs)
{
    const torch::Tensor t = theirs.contiguous().to(torch::kFloat32);
    float worst = 0;
    const float* p = t.data_ptr<float>();
    for (std::int64_t i = 0; i < t.numel(); ++i) {
        worst = std::max(worst, std::abs(ours[i] - p[i]));
    }
    return worst;
}

} // namespace

TEST(HfOps, LinearAndConv1dMatchTorch)
{
    std::mt19937 rng(1);
    const Matrix x = randomMatrix(7, 13, rng);
    const Matrix w = randomMatrix(11, 13, rng); // (out, in) as nn.Linear
    const Matrix b = randomMatrix(1, 11, rng);
    Matrix y;
    const Matrix wc = randomMatrix(13, 11, rng); // (in, out) as GPT-2's Conv1D
    const VectorMap bias = vectorOf(b);
    ops::linear(x, mapOf(w), &bias, y);
    EXPECT_LT(maxDiff(y, torch::nn::functional::linear(toTorch(x), toTorch(w), toTorch(b).view({11}))), 1e-5f);
    ops::linear(x, mapOf(w), nullptr, y);
    EXPECT_LT(maxDiff(y, torch::matmul(toTorch(x), toTorch(w).t())), 1e-5f);

    ops::conv1d(x, mapOf(wc), &bias, y);
    EXPECT_LT(maxDiff(y, torch::addmm(toTorch(b).view({11}), toTorch(x), toTorch(wc))), 1e-5f);

    // One row (a decoding step goes through sgemv), with and without bias, Linear and Conv1D.
    const Matrix one = randomMatrix(1, 13, rng);
    ops::linear(one, mapOf(w), &bias, y);
    EXPECT_LT(maxDiff(y, torch::nn::functional::linear(toTorch(one), toTorch(w), toTorch(b).view({11}))), 1e-5f);
    ops::linear(one, mapOf(w), nullptr, y);
    EXPECT_LT(maxDiff(y, torch::matmul(toTorch(one), toTorch(w).t())), 1e-5f);
    ops::conv1d(one, mapOf(wc), &bias, y);
    EXPECT_LT(maxDiff(y, torch::addmm(toTorch(b).view({11}), toTorch(one), toTorch(wc))), 1e-5f);
    ops::conv1d(x.middleRows(2, 1), mapOf(wc), nullptr, y);
    EXPECT_LT(maxDiff(y, torch::matmul(toTorch(x).slice(0, 2, 3), toTorch(wc))), 1e-5f);

    // A block of columns of a wider matrix (a head's slice): the row stride is honoured.
    const Matrix wide = randomMatrix(7, 30, rng);
    ops::linear(wide.middleCols(5, 13), mapOf(w), &bias, y);
    EXPECT_LT(maxDiff(y, torch::nn::functional::linear(toTorch(wide).slice(1, 5, 18), toTorch(w),
                                                       toTorch(b).view({11}))),
              1e-5f);

    // Output written over the input.
    Matrix square = randomMatrix(4, 13, rng);
    const Matrix ws = randomMatrix(13, 13, rng);
    const torch::Tensor expected = torch::matmul(toTorch(square), toTorch(ws).t());
    ops::linear(square, mapOf(ws), nullptr, square);
    EXPECT_LT(maxDiff(square, expected), 1e-5f);

    EXPECT_THROW(ops::linear(randomMatrix(2, 5, rng), mapOf(w), nullptr, y), attn::ModelError);
}

TEST(HfOps, LayerNormAndRmsNormMatchTorch)
{
    std::mt19937 rng(2);
    const Matrix x = randomMatrix(5, 24, rng, 4.0f);
    const Matrix w = randomMatrix(1, 24, rng);
    const Matrix b = randomMatrix(1, 24, rng);
    Matrix y = x;
    ops::layerNorm(y, vectorOf(w), vectorOf(b), 1e-5f);
    EXPECT_LT(maxDiff(y, torch::layer_norm(toTorch(x), {24}, toTorch(w).view({24}), toTorch(b).view({24}), 1e-5)),
              1e-5f);

    y = x;
    ops::rmsNorm(y, vectorOf(w), 1e-6f);
    const torch::Tensor t = toTorch(x);
    const torch::Tensor rms = t * torch::rsqrt(t.pow(2).mean(-1, true) + 1e-6);
    EXPECT_LT(maxDiff(y, toTorch(w).view({24}) * rms), 1e-5f);
}

TEST(HfOps, ActivationsMatchTorch)
{
    std::mt19937 rng(3);
    const Matrix x = randomMatrix(6, 50, rng, 6.0f);
    const torch::Tensor t = toTorch(x);
    const std::pair<ops::Activation, torch::Tensor> cases[] = {
        {ops::activationByName("gelu", "c"), torch::gelu(t)},
        {ops::activationByName("gelu_new", "c"), torch::gelu(t, "tanh")},
        {ops::activationByName("gelu_pytorch_tanh", "c"), torch::gelu(t, "tanh")},
        {ops::activationByName("relu", "c"), torch::relu(t)},
        {ops::activationByName("silu", "c"), torch::silu(t)},
    };
    for (const auto& [activation, expected] : cases) {
        Matrix y = x;
        ops::activate(y, activation);
        EXPECT_LT(maxDiff(y, expected), 1e-5f) << int(activation);
    }
    try {
        ops::activationByName("mish", "/m/config.json");
        FAIL() << "mish accepted";
    } catch (const attn::ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("/m/config.json: hidden_act 'mish' is not supported"), std::string::npos);
    }
}

TEST(HfOps, RopeMatchesRotateHalf)
{
    std::mt19937 rng(4);
    const int heads = 3, headDim = 8, n = 5, start = 7;
    const double theta = 10000;
    const Matrix x = randomMatrix(n, heads * headDim, rng);
    Matrix y = x;
    ops::rope(y, heads, headDim, start, theta);

    // transformers: inv_freq = 1 / theta^(arange(0, d, 2) / d); emb = cat(freqs, freqs); x*cos + rotate_half(x)*sin
    const torch::Tensor invFreq =
        1.0 / torch::pow(torch::tensor(float(theta)), torch::arange(0, headDim, 2, torch::kInt64).to(torch::kFloat32) /
                                                          float(headDim));
    const torch::Tensor positions = torch::arange(start, start + n, torch::kInt64).to(torch::kFloat32);
    const torch::Tensor freqs = torch::outer(positions, invFreq);
    const torch::Tensor emb = torch::cat({freqs, freqs}, -1);
    const torch::Tensor cos = emb.cos().unsqueeze(1), sin = emb.sin().unsqueeze(1); // (n, 1, d)
    const torch::Tensor t = toTorch(x).view({n, heads, headDim});
    const torch::Tensor rotated = torch::cat({-t.slice(-1, headDim / 2), t.slice(-1, 0, headDim / 2)}, -1);
    const torch::Tensor expected = t * cos + rotated * sin;
    EXPECT_LT(maxDiff(y, expected.view({n, heads * headDim})), 1e-5f);

    // Position 0 is the identity.
    Matrix z = x;
    ops::rope(z, heads, headDim, 0, theta);
    EXPECT_LT((z.row(0) - x.row(0)).cwiseAbs().maxCoeff(), 1e-7f);
}

namespace {

// torch's attention of n queries at positions queryStart.. over m keys; returns (probs (H, n, m), context (n, H*d)).
std::pair<torch::Tensor, torch::Tensor> torchAttention(const Matrix& q, const Matrix& k, const Matrix& v, int heads,
                                                       int kvHeads, int d, bool causal, int queryStart, int window)
{
    const std::int64_t n = q.rows(), m = k.rows();
    torch::Tensor tq = toTorch(q).view({n, heads, d}).transpose(0, 1);   // (H, n, d)
    torch::Tensor tk = toTorch(k).view({m, kvHeads, d}).transpose(0, 1); // (KV, m, d)
    torch::Tensor tv = toTorch(v).view({m, kvHeads, d}).transpose(0, 1);
    tk = tk.repeat_interleave(heads / kvHeads, 0); // transformers' repeat_kv
    tv = tv.repeat_interleave(heads / kvHeads, 0);
    torch::Tensor scores = torch::matmul(tq, tk.transpose(1, 2)) / std::sqrt(double(d));
    const torch::Tensor qpos = torch::arange(queryStart, queryStart + n).view({n, 1});
    const torch::Tensor kpos = torch::arange(0, m).view({1, m});
    torch::Tensor masked = torch::zeros({n, m}, torch::kBool);
    if (causal) {
        masked = masked | (kpos > qpos);
    }
    if (window > 0) {
        masked = masked | (kpos <= qpos - window);
    }
    scores = scores.masked_fill(masked, -std::numeric_limits<float>::infinity());
    const torch::Tensor probs = torch::softmax(scores, -1);
    const torch::Tensor context = torch::matmul(probs, tv).transpose(0, 1).reshape({n, heads * d});
    return {probs, context};
}

} // namespace

TEST(HfOps, AttentionMatchesTorch)
{
    struct Case
    {
        int heads, kvHeads, d, n, m;
        bool causal;
        int queryStart, window;
    };
    const Case cases[] = {
        {4, 4, 8, 9, 9, false, 0, 0},  // encoder
        {4, 4, 8, 9, 9, true, 0, 0},   // GPT-2 prompt
        {4, 2, 8, 9, 9, true, 0, 0},   // grouped KV heads
        {6, 2, 4, 3, 12, true, 9, 0},  // three new tokens after a cache of nine
        {4, 1, 8, 1, 20, true, 19, 0}, // one decoding step, multi-query
        {4, 2, 8, 12, 12, true, 0, 5}, // Mistral's sliding window
        {2, 2, 16, 40, 40, false, 0, 0},
    };
    std::mt19937 rng(5);
    for (const Case& c : cases) {
        const Matrix q = randomMatrix(c.n, c.heads * c.d, rng, 2.0f);
        const Matrix k = randomMatrix(c.m, c.kvHeads * c.d, rng, 2.0f);
        const Matrix v = randomMatrix(c.m, c.kvHeads * c.d, rng);
        std::vector<float> probs(std::size_t(c.heads * c.n * c.m), -1.0f);
        Matrix context;
        ops::attention(q, k, v, c.heads, c.kvHeads, c.d, c.causal, c.queryStart, c.window, probs.data(), context);
        const auto [tp, tc] = torchAttention(q, k, v, c.heads, c.kvHeads, c.d, c.causal, c.queryStart, c.window);
        EXPECT_LT(maxDiff(probs.data(), tp), 1e-6f) << c.heads << " " << c.n << " " << c.m;
        EXPECT_LT(maxDiff(context, tc), 1e-5f) << c.heads << " " << c.n << " " << c.m;

        Matrix again;
        ops::attention(q, k, v, c.heads, c.kvHeads, c.d, c.causal, c.queryStart, c.window, nullptr, again);
        // Bit-identical whether the probabilities are kept or not (the engines' "layers kept" rely on it).
        EXPECT_EQ((again - context).cwiseAbs().maxCoeff(), 0.0f);
        std::vector<float> elsewhere(probs.size() + 1);
        ops::attention(q, k, v, c.heads, c.kvHeads, c.d, c.causal, c.queryStart, c.window, elsewhere.data() + 1,
                       again);
        EXPECT_TRUE(std::equal(probs.begin(), probs.end(), elsewhere.begin() + 1));
    }
}

TEST(HfOps, AttentionRowsSumToOneAndMaskedAreZero)
{
    std::mt19937 rng(6);
    const int heads = 2, d = 4, n = 6;
    const Matrix q = randomMatrix(n, heads * d, rng), k = randomMatrix(n, heads * d, rng),
                 v = randomMatrix(n, heads * d, rng);
    std::vector<float> probs(std::size_t(heads * n * n));
    Matrix context;
    ops::attention(q, k, v, heads, heads, d, true, 0, 3, probs.data(), context);
    for (int h = 0; h < heads; ++h) {
        for (int i = 0; i < n; ++i) {
            double sum = 0;
            for (int j = 0; j < n; ++j) {
                const float p = probs[std::size_t((h * n + i) * n + j)];
                sum += p;
                if (j > i || j <= i - 3) {
                    EXPECT_EQ(p, 0.0f) << h << " " << i << " " << j;
                }
            }
            EXPECT_NEAR(sum, 1.0, 1e-6);
        }
    }
}

// Inputs whose n x m scores pass the scratch bound run in blocks of query rows (multiples of 144). On one thread
// the context and probabilities must be bit-identical to one block, for any bound (blocks of 144 or 288 rows, a
// short last block, a single row left over that joins the last block), causal or not, after a cache, with a
// window; and on any thread count keeping the probabilities or not must give the same bits.
TEST(HfOps, AttentionInBlocksOfRowsIsBitIdentical)
{
    struct Case
    {
        int heads, kvHeads, d, n, m;
        bool causal;
        int queryStart, window;
    };
    const Case cases[] = {
        {2, 1, 64, 300, 300, true, 0, 0},   // blocks of 144: 144, 144, 12
        {4, 2, 32, 433, 433, false, 0, 0},  // 144, 144, 145 (the row left over joins)
        {3, 3, 16, 200, 350, true, 150, 0}, // after a cache of 150
        {2, 1, 16, 301, 301, true, 0, 40},  // Mistral's window
    };
    const int threadsBefore = ops::threads();
    std::mt19937 rng(7);
    for (const Case& c : cases) {
        const Matrix q = randomMatrix(c.n, c.heads * c.d, rng, 2.0f);
        const Matrix k = randomMatrix(c.m, c.kvHeads * c.d, rng, 2.0f);
        const Matrix v = randomMatrix(c.m, c.kvHeads * c.d, rng);
        const std::size_t m = std::size_t(c.m), size = std::size_t(c.heads) * c.n * m;
        auto run = [&](std::size_t bound, bool keep, std::vector<float>* probs) {
            ops::setAttentionScratchFloats(bound);
            probs->assign(keep ? size : 0, -1.0f);
            Matrix context;
            ops::attention(q, k, v, c.heads, c.kvHeads, c.d, c.causal, c.queryStart, c.window,
                           keep ? probs->data() : nullptr, context);
            return context;
        };
        ops::setThreads(1);
        std::vector<float> wholeProbs, probs;
        const Matrix whole = run(0, true, &wholeProbs);
        for (const std::size_t bound : {std::size_t(1), 145 * m, 288 * m, std::size_t(c.n - 1) * m}) {
            SCOPED_TRACE(std::to_string(c.n) + " queries, " + std::to_string(c.m) + " keys, bound " +
                         std::to_string(bound));
            for (const bool keep : {false, true}) {
                const Matrix context = run(bound, keep, &probs);
                ASSERT_EQ(context.rows(), whole.rows());
                EXPECT_EQ((context - whole).cwiseAbs().maxCoeff(), 0.0f) << (keep ? "kept" : "not kept");
                if (keep) {
                    EXPECT_TRUE(probs == wholeProbs);
                }
            }
        }
        // Two threads: blocked with and without kept probabilities agree exactly.
        ops::setThreads(2);
        const Matrix kept = run(145 * m, true, &probs), unkept = run(145 * m, false, &probs);
        EXPECT_EQ((kept - unkept).cwiseAbs().maxCoeff(), 0.0f) << c.n << " queries on two threads";
    }
    ops::setThreads(threadsBefore);
    ops::setAttentionScratchFloats(0);
    EXPECT_EQ(ops::attentionScratchFloats(), std::size_t(16) << 20);
}

TEST(HfOps, ThreadsCanBeSet)
{
    ops::setThreads(1);
    EXPECT_EQ(ops::threads(), 1);
    ops::setThreads(0);
    EXPECT_GE(ops::threads(), 1);
}
