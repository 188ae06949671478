// The GPT-2 and Llama-family engines (issue 16) against a second implementation in LibTorch (hfdecoderreference.h), on
// tiny random models the test writes in the Hub's layout: attention, hidden states and logits of the whole-sequence
// forward; the key/value-cache steps against the forward; F16/BF16 files; bad input named.
#include "core/canceltoken.h"
#include "engine/hf/hfdecoder.h"
#include "engine/hf/hfnetwork.h"
#include "engine/textmodel.h"
#include "hfdecoderreference.h"
#include "hfdecodertestmodel.h"

#include <QTemporaryDir>
#include <cmath>
#include <gtest/gtest.h>
#include <map>
#include <numeric>
#include <torch/torch.h>

using namespace attn;
using namespace attn::hf;
using attn::test::DecoderFolder;
using attn::test::decoderPrefix;
using attn::test::DecoderSpec;
using attn::test::DecoderTensor;
using attn::test::llamaReference;
using attn::test::maxDiff;
using attn::test::Reference;
using attn::test::reference;
using attn::test::tinyDecoderIds;
using attn::test::tinyGpt2;
using attn::test::tinyLlama;
using attn::test::tinyMistral;
using attn::test::tinyQwen2;
using attn::test::toTorch;
using attn::test::Weights;
using attn::test::writeTinyDecoder;

namespace {

// Engine and reference on the same ids: every layer's attention, the hidden states and the logits.
void expectMatchesReference(const DecoderSpec& s, const QString& dir, Weights& w, float tolerance, int tokens = 13)
{
    const std::unique_ptr<Network> net = openNetwork(dir);
    ASSERT_TRUE(net->isDecoder());
    const std::vector<int> ids = tinyDecoderIds(s, tokens, 3);
    Capture capture;
    capture.hidden = true;
    const ForwardResult got = net->forward(ids, capture);
    const Reference want = reference(s, w, ids);
    EXPECT_EQ(got.tokens, tokens);
    EXPECT_EQ(got.heads, s.heads);
    EXPECT_EQ(got.keptLayers.size(), std::size_t(s.layers));
    EXPECT_LT(maxDiff(got.attention, want.attention), tolerance) << s.modelType;
    EXPECT_LT(maxDiff(got.hidden, want.hidden), tolerance) << s.modelType;
    EXPECT_LT(maxDiff(got.logits, want.logits[tokens - 1]), tolerance) << s.modelType;
    // Not trivially uniform: the test could not tell a wrong mask or rotation otherwise.
    EXPECT_GT(want.attention.max().item<float>(), 0.5f);
}

} // namespace

TEST(HfDecoder, Gpt2MatchesTorchWithPrefixBuffersAndTiedHeadCopy)
{
    const DecoderSpec s = tinyGpt2();
    // Old checkpoints carry the causal-mask buffers and a copy of the tied head: ignored.
    std::vector<DecoderTensor> extra;
    for (int l = 0; l < s.layers; ++l) {
        const auto n = std::int64_t(s.maxPositions);
        extra.push_back({"transformer.h." + std::to_string(l) + ".attn.bias",
                         {1, 1, n, n},
                         std::vector<float>(std::size_t(n * n), 1.0f)});
        extra.push_back({"transformer.h." + std::to_string(l) + ".attn.masked_bias", {}, {-1e4f}});
    }
    auto f = writeTinyDecoder(s, 11, "transformer.");
    extra.push_back({"lm_head.weight", {s.vocab, s.hidden}, f->tensors.front().values}); // wte's values
    attn::test::writeDecoderFolder(f->path(), s, f->tensors, "transformer.", DType::F32, {}, extra);
    Weights w = toTorch(f->tensors);
    expectMatchesReference(s, f->path(), w, 1e-4f);
}

TEST(HfDecoder, Gpt2MatchesTorchWithoutPrefix)
{
    const DecoderSpec s = tinyGpt2();
    auto f = writeTinyDecoder(s, 12, "");
    Weights w = toTorch(f->tensors);
    expectMatchesReference(s, f->path(), w, 1e-4f, s.maxPositions); // every position, wpe's last row included
}

