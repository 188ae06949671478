// The Transformer's pieces: attention against torch::nn::MultiheadAttention, masks, capture shapes, decoding,
// weights saved and loaded through safetensors.
#include "engine/corpus/vocabulary.h"
#include "engine/textmodel.h"
#include "engine/transformer/transformer_torch.h"

#include <fstream>
#include <gtest/gtest.h>
#include <torch/torch.h>

using namespace attn;

namespace {

TransformerConfig smallConfig()
{
    TransformerConfig c;
    c.dModel = 16;
    c.heads = 4;
    c.encoderLayers = 2;
    c.decoderLayers = 2;
    c.dFF = 32;
    c.sourceVocab = 20;
    c.targetVocab = 24;
    c.maxSourceLength = 12;
    c.maxTargetLength = 10;
    c.dropout = 0.0;
    return c;
}

// torch's MultiheadAttention with our module's weights; inputs (B, T, d) batch-first -> (T, B, d) for torch
std::pair<torch::Tensor, torch::Tensor> reference(MultiHeadAttention& ours, const torch::Tensor& q,
                                                  const torch::Tensor& kv, const torch::Tensor& padding,
                                                  const torch::Tensor& attnMask)
{
    torch::nn::MultiheadAttention mha(torch::nn::MultiheadAttentionOptions(ours->dModel, ours->heads));
    {
        const torch::NoGradGuard noGrad;
        mha->in_proj_weight.copy_(ours->in_proj_weight);
        mha->in_proj_bias.copy_(ours->in_proj_bias);
        mha->out_proj->weight.copy_(ours->out_proj->weight);
        mha->out_proj->bias.copy_(ours->out_proj->bias);
    }
    auto [out, weights] = mha->forward(q.transpose(0, 1), kv.transpose(0, 1), kv.transpose(0, 1), padding,
                                       /*need_weights=*/true, attnMask, /*average_attn_weights=*/false);
    return {out.transpose(0, 1), weights};
}

} // namespace

TEST(Transformer, AttentionMatchesTorchMultiheadAttention)
{
    torch::manual_seed(3);
    MultiHeadAttention ours(/*dModel=*/16, /*heads=*/4);
    {
        const torch::NoGradGuard noGrad;
        ours->in_proj_bias.normal_(); // non-zero biases, so a swapped bias would show
        ours->out_proj->bias.normal_();
    }
    const auto q = torch::randn({3, 5, 16});  // (B, Tq, d)
    const auto kv = torch::randn({3, 7, 16}); // (B, Tk, d)
    auto padding = torch::zeros({3, 7}, torch::kBool);
    padding[1][6] = true;
    padding[2][4] = true;
    padding[2][5] = true;
    padding[2][6] = true;
    const auto [out, w] = ours(q, kv, kv, padding, /*causal=*/false);
    const auto [refOut, refW] = reference(ours, q, kv, padding, torch::Tensor());
    EXPECT_EQ(w.sizes(), (std::vector<int64_t>{3, 4, 5, 7}));
    EXPECT_TRUE(torch::allclose(out, refOut, /*rtol=*/1e-4, /*atol=*/1e-5)) << (out - refOut).abs().max();
    EXPECT_TRUE(torch::allclose(w, refW, 1e-4, 1e-6)) << (w - refW).abs().max();
    EXPECT_EQ(w[2].narrow(-1, 4, 3).abs().max().item<float>(), 0.0f); // padded keys get no weight

    // Causal self attention against torch with a float mask of -inf above the diagonal.
    const auto x = torch::randn({2, 6, 16});
    const auto [cOut, cW] = ours(x, x, x, torch::Tensor(), /*causal=*/true);
    const auto mask = torch::full({6, 6}, -std::numeric_limits<float>::infinity()).triu(1);
    const auto [rOut, rW] = reference(ours, x, x, torch::Tensor(), mask);
    EXPECT_TRUE(torch::allclose(cOut, rOut, 1e-4, 1e-5));
    EXPECT_TRUE(torch::allclose(cW, rW, 1e-4, 1e-6));
    EXPECT_EQ(cW.triu(1).abs().max().item<float>(), 0.0f);
}

