// An independent forward pass written with LibTorch operations (grouped heads by repeat_interleave, softmax by
// torch) checks the engine's hand-written pass: same logits, same attention for every layer and query head.
// It also prints both speeds: the reason the engine does not use torch for these small models.
#include "engine/llama2/llama2checkpoint.h"
#include "engine/llama2/llama2model.h"
#include "engine/llama2/llama2transformer.h"
#include "llama2testfiles.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <gtest/gtest.h>
#include <memory>
#include <random>
#include <torch/torch.h>

using namespace attn;

namespace {

torch::Tensor weight(const float* data, std::int64_t rows, std::int64_t cols)
{
    return torch::from_blob(const_cast<float*>(data), {rows, cols}, torch::kFloat32);
}

// One sequence through torch ops, a token at a time with a key/value cache.
class TorchLlama
{
public:
    explicit TorchLlama(const Llama2Checkpoint& ckpt) : m_ckpt(ckpt), m_c(ckpt.config()) {}

    // Returns logits: (vocab); attention: (layers, heads, pos + 1).
    torch::Tensor forward(int token, int pos, torch::Tensor* attention)
    {
        const std::int64_t dim = m_c.dim, hs = m_c.headSize(), kvDim = m_c.kvDim();
        torch::Tensor x = weight(m_ckpt.tokenEmbedding(), m_c.vocabSize, dim)[token].clone(); // (dim)
        const auto half = torch::arange(0, hs / 2, torch::kFloat32);
        const auto freq = 1.0 / torch::pow(10000.0, 2.0 * half / double(hs));
        const auto angle = double(pos) * freq; // (hs / 2)
        const auto cos = torch::cos(angle), sin = torch::sin(angle);
        auto rope = [&](const torch::Tensor& v, std::int64_t heads) { // v: (heads * hs) -> same, rotated
            const auto pairs = v.view({heads, hs / 2, 2});
            const auto a = pairs.select(2, 0), b = pairs.select(2, 1);
            return torch::stack({a * cos - b * sin, a * sin + b * cos}, 2).reshape({heads * hs});
        };
        auto rmsnorm = [](const torch::Tensor& v, const torch::Tensor& w) {
            return w * (v * torch::rsqrt(v.pow(2).mean() + 1e-5));
        };
        std::vector<torch::Tensor> maps;
        for (int l = 0; l < m_c.layers; ++l) {
            const auto h = rmsnorm(x, torch::from_blob(const_cast<float*>(m_ckpt.rmsAttention(l)), {dim}));
            const auto q = rope(torch::mv(weight(m_ckpt.wq(l), dim, dim), h), m_c.heads).view({m_c.heads, 1, hs});
            const auto k = rope(torch::mv(weight(m_ckpt.wk(l), kvDim, dim), h), m_c.kvHeads).view({m_c.kvHeads, 1, hs});
            const auto v = torch::mv(weight(m_ckpt.wv(l), kvDim, dim), h).view({m_c.kvHeads, 1, hs});
            if (int(m_keys.size()) <= l) {
                m_keys.push_back(k);
                m_values.push_back(v);
            } else {
                m_keys[std::size_t(l)] = torch::cat({m_keys[std::size_t(l)], k}, 1);
                m_values[std::size_t(l)] = torch::cat({m_values[std::size_t(l)], v}, 1);
            }
            // (kvHeads, T, hs) -> (heads, T, hs): query head i reads key/value head i / group.
            const auto keys = m_keys[std::size_t(l)].repeat_interleave(m_c.kvGroup(), 0);
            const auto values = m_values[std::size_t(l)].repeat_interleave(m_c.kvGroup(), 0);
            const auto att =
                torch::softmax(torch::bmm(q, keys.transpose(1, 2)) / std::sqrt(double(hs)), -1); // (H, 1, T)
            maps.push_back(att.squeeze(1));
            const auto out = torch::bmm(att, values).reshape({dim});
            x = x + torch::mv(weight(m_ckpt.wo(l), dim, dim), out);
            const auto f = rmsnorm(x, torch::from_blob(const_cast<float*>(m_ckpt.rmsFfn(l)), {dim}));
            const auto gate = torch::silu(torch::mv(weight(m_ckpt.w1(l), m_c.hiddenDim, dim), f));
            const auto up = torch::mv(weight(m_ckpt.w3(l), m_c.hiddenDim, dim), f);
            x = x + torch::mv(weight(m_ckpt.w2(l), dim, m_c.hiddenDim), gate * up);
        }
        x = rmsnorm(x, torch::from_blob(const_cast<float*>(m_ckpt.rmsFinal()), {dim}));
        if (attention) {
            *attention = torch::stack(maps, 0); // (layers, heads, pos + 1)
        }
        return torch::mv(weight(m_ckpt.classifier(), m_c.vocabSize, dim), x);
    }

private:
    const Llama2Checkpoint& m_ckpt;
    Llama2Config m_c;
    std::vector<torch::Tensor> m_keys, m_values; // per layer (kvHeads, T, hs)
};

} // namespace

