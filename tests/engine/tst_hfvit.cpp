// The ViT engine (hfvit.cpp), its preprocessing (vitpreprocess.cpp), VitModel and the image rollout, against a
// second implementation in LibTorch written here from transformers' modeling_vit.py (Conv2d patch embedding, not
// the engine's unfolded product) and from jacobgil/vit-explain's rollout: tiny random ViTs written in the Hub's
// layout, opened through openNetwork(dir).
#include "core/attentionanalysis.h"
#include "core/canceltoken.h"
#include "core/imagerollout.h"
#include "engine/caption/imageloader.h"
#include "engine/hf/hfnetwork.h"
#include "engine/hf/vitmodel.h"
#include "engine/hf/vitpreprocess.h"
#include "engine/textmodel.h"
#include "errorof.h"
#include "hftestmodel.h"

#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QTemporaryDir>
#include <cmath>
#include <functional>
#include <gtest/gtest.h>
#include <random>
#include <string>
#include <torch/torch.h>

using namespace attn;
using attn::test::errorOf;
using namespace attn::hf;
using attn::hftest::TestModel;

namespace {

struct VitSpec
{
    int hidden = 16;
    int heads = 2;
    int layers = 3;
    int inter = 24;
    int image = 12;
    int patch = 4;
    int channels = 3;
    bool qkvBias = true;
    int grid() const { return image / patch; }
    int tokens() const { return 1 + grid() * grid(); }
};

QJsonObject vitConfig(const VitSpec& s)
{
    return QJsonObject{{"model_type", "vit"},
                       {"architectures", QJsonArray{"ViTForImageClassification"}},
                       {"hidden_size", s.hidden},
                       {"num_hidden_layers", s.layers},
                       {"num_attention_heads", s.heads},
                       {"intermediate_size", s.inter},
                       {"hidden_act", "gelu"},
                       {"layer_norm_eps", 1e-12},
                       {"image_size", s.image},
                       {"patch_size", s.patch},
                       {"num_channels", s.channels},
                       {"qkv_bias", s.qkvBias},
                       {"hidden_dropout_prob", 0.0},
                       {"attention_probs_dropout_prob", 0.0}};
}

// A ViTForImageClassification checkpoint: the ViT under prefix, the classifier outside it, a pooler inside.
TestModel makeVit(const VitSpec& s, std::uint32_t seed, const std::string& prefix, DType dtype)
{
    std::mt19937 rng(seed);
    TestModel m;
    m.config = vitConfig(s);
    m.prefix = prefix;
    m.dtype = dtype;
    const std::int64_t d = s.hidden;
    auto norm = [&](const std::string& name) {
        std::uniform_real_distribution<float> u(0.8f, 1.2f);
        std::vector<float> w(static_cast<std::size_t>(d));
        for (auto& v : w) {
            v = u(rng);
        }
        m.add(name + ".weight", {d}, w);
        m.addRandom(name + ".bias", {d}, rng, 0.1f);
    };
    m.addRandom("embeddings.cls_token", {1, 1, d}, rng);
    m.addRandom("embeddings.position_embeddings", {1, s.tokens(), d}, rng);
    m.addRandom("embeddings.patch_embeddings.projection.weight", {d, s.channels, s.patch, s.patch}, rng, 0.3f);
    m.addRandom("embeddings.patch_embeddings.projection.bias", {d}, rng, 0.1f);
    for (int l = 0; l < s.layers; ++l) {
        const std::string p = "encoder.layer." + std::to_string(l) + ".";
        norm(p + "layernorm_before");
        for (const char* w : {"query", "key", "value"}) {
            m.addRandom(p + "attention.attention." + w + ".weight", {d, d}, rng, 0.6f);
            if (s.qkvBias) {
                m.addRandom(p + "attention.attention." + w + ".bias", {d}, rng, 0.2f);
            }
        }
        m.addRandom(p + "attention.output.dense.weight", {d, d}, rng, 0.4f);
        m.addRandom(p + "attention.output.dense.bias", {d}, rng, 0.1f);
        norm(p + "layernorm_after");
        m.addRandom(p + "intermediate.dense.weight", {s.inter, d}, rng, 0.4f);
        m.addRandom(p + "intermediate.dense.bias", {s.inter}, rng, 0.1f);
        m.addRandom(p + "output.dense.weight", {d, s.inter}, rng, 0.4f);
        m.addRandom(p + "output.dense.bias", {d}, rng, 0.1f);
    }
    norm("layernorm");
    m.addRandom("pooler.dense.weight", {d, d}, rng);
    m.addRandom("pooler.dense.bias", {d}, rng);
    m.addRandom("classifier.weight", {5, d}, rng, 0.5f, /*prefixed=*/false);
    m.addRandom("classifier.bias", {5}, rng, 0.5f, /*prefixed=*/false);
    return m;
}

std::vector<float> randomPixels(const VitSpec& s, std::uint32_t seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> n(0.0f, 1.0f);
    std::vector<float> px(std::size_t(s.channels) * s.image * s.image);
    for (auto& v : px) {
        v = n(rng);
    }
    return px;
}

struct Reference
{
    torch::Tensor attention; // (layers, heads, T, T)
    torch::Tensor hidden;    // (layers + 1, T, hidden)
};

// transformers' ViTModel in eval mode (modeling_vit.py): Conv2d patches, [CLS] first, positions, pre-norm layers.
// values(name) gives the weights as stored in the file (rounded to its dtype), or as written (F32) for comparison.
Reference referenceForward(const VitSpec& s, const std::function<std::vector<float>(const std::string&)>& values,
                           const TestModel& m, const std::vector<float>& pixels)
{
    torch::NoGradGuard noGrad;
    const auto w = [&](const std::string& name) { return torch::tensor(values(name)).reshape(m.shape(name)); };
    const std::int64_t d = s.hidden, T = s.tokens(), H = s.heads, dh = s.hidden / s.heads;
    const torch::Tensor img = torch::tensor(pixels).reshape({1, s.channels, s.image, s.image});
    torch::Tensor x = torch::conv2d(img, w("embeddings.patch_embeddings.projection.weight"),
                                    w("embeddings.patch_embeddings.projection.bias"), /*stride=*/s.patch);
    x = x.flatten(2).transpose(1, 2)[0]; // (P, d)
    x = torch::cat({w("embeddings.cls_token").reshape({1, d}), x}, 0) +
        w("embeddings.position_embeddings").reshape({T, d});
    std::vector<torch::Tensor> hidden{x}, attention;
    const auto ln = [&](const torch::Tensor& t, const std::string& name) {
        return torch::layer_norm(t, {d}, w(name + ".weight"), w(name + ".bias"), 1e-12);
    };
    const auto lin = [&](const torch::Tensor& t, const std::string& name, bool bias = true) {
        return bias ? torch::linear(t, w(name + ".weight"), w(name + ".bias")) : torch::linear(t, w(name + ".weight"));
    };
    for (int l = 0; l < s.layers; ++l) {
        const std::string p = "encoder.layer." + std::to_string(l) + ".";
        const torch::Tensor h = ln(x, p + "layernorm_before");
        const auto heads = [&](const torch::Tensor& t) { return t.view({T, H, dh}).transpose(0, 1); }; // (H, T, dh)
        const torch::Tensor q = heads(lin(h, p + "attention.attention.query", s.qkvBias));
        const torch::Tensor k = heads(lin(h, p + "attention.attention.key", s.qkvBias));
        const torch::Tensor v = heads(lin(h, p + "attention.attention.value", s.qkvBias));
        const torch::Tensor probs = torch::softmax(torch::matmul(q, k.transpose(-1, -2)) / std::sqrt(double(dh)), -1);
        attention.push_back(probs);
        const torch::Tensor context = torch::matmul(probs, v).transpose(0, 1).reshape({T, d});
        x = lin(context, p + "attention.output.dense") + x;
        const torch::Tensor h2 = ln(x, p + "layernorm_after");
        x = lin(torch::gelu(lin(h2, p + "intermediate.dense")), p + "output.dense") + x;
        hidden.push_back(x);
    }
    return {torch::stack(attention), torch::stack(hidden)};
}

double maxDiff(const std::vector<float>& mine, const torch::Tensor& ref)
{
    const torch::Tensor r = ref.contiguous().to(torch::kFloat32);
    EXPECT_EQ(std::size_t(r.numel()), mine.size());
    if (std::size_t(r.numel()) != mine.size()) {
        return 1e9;
    }
    const torch::Tensor m = torch::tensor(mine).reshape(r.sizes());
    return (m - r).abs().max().item<double>();
}

struct Case
{
    std::string prefix;
    DType dtype;
};

class VitAgainstTorch : public ::testing::TestWithParam<Case>
{
};

TEST_P(VitAgainstTorch, AttentionAndHiddenStatesMatch)
{
    const Case c = GetParam();
    VitSpec s;
    const TestModel m = makeVit(s, 11, c.prefix, c.dtype);
    QTemporaryDir dir;
    m.write(dir.path());
    const auto network = openNetwork(dir.path());
    const std::vector<float> pixels = randomPixels(s, 5);
    Capture capture;
    capture.hidden = true;
    const ForwardResult r = network->forwardImage(pixels, capture);
    EXPECT_EQ(r.tokens, s.tokens());
    EXPECT_EQ(r.heads, s.heads);
    EXPECT_EQ(r.keptLayers, (std::vector<int>{0, 1, 2}));
    EXPECT_TRUE(r.logits.empty());
    // The reference computes with the values the file holds (rounded to F16 / BF16), so the only difference left is
    // the order of float32 sums: the F32 tolerance holds for every dtype.
    const Reference ref = referenceForward(
        s, [&](const std::string& n) { return m.values(n); }, m, pixels);
    const double attentionDiff = maxDiff(r.attention, ref.attention);
    const double hiddenDiff = maxDiff(r.hidden, ref.hidden);
    EXPECT_LE(attentionDiff, 1e-4);
    EXPECT_LE(hiddenDiff, 1e-4);
    RecordProperty("attention_max_diff", std::to_string(attentionDiff));
    RecordProperty("hidden_max_diff", std::to_string(hiddenDiff));
    if (c.dtype != DType::F32) {
        // And the file's rounding is really there: against the unrounded weights the attention moves, by about the
        // dtype's relative precision (BF16 2^-9, F16 2^-12) times the logits' size, far below a visible change.
        const auto unrounded = [&](const std::string& n) {
            for (const auto& t : m.tensors()) {
                if (t.name == n) {
                    return t.data;
                }
            }
            return std::vector<float>();
        };
        const Reference exact = referenceForward(s, unrounded, m, pixels);
        const double roundingEffect = maxDiff(r.attention, exact.attention);
        RecordProperty("attention_diff_vs_unrounded_weights", std::to_string(roundingEffect));
        EXPECT_GT(roundingEffect, 1e-6);
        EXPECT_LT(roundingEffect, c.dtype == DType::BF16 ? 0.05 : 0.01);
    }
    for (std::size_t row = 0; row < r.attention.size() / std::size_t(r.tokens); ++row) {
        double sum = 0;
        for (int k = 0; k < r.tokens; ++k) {
            sum += r.attention[row * std::size_t(r.tokens) + std::size_t(k)];
        }
        ASSERT_NEAR(sum, 1.0, 1e-5) << "row " << row;
    }
}

INSTANTIATE_TEST_SUITE_P(Layouts, VitAgainstTorch,
                         ::testing::Values(Case{"vit.", DType::F32}, Case{"", DType::F32}, Case{"vit.", DType::F16},
                                           Case{"vit.", DType::BF16}),
                         [](const auto& info) {
                             const char* dtype = info.param.dtype == DType::F32   ? "F32"
                                                 : info.param.dtype == DType::F16 ? "F16"
                                                                                  : "BF16";
                             return std::string(info.param.prefix.empty() ? "bare_" : "prefixed_") + dtype;
                         });

TEST(HfVit, WithoutQkvBiasAndOtherSizes)
{
    VitSpec s;
    s.qkvBias = false;
    s.image = 8;
    s.patch = 2;
    s.heads = 4;
    s.layers = 2;
    TestModel m = makeVit(s, 3, "vit.", DType::F32);
    m.config.insert("qkv_bias", false);
    QTemporaryDir dir;
    m.write(dir.path());
    const auto network = openNetwork(dir.path());
    const std::vector<float> pixels = randomPixels(s, 9);
    Capture capture;
    capture.hidden = true;
    const ForwardResult r = network->forwardImage(pixels, capture);
    const Reference ref = referenceForward(
        s, [&](const std::string& n) { return m.values(n); }, m, pixels);
    EXPECT_LE(maxDiff(r.attention, ref.attention), 1e-4);
    EXPECT_LE(maxDiff(r.hidden, ref.hidden), 1e-4);
}

TEST(HfVit, KeepsOnlyTheLayersAskedFor)
{
    VitSpec s;
    const TestModel m = makeVit(s, 11, "vit.", DType::F32);
    QTemporaryDir dir;
    m.write(dir.path());
    const auto network = openNetwork(dir.path());
    const std::vector<float> pixels = randomPixels(s, 5);
    const ForwardResult all = network->forwardImage(pixels, Capture{});
    Capture one;
    one.layers = {1};
    const ForwardResult r = network->forwardImage(pixels, one);
    ASSERT_EQ(r.keptLayers, std::vector<int>{1});
    const std::size_t layerSize = std::size_t(s.heads) * s.tokens() * s.tokens();
    ASSERT_EQ(r.attention.size(), layerSize);
    EXPECT_TRUE(std::equal(r.attention.begin(), r.attention.end(), all.attention.begin() + std::ptrdiff_t(layerSize)));
    Capture none;
    none.attention = false;
    EXPECT_TRUE(network->forwardImage(pixels, none).attention.empty());
    Capture bad;
    bad.layers = {3};
    EXPECT_THROW(network->forwardImage(pixels, bad), ModelError);
}

std::string openError(const QString& dir)
{
    return errorOf([&] { openNetwork(dir); });
}

TEST(HfVit, WrongSizePositionEmbeddingsAreNamed)
{
    VitSpec s;
    TestModel m = makeVit(s, 11, "vit.", DType::F32);
    m.remove("embeddings.position_embeddings");
    std::mt19937 rng(1);
    m.addRandom("embeddings.position_embeddings", {1, s.tokens() + 1, s.hidden}, rng); // a 224 / 384 mix-up
    QTemporaryDir dir;
    m.write(dir.path());
    const std::string error = openError(dir.path());
    EXPECT_NE(error.find("embeddings.position_embeddings"), std::string::npos) << error;
    EXPECT_NE(error.find("(1, 11, 16)"), std::string::npos) << error;
    EXPECT_NE(error.find("(1, 10, 16)"), std::string::npos) << error;
    EXPECT_NE(error.find("9 patches"), std::string::npos) << error;
}

TEST(HfVit, BadPatchKernelMissingAndUnexpectedTensorsAreNamed)
{
    VitSpec s;
    {
        TestModel m = makeVit(s, 11, "vit.", DType::F32);
        m.remove("embeddings.patch_embeddings.projection.weight");
        std::mt19937 rng(1);
        m.addRandom("embeddings.patch_embeddings.projection.weight", {s.hidden, s.channels, 2, 8}, rng);
        QTemporaryDir dir;
        m.write(dir.path());
        const std::string error = openError(dir.path());
        EXPECT_NE(error.find("embeddings.patch_embeddings.projection.weight"), std::string::npos) << error;
        EXPECT_NE(error.find("(16, 3, 4, 4)"), std::string::npos) << error;
    }
    {
        TestModel m = makeVit(s, 11, "vit.", DType::F32);
        m.remove("encoder.layer.2.intermediate.dense.weight");
        QTemporaryDir dir;
        m.write(dir.path());
        const std::string error = openError(dir.path());
        EXPECT_NE(error.find("encoder.layer.2.intermediate.dense.weight"), std::string::npos) << error;
    }
    {
        TestModel m = makeVit(s, 11, "vit.", DType::F32);
        std::mt19937 rng(1);
        m.addRandom("encoder.layer.0.attention.attention.extra.weight", {4}, rng);
        QTemporaryDir dir;
        m.write(dir.path());
        const std::string error = openError(dir.path());
        EXPECT_NE(error.find("encoder.layer.0.attention.attention.extra.weight"), std::string::npos) << error;
    }
}

TEST(HfVit, WrongPixelCountAndCancel)
{
    VitSpec s;
    const TestModel m = makeVit(s, 11, "vit.", DType::F32);
    QTemporaryDir dir;
    m.write(dir.path());
    const auto network = openNetwork(dir.path());
    EXPECT_THROW(network->forwardImage(std::vector<float>(10), Capture{}), ModelError);
    EXPECT_THROW(network->forward({1, 2, 3}, Capture{}), ModelError); // images, not token ids
    CancelToken token;
    token.cancel();
    CancelScope scope(token);
    EXPECT_THROW(network->forwardImage(randomPixels(s, 1), Capture{}), Cancelled);
}

// --- preprocessing -------------------------------------------------------------------------------------------------

// A 4 x 4 image: red is 0, 100, 200, 255 along every row; green the same down every column; blue 255.
QImage rampImage()
{
    const int ramp[4] = {0, 100, 200, 255};
    QImage img(4, 4, QImage::Format_RGB888);
    for (int y = 0; y < 4; ++y) {
        for (int x = 0; x < 4; ++x) {
            img.setPixel(x, y, qRgb(ramp[x], ramp[y], 255));
        }
    }
    return img;
}

TEST(VitPreprocess, BilinearDownscaleByHand)
{
    // Pillow's bilinear 4 -> 2 (scale 2: the triangle stretched to support 2): output 0 is centred at 1.0 and reads
    // inputs 0..2 with weights 0.75, 0.75, 0.25 (3/7, 3/7, 1/7 normalised); output 1 at 3.0 reads inputs 1..3 with
    // 1/7, 3/7, 3/7. Red: (0*3 + 100*3 + 200) / 7 = 71.4 -> 71; (100 + 200*3 + 255*3) / 7 = 209.3 -> 209.
    const QImage out = pilResize(rampImage(), 2, 2, Resample::Bilinear);
    ASSERT_EQ(out.size(), QSize(2, 2));
    EXPECT_EQ(out.pixel(0, 0), qRgb(71, 71, 255));
    EXPECT_EQ(out.pixel(1, 0), qRgb(209, 71, 255));
    EXPECT_EQ(out.pixel(0, 1), qRgb(71, 209, 255));
    EXPECT_EQ(out.pixel(1, 1), qRgb(209, 209, 255));
    // Upscaling 2 -> 3 (scale 2/3, support 1): Pillow rounds each output's input window (xmin = int(centre - 1 +
    // 0.5), xmax = int(centre + 1 + 0.5)), so output 0 (centre 1/3) reads input 0 alone and output 2 (centre 5/3)
    // input 1 alone; output 1 (centre 1) weighs both 0.5: 127.5, rounded half up by the fixed point -> 128.
    QImage two(2, 1, QImage::Format_RGB888);
    two.setPixel(0, 0, qRgb(0, 0, 0));
    two.setPixel(1, 0, qRgb(255, 255, 255));
    const QImage three = pilResize(two, 3, 1, Resample::Bilinear);
    EXPECT_EQ(qRed(three.pixel(0, 0)), 0);
    EXPECT_EQ(qRed(three.pixel(1, 0)), 128);
    EXPECT_EQ(qRed(three.pixel(2, 0)), 255);
    // Nearest: source floor((x + 0.5) * 4 / 2) = 1, 3.
    const QImage nearest = pilResize(rampImage(), 2, 2, Resample::Nearest);
    EXPECT_EQ(nearest.pixel(0, 0), qRgb(100, 100, 255));
    EXPECT_EQ(nearest.pixel(1, 1), qRgb(255, 255, 255));
}

HfConfig tinyImageConfig(const QString& dir, int imageSize)
{
    HfConfig c;
    c.path = dir + QStringLiteral("/config.json");
    c.modelType = QStringLiteral("vit");
    c.family = Family::Vit;
    c.imageSize = imageSize;
    c.patchSize = 1;
    c.numChannels = 3;
    return c;
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

TEST(VitPreprocess, ResizeRescaleNormaliseByHand)
{
    QTemporaryDir dir;
    writeFile(dir.filePath("preprocessor_config.json"),
              R"({"image_processor_type": "ViTImageProcessor", "do_resize": true, "size": {"height": 2, "width": 2},
                  "resample": 2, "do_rescale": true, "rescale_factor": 0.00392156862745098, "do_normalize": true,
                  "image_mean": [0.5, 0.4, 0.3], "image_std": [0.5, 0.25, 0.2]})");
    const VitPreprocessor p = VitPreprocessor::read(dir.path(), tinyImageConfig(dir.path(), 2));
    EXPECT_TRUE(p.notices.isEmpty());
    const QImage seen = p.modelImage(rampImage());
    const std::vector<float> px = p.pixels(seen);
    ASSERT_EQ(px.size(), 12u);
    // (channel, row, col): red 71 | 209 along the row, green down the column, blue 255.
    const auto v = [](int byte, double mean, double std) { return float((byte / 255.0 - mean) / std); };
    const std::vector<float> expected{v(71, 0.5, 0.5),  v(209, 0.5, 0.5), v(71, 0.5, 0.5),   v(209, 0.5, 0.5),
                                      v(71, 0.4, 0.25), v(71, 0.4, 0.25), v(209, 0.4, 0.25), v(209, 0.4, 0.25),
                                      v(255, 0.3, 0.2), v(255, 0.3, 0.2), v(255, 0.3, 0.2),  v(255, 0.3, 0.2)};
    for (std::size_t i = 0; i < px.size(); ++i) {
        EXPECT_NEAR(px[i], expected[i], 1e-6) << i;
    }
    EXPECT_NEAR(px[0], -0.443137f, 1e-6); // 2 * 71 / 255 - 1
    EXPECT_NEAR(px[11], 3.5f, 1e-6);      // (1 - 0.3) / 0.2
}

TEST(VitPreprocess, DefaultsShortestEdgeCropAndBadFiles)
{
    QTemporaryDir dir;
    // No file: ViTImageProcessor's defaults at the model's image size, and a notice.
    VitPreprocessor p = VitPreprocessor::read(dir.path(), tinyImageConfig(dir.path(), 2));
    ASSERT_EQ(p.notices.size(), 1);
    EXPECT_TRUE(p.notices[0].contains("defaults")) << p.notices[0].toStdString();
    EXPECT_NEAR(p.pixels(p.modelImage(rampImage()))[0], 2 * 71 / 255.0 - 1, 1e-6);

    // shortest_edge + centre crop (DeiT-style): 8 x 4 -> short side 4 keeps 8 x 4, crop 2 x 2 from the centre.
    writeFile(dir.filePath("preprocessor_config.json"),
              R"({"size": {"shortest_edge": 4}, "do_center_crop": true, "crop_size": {"height": 2, "width": 2},
                  "do_normalize": false, "do_rescale": false})");
    p = VitPreprocessor::read(dir.path(), tinyImageConfig(dir.path(), 2));
    QImage wide(8, 4, QImage::Format_RGB888);
    for (int y = 0; y < 4; ++y) {
        for (int x = 0; x < 8; ++x) {
            wide.setPixel(x, y, qRgb(x * 10, y * 10, 0));
        }
    }
    const std::vector<float> px = p.pixels(p.modelImage(wide));
    EXPECT_EQ(px[0], 30.0f); // column 3, row 1: left = (8 - 2) / 2, top = (4 - 2) / 2
    EXPECT_EQ(px[1], 40.0f);
    EXPECT_EQ(px[4 + 2], 20.0f); // green, row 2

