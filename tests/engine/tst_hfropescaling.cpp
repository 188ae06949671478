// Rotary scaling of the Llama family (issue 16: Llama 3.1 / 3.2 folders carry rope_scaling "llama3"): the kit's
// inverse frequencies (ops::ropeInverseFrequencies) against transformers' rules as the LibTorch reference writes
// them (hfdecoderreference.h), and tiny random Llama folders with rope_scaling "llama3" and "linear" against the
// reference: attention, hidden states and logits of the whole sequence, and the key/value-cache steps.
#include "engine/hf/hfconfig.h"
#include "engine/hf/hfdecoder.h"
#include "engine/hf/hfnetwork.h"
#include "engine/hf/hfops.h"
#include "engine/hf/hfrope.h"
#include "engine/textmodel.h"
#include "hfdecoderreference.h"
#include "hfdecodertestmodel.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

using namespace attn;
using namespace attn::hf;
using attn::test::DecoderSpec;
using attn::test::llamaReference;
using attn::test::maxDiff;
using attn::test::Reference;
using attn::test::referenceInverseFrequencies;
using attn::test::tinyDecoderIds;
using attn::test::tinyLlama;
using attn::test::toTorch;
using attn::test::Weights;
using attn::test::writeTinyDecoder;

namespace {

// Head size 8, rope_theta 500: wavelengths 2 pi * 500^(i/4) = 6.3, 29.7, 140.5 and 664.4. With an original context
// of 64, low_freq_factor 1 and high_freq_factor 4 the bands are split at 16 and 64: the first frequency is kept,
// the second smoothed (weight (64 / 29.7 - 1) / 3 = 0.38), the last two divided by the factor, each far from a
// boundary.
DecoderSpec llama3Spec()
{
    DecoderSpec s = tinyLlama();
    s.ropeScaling = "llama3";
    s.ropeFactor = 4.0;
    s.ropeLowFreqFactor = 1.0;
    s.ropeHighFreqFactor = 4.0;
    s.ropeOriginalMaxPositions = 64;
    return s;
}

// Llama-2-era linear scaling, written with the older key "type" as those configs have it.
DecoderSpec linearSpec()
{
    DecoderSpec s = tinyLlama();
    s.ropeScaling = "linear";
    s.ropeTypeKey = "type";
    s.ropeFactor = 2.5;
    return s;
}

DecoderSpec unscaled(DecoderSpec s)
{
    s.ropeScaling.clear();
    return s;
}

void expectMatchesReference(const DecoderSpec& s, const QString& dir, Weights& w, int tokens)
{
    const std::unique_ptr<Network> net = openNetwork(dir);
    const std::vector<int> ids = tinyDecoderIds(s, tokens, 3);
    Capture capture;
    capture.hidden = true;
    const ForwardResult got = net->forward(ids, capture);
    const Reference want = llamaReference(s, w, ids);
    const float attention = maxDiff(got.attention, want.attention), hidden = maxDiff(got.hidden, want.hidden),
                logits = maxDiff(got.logits, want.logits[tokens - 1]);
    EXPECT_LT(attention, 1e-4f);
    EXPECT_LT(hidden, 1e-4f);
    EXPECT_LT(logits, 1e-4f);
    const std::string where = s.ropeScaling + " " + std::to_string(tokens) + " tokens: ";
    auto g2 = [](float x) { return QString::number(x, 'g', 2).toStdString(); };
    ::testing::Test::RecordProperty("max_diff", where + "attention " + g2(attention) + ", hidden " + g2(hidden) +
                                                    ", logits " + g2(logits));
    // The scaling matters for these weights: the reference without it differs clearly, so a kit that ignored
    // rope_scaling (or applied it wrongly) could not pass the bound above.
    const Reference plain = llamaReference(unscaled(s), w, ids);
    EXPECT_GT(maxDiff(got.attention, plain.attention), 1e-2f);
    EXPECT_GT(want.attention.max().item<float>(), 0.5f);
}

} // namespace

// The three bands of llama3 occur, and the kit computes every frequency as transformers does.
TEST(HfRopeScaling, Llama3FrequenciesCoverEveryBandAndMatchTransformers)
{
    const DecoderSpec s = llama3Spec();
    auto f = writeTinyDecoder(s, 101, "model.");
    const HfConfig config = HfConfig::read(f->path());
    ASSERT_EQ(config.ropeScaling.type, RopeScalingType::Llama3);
    const std::vector<float> got = ops::ropeInverseFrequencies(config);
    const torch::Tensor want = referenceInverseFrequencies(s);
    const torch::Tensor plain = referenceInverseFrequencies(unscaled(s));
    ASSERT_EQ(std::int64_t(got.size()), want.numel());
    int kept = 0, divided = 0, smoothed = 0;
    for (std::size_t i = 0; i < got.size(); ++i) {
        const float w = want[std::int64_t(i)].item<float>(), p = plain[std::int64_t(i)].item<float>();
        EXPECT_NEAR(got[i], w, 1e-6f * w) << "frequency " << i;
        if (w == p) {
            ++kept;
        } else if (std::abs(w - p / float(s.ropeFactor)) <= 1e-7f * p) {
            ++divided;
        } else if (w < p && w > p / float(s.ropeFactor)) {
            ++smoothed;
        }
    }
    EXPECT_EQ(kept, 1);
    EXPECT_EQ(smoothed, 1);
    EXPECT_EQ(divided, 2);

    const DecoderSpec lin = linearSpec();
    auto g = writeTinyDecoder(lin, 102, "model.");
    const std::vector<float> linear = ops::ropeInverseFrequencies(HfConfig::read(g->path()));
    const torch::Tensor linearWant = referenceInverseFrequencies(lin);
    for (std::size_t i = 0; i < linear.size(); ++i) {
        EXPECT_NEAR(linear[i], linearWant[std::int64_t(i)].item<float>(), 1e-6f * linear[i]) << "frequency " << i;
    }
}

