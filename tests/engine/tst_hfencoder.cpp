// The encoder engine (hfencoder.cpp) against a second implementation in LibTorch written here from transformers'
// modeling_bert / modeling_roberta / modeling_distilbert: tiny random models written in the Hub's layout, opened
// through openNetwork(dir), every layer's attention and hidden state compared.
#include "core/canceltoken.h"
#include "engine/hf/hfnetwork.h"
#include "engine/textmodel.h"
#include "errorof.h"
#include "hfencodertestmodel.h"
#include "hftestmodel.h"

#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <limits>
#include <map>
#include <string>
#include <torch/torch.h>

using namespace attn;
using namespace attn::hf;
using attn::test::EncoderSpec;
using attn::test::errorOf;

namespace {

using Tensors = std::map<std::string, torch::Tensor>;

// The values the file holds (rounded to its dtype), under transformers' current names (gamma/beta read as
// weight/bias, as transformers' loader renames them).
Tensors toTorch(const hftest::TestModel& model)
{
    Tensors out;
    for (const hftest::TestTensor& t : model.tensors()) {
        std::string name = t.name;
        const auto rename = [&](const std::string& from, const std::string& to) {
            if (name.size() > from.size() && name.compare(name.size() - from.size(), from.size(), from) == 0) {
                name = name.substr(0, name.size() - from.size()) + to;
            }
        };
        rename(".gamma", ".weight");
        rename(".beta", ".bias");
        out[name] = torch::tensor(model.values(t.name)).reshape(t.shape);
    }
    return out;
}

struct Reference
{
    torch::Tensor attention; // (layers, heads, T, T)
    torch::Tensor hidden;    // (layers + 1, T, hidden)
};

// transformers' encoders in eval mode, from its modeling files: no code shared with the engine.
Reference referenceForward(const EncoderSpec& s, const Tensors& w, const std::vector<int>& ids)
{
    torch::NoGradGuard noGrad;
    const bool distil = s.modelType == "distilbert";
    const auto T = std::int64_t(ids.size());
    const torch::Tensor input = torch::tensor(std::vector<std::int64_t>(ids.begin(), ids.end()));
    torch::Tensor positions = torch::arange(T);
    if (s.modelType == "roberta") {
        // create_position_ids_from_input_ids
        const torch::Tensor mask = input.ne(s.padTokenId).to(torch::kInt64);
        positions = torch::cumsum(mask, 0) * mask + s.padTokenId;
    }
    auto ln = [&](const torch::Tensor& x, const std::string& name) {
        return torch::layer_norm(x, {s.hidden}, w.at(name + ".weight"), w.at(name + ".bias"), s.eps);
    };
    auto lin = [&](const torch::Tensor& x, const std::string& name) {
        return torch::linear(x, w.at(name + ".weight"), w.at(name + ".bias"));
    };
    torch::Tensor x = w.at("embeddings.word_embeddings.weight").index_select(0, input) +
                      w.at("embeddings.position_embeddings.weight").index_select(0, positions);
    if (!distil) {
        x = x + w.at("embeddings.token_type_embeddings.weight")[0];
    }
    x = ln(x, "embeddings.LayerNorm");
    std::vector<torch::Tensor> attentions, hidden{x};
    const std::vector<std::string> n = test::encoderNames(s);
    const std::int64_t d = s.hidden / s.heads;
    for (int i = 0; i < s.layers; ++i) {
        const std::string p = (distil ? "transformer.layer." : "encoder.layer.") + std::to_string(i) + '.';
        auto heads = [&](const torch::Tensor& t) { return t.view({T, s.heads, d}).transpose(0, 1); }; // (H, T, d)
        const torch::Tensor q = heads(lin(x, p + n[0]));
        const torch::Tensor k = heads(lin(x, p + n[1]));
        const torch::Tensor v = heads(lin(x, p + n[2]));
        const torch::Tensor probs = torch::softmax(torch::matmul(q, k.transpose(1, 2)) / std::sqrt(double(d)), -1);
        attentions.push_back(probs);
        const torch::Tensor context = torch::matmul(probs, v).transpose(0, 1).reshape({T, s.hidden});
        const torch::Tensor a = ln(lin(context, p + n[3]) + x, p + n[4]);
        torch::Tensor inner = lin(a, p + n[5]);
        inner = s.act == "relu" ? torch::relu(inner) : torch::gelu(inner); // gelu: the exact (erf) form
        x = ln(lin(inner, p + n[6]) + a, p + n[7]);
        hidden.push_back(x);
    }
    return {torch::stack(attentions), torch::stack(hidden)};
}

double worstDifference(const std::vector<float>& ours, const torch::Tensor& expected)
{
    EXPECT_EQ(std::int64_t(ours.size()), expected.numel());
    const torch::Tensor mine = torch::tensor(ours).reshape(expected.sizes());
    return (mine - expected).abs().max().item<double>();
}

struct Case
{
    EncoderSpec spec;
    std::string prefix;
    DType dtype = DType::F32;
    std::vector<int> ids;
    int shards = 1;
    bool oldNormNames = false;
    QStringList droppedConfigKeys; // keys config.json leaves out (transformers' defaults apply)
};

// Writes the case's model (plus extra tensors the engine must ignore, stored under their own names), opens it
// through openNetwork, runs ids, and compares with the reference run on the values the file holds.
void expectAgreement(const Case& c, double tolerance, const std::vector<hftest::TestTensor>& extra = {})
{
    hftest::TestModel model = test::encoderModel(c.spec, 7, 0.2f, c.oldNormNames);
    model.prefix = c.prefix;
    model.dtype = c.dtype;
    model.shards = c.shards;
    for (const QString& key : c.droppedConfigKeys) {
        model.config.remove(key);
    }
    for (const hftest::TestTensor& t : extra) {
        model.add(t.name, t.shape, t.data, /*prefixed=*/false);
    }
    QTemporaryDir dir;
    model.write(dir.path());

    const std::unique_ptr<Network> network = openNetwork(dir.path());
    Capture capture;
    capture.hidden = true;
    const ForwardResult result = network->forward(c.ids, capture);
    const Reference expected = referenceForward(c.spec, toTorch(model), c.ids);

    SCOPED_TRACE(c.spec.modelType + " prefix '" + c.prefix + "' " + dtypeName(c.dtype));
    ASSERT_EQ(result.tokens, int(c.ids.size()));
    ASSERT_EQ(result.heads, c.spec.heads);
    ASSERT_EQ(result.keptLayers.size(), std::size_t(c.spec.layers));
    EXPECT_LT(worstDifference(result.attention, expected.attention), tolerance);
    EXPECT_LT(worstDifference(result.hidden, expected.hidden), tolerance);
    EXPECT_TRUE(result.logits.empty());
    // The attention is far from uniform (at least twice a uniform row's weight somewhere), so agreeing means
    // something.
    EXPECT_GT(expected.attention.max().item<double>(), 2.0 / double(c.ids.size()));
}

EncoderSpec roberta()
{
    EncoderSpec s;
    s.modelType = "roberta";
    s.typeVocab = 1;
    s.padTokenId = 1;
    s.maxPositions = 22; // 20 tokens at most
    s.eps = 1e-5;
    return s;
}

EncoderSpec distilbert()
{
    EncoderSpec s;
    s.modelType = "distilbert";
    s.layers = 3;
    return s;
}

const std::vector<int> kIds = {2, 17, 5, 33, 8, 49, 0, 12, 3};

hftest::TestTensor head(const std::string& name, int rows, int cols)
{
    return {name, {rows, cols}, std::vector<float>(std::size_t(rows) * cols, 0.5f)};
}

// A model folder written with the given prefix and changes.
QString write(QTemporaryDir& dir, hftest::TestModel model, const std::string& prefix)
{
    model.prefix = prefix;
    model.write(dir.path());
    return dir.path();
}

std::string openError(const QString& dir)
{
    return errorOf([&] { openNetwork(dir); });
}

std::string forwardError(const Network& network, const std::vector<int>& ids)
{
    return errorOf([&] { network.forward(ids, Capture{}); });
}

} // namespace