// tie_word_embeddings false: the logits come from the stored lm_head, not from wte.
TEST(HfDecoder, Gpt2UntiedHeadMatchesTorch)
{
    DecoderSpec s = tinyGpt2();
    s.untiedGpt2 = true;
    auto f = writeTinyDecoder(s, 13, "transformer.");
    Weights w = toTorch(f->tensors);
    expectMatchesReference(s, f->path(), w, 1e-4f);
    s.untiedGpt2 = false;
    const std::vector<int> ids = tinyDecoderIds(s, 13, 3);
    EXPECT_GT(maxDiff(openNetwork(f->path())->forward(ids, Capture{}).logits, reference(s, w, ids).logits[12]), 0.1f);
}

TEST(HfDecoder, LlamaGroupedHeadsMatchTorch)
{
    for (const std::string prefix : {"model.", ""}) {
        const DecoderSpec s = tinyLlama();
        // LlamaForCausalLM files of older transformers carry each layer's inv_freq buffer: ignored.
        std::vector<DecoderTensor> extra{{prefix + "layers.0.self_attn.rotary_emb.inv_freq",
                                          {s.headDim() / 2},
                                          std::vector<float>(std::size_t(s.headDim() / 2), 1.0f)}};
        auto f = writeTinyDecoder(s, 21, prefix, DType::F32, {}, extra);
        Weights w = toTorch(f->tensors);
        SCOPED_TRACE("prefix '" + prefix + "'");
        expectMatchesReference(s, f->path(), w, 1e-4f);
    }
}

TEST(HfDecoder, LlamaAttentionBiasMatchesTorch)
{
    DecoderSpec s = tinyLlama();
    s.attentionBias = true; // q, k, v and o biases
    s.tie = true;
    auto f = writeTinyDecoder(s, 22, "model.");
    Weights w = toTorch(f->tensors);
    expectMatchesReference(s, f->path(), w, 1e-4f);
}

TEST(HfDecoder, MistralSlidingWindowMasksAndMatchesTorch)
{
    const DecoderSpec s = tinyMistral();
    auto f = writeTinyDecoder(s, 31, "model.");
    Weights w = toTorch(f->tensors);
    expectMatchesReference(s, f->path(), w, 1e-4f);
    // The window really masks: keys 3 or more positions back get nothing, and without the window they would.
    const std::unique_ptr<Network> net = openNetwork(f->path());
    const std::vector<int> ids = tinyDecoderIds(s, 10, 3);
    const ForwardResult got = net->forward(ids, Capture{});
    const std::size_t t = ids.size();
    for (std::size_t l = 0; l < std::size_t(s.layers); ++l) {
        for (std::size_t h = 0; h < std::size_t(s.heads); ++h) {
            for (std::size_t i = 0; i < t; ++i) {
                const float* row = got.attention.data() + ((l * s.heads + h) * t + i) * t;
                for (std::size_t j = 0; j < t; ++j) {
                    if (j > i || j + 3 <= i) {
                        EXPECT_EQ(row[j], 0.0f) << "layer " << l << " head " << h << " query " << i << " key " << j;
                    }
                }
                EXPECT_NEAR(std::accumulate(row, row + t, 0.0), 1.0, 1e-5);
            }
        }
    }
    DecoderSpec unwindowed = s;
    unwindowed.slidingWindow = 0;
    const Reference full = llamaReference(unwindowed, w, ids);
    EXPECT_GT(maxDiff(got.attention, full.attention), 0.05f);
}

TEST(HfDecoder, Qwen2BiasesAndTiedEmbeddingsMatchTorch)
{
    const DecoderSpec s = tinyQwen2();
    auto f = writeTinyDecoder(s, 41, "model.");
    Weights w = toTorch(f->tensors);
    expectMatchesReference(s, f->path(), w, 1e-4f);
    // The biases matter: without them the reference differs (so the engine did read them).
    Weights unbiased = w;
    for (auto it = unbiased.begin(); it != unbiased.end();) {
        it = it->first.find("_proj.bias") != std::string::npos ? unbiased.erase(it) : std::next(it);
    }
    const std::vector<int> ids = tinyDecoderIds(s, 13, 3);
    const ForwardResult got = openNetwork(f->path())->forward(ids, Capture{});
    EXPECT_GT(maxDiff(got.attention, llamaReference(s, unbiased, ids).attention), 1e-2f);
}

