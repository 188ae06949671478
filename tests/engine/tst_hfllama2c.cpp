// The Hugging Face Llama engine (issue 16) on trained weights, against an engine written independently: the llama2.c
// one (src/engine/llama2). No LibTorch here.
#include "engine/hf/hfnetwork.h"
#include "engine/llama2/llama2checkpoint.h"
#include "engine/llama2/llama2transformer.h"
#include "hfdecodertestmodel.h"
#include "llama2testfiles.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <memory>

using namespace attn;
using namespace attn::hf;
using attn::test::DecoderSpec;
using attn::test::DecoderTensor;

// Trained weights, and a second engine written independently: stories260K (llama2.c, ../shared/data/tinystories)
// converted to a Hugging Face Llama folder as transformers' conversion script does (q and k rows permuted from the
// interleaved rotary layout to the half-split one), then run by both engines a token at a time: the same logits and
// attention at every position.
TEST(HfLlama2c, LlamaMatchesTheLlama2cEngineOnStories260K)
{
    const QString path = attn::test::tinyStoriesFile("stories260K.bin");
    ASSERT_TRUE(QFileInfo::exists(path)) << "TinyStories data not found: " << path.toStdString()
                                         << " (scripts/setup.sh names its source)";
    const auto ckpt = std::make_shared<const Llama2Checkpoint>(Llama2Checkpoint::read(path));
    const Llama2Config& c = ckpt->config();
    DecoderSpec s;
    s.modelType = "llama";
    s.hidden = c.dim;
    s.layers = c.layers;
    s.heads = c.heads;
    s.kvHeads = c.kvHeads;
    s.inner = c.hiddenDim;
    s.vocab = c.vocabSize;
    s.maxPositions = c.seqLen;
    s.eps = 1e-5; // llama2.c's rmsnorm
    s.ropeTheta = 10000;
    s.tie = c.sharedClassifier;

    const std::int64_t d = c.dim, hd = c.headSize();
    auto copy = [](const float* data, std::int64_t n) { return std::vector<float>(data, data + n); };
    // Row (head, j, i) of the half-split layout is row (head, i, j) of the interleaved one.
    auto unrotate = [&](const float* w, int heads) {
        std::vector<float> out(std::size_t(heads * hd * d));
        for (std::int64_t h = 0; h < heads; ++h) {
            for (std::int64_t j = 0; j < 2; ++j) {
                for (std::int64_t i = 0; i < hd / 2; ++i) {
                    std::copy_n(w + (h * hd + 2 * i + j) * d, d, out.begin() + (h * hd + j * hd / 2 + i) * d);
                }
            }
        }
        return out;
    };
    std::vector<DecoderTensor> tensors{
        {"embed_tokens.weight", {s.vocab, d}, copy(ckpt->tokenEmbedding(), s.vocab * d)}};
    const std::int64_t kv = std::int64_t(c.kvDim()), inner = c.hiddenDim;
    for (int l = 0; l < c.layers; ++l) {
        const std::string p = "layers." + std::to_string(l) + '.';
        tensors.push_back({p + "input_layernorm.weight", {d}, copy(ckpt->rmsAttention(l), d)});
        tensors.push_back({p + "self_attn.q_proj.weight", {d, d}, unrotate(ckpt->wq(l), c.heads)});
        tensors.push_back({p + "self_attn.k_proj.weight", {kv, d}, unrotate(ckpt->wk(l), c.kvHeads)});
        tensors.push_back({p + "self_attn.v_proj.weight", {kv, d}, copy(ckpt->wv(l), kv * d)});
        tensors.push_back({p + "self_attn.o_proj.weight", {d, d}, copy(ckpt->wo(l), d * d)});
        tensors.push_back({p + "post_attention_layernorm.weight", {d}, copy(ckpt->rmsFfn(l), d)});
        tensors.push_back({p + "mlp.gate_proj.weight", {inner, d}, copy(ckpt->w1(l), inner * d)});
        tensors.push_back({p + "mlp.up_proj.weight", {inner, d}, copy(ckpt->w3(l), inner * d)});
        tensors.push_back({p + "mlp.down_proj.weight", {d, inner}, copy(ckpt->w2(l), d * inner)});
    }
    tensors.push_back({"norm.weight", {d}, copy(ckpt->rmsFinal(), d)});
    if (!s.tie) {
        tensors.push_back({"lm_head.weight", {s.vocab, d}, copy(ckpt->classifier(), s.vocab * d)});
    }
    QTemporaryDir dir;
    attn::test::writeDecoderFolder(dir.path(), s, tensors, "model.");
    const std::unique_ptr<Network> net = openNetwork(dir.path());
    auto* decoder = dynamic_cast<DecoderNetwork*>(net.get());
    ASSERT_NE(decoder, nullptr);

    const int count = 40;
    Llama2Transformer llama2c(ckpt, count);
    std::unique_ptr<DecoderState> state = decoder->begin(count);
    std::vector<float> ours, theirs(std::size_t(c.layers) * c.heads * count);
    float worstLogit = 0, worstWeight = 0;
    for (int pos = 0; pos < count; ++pos) {
        const int token = (pos * 37 + 1) % c.vocabSize;
        const float* want = llama2c.forward(token, pos, theirs.data());
        const std::vector<float>& got = state->step({token}, &ours);
        for (int v = 0; v < c.vocabSize; ++v) {
            worstLogit = std::max(worstLogit, std::abs(got[std::size_t(v)] - want[v]));
        }
        ASSERT_EQ(ours.size(), std::size_t(c.layers) * c.heads * (pos + 1));
        for (std::size_t i = 0; i < ours.size(); ++i) {
            worstWeight = std::max(worstWeight, std::abs(ours[i] - theirs[i]));
        }
    }
    // float32 summation order and the rotary angles' rounding (both compute them in float) leave about 1e-5.
    EXPECT_LT(worstLogit, 1e-4f);
    EXPECT_LT(worstWeight, 1e-4f);
}