    // shortest_edge without a crop keeps the aspect ratio: a wide picture cannot fit a square model (named at run
    // time, with both sizes); do_resize false takes the picture as it is; one number serves every channel.
    writeFile(dir.filePath("preprocessor_config.json"), R"({"size": {"shortest_edge": 2}, "image_mean": 0.25})");
    p = VitPreprocessor::read(dir.path(), tinyImageConfig(dir.path(), 2));
    EXPECT_EQ(p.mean, (std::vector<double>{0.25, 0.25, 0.25}));
    try {
        p.modelImage(wide);
        ADD_FAILURE() << "an 8 x 4 picture resized to short side 2 became square";
    } catch (const ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("is 4 x 2, but the model reads 2 x 2"), std::string::npos) << e.what();
    }
    writeFile(dir.filePath("preprocessor_config.json"), R"({"do_resize": false})");
    p = VitPreprocessor::read(dir.path(), tinyImageConfig(dir.path(), 4));
    EXPECT_EQ(p.modelImage(rampImage()).pixel(3, 0), qRgb(255, 0, 255));
    EXPECT_THROW(p.modelImage(wide), ModelError);

    const auto error = [&](const char* json, int imageSize) -> std::string {
        writeFile(dir.filePath("preprocessor_config.json"), json);
        return errorOf([&] { VitPreprocessor::read(dir.path(), tinyImageConfig(dir.path(), imageSize)); });
    };
    std::string e = error(R"({"size": {"height": 224, "width": 224}})", 384);
    EXPECT_NE(e.find("224 x 224"), std::string::npos) << e;
    EXPECT_NE(e.find("384 x 384"), std::string::npos) << e;
    e = error(R"({"size": {"shortest_edge": 100000}})", 2);
    EXPECT_NE(e.find("size.shortest_edge"), std::string::npos) << e;
    // A picture so elongated that resizing its short side would make hundreds of millions of pixels.
    writeFile(dir.filePath("preprocessor_config.json"), R"({"size": {"shortest_edge": 4000}, "do_center_crop": true,
                                                             "crop_size": 2})");
    p = VitPreprocessor::read(dir.path(), tinyImageConfig(dir.path(), 2));
    try {
        p.modelImage(QImage(400, 2, QImage::Format_RGB32));
        ADD_FAILURE() << "a 400 x 2 picture was resized to 800000 x 4000";
    } catch (const ModelError& x) {
        EXPECT_NE(std::string(x.what()).find("800000 x 4000"), std::string::npos) << x.what();
    }
    e = error(R"({"image_std": [0.5, 0.5]})", 2);
    EXPECT_NE(e.find("image_std"), std::string::npos) << e;
    e = error(R"({"resample": 9})", 2);
    EXPECT_NE(e.find("resample"), std::string::npos) << e;
    e = error("not json", 2);
    EXPECT_NE(e.find("preprocessor_config.json"), std::string::npos) << e;
}

