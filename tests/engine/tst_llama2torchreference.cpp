// An independent forward pass written with LibTorch operations (llama2torchreference.h) checks the engine's
// hand-written pass: same logits, same attention for every layer and query head, same greedy text. The speeds of
// both, the reason the engine does not use torch for these small models, are in tests/bench/bench_llama2torch.cpp.
#include "engine/llama2/llama2checkpoint.h"
#include "engine/llama2/llama2model.h"
#include "engine/llama2/llama2tokenizer.h"
#include "engine/llama2/llama2transformer.h"
#include "llama2testfiles.h"
#include "llama2torchreference.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <cmath>
#include <cstdio>
#include <set>
#include <gtest/gtest.h>
#include <memory>
#include <random>
#include <torch/torch.h>

using namespace attn;

using test::TorchLlama;

TEST(Llama2TorchReference, LogitsAndEveryHeadsAttentionAgree)
{
    const QString path = test::tinyStoriesFile("stories260K.bin");
    ASSERT_TRUE(QFileInfo::exists(path) && QFileInfo::exists(test::tinyStoriesFile("tok512.bin")))
        << "TinyStories data not found beside " << path.toStdString() << " (scripts/setup.sh names its source)";
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

// The two passes, each fed its own greedy choice, write the same 256 tokens: agreement of every argmax over a long
// run, where a small drift would change a token and everything after it.
TEST(Llama2TorchReference, GreedyRunsWriteTheSameTokens)
{
    const QString path = test::tinyStoriesFile("stories260K.bin");
    ASSERT_TRUE(QFileInfo::exists(path)) << "TinyStories data not found at " << path.toStdString()
                                         << " (scripts/setup.sh names its source)";
    torch::set_num_threads(1);
    torch::NoGradGuard noGrad;
    const auto ckpt = std::make_shared<const Llama2Checkpoint>(Llama2Checkpoint::read(path));
    const int positions = 256;
    TorchLlama reference(*ckpt);
    Llama2Transformer engine(ckpt, positions);
    std::vector<float> rows(std::size_t(ckpt->config().layers) * ckpt->config().heads * positions);
    int torchToken = Llama2Tokenizer::kBos, engineToken = Llama2Tokenizer::kBos;
    std::set<int> distinct;
    for (int pos = 0; pos < positions; ++pos) {
        torch::Tensor att;
        torchToken = int(reference.forward(torchToken, pos, &att).argmax().item<std::int64_t>());
        const float* logits = engine.forward(engineToken, pos, rows.data());
        engineToken = int(std::max_element(logits, logits + ckpt->config().vocabSize) - logits);
        ASSERT_EQ(torchToken, engineToken) << "the greedy runs part at position " << pos;
        distinct.insert(engineToken);
    }
    EXPECT_GT(distinct.size(), 40u) << "a story, not one token repeated";
}