// Llama-3.2-1B's own settings (head size 64, rope_theta 500000, factor 32, bands split at 2,048 and 8,192 of an
// original 8,192 positions): the 32 frequencies as transformers computes them, every band populated.
TEST(HfRopeScaling, Llama32SettingsMatchTransformers)
{
    DecoderSpec s;
    s.modelType = "llama";
    s.hidden = 2048;
    s.heads = 32;
    s.ropeTheta = 500000.0;
    s.ropeScaling = "llama3";
    s.ropeFactor = 32.0;
    s.ropeLowFreqFactor = 1.0;
    s.ropeHighFreqFactor = 4.0;
    s.ropeOriginalMaxPositions = 8192;
    RopeScaling scaling;
    scaling.type = RopeScalingType::Llama3;
    scaling.factor = 32.0;
    scaling.lowFreqFactor = 1.0;
    scaling.highFreqFactor = 4.0;
    scaling.originalMaxPositions = 8192;
    const std::vector<float> got = ops::ropeInverseFrequencies(64, 500000.0, scaling);
    const torch::Tensor want = referenceInverseFrequencies(s), plain = referenceInverseFrequencies(unscaled(s));
    ASSERT_EQ(got.size(), std::size_t(32));
    int kept = 0, divided = 0;
    for (std::size_t i = 0; i < got.size(); ++i) {
        const float w = want[std::int64_t(i)].item<float>(), p = plain[std::int64_t(i)].item<float>();
        EXPECT_NEAR(got[i], w, 1e-6f * w) << "frequency " << i;
        kept += w == p ? 1 : 0;
        divided += w == p / 32.0f ? 1 : 0;
    }
    // Wavelengths 2 pi * 500000^(i / 32): below 2,048 for i < 15, above 8,192 from i = 18 on.
    EXPECT_EQ(kept, 15);
    EXPECT_EQ(divided, 14);
}

TEST(HfRopeScaling, Llama3FolderMatchesTorch)
{
    for (const std::string prefix : {"model.", ""}) {
        SCOPED_TRACE("prefix '" + prefix + "'");
        const DecoderSpec s = llama3Spec();
        auto f = writeTinyDecoder(s, 103, prefix);
        Weights w = toTorch(f->tensors);
        expectMatchesReference(s, f->path(), w, s.maxPositions);
    }
}

TEST(HfRopeScaling, LinearFolderWithTheOlderTypeKeyMatchesTorch)
{
    const DecoderSpec s = linearSpec();
    auto f = writeTinyDecoder(s, 104, "model.");
    Weights w = toTorch(f->tensors);
    expectMatchesReference(s, f->path(), w, s.maxPositions);
}

// A prompt, then one token a step (the prompt whole and in chunks of rows): the same attention rows as the whole
// sequence and the reference's logits at every position.
TEST(HfRopeScaling, CachedStepsMatchTheWholeSequence)
{
    for (const std::size_t scratch : {std::size_t(0), std::size_t(100)}) {
        for (const DecoderSpec& s : {llama3Spec(), linearSpec()}) {
            SCOPED_TRACE(s.ropeScaling + (scratch ? " in chunks" : ""));
            setPromptScratchFloats(scratch);
            auto f = writeTinyDecoder(s, 105, "model.");
            Weights w = toTorch(f->tensors);
            const std::unique_ptr<Network> net = openNetwork(f->path());
            auto* decoder = dynamic_cast<DecoderNetwork*>(net.get());
            ASSERT_NE(decoder, nullptr);
            const int total = s.maxPositions, prompt = 6;
            const std::vector<int> ids = tinyDecoderIds(s, total, 9);
            const ForwardResult whole = net->forward(ids, Capture{});
            const Reference want = llamaReference(s, w, ids);
            const std::size_t lh = std::size_t(s.layers) * std::size_t(s.heads), t = std::size_t(total);
            std::unique_ptr<DecoderState> state = decoder->begin(total);
            std::vector<float> attention;
            float worstLogits = 0, worstAttention = 0;
            for (int position = 0; position < total;) {
                const int n = position == 0 ? prompt : 1;
                const std::vector<int> chunk(ids.begin() + position, ids.begin() + position + n);
                const std::vector<float>& logits = state->step(chunk, &attention);
                worstLogits = std::max(worstLogits, maxDiff(logits, want.logits[position + n - 1]));
                std::size_t offset = 0;
                for (int p = position; p < position + n; ++p) {
                    for (std::size_t i = 0; i < lh; ++i) {
                        const float* row = whole.attention.data() + (i * t + std::size_t(p)) * t;
                        for (int j = 0; j <= p; ++j) {
                            worstAttention =
                                std::max(worstAttention, std::abs(attention[offset + std::size_t(j)] - row[j]));
                        }
                        offset += std::size_t(p) + 1;
                    }
                }
                EXPECT_EQ(offset, attention.size());
                position += n;
            }
            EXPECT_LT(worstLogits, 1e-4f);
            EXPECT_LT(worstAttention, 1e-5f);
        }
    }
    setPromptScratchFloats(0);
}