// --- rollout -------------------------------------------------------------------------------------------------------

AttentionBlock blockFrom(int layers, int heads, int tokens, const std::vector<float>& weights)
{
    QStringList labels{"[CLS]"};
    for (int i = 1; i < tokens; ++i) {
        labels << QString::number(i);
    }
    AttentionBlock b(QStringLiteral("encoder_self"), layers, heads, labels, labels);
    b.weights = weights;
    return b;
}

TEST(ImageRollout, ByHand)
{
    // A = [[0.6, 0.4], [0.3, 0.7]]: (A + I) / 2 = [[0.8, 0.2], [0.15, 0.85]]. One layer: [CLS] -> patch 0.2.
    // Two: row 0 of the product = [0.8 * 0.8 + 0.2 * 0.15, 0.8 * 0.2 + 0.2 * 0.85] = [0.67, 0.33].
    const std::vector<float> a{0.6f, 0.4f, 0.3f, 0.7f};
    std::vector<float> twoLayers = a;
    twoLayers.insert(twoLayers.end(), a.begin(), a.end());
    const AttentionBlock b = blockFrom(2, 1, 2, twoLayers);
    EXPECT_NEAR(clsRollout(b, {}, 0).at(0), 0.2f, 1e-6);
    EXPECT_NEAR(clsRollout(b, {}).at(0), 0.33f, 1e-6);
    EXPECT_NEAR(clsAttention(b, 1, 0).at(0), 0.4f, 1e-7);
    // Max over two heads: head 0 = A, head 1 = [[0.9, 0.1], [0.5, 0.5]]: F = [[0.9, 0.4], [0.5, 0.7]];
    // (F + I) / 2 = [[0.95, 0.2], [0.25, 0.85]], row 0 renormalised: 0.2 / 1.15.
    const AttentionBlock two = blockFrom(1, 2, 2, {0.6f, 0.4f, 0.3f, 0.7f, 0.9f, 0.1f, 0.5f, 0.5f});
    ImageRolloutOptions max;
    max.fusion = HeadFusion::Max;
    EXPECT_NEAR(clsRollout(two, max).at(0), 0.2f / 1.15f, 1e-6);
    // Discarding the lowest quarter of F (one of four entries: 0.4 at [0][1]) leaves [CLS] on itself only.
    max.discardRatio = 0.25;
    EXPECT_NEAR(clsRollout(two, max).at(0), 0.0f, 1e-7);
    EXPECT_THROW(clsRollout(two, {HeadFusion::Mean, 1.0}), std::invalid_argument);
    EXPECT_THROW(clsAttention(two, 1, 0), std::invalid_argument);
}