// F32 files: both sides compute in float32 from the same values, in another order: 1e-4 (the bound).
TEST(HfEncoder, BertWithPrefixAndPreTrainingHeadsAgreesWithTorch)
{
    expectAgreement(Case{EncoderSpec{}, "bert.", DType::F32, kIds}, 1e-4,
                    {head("cls.predictions.transform.dense.weight", 32, 32),
                     {"cls.predictions.bias", {50}, std::vector<float>(50, 0.0f)},
                     head("bert.pooler.dense.weight", 32, 32),
                     {"bert.embeddings.position_ids", {1, 40}, std::vector<float>(40, 0.0f)}});
}

TEST(HfEncoder, BertWithoutPrefixOldGammaBetaNamesAndShardsAgreesWithTorch)
{
    Case c{EncoderSpec{}, "", DType::F32, kIds};
    c.spec.act = "relu";
    c.oldNormNames = true;
    c.shards = 3;
    expectAgreement(c, 1e-4);
}

TEST(HfEncoder, RobertaPositionsStartAfterThePaddingIdAndSkipPadding)
{
    Case c{roberta(), "roberta.", DType::F32, {0, 17, 5, 1, 8, 49, 1, 12, 2}}; // 1 = <pad>, twice
    expectAgreement(c, 1e-4, {head("lm_head.dense.weight", 32, 32)});
    // 20 tokens is the most: positions 2..21 of 22 rows.
    c.ids.assign(20, 7);
    expectAgreement(c, 1e-4);
}

