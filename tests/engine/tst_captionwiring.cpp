// The captioner's decoder wiring: which paths carry gradient back to the attention weights. A word may only
// pull attention towards the cells whose contents name it; the LSTM's "where" input and the deep output must
// not let attention encode a word in where it looks (the side channel found in the first shipped model).
#include "engine/caption/captionnet_torch.h"

#include <gtest/gtest.h>

using namespace attn;

namespace {

struct Probe
{
    CaptionNet net{nullptr};
    torch::Tensor feats, proj; // leaf copies of the encoding, so gradients can be read
    CaptionStep step;
};

Probe runStep()
{
    torch::manual_seed(5);
    const CaptionConfig config = CaptionConfig::defaults();
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

double gradientSum(const torch::Tensor& leaf)
{
    return leaf.grad().defined() ? leaf.grad().abs().sum().item<double>() : 0.0;
}

} // namespace

// A loss on the new LSTM state alone: its "where" input (the mean cell coordinates under alpha) reaches the
// cells' coordinates, but no gradient reaches the attention scores (through proj).
TEST(CaptionWiring, TheLstmsWhereInputCarriesNoGradientToAttention)
{
    Probe p = runStep();
    p.step.h.sum().backward();
    EXPECT_EQ(gradientSum(p.proj), 0.0);
    const int64_t channels = p.feats.size(2) - 2;
    EXPECT_GT(p.feats.grad().slice(2, channels).abs().sum().item<double>(), 0.0); // the probe does see gradient
}

// With nothing in the cells (all feature channels zero, only their coordinates left), a word's score cannot
// depend on where attention looks, so the attention scores get no gradient from it; with the cells' contents
// they do.
TEST(CaptionWiring, AWordPullsAttentionOnlyThroughWhatTheCellsHold)
{
    const auto gradientFromWord = [](bool emptyCells) {
        Probe p = runStep();
        const int64_t channels = p.feats.size(2) - 2;
        auto feats = p.feats.detach().clone();
        if (emptyCells) {
            feats.slice(2, 0, channels).zero_();
        }
        auto proj = p.proj.detach().clone().requires_grad_(true);
        auto h = p.net->h0.expand({2, -1}).contiguous();
        auto c = p.net->c0.expand({2, -1}).contiguous();
        const CaptionStep st = p.net->step(feats, proj, torch::tensor({1, 1}, torch::kLong), h, c);
        st.logits.select(1, 3).sum().backward(); // the score of one word
        return gradientSum(proj);
    };
    EXPECT_EQ(gradientFromWord(true), 0.0);
    EXPECT_GT(gradientFromWord(false), 0.0);
}

// The keys of a cell depend only on the cell's own 4 x 4 pixels (the ones the overlay draws it over), while its
// values see 25 px (rows and columns 4j - 12 .. 4j + 12 for cell j with five 3 x 3 convolutions).
TEST(CaptionWiring, KeysSeeOnlyTheCellsOwnPixels)
{
    const auto pixelsReached = [](bool fromKeys) {
        torch::manual_seed(7);
        const CaptionConfig config = CaptionConfig::defaults();
        CaptionNet net(config);
        auto images = torch::rand({1, 3, config.imageSize, config.imageSize}).requires_grad_(true);
        const CaptionEncoding enc = net->encode(images);
        const int64_t cell = 8 * config.gridSize + 8; // row 8, column 8
        (fromKeys ? enc.proj : enc.feats).select(1, cell).abs().sum().backward();
        const auto reached = images.grad().abs().sum(1).squeeze(0) > 0; // (S, S)
        const auto rows = reached.any(1), cols = reached.any(0);
        const auto nonZero = [](const torch::Tensor& t) { return t.nonzero().squeeze(1); };
        return std::make_pair(std::make_pair(nonZero(rows).min().item<int64_t>(), nonZero(rows).max().item<int64_t>()),
                              std::make_pair(nonZero(cols).min().item<int64_t>(), nonZero(cols).max().item<int64_t>()));
    };
    const auto window = [](int64_t lo, int64_t hi) {
        return std::make_pair(std::make_pair(lo, hi), std::make_pair(lo, hi));
    };
    EXPECT_EQ(pixelsReached(true), window(32, 35));
    EXPECT_EQ(pixelsReached(false), window(20, 44));
}

// Colour from the cell: the wide values see chroma only, so recolouring the image (any permutation of R, G, B
// keeps greys grey and turns red into blue or green) leaves them exactly as they were, while the cell's own
// colour features, which the keys and the rest of the values are made of, change.
TEST(CaptionWiring, TheWideValuesAreColourBlind)
{
    torch::manual_seed(13);
    const CaptionConfig config = CaptionConfig::defaults();
    CaptionNet net(config);
    torch::NoGradGuard noGrad;
    auto images = torch::full({1, 3, config.imageSize, config.imageSize}, 0.4);
    images.slice(2, 20, 34).slice(3, 24, 40).select(1, 0).fill_(0.9); // a red square on grey
    images.slice(2, 20, 34).slice(3, 24, 40).select(1, 1).fill_(0.15);
    images.slice(2, 20, 34).slice(3, 24, 40).select(1, 2).fill_(0.12);
    const auto recoloured = images.index_select(1, torch::tensor({2, 0, 1}, torch::kLong)); // now green
    const CaptionEncoding a = net->encode(images), b = net->encode(recoloured);
    const int64_t c = config.channels;
    const auto diff = [](const torch::Tensor& x, const torch::Tensor& y) { return (x - y).abs().max().item<double>(); };
    EXPECT_EQ(diff(a.feats.slice(2, 0, c), b.feats.slice(2, 0, c)), 0.0);
    EXPECT_GT(diff(a.feats.slice(2, c, 2 * c), b.feats.slice(2, c, 2 * c)), 1e-3); // the cell's own colour
    EXPECT_GT(diff(a.proj, b.proj), 1e-3);
    // Moving the square does change the wide values: they are blind to colour only.
    const auto moved = images.roll({6}, {3});
    EXPECT_GT(diff(net->encode(moved).feats.slice(2, 0, c), a.feats.slice(2, 0, c)), 1e-3);
}