TEST(Llama2TorchReference, LogitsAndEveryHeadsAttentionAgree)
{
    const QString path = test::tinyStoriesFile("stories260K.bin");
    if (!QFileInfo::exists(path) || !QFileInfo::exists(test::tinyStoriesFile("tok512.bin"))) {
        GTEST_SKIP() << "TinyStories data not found beside " << path.toStdString();
    }
    torch::set_num_threads(1);
    torch::NoGradGuard noGrad;
    const auto ckpt = std::make_shared<const Llama2Checkpoint>(Llama2Checkpoint::read(path));
    const Llama2Config& c = ckpt->config();
    const Llama2Model model(path, QString());
    GenerationOptions options;
    options.steps = 120;
    const Generation gen =
        model.generate(QStringLiteral("Once upon a time, there was a little girl named Lily. She"), options);
    const int count = int(gen.tokens.size());

    TorchLlama reference(*ckpt);
    Llama2Transformer engine(ckpt, count);
    std::vector<float> rows(std::size_t(c.layers) * c.heads * count);
    double worstLogit = 0.0, worstWeight = 0.0;
    for (int pos = 0; pos < count; ++pos) {
        torch::Tensor att;
        const torch::Tensor logits = reference.forward(gen.tokens[std::size_t(pos)], pos, &att);
        const float* ours = engine.forward(gen.tokens[std::size_t(pos)], pos, rows.data());
        const auto expected = logits.accessor<float, 1>();
        for (int i = 0; i < c.vocabSize; ++i) {
            worstLogit = std::max(worstLogit, double(std::abs(expected[i] - ours[i])));
        }
        const auto map = att.accessor<float, 3>();
        for (int l = 0; l < c.layers; ++l) {
            for (int h = 0; h < c.heads; ++h) {
                for (int k = 0; k <= pos; ++k) {
                    const double mine = rows[(std::size_t(l) * c.heads + h) * (pos + 1) + k];
                    worstWeight = std::max(worstWeight, std::abs(double(map[l][h][k]) - mine));
                    ASSERT_NEAR(gen.weight(pos, l, h, k), mine, 1e-7) << "capture differs from a fresh pass";
                }
            }
        }
    }
    std::printf("  %d positions: largest logit difference %.2e, largest attention difference %.2e\n", count, worstLogit,
                worstWeight);
    EXPECT_LT(worstLogit, 1e-3);
    EXPECT_LT(worstWeight, 1e-4); // float summation order; a wrong head grouping differs by ~0.1
}

// No data needed: a random model with a separate classifier and two query heads per key/value head.
TEST(Llama2TorchReference, RandomModelWithSeparateClassifierAgrees)
{
    torch::set_num_threads(1);
    torch::NoGradGuard noGrad;
    QTemporaryDir dir;
    test::TinyConfig config;
    config.dim = 16;
    config.heads = 4;
    config.kvHeads = 2;
    config.shared = false;
    ASSERT_TRUE(test::writeBytes(dir.filePath("random.bin"), test::tinyCheckpoint(config, 99)));
    const auto ckpt = std::make_shared<const Llama2Checkpoint>(Llama2Checkpoint::read(dir.filePath("random.bin")));
    ASSERT_FALSE(ckpt->config().sharedClassifier);
    TorchLlama reference(*ckpt);
    Llama2Transformer engine(ckpt, config.seqLen);
    std::vector<float> rows(std::size_t(config.layers) * config.heads * config.seqLen);
    std::mt19937 rng(5);
    for (int pos = 0; pos < config.seqLen; ++pos) {
        const int token = int(rng() % std::uint32_t(config.vocab));
        torch::Tensor att;
        const auto expected = reference.forward(token, pos, &att);
        const float* ours = engine.forward(token, pos, rows.data());
        const auto logits = expected.accessor<float, 1>();
        for (int i = 0; i < config.vocab; ++i) {
            ASSERT_NEAR(logits[i], ours[i], 1e-4) << "position " << pos << " logit " << i;
        }
        const auto map = att.accessor<float, 3>();
        for (int l = 0; l < config.layers; ++l) {
            for (int h = 0; h < config.heads; ++h) {
                for (int k = 0; k <= pos; ++k) {
                    ASSERT_NEAR(map[l][h][k], rows[(std::size_t(l) * config.heads + h) * (pos + 1) + k], 1e-5)
                        << "layer " << l << " head " << h << " position " << pos;
                }
            }
        }
    }
}

// Not a speed assertion (those belong in tests/bench): the figures say why the engine's pass is hand-written.
TEST(Llama2TorchReference, PrintsTorchAndEngineSpeed)
{
    const QString path = test::tinyStoriesFile("stories260K.bin");
    if (!QFileInfo::exists(path)) {
        GTEST_SKIP() << "TinyStories data not found at " << path.toStdString();
    }
    torch::set_num_threads(1);
    torch::NoGradGuard noGrad;
    const auto ckpt = std::make_shared<const Llama2Checkpoint>(Llama2Checkpoint::read(path));
    const int positions = 256;
    using Clock = std::chrono::steady_clock;
    const auto t0 = Clock::now();
    TorchLlama reference(*ckpt);
    int token = 1;
    for (int pos = 0; pos < positions; ++pos) {
        torch::Tensor att;
        token = int(reference.forward(token, pos, &att).argmax().item<std::int64_t>());
    }
    const auto t1 = Clock::now();
    Llama2Transformer engine(ckpt, positions);
    std::vector<float> rows(std::size_t(ckpt->config().layers) * ckpt->config().heads * positions);
    token = 1;
    for (int pos = 0; pos < positions; ++pos) {
        const float* logits = engine.forward(token, pos, rows.data());
        token = int(std::max_element(logits, logits + ckpt->config().vocabSize) - logits);
    }
    const auto t2 = Clock::now();
    const double torchSeconds = std::chrono::duration<double>(t1 - t0).count();
    const double engineSeconds = std::chrono::duration<double>(t2 - t1).count();
    std::printf("  %d tokens with attention, one thread: torch ops %.0f tokens/s, engine %.0f tokens/s (%.1fx)\n",
                positions, positions / torchSeconds, positions / engineSeconds, torchSeconds / engineSeconds);
    SUCCEED();
}