// transformers' defaults: BertConfig's type_vocab_size 2 (the stored rows are used), RobertaConfig's pad_token_id 1.
TEST(HfEncoder, ConfigsWithoutTypeVocabSizeOrPadTokenIdTakeTransformersDefaults)
{
    Case bert{EncoderSpec{}, "bert.", DType::F32, kIds};
    bert.droppedConfigKeys = {QStringLiteral("type_vocab_size")};
    expectAgreement(bert, 1e-4);
    Case r{roberta(), "roberta.", DType::F32, {0, 17, 5, 1, 8, 2}};
    r.droppedConfigKeys = {QStringLiteral("pad_token_id")};
    expectAgreement(r, 1e-4);
}

TEST(HfEncoder, DistilBertAgreesWithTorch)
{
    Case c{distilbert(), "distilbert.", DType::F32, kIds};
    expectAgreement(c, 1e-4, {head("vocab_transform.weight", 32, 32), head("pre_classifier.weight", 32, 32)});
    c.prefix = "";
    expectAgreement(c, 1e-4);
}

// F16 and BF16 files: the reference runs on the same rounded values in float32. Converting a half or bfloat16
// value to float32 is exact, so both sides start from identical float32 weights and differ only in the order of
// float32 accumulation, as for F32 files: the same 1e-4.
TEST(HfEncoder, HalfPrecisionFilesAgreeWithTorchOnTheRoundedWeights)
{
    expectAgreement(Case{EncoderSpec{}, "bert.", DType::F16, kIds}, 1e-4);
    expectAgreement(Case{EncoderSpec{}, "bert.", DType::BF16, kIds}, 1e-4);
    expectAgreement(Case{roberta(), "roberta.", DType::BF16, {0, 17, 5, 1, 8, 2}}, 1e-4);
    expectAgreement(Case{distilbert(), "distilbert.", DType::F16, kIds}, 1e-4);
}

TEST(HfEncoder, KeepsOnlyTheAskedLayersAttention)
{
    QTemporaryDir dir;
    const EncoderSpec s = distilbert();
    const auto network = openNetwork(write(dir, test::encoderModel(s, 3), "distilbert."));
    const ForwardResult all = network->forward(kIds, Capture{});
    Capture some;
    some.layers = {0, 2};
    const ForwardResult kept = network->forward(kIds, some);
    ASSERT_EQ(kept.keptLayers, (std::vector<int>{0, 2}));
    const long block = long(s.heads) * long(kIds.size() * kIds.size());
    ASSERT_EQ(long(kept.attention.size()), 2 * block);
    EXPECT_TRUE(std::equal(kept.attention.begin(), kept.attention.begin() + block, all.attention.begin()));
    EXPECT_TRUE(std::equal(kept.attention.begin() + block, kept.attention.end(), all.attention.begin() + 2 * block));
    EXPECT_TRUE(kept.hidden.empty());
    Capture none;
    none.attention = false;
    const ForwardResult nothing = network->forward(kIds, none);
    EXPECT_TRUE(nothing.attention.empty());
    EXPECT_TRUE(nothing.keptLayers.empty());
    some.layers = {3};
    EXPECT_THROW(network->forward(kIds, some), ModelError);
}