TEST(Transformer, CapturesEveryMapWithRowsSummingToOne)
{
    torch::manual_seed(4);
    Seq2SeqTransformer model(smallConfig());
    model->eval();
    const auto src = torch::tensor({5, 6, 7, 8, 9}, torch::kLong).unsqueeze(0); // (1, S)
    AttentionCapture capture;
    const auto ids = model->greedy(src, /*maxLength=*/6, &capture).front();
    ASSERT_EQ(capture.encoderSelf.size(), 2u);
    ASSERT_EQ(capture.encoderSelf[0].sizes(), (std::vector<int64_t>{1, 4, 5, 5}));
    if (!ids.empty()) {
        const auto T = int64_t(ids.size());
        ASSERT_EQ(capture.decoderSelf.size(), 2u);
        EXPECT_EQ(capture.decoderSelf[1].sizes(), (std::vector<int64_t>{1, 4, T, T}));
        EXPECT_EQ(capture.cross[1].sizes(), (std::vector<int64_t>{1, 4, T, 5}));
    }
    for (const auto* list : {&capture.encoderSelf, &capture.decoderSelf, &capture.cross}) {
        for (const auto& t : *list) {
            EXPECT_LT((t.sum(-1) - 1).abs().max().item<double>(), 1e-5);
        }
    }
}

TEST(Transformer, BeamOfOneIsGreedyAndBatchingChangesNothing)
{
    torch::manual_seed(5);
    Seq2SeqTransformer model(smallConfig());
    model->eval();
    const auto a = torch::tensor({5, 6, 7, 8, 9}, torch::kLong).unsqueeze(0);
    const auto b = torch::tensor(std::vector<int64_t>{10, 11, 12, Vocabulary::kPad, Vocabulary::kPad}).unsqueeze(0);
    const auto batch = model->greedy(torch::cat({a, b}, 0), 8);
    EXPECT_EQ(batch[0], model->greedy(a, 8).front());
    EXPECT_EQ(batch[1], model->greedy(b.narrow(1, 0, 3), 8).front()); // padding is invisible
    EXPECT_EQ(model->beam(a, /*beamSize=*/1, 8), model->greedy(a, 8).front());
    const auto wide = model->beam(a, /*beamSize=*/4, 8);
    EXPECT_LE(wide.size(), 8u);

    // Greedy keeps the maps of its last step; beam captures with a separate teacher-forced pass. Same maps.
    AttentionCapture fromGreedy, fromPass;
    const auto ids = model->greedy(a, 8, &fromGreedy).front();
    model->beam(a, 1, 8, &fromPass);
    ASSERT_EQ(fromGreedy.decoderSelf.size(), fromPass.decoderSelf.size());
    for (std::size_t l = 0; l < fromPass.decoderSelf.size(); ++l) {
        EXPECT_TRUE(torch::allclose(fromGreedy.decoderSelf[l], fromPass.decoderSelf[l], 1e-5, 1e-6));
        EXPECT_TRUE(torch::allclose(fromGreedy.cross[l], fromPass.cross[l], 1e-5, 1e-6));
        EXPECT_TRUE(torch::allclose(fromGreedy.encoderSelf[l], fromPass.encoderSelf[l]));
    }
    EXPECT_EQ(fromGreedy.decoderSelf.empty(), ids.empty());
}

TEST(Transformer, WeightsRoundTripThroughSafetensors)
{
    torch::manual_seed(6);
    Seq2SeqTransformer a(smallConfig());
    const std::string path = testing::TempDir() + "/tiny.safetensors";
    saveTransformer(a, path);
    torch::manual_seed(7);
    Seq2SeqTransformer b(smallConfig());
    loadTransformer(b, path);
    a->eval();
    b->eval();
    const auto src = torch::tensor({5, 6, 7}, torch::kLong).unsqueeze(0);
    const torch::NoGradGuard noGrad;
    EXPECT_TRUE(torch::equal(a->encode(src), b->encode(src)));

    TransformerConfig other = smallConfig();
    other.dFF = 48; // the file's ff1 / ff2 no longer fit
    Seq2SeqTransformer c(other);
    try {
        loadTransformer(c, path);
        FAIL() << "a model of other sizes loaded";
    } catch (const ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("ff1"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    }
    EXPECT_THROW(loadTransformer(c, path + ".missing"), ModelError);
}