// Shards with model.safetensors.index.json, as the Hub stores larger models.
TEST(HfDecoder, ShardedFilesMatchTorch)
{
    for (const DecoderSpec& s : {tinyGpt2(), tinyQwen2()}) {
        SCOPED_TRACE(s.modelType);
        auto f = std::make_unique<DecoderFolder>();
        f->tensors = attn::test::decoderTensors(s, 42);
        attn::test::writeDecoderFolder(f->path(), s, f->tensors, decoderPrefix(s), DType::F32, {}, {}, /*shards=*/3);
        ASSERT_TRUE(QFile::exists(f->path() + QStringLiteral("/model.safetensors.index.json")));
        Weights w = toTorch(f->tensors);
        expectMatchesReference(s, f->path(), w, 1e-4f);
    }
}

// Settings that change the attention and that the engines do not compute: one line naming the key.
TEST(HfDecoder, UnsupportedAttentionVariantsAreRefused)
{
    const std::vector<std::pair<DecoderSpec, std::pair<QString, QJsonValue>>> cases = {
        {tinyGpt2(), {QStringLiteral("scale_attn_by_inverse_layer_idx"), true}},
        {tinyGpt2(), {QStringLiteral("scale_attn_weights"), false}},
        {tinyQwen2(), {QStringLiteral("use_sliding_window"), true}},
    };
    for (const auto& [spec, setting] : cases) {
        auto f = writeTinyDecoder(spec, 43, decoderPrefix(spec));
        QJsonObject config = attn::test::decoderConfig(spec);
        config[setting.first] = setting.second;
        attn::test::writeDecoderJson(f->path() + QStringLiteral("/config.json"), config);
        try {
            openNetwork(f->path());
            ADD_FAILURE() << setting.first.toStdString() << " was accepted";
        } catch (const ModelError& e) {
            EXPECT_NE(std::string(e.what()).find(setting.first.toStdString()), std::string::npos) << e.what();
        }
    }
}

TEST(HfDecoder, KeptLayersOnly)
{
    const DecoderSpec s = tinyLlama();
    auto f = writeTinyDecoder(s, 23, "model.");
    Weights w = toTorch(f->tensors);
    const std::vector<int> ids = tinyDecoderIds(s, 9, 5);
    Capture capture;
    capture.layers = {2, 0};
    const ForwardResult got = openNetwork(f->path())->forward(ids, capture);
    EXPECT_EQ(got.keptLayers, (std::vector<int>{0, 2}));
    EXPECT_TRUE(got.hidden.empty());
    const Reference want = llamaReference(s, w, ids);
    EXPECT_LT(maxDiff(got.attention, torch::stack({want.attention[0], want.attention[2]})), 1e-4f);
    capture.attention = false;
    EXPECT_TRUE(openNetwork(f->path())->forward(ids, capture).attention.empty());
    capture.attention = true;
    capture.layers = {3};
    EXPECT_THROW(openNetwork(f->path())->forward(ids, capture), ModelError);
}

