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

// Narrow keys: a cell's attention key depends only on the cell's own pixels (key field 4) or on its 9 px field
// (rows and columns 4j - 4 .. 4j + 4 for cell j with the 3 x 3 kernels), while its values still see 17 px.
TEST(CaptionWiring, NarrowKeysSeeOnlyTheCellsOwnPixels)
{
    const auto pixelsReached = [](int keyField, bool fromKeys) {
        torch::manual_seed(7);
        CaptionConfig config = CaptionConfig::defaults();
        config.valueField = 17;
        config.keyField = keyField;
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
    const auto window = [](int64_t lo, int64_t hi) { return std::make_pair(std::make_pair(lo, hi), std::make_pair(lo, hi)); };
    EXPECT_EQ(pixelsReached(4, true), window(32, 35)); // the 4 x 4 pixels the overlay draws the cell over
    EXPECT_EQ(pixelsReached(9, true), window(28, 36));
    EXPECT_EQ(pixelsReached(9, false), window(24, 40));  // the values are still 17 px wide
    EXPECT_EQ(pixelsReached(17, true), window(24, 40)); // keys as wide as the values (the previous model)
}

// Attention dropout is a training-time noise on the read only: at inference the captioner is the same function
// with or without it, the maps stay distributions, and in training it makes the words noisier.
TEST(CaptionWiring, AttentionDropoutOnlyShakesTheTrainingRead)
{
    torch::manual_seed(11);
    CaptionConfig config = CaptionConfig::defaults();
    config.valueField = 17;
    config.keyField = 17;
    config.whereGradient = false;
    config.outputSeesWhere = false;
    CaptionNet net(config);
    {
        // Sharper scores than at initialisation, so the maps lean on a few cells as a trained model's do.
        torch::NoGradGuard noGrad;
        net->fullAtt->weight.mul_(50.0);
    }
    // Cells that hold clearly different things, so which cells are read shows in the words' scores.
    const int64_t cells = int64_t(config.gridSize) * config.gridSize;
    const auto feats = 5.0 * torch::randn({4, cells, config.channels + 2});
    const auto proj = 3.0 * torch::randn({4, cells, config.attention});
    const auto prev = torch::tensor({1, 5, 6, 11}, torch::kLong);
    const auto run = [&](double dropout) {
        net->attentionDropout = dropout;
        torch::NoGradGuard noGrad;
        auto h = net->h0.expand({4, -1}).contiguous();
        auto c = net->c0.expand({4, -1}).contiguous();
        return net->step(feats, proj, prev, h, c);
    };
    net->eval();
    const CaptionStep plain = run(0.0);
    const CaptionStep dropped = run(0.5);
    EXPECT_TRUE(torch::equal(plain.logits, dropped.logits));
    EXPECT_TRUE(torch::equal(plain.alpha, dropped.alpha));

    net->train();
    const auto spread = [&](double dropout) {
        std::vector<torch::Tensor> logits;
        for (int i = 0; i < 20; ++i) {
            const CaptionStep st = run(dropout);
            EXPECT_LT((st.alpha.sum(1) - 1.0).abs().max().item<double>(), 1e-5);
            logits.push_back(st.logits);
        }
        return torch::stack(logits).var(0).mean().item<double>();
    };
    const double withoutDropout = spread(0.0); // only the deep output's own dropout
    EXPECT_GT(spread(0.5), 2.0 * withoutDropout);
}

// Colour from the cell: the wide values see chroma only, so recolouring the image (any permutation of R, G, B
// keeps greys grey and turns red into blue or green) leaves them exactly as they were, while the cell's own
// colour features, which the keys and the rest of the values are made of, change. Without the design the wide
// values change too.
TEST(CaptionWiring, ColourFromCellKeepsTheWideValuesColourBlind)
{
    const auto change = [](bool colourFromCell) {
        torch::manual_seed(13);
        CaptionConfig config = CaptionConfig::defaults();
        config.valueField = 25;
        config.keyField = 4;
        config.colourFromCell = colourFromCell;
        CaptionNet net(config);
        torch::NoGradGuard noGrad;
        auto images = torch::full({1, 3, config.imageSize, config.imageSize}, 0.4);
        images.slice(2, 20, 34).slice(3, 24, 40).select(1, 0).fill_(0.9); // a red square on grey
        images.slice(2, 20, 34).slice(3, 24, 40).select(1, 1).fill_(0.15);
        images.slice(2, 20, 34).slice(3, 24, 40).select(1, 2).fill_(0.12);
        const auto recoloured = images.index_select(1, torch::tensor({2, 0, 1}, torch::kLong)); // now green
        const CaptionEncoding a = net->encode(images), b = net->encode(recoloured);
        const int64_t c = config.channels;
        const auto diff = [](const torch::Tensor& x, const torch::Tensor& y) {
            return (x - y).abs().max().item<double>();
        };
        const double wide = diff(a.feats.slice(2, 0, c), b.feats.slice(2, 0, c));
        // The cell's own colour features (present only with the design) and the keys.
        const int64_t d = a.feats.size(2) - 2;
        const double own = (d > c ? diff(a.feats.slice(2, c, d), b.feats.slice(2, c, d)) : 0.0) + diff(a.proj, b.proj);
        return std::make_pair(wide, own);
    };
    const auto [wide, own] = change(true);
    EXPECT_EQ(wide, 0.0);
    EXPECT_GT(own, 1e-3);
    EXPECT_GT(change(false).first, 1e-3); // without the design the wide values do see the colour
}
