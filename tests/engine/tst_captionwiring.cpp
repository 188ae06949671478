// The captioner's decoder wiring: which paths carry gradient back to the attention weights. A word may only
// pull attention towards the cells whose contents name it; the LSTM's "where" input and the deep output must
// not let attention encode a word in where it looks (the side channel found in the first shipped model).
#include "engine/caption/captionnet.h"

#include <gtest/gtest.h>

using namespace attn;

namespace {

struct Probe
{
    CaptionNet net{nullptr};
    torch::Tensor feats, proj; // leaf copies of the encoding, so gradients can be read
    CaptionStep step;
};

Probe runStep(bool whereGradient, bool outputSeesWhere)
{
    torch::manual_seed(5);
    CaptionConfig config = CaptionConfig::defaults();
    config.valueField = 17;
    config.whereGradient = whereGradient;
    config.outputSeesWhere = outputSeesWhere;
    Probe p;
    p.net = CaptionNet(config);
    const auto images = torch::rand({2, 3, config.imageSize, config.imageSize});
    const CaptionEncoding enc = p.net->encode(images);
    p.feats = enc.feats.detach().requires_grad_(true);
    p.proj = enc.proj.detach().requires_grad_(true);
    const auto prev = torch::tensor({1, 1}, torch::kLong);
    auto h = p.net->h0.expand({2, -1}).contiguous();
    auto c = p.net->c0.expand({2, -1}).contiguous();
    p.step = p.net->step(p.feats, p.proj, prev, h, c);
    return p;
}

// Gradient reaching the attention scores (through proj) from a loss on the new LSTM state alone.
double gradientThroughState(bool whereGradient)
{
    Probe p = runStep(whereGradient, false);
    p.step.h.sum().backward();
    return p.proj.grad().defined() ? p.proj.grad().abs().sum().item<double>() : 0.0;
}

} // namespace

TEST(CaptionWiring, TheLstmsWhereInputCarriesNoGradientToAttention)
{
    EXPECT_EQ(gradientThroughState(false), 0.0);
    // The same probe sees the channel when it is open (the first shipped model's wiring).
    EXPECT_GT(gradientThroughState(true), 0.0);
}

// With nothing in the cells (all feature channels zero, only their coordinates left), a word's score cannot
// depend on where attention looks, so the attention scores get no gradient from it.
TEST(CaptionWiring, AWordPullsAttentionOnlyThroughWhatTheCellsHold)
{
    const auto gradientFromWord = [](bool outputSeesWhere) {
        Probe p = runStep(false, outputSeesWhere);
        const int64_t channels = p.feats.size(2) - 2;
        auto empty = p.feats.detach().clone();
        empty.slice(2, 0, channels).zero_();
        empty.requires_grad_(true);
        auto proj = p.proj.detach().clone().requires_grad_(true);
        auto h = p.net->h0.expand({2, -1}).contiguous();
        auto c = p.net->c0.expand({2, -1}).contiguous();
        const CaptionStep st = p.net->step(empty, proj, torch::tensor({1, 1}, torch::kLong), h, c);
        st.logits.select(1, 3).sum().backward(); // the score of one word
        return proj.grad().defined() ? proj.grad().abs().sum().item<double>() : 0.0;
    };
    EXPECT_EQ(gradientFromWord(false), 0.0);
    // The first shipped model's deep output also read the attended coordinates: there a word could.
    EXPECT_GT(gradientFromWord(true), 0.0);
}