// jacobgil/vit-explain's rollout in LibTorch, with rows renormalised (keepdim) as the paper says.
torch::Tensor vitExplainRollout(const torch::Tensor& attentions /* (L, H, T, T) */, const std::string& fusion,
                                double discardRatio)
{
    const std::int64_t T = attentions.size(-1);
    torch::Tensor result = torch::eye(T, torch::kFloat64);
    for (std::int64_t l = 0; l < attentions.size(0); ++l) {
        const torch::Tensor attention = attentions[l].unsqueeze(0).to(torch::kFloat64); // (1, H, T, T)
        torch::Tensor fused = fusion == "mean"  ? attention.mean(1)
                              : fusion == "max" ? std::get<0>(attention.max(1))
                                                : std::get<0>(attention.min(1));
        torch::Tensor flat = fused.view({fused.size(0), -1});
        const auto k = std::int64_t(double(flat.size(-1)) * discardRatio);
        torch::Tensor indices = std::get<1>(flat.topk(k, -1, /*largest=*/false));
        indices = indices.index({indices != 0});
        flat.index_put_({0, indices}, 0.0);
        const torch::Tensor I = torch::eye(T, torch::kFloat64);
        torch::Tensor a = (fused + 1.0 * I) / 2;
        a = a / a.sum(-1, /*keepdim=*/true);
        result = torch::matmul(a, result);
    }
    return result[0][0].slice(0, 1); // (T - 1)
}