// A prompt at once, then one token a step: the same attention rows as the whole-sequence forward and the same
// logits as the reference at every position.
// Run twice: the prompt in one pass, and in chunks of rows (the scratch limit a long prompt meets, lowered).
TEST(HfDecoder, CachedStepsMatchTheWholeSequence)
{
    for (const std::size_t scratch : {std::size_t(0), std::size_t(100)}) {
        for (const DecoderSpec& s : {tinyGpt2(), tinyLlama(), tinyMistral(), tinyQwen2()}) {
            SCOPED_TRACE(s.modelType + (scratch ? " in chunks" : ""));
            setPromptScratchFloats(scratch);
            auto f = writeTinyDecoder(s, 51, decoderPrefix(s));
            Weights w = toTorch(f->tensors);
            const std::unique_ptr<Network> net = openNetwork(f->path());
            auto* decoder = dynamic_cast<DecoderNetwork*>(net.get());
            ASSERT_NE(decoder, nullptr);
            const int total = 12, prompt = 5; // 100 floats: 4 * 3 * 5 keys = 60 a row, one row a chunk
            const std::vector<int> ids = tinyDecoderIds(s, total, 7);
            const ForwardResult whole = net->forward(ids, Capture{});
            const Reference want = reference(s, w, ids);
            const std::size_t layers = std::size_t(s.layers), heads = std::size_t(s.heads), t = std::size_t(total);

            std::unique_ptr<DecoderState> state = decoder->begin(total);
            EXPECT_EQ(state->maxPositions(), total);
            std::vector<float> attention;
            int position = 0;
            while (position < total) {
                const int n = position == 0 ? prompt : 1;
                const std::vector<int> chunk(ids.begin() + position, ids.begin() + position + n);
                const std::vector<float>& logits = state->step(chunk, &attention);
                EXPECT_EQ(state->position(), position + n);
                EXPECT_LT(maxDiff(logits, want.logits[position + n - 1]), 1e-4f) << "position " << position + n - 1;
                // attention: for each new position p, (layers, heads, p + 1)
                std::size_t offset = 0;
                for (int p = position; p < position + n; ++p) {
                    for (std::size_t lh = 0; lh < layers * heads; ++lh) {
                        const float* row = whole.attention.data() + (lh * t + std::size_t(p)) * t;
                        for (int j = 0; j <= p; ++j) {
                            ASSERT_NEAR(attention[offset + std::size_t(j)], row[j], 1e-5f)
                                << "position " << p << " layer/head " << lh << " key " << j;
                        }
                        offset += std::size_t(p) + 1;
                    }
                }
                EXPECT_EQ(offset, attention.size());
                position += n;
            }
            EXPECT_THROW(state->step({ids[0]}, nullptr), ModelError); // the cache is full
        }
    }
    setPromptScratchFloats(0);
}

// F16 and BF16 files: the engine converts each weight to float32 once and computes in float32, so against a
// reference on the same rounded weights the only differences are float32 summation order, as for F32 files (1e-4).
// Against the unrounded float32 weights the difference is the rounding itself: a relative 2^-11 (F16) or 2^-8
// (BF16) a weight, summed over 32 inputs, three layers and a softmax; 1e-2 / 5e-2 in the probabilities bound it
// with a margin and still fail for a wrongly decoded half (whose errors are of order 1).
TEST(HfDecoder, HalfPrecisionFiles)
{
    for (const DecoderSpec& s : {tinyGpt2(), tinyLlama()}) {
        for (const DType dtype : {DType::F16, DType::BF16}) {
            SCOPED_TRACE(s.modelType + " " + dtypeName(dtype));
            auto f = writeTinyDecoder(s, 61, decoderPrefix(s), dtype);
            Weights rounded = toTorch(f->tensors, dtype);
            expectMatchesReference(s, f->path(), rounded, 1e-4f);
            Weights exact = toTorch(f->tensors);
            const std::vector<int> ids = tinyDecoderIds(s, 13, 3);
            const ForwardResult got = openNetwork(f->path())->forward(ids, Capture{});
            const float bound = dtype == DType::F16 ? 1e-2f : 5e-2f;
            EXPECT_LT(maxDiff(got.attention, reference(s, exact, ids).attention), bound);
        }
    }
}

TEST(HfDecoder, WrongShapeIsNamed)
{
    DecoderSpec s = tinyGpt2();
    auto f = std::make_unique<DecoderFolder>();
    f->tensors = attn::test::decoderTensors(s, 71);
    for (DecoderTensor& t : f->tensors) {
        if (t.name == "h.1.mlp.c_fc.weight") {
            std::swap(t.shape[0], t.shape[1]); // stored as nn.Linear would: (out, in)
        }
    }
    attn::test::writeDecoderFolder(f->path(), s, f->tensors, "transformer.");
    try {
        openNetwork(f->path());
        FAIL() << "a transposed Conv1D weight opened";
    } catch (const ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("h.1.mlp.c_fc.weight"), std::string::npos) << e.what();
    }
    // A stored copy of the tied head with another shape is not silently ignored.
    auto g =
        writeTinyDecoder(s, 72, "transformer.", DType::F32, {},
                         {{"lm_head.weight", {s.vocab - 1, s.hidden}, std::vector<float>((s.vocab - 1) * s.hidden)}});
    try {
        openNetwork(g->path());
        FAIL() << "a tied head of the wrong shape opened";
    } catch (const ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("lm_head.weight"), std::string::npos) << e.what();
    }
}