TEST(HfEncoder, ChecksTheCancelTokenOncePerLayer)
{
    QTemporaryDir dir;
    const auto network = openNetwork(write(dir, test::encoderModel(EncoderSpec{}, 3), "bert."));
    CancelToken token;
    token.cancel();
    CancelScope scope(token);
    EXPECT_THROW(network->forward(kIds, Capture{}), Cancelled);
}

TEST(HfEncoder, AWrongShapeIsNamedAtOpen)
{
    QTemporaryDir dir;
    const EncoderSpec s;
    hftest::TestModel model = test::encoderModel(s, 3);
    const std::string name = "encoder.layer.1.intermediate.dense.weight";
    model.remove(name);
    model.add(name, {s.inner, s.hidden + 1}, std::vector<float>(std::size_t(s.inner) * (s.hidden + 1), 0.1f));
    const std::string error = openError(write(dir, model, "bert."));
    EXPECT_NE(error.find(name), std::string::npos) << error;
    EXPECT_NE(error.find("33"), std::string::npos) << error; // the shape found
}

// Every weight is read at open, so a NaN anywhere fails there (not at the first run), naming the tensor.
TEST(HfEncoder, ANaNWeightIsNamedAtOpen)
{
    QTemporaryDir dir;
    hftest::TestModel model = test::encoderModel(EncoderSpec{}, 3);
    model.data("encoder.layer.1.output.dense.bias")[5] = std::numeric_limits<float>::quiet_NaN();
    const std::string error = openError(write(dir, model, "bert."));
    EXPECT_NE(error.find("encoder.layer.1.output.dense.bias"), std::string::npos) << error;
    EXPECT_NE(error.find("NaN"), std::string::npos) << error;
}

TEST(HfEncoder, AMissingTensorIsNamed)
{
    QTemporaryDir dir;
    hftest::TestModel model = test::encoderModel(roberta(), 3);
    model.remove("encoder.layer.0.attention.output.LayerNorm.bias");
    const std::string error = openError(write(dir, model, "roberta."));
    EXPECT_NE(error.find("encoder.layer.0.attention.output.LayerNorm.bias"), std::string::npos) << error;
}

TEST(HfEncoder, AnUnexpectedTensorIsNamedButHeadsAreNot)
{
    QTemporaryDir dir;
    hftest::TestModel model = test::encoderModel(distilbert(), 3);
    model.add("vocab_projector.bias", {50}, std::vector<float>(50, 0.0f), /*prefixed=*/false);
    model.add("transformer.layer.0.attention.extra.weight", {4}, std::vector<float>(4, 0.0f));
    const std::string error = openError(write(dir, model, "distilbert."));
    EXPECT_NE(error.find("transformer.layer.0.attention.extra.weight"), std::string::npos) << error;
    EXPECT_EQ(error.find("vocab_projector"), std::string::npos) << error;
}

TEST(HfEncoder, TooManyTokensAndIdsOutsideTheVocabularyNameBothNumbers)
{
    QTemporaryDir bertDir, robertaDir;
    const auto bert = openNetwork(write(bertDir, test::encoderModel(EncoderSpec{}, 3), "bert."));
    EXPECT_EQ(forwardError(*bert, std::vector<int>(40, 3)), "no error");
    std::string error = forwardError(*bert, std::vector<int>(41, 3));
    EXPECT_NE(error.find("41"), std::string::npos) << error;
    EXPECT_NE(error.find("40"), std::string::npos) << error;
    error = forwardError(*bert, {2, 50, 3});
    EXPECT_NE(error.find("50"), std::string::npos) << error;
    EXPECT_NE(error.find("vocabulary"), std::string::npos) << error;
    EXPECT_NE(forwardError(*bert, {2, -1, 3}), "no error");
    EXPECT_NE(forwardError(*bert, {}), "no error");

    const auto model = openNetwork(write(robertaDir, test::encoderModel(roberta(), 3), "roberta."));
    EXPECT_EQ(forwardError(*model, std::vector<int>(20, 3)), "no error");
    error = forwardError(*model, std::vector<int>(21, 3));
    EXPECT_NE(error.find("21"), std::string::npos) << error;
    EXPECT_NE(error.find("20"), std::string::npos) << error;
}