TEST(ImageRollout, AgreesWithVitExplainAndTheCoreRollout)
{
    const int L = 3, H = 4, T = 10;
    torch::manual_seed(3);
    const torch::Tensor att = torch::softmax(torch::randn({L, H, T, T}) * 2.0, -1).contiguous();
    const std::vector<float> w(att.data_ptr<float>(), att.data_ptr<float>() + att.numel());
    const AttentionBlock b = blockFrom(L, H, T, w);
    for (const char* fusion : {"mean", "max", "min"}) {
        for (double discard : {0.0, 0.3, 0.9}) {
            ImageRolloutOptions o;
            o.fusion = headFusionFromId(QString::fromLatin1(fusion));
            o.discardRatio = discard;
            const std::vector<float> mine = clsRollout(b, o);
            const torch::Tensor ref = vitExplainRollout(att, fusion, discard);
            ASSERT_EQ(mine.size(), std::size_t(T - 1));
            for (int k = 0; k < T - 1; ++k) {
                EXPECT_NEAR(mine[std::size_t(k)], ref[k].item<double>(), 1e-6) << fusion << " " << discard << " " << k;
            }
        }
    }
    // Every layer at once: row l is the rollout through l.
    ImageRolloutOptions maxDiscard{HeadFusion::Max, 0.5};
    const std::vector<float> rows = clsRolloutLayers(b, maxDiscard);
    ASSERT_EQ(rows.size(), std::size_t(L * (T - 1)));
    for (int l = 0; l < L; ++l) {
        const std::vector<float> one = clsRollout(b, maxDiscard, l);
        for (int k = 0; k < T - 1; ++k) {
            EXPECT_FLOAT_EQ(rows[std::size_t(l * (T - 1) + k)], one[std::size_t(k)]);
        }
    }
    // Mean without discarding is the core rollout (Aggregation::Rollout) of the matrix views, row 0.
    const AttentionMap core = rollout(b, L - 1);
    const std::vector<float> mine = clsRollout(b, {});
    for (int k = 1; k < T; ++k) {
        EXPECT_NEAR(mine[std::size_t(k - 1)], core.at(0, k), 1e-6);
    }
}