TEST(HfDecoder, MissingAndUnexpectedTensorsAreNamed)
{
    const DecoderSpec s = tinyLlama();
    auto missing = writeTinyDecoder(s, 72, "model.", DType::F32, [](const std::string& name) {
        return name == "model.layers.1.self_attn.k_proj.weight" ? std::string() : name;
    });
    try {
        openNetwork(missing->path());
        FAIL() << "a model without k_proj opened";
    } catch (const ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("layers.1.self_attn.k_proj.weight"), std::string::npos) << e.what();
    }
    const std::vector<DecoderTensor> stray{{"model.layers.0.mlp.extra_proj.weight", {2, 2}, {1, 2, 3, 4}}};
    auto unexpected = writeTinyDecoder(s, 73, "model.", DType::F32, {}, stray);
    try {
        openNetwork(unexpected->path());
        FAIL() << "an unexpected tensor was not named";
    } catch (const ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("layers.0.mlp.extra_proj.weight"), std::string::npos) << e.what();
    }
    // Untied Llama without its head: named.
    auto headless = writeTinyDecoder(s, 74, "model.", DType::F32, [](const std::string& name) {
        return name == "lm_head.weight" ? std::string() : name;
    });
    try {
        openNetwork(headless->path());
        FAIL() << "an untied model without lm_head opened";
    } catch (const ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("lm_head.weight"), std::string::npos) << e.what();
    }
}

TEST(HfDecoder, BadIdsAndLengthsNameTheNumbers)
{
    for (const DecoderSpec& s : {tinyGpt2(), tinyQwen2()}) {
        SCOPED_TRACE(s.modelType);
        auto f = writeTinyDecoder(s, 81, decoderPrefix(s));
        const std::unique_ptr<Network> net = openNetwork(f->path());
        auto expectMessage = [](const std::function<void()>& run, const std::vector<std::string>& parts) {
            try {
                run();
                ADD_FAILURE() << "no error";
            } catch (const ModelError& e) {
                for (const std::string& part : parts) {
                    EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
                }
            }
        };
        const std::string vocab = std::to_string(s.vocab), positions = std::to_string(s.maxPositions);
        const std::string longer = std::to_string(s.maxPositions + 1);
        expectMessage([&] { net->forward(tinyDecoderIds(s, s.maxPositions + 1, 1), Capture{}); }, {longer, positions});
        expectMessage([&] { net->forward({1, s.vocab, 2}, Capture{}); }, {vocab, std::to_string(s.vocab)});
        expectMessage([&] { net->forward({-4}, Capture{}); }, {"-4", vocab});
        expectMessage([&] { net->forward({}, Capture{}); }, {"no token"});
        auto* decoder = dynamic_cast<DecoderNetwork*>(net.get());
        expectMessage([&] { decoder->begin(s.maxPositions + 1); }, {longer, positions});
        auto state = decoder->begin(4);
        expectMessage([&] { state->step(tinyDecoderIds(s, 5, 1), nullptr); }, {"5", "4"});
        expectMessage([&] { state->step({s.vocab + 3}, nullptr); }, {std::to_string(s.vocab + 3), vocab});
        EXPECT_EQ(state->position(), 0); // a refused step leaves the state as it was
        EXPECT_NO_THROW(state->step(tinyDecoderIds(s, 4, 1), nullptr));
    }
}

TEST(HfDecoder, CancelledBetweenLayers)
{
    const DecoderSpec s = tinyGpt2();
    auto f = writeTinyDecoder(s, 91, "");
    const std::unique_ptr<Network> net = openNetwork(f->path());
    CancelToken token;
    token.cancel();
    CancelScope scope(token);
    EXPECT_THROW(net->forward(tinyDecoderIds(s, 5, 1), Capture{}), Cancelled);
}