// --- VitModel: folder, image file, AttentionSet ----------------------------------------------------------------------

TEST(VitModel, RunsAnImageFileIntoAnAttentionSet)
{
    VitSpec s;
    const TestModel m = makeVit(s, 11, "vit.", DType::F32);
    QTemporaryDir dir;
    m.write(dir.path());
    writeFile(dir.filePath("preprocessor_config.json"),
              R"({"do_resize": true, "size": {"height": 12, "width": 12}, "resample": 2, "do_normalize": true,
                  "image_mean": [0.5, 0.5, 0.5], "image_std": [0.5, 0.5, 0.5], "do_rescale": true})");
    ASSERT_TRUE(VitModel::isVitFolder(dir.path()));
    const auto model = VitModel::open(dir.path());
    QImage img(30, 20, QImage::Format_RGB32);
    for (int y = 0; y < 20; ++y) {
        for (int x = 0; x < 30; ++x) {
            img.setPixel(x, y, qRgb(x * 8, y * 12, (x * y) % 256));
        }
    }
    const QString path = dir.filePath("picture.png");
    ASSERT_TRUE(img.save(path));
    const VitRun run = model->runFile(path);
    EXPECT_EQ(run.gridRows, 3);
    EXPECT_EQ(run.modelInput.size(), QSize(12, 12));
    EXPECT_EQ(run.shown.size(), QSize(30, 20)); // the whole picture: ViT squashes, it does not crop
    run.attention.validate(1e-5);
    const AttentionBlock* self = run.attention.block("encoder_self");
    const AttentionBlock* grid = run.attention.block("image");
    ASSERT_TRUE(self && grid);
    EXPECT_EQ(self->queryLabels.value(0), "[CLS]");
    EXPECT_EQ(self->queryLabels.value(4), "(1,0)");
    EXPECT_EQ(grid->gridRows * grid->gridCols, grid->keys);
    // The same numbers as the network on the preprocessed pixels, computed by the reference.
    const std::vector<float> pixels = model->preprocessor().pixels(run.modelInput);
    const Reference ref = referenceForward(
        s, [&](const std::string& n) { return m.values(n); }, m, pixels);
    EXPECT_LE(maxDiff(self->weights, ref.attention), 1e-4);
    // image block: [CLS]'s row over the patches renormalised.
    const std::vector<float> row = clsAttention(*self, 2, 1);
    double sum = 0;
    for (float v : row) {
        sum += v;
    }
    EXPECT_NEAR(grid->at(2, 1, 0, 4), row[4] / sum, 1e-6);
}

TEST(VitModel, BadInputIsOneMessage)
{
    VitSpec s;
    const TestModel m = makeVit(s, 11, "vit.", DType::F32);
    QTemporaryDir dir;
    m.write(dir.path());
    const auto model = VitModel::open(dir.path());
    const QString notImage = dir.filePath("notes.png");
    writeFile(notImage, "this is text, not a picture");
    try {
        model->runFile(notImage);
        ADD_FAILURE() << "a text file was read as an image";
    } catch (const ImageLoadError& e) {
        EXPECT_NE(std::string(e.what()).find(notImage.toStdString()), std::string::npos) << e.what();
    }
    EXPECT_THROW(model->runFile(dir.filePath("missing.png")), ImageLoadError);
    // A text model's folder is not a ViT.
    QTemporaryDir text;
    writeFile(text.filePath("config.json"), R"({"model_type": "bert"})");
    EXPECT_FALSE(VitModel::isVitFolder(text.path()));
}

} // namespace
