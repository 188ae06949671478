// The Hugging Face engine kit's readers (issue 16): config.json through HfConfig::read, weights through the strict
// memory-mapped Checkpoint. Every refusal must name the file and the key or tensor.
#include "engine/hf/hfcheckpoint.h"
#include "engine/hf/hfconfig.h"
#include "engine/hftestmodel.h"
#include "engine/textmodel.h"
#include "errorof.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <cmath>
#include <cstring>
#include <functional>
#include <gtest/gtest.h>
#include <limits>

using namespace attn;
using namespace attn::hf;
using attn::hftest::TestModel;
using attn::test::errorOf;

namespace {

std::string configError(const QString& dir)
{
    return errorOf([&] { HfConfig::read(dir); });
}

QJsonObject bertConfig()
{
    return QJsonObject{{"model_type", "bert"},         {"hidden_size", 8},      {"num_hidden_layers", 2},
                       {"num_attention_heads", 2},     {"intermediate_size", 16}, {"max_position_embeddings", 32},
                       {"vocab_size", 50},             {"type_vocab_size", 2},  {"layer_norm_eps", 1e-12},
                       {"hidden_act", "gelu"},         {"pad_token_id", 0}};
}

} // namespace

// ---------------------------------------------------------------- config.json

TEST(HfConfig, ReadsBert)
{
    QTemporaryDir dir;
    attn::hftest::writeJson(dir.filePath("config.json"), bertConfig());
    const HfConfig c = HfConfig::read(dir.path());
    EXPECT_EQ(c.family, Family::Encoder);
    EXPECT_EQ(c.hiddenSize, 8);
    EXPECT_EQ(c.layers, 2);
    EXPECT_EQ(c.heads, 2);
    EXPECT_EQ(c.kvHeads, 2);
    EXPECT_EQ(c.headDim, 4);
    EXPECT_EQ(c.intermediateSize, 16);
    EXPECT_EQ(c.maxPositions, 32);
    EXPECT_EQ(c.vocabSize, 50);
    EXPECT_EQ(c.typeVocabSize, 2);
    EXPECT_EQ(c.positionOffset, 0);
    EXPECT_EQ(c.hiddenAct, "gelu");
    EXPECT_TRUE(HfConfig::isHuggingFaceFolder(dir.path()));
}

TEST(HfConfig, RobertaPositionsStartAfterPadding)
{
    QTemporaryDir dir;
    QJsonObject o = bertConfig();
    o["model_type"] = "roberta";
    o["pad_token_id"] = 1;
    o["layer_norm_eps"] = 1e-5;
    attn::hftest::writeJson(dir.filePath("config.json"), o);
    const HfConfig c = HfConfig::read(dir.path());
    EXPECT_EQ(c.positionOffset, 2);
    EXPECT_DOUBLE_EQ(c.normEps, 1e-5);
}

TEST(HfConfig, ReadsDistilbertNames)
{
    QTemporaryDir dir;
    attn::hftest::writeJson(dir.filePath("config.json"),
                            QJsonObject{{"model_type", "distilbert"}, {"dim", 12}, {"n_layers", 3}, {"n_heads", 3},
                                        {"hidden_dim", 24}, {"max_position_embeddings", 40}, {"vocab_size", 30},
                                        {"activation", "gelu"}});
    const HfConfig c = HfConfig::read(dir.path());
    EXPECT_EQ(c.hiddenSize, 12);
    EXPECT_EQ(c.layers, 3);
    EXPECT_EQ(c.heads, 3);
    EXPECT_EQ(c.intermediateSize, 24);
    EXPECT_EQ(c.headDim, 4);
    EXPECT_DOUBLE_EQ(c.normEps, 1e-12);
}

TEST(HfConfig, ReadsGpt2WithNullInner)
{
    QTemporaryDir dir;
    attn::hftest::writeJson(dir.filePath("config.json"),
                            QJsonObject{{"model_type", "gpt2"}, {"n_embd", 16}, {"n_layer", 2}, {"n_head", 4},
                                        {"n_positions", 64}, {"n_inner", QJsonValue()}, {"vocab_size", 100},
                                        {"layer_norm_epsilon", 1e-5}, {"activation_function", "gelu_new"},
                                        {"eos_token_id", 99}, {"bos_token_id", 99}});
    const HfConfig c = HfConfig::read(dir.path());
    EXPECT_EQ(c.family, Family::Gpt2);
    EXPECT_EQ(c.intermediateSize, 64);
    EXPECT_EQ(c.maxPositions, 64);
    EXPECT_EQ(c.hiddenAct, "gelu_new");
    EXPECT_TRUE(c.tieWordEmbeddings);
    EXPECT_EQ(c.eosTokenId, 99);
}

TEST(HfConfig, ReadsLlamaFamily)
{
    QTemporaryDir dir;
    QJsonObject o{{"model_type", "llama"},       {"hidden_size", 32},        {"num_hidden_layers", 2},
                  {"num_attention_heads", 4},    {"num_key_value_heads", 2}, {"intermediate_size", 64},
                  {"max_position_embeddings", 128}, {"vocab_size", 200},     {"rms_norm_eps", 1e-5},
                  {"eos_token_id", QJsonArray{2, 3}}};
    attn::hftest::writeJson(dir.filePath("config.json"), o);
    HfConfig c = HfConfig::read(dir.path());
    EXPECT_EQ(c.family, Family::Llama);
    EXPECT_EQ(c.kvHeads, 2);
    EXPECT_EQ(c.headDim, 8);
    EXPECT_DOUBLE_EQ(c.ropeTheta, 10000);
    EXPECT_DOUBLE_EQ(c.normEps, 1e-5);
    EXPECT_EQ(c.hiddenAct, "silu");
    EXPECT_FALSE(c.attentionBias);
    EXPECT_EQ(c.eosTokenId, 2);
    EXPECT_EQ(c.slidingWindow, 0);

    o["model_type"] = "mistral";
    o["sliding_window"] = 16;
    o["rope_theta"] = 1000000.0;
    o["head_dim"] = 16;
    attn::hftest::writeJson(dir.filePath("config.json"), o);
    c = HfConfig::read(dir.path());
    EXPECT_EQ(c.slidingWindow, 16);
    EXPECT_DOUBLE_EQ(c.ropeTheta, 1e6);
    EXPECT_EQ(c.headDim, 16);

    o["model_type"] = "qwen2";
    o.remove("head_dim");
    attn::hftest::writeJson(dir.filePath("config.json"), o);
    c = HfConfig::read(dir.path());
    EXPECT_TRUE(c.attentionBias);
    EXPECT_EQ(c.slidingWindow, 0); // qwen2 uses it only with use_sliding_window
}

TEST(HfConfig, ReadsVit)
{
    QTemporaryDir dir;
    attn::hftest::writeJson(dir.filePath("config.json"),
                            QJsonObject{{"model_type", "vit"}, {"hidden_size", 16}, {"num_hidden_layers", 2},
                                        {"num_attention_heads", 2}, {"intermediate_size", 32}, {"image_size", 32},
                                        {"patch_size", 8}, {"qkv_bias", false}});
    const HfConfig c = HfConfig::read(dir.path());
    EXPECT_EQ(c.family, Family::Vit);
    EXPECT_EQ(c.imageSize, 32);
    EXPECT_EQ(c.patchSize, 8);
    EXPECT_EQ(c.numChannels, 3);
    EXPECT_FALSE(c.qkvBias);
    EXPECT_EQ(c.maxPositions, 0);
}

TEST(HfConfig, UnknownModelTypeListsTheSupportedOnes)
{
    QTemporaryDir dir;
    attn::hftest::writeJson(dir.filePath("config.json"), QJsonObject{{"model_type", "t5"}});
    const std::string e = configError(dir.path());
    EXPECT_NE(e.find("config.json"), std::string::npos) << e;
    EXPECT_NE(e.find("'t5'"), std::string::npos) << e;
    for (const QString& t : supportedModelTypes()) {
        EXPECT_NE(e.find(t.toStdString()), std::string::npos) << e;
    }
}

TEST(HfConfig, MissingOrBadKeyIsNamed)
{
    QTemporaryDir dir;
    QJsonObject o = bertConfig();
    o.remove("num_attention_heads");
    attn::hftest::writeJson(dir.filePath("config.json"), o);
    std::string e = configError(dir.path());
    EXPECT_NE(e.find("config.json: 'num_attention_heads' is missing"), std::string::npos) << e;

    o = bertConfig();
    o["hidden_size"] = -3;
    attn::hftest::writeJson(dir.filePath("config.json"), o);
    e = configError(dir.path());
    EXPECT_NE(e.find("'hidden_size' is not a positive integer"), std::string::npos) << e;

    o = bertConfig();
    o["num_attention_heads"] = 3;
    attn::hftest::writeJson(dir.filePath("config.json"), o);
    e = configError(dir.path());
    EXPECT_NE(e.find("not divisible"), std::string::npos) << e;
}

TEST(HfConfig, VariantsTheEnginesDoNotRunAreRefused)
{
    QTemporaryDir dir;
    QJsonObject o = bertConfig();
    o["position_embedding_type"] = "relative_key";
    attn::hftest::writeJson(dir.filePath("config.json"), o);
    EXPECT_NE(configError(dir.path()).find("'position_embedding_type' 'relative_key' is not supported"),
              std::string::npos);
    attn::hftest::writeJson(dir.filePath("config.json"),
                            QJsonObject{{"model_type", "gpt2"}, {"n_embd", 16}, {"n_layer", 2}, {"n_head", 4},
                                        {"n_positions", 64}, {"vocab_size", 100}, {"scale_attn_weights", false}});
    EXPECT_NE(configError(dir.path()).find("'scale_attn_weights' false is not supported"), std::string::npos);
    QJsonObject llama{{"model_type", "llama"},          {"hidden_size", 32},  {"num_hidden_layers", 2},
                      {"num_attention_heads", 4},       {"intermediate_size", 64},
                      {"max_position_embeddings", 128}, {"vocab_size", 200}};
    llama["rope_scaling"] = QJsonObject{{"rope_type", "dynamic"}, {"factor", 8.0}};
    attn::hftest::writeJson(dir.filePath("config.json"), llama);
    EXPECT_NE(configError(dir.path()).find("'rope_scaling' type 'dynamic' is not supported"), std::string::npos);
    llama["rope_scaling"] = QJsonValue();
    llama["num_key_value_heads"] = 3;
    attn::hftest::writeJson(dir.filePath("config.json"), llama);
    EXPECT_NE(configError(dir.path()).find("not a multiple of the 3 key/value heads"), std::string::npos);
}

// ---------------------------------------------------------------- rope_scaling (llama family)

namespace {

QJsonObject llamaWithScaling(const QJsonValue& scaling, const char* key = "rope_scaling")
{
    QJsonObject o{{"model_type", "llama"},          {"hidden_size", 32},  {"num_hidden_layers", 2},
                  {"num_attention_heads", 4},       {"intermediate_size", 64},
                  {"max_position_embeddings", 128}, {"vocab_size", 200},  {"rope_theta", 500000.0}};
    o[QLatin1String(key)] = scaling;
    return o;
}

// Llama-3.2-1B's config.json rope_scaling, as the Hub has it.
QJsonObject llama32Scaling()
{
    return QJsonObject{{"rope_type", "llama3"},
                       {"factor", 32.0},
                       {"low_freq_factor", 1.0},
                       {"high_freq_factor", 4.0},
                       {"original_max_position_embeddings", 8192}};
}

} // namespace

TEST(HfConfig, ReadsLlama3AndLinearRopeScaling)
{
    QTemporaryDir dir;
    attn::hftest::writeJson(dir.filePath("config.json"), llamaWithScaling(llama32Scaling()));
    HfConfig c = HfConfig::read(dir.path());
    EXPECT_EQ(c.ropeScaling.type, RopeScalingType::Llama3);
    EXPECT_DOUBLE_EQ(c.ropeScaling.factor, 32);
    EXPECT_DOUBLE_EQ(c.ropeScaling.lowFreqFactor, 1);
    EXPECT_DOUBLE_EQ(c.ropeScaling.highFreqFactor, 4);
    EXPECT_EQ(c.ropeScaling.originalMaxPositions, 8192);
    EXPECT_DOUBLE_EQ(c.ropeTheta, 500000);

    // The older key "type" (Llama-2-era linear scaling); transformers lets it win over rope_type.
    attn::hftest::writeJson(dir.filePath("config.json"),
                            llamaWithScaling(QJsonObject{{"type", "linear"}, {"rope_type", "yarn"}, {"factor", 4}}));
    c = HfConfig::read(dir.path());
    EXPECT_EQ(c.ropeScaling.type, RopeScalingType::Linear);
    EXPECT_DOUBLE_EQ(c.ropeScaling.factor, 4);

    // Null, or the "default" type: plain rotary embeddings.
    for (const QJsonValue& plain : {QJsonValue(), QJsonValue(QJsonObject{{"rope_type", "default"}})}) {
        attn::hftest::writeJson(dir.filePath("config.json"), llamaWithScaling(plain));
        EXPECT_EQ(HfConfig::read(dir.path()).ropeScaling.type, RopeScalingType::None);
    }

    // transformers 5 writes rope_parameters, with rope_theta inside.
    QJsonObject parameters = llama32Scaling();
    parameters["rope_theta"] = 250000.0;
    attn::hftest::writeJson(dir.filePath("config.json"), llamaWithScaling(parameters, "rope_parameters"));
    c = HfConfig::read(dir.path());
    EXPECT_EQ(c.ropeScaling.type, RopeScalingType::Llama3);
    EXPECT_EQ(c.ropeScaling.originalMaxPositions, 8192);
    EXPECT_DOUBLE_EQ(c.ropeTheta, 250000);

    // Mistral and Qwen2 read it too (same rotary code in transformers).
    QJsonObject qwen = llamaWithScaling(QJsonObject{{"rope_type", "linear"}, {"factor", 2.0}});
    qwen["model_type"] = "qwen2";
    attn::hftest::writeJson(dir.filePath("config.json"), qwen);
    EXPECT_EQ(HfConfig::read(dir.path()).ropeScaling.type, RopeScalingType::Linear);
}

TEST(HfConfig, RopeScalingRefusalsNameTheTypeOrKey)
{
    QTemporaryDir dir;
    auto errorFor = [&](const QJsonObject& config) {
        attn::hftest::writeJson(dir.filePath("config.json"), config);
        return configError(dir.path());
    };
    for (const char* type : {"dynamic", "yarn", "longrope", "su"}) {
        const std::string e = errorFor(llamaWithScaling(QJsonObject{{"rope_type", type}, {"factor", 2.0}}));
        EXPECT_NE(e.find(std::string("'rope_scaling' type '") + type + "' is not supported (supported: linear, llama3)"),
                  std::string::npos)
            << e;
        EXPECT_EQ(e.find('\n'), std::string::npos) << e;
    }
    std::string e = errorFor(llamaWithScaling(QJsonObject{{"type", "dynamic"}, {"factor", 2.0}}));
    EXPECT_NE(e.find("type 'dynamic' is not supported"), std::string::npos) << e;

    QJsonObject parameters{{"rope_type", "yarn"}, {"factor", 2.0}};
    e = errorFor(llamaWithScaling(parameters, "rope_parameters"));
    EXPECT_NE(e.find("'rope_parameters' type 'yarn' is not supported"), std::string::npos) << e;

    e = errorFor(llamaWithScaling(QJsonObject{{"full_attention", QJsonObject{{"rope_type", "default"}}}},
                                  "rope_parameters"));
    EXPECT_NE(e.find("'rope_parameters' for each kind of layer ('full_attention') is not supported"), std::string::npos)
        << e;

    for (const char* key : {"factor", "low_freq_factor", "high_freq_factor", "original_max_position_embeddings"}) {
        QJsonObject scaling = llama32Scaling();
        scaling.remove(QLatin1String(key));
        e = errorFor(llamaWithScaling(scaling));
        EXPECT_NE(e.find(std::string("'rope_scaling.") + key + "' is missing"), std::string::npos) << e;
    }
    e = errorFor(llamaWithScaling(QJsonObject{{"rope_type", "linear"}}));
    EXPECT_NE(e.find("'rope_scaling.factor' is missing"), std::string::npos) << e;
    e = errorFor(llamaWithScaling(QJsonObject{{"rope_type", "linear"}, {"factor", -2}}));
    EXPECT_NE(e.find("'rope_scaling.factor' is not a positive number"), std::string::npos) << e;
    QJsonObject equalBands = llama32Scaling();
    equalBands["high_freq_factor"] = 1.0;
    e = errorFor(llamaWithScaling(equalBands));
    EXPECT_NE(e.find("'rope_scaling.high_freq_factor' 1 is not greater than 'rope_scaling.low_freq_factor' 1"),
              std::string::npos)
        << e;
    e = errorFor(llamaWithScaling(QJsonObject{{"factor", 8.0}}));
    EXPECT_NE(e.find("'rope_scaling' names no type ('rope_type'; supported: linear, llama3)"), std::string::npos) << e;
    e = errorFor(llamaWithScaling(QJsonValue(QStringLiteral("llama3"))));
    EXPECT_NE(e.find("'rope_scaling' is not an object"), std::string::npos) << e;
    e = errorFor(llamaWithScaling(QJsonObject{{"rope_type", 3}}));
    EXPECT_NE(e.find("'rope_scaling.rope_type' is not a string"), std::string::npos) << e;
}

TEST(HfConfig, MissingOrBrokenFile)
{
    QTemporaryDir dir;
    EXPECT_NE(configError(dir.path()).find("config.json: file not found"), std::string::npos);
    QFile f(dir.filePath("config.json"));
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("{\"model_type\": ");
    f.close();
    EXPECT_NE(configError(dir.path()).find("not a JSON object"), std::string::npos);
    EXPECT_FALSE(HfConfig::isHuggingFaceFolder(dir.path()));
}

// ---------------------------------------------------------------- weights

namespace {

TestModel smallWeights()
{
    TestModel m;
    m.add("encoder.layer.0.attention.self.query.weight", {2, 3}, {1, 2, 3, 4, 5, 6});
    m.add("encoder.layer.0.attention.self.query.bias", {2}, {0.5f, -0.25f});
    m.add("embeddings.LayerNorm.weight", {3}, {1, 1, 1});
    m.add("embeddings.LayerNorm.bias", {3}, {0, 0, 0});
    return m;
}

} // namespace

TEST(HfCheckpoint, ReadsF32InPlace)
{
    QTemporaryDir dir;
    smallWeights().write(dir.path());
    auto c = Checkpoint::open(dir.path(), {});
    const MatrixMap w = c->matrix("encoder.layer.0.attention.self.query.weight", 2, 3);
    EXPECT_FLOAT_EQ(w(1, 2), 6);
    EXPECT_FLOAT_EQ(w(0, 1), 2);
    EXPECT_FLOAT_EQ(c->vector("encoder.layer.0.attention.self.query.bias", 2)[1], -0.25f);
    EXPECT_EQ(c->dtypeName(), "F32");
    EXPECT_EQ(c->convertedBytes(), 0);
    EXPECT_GT(c->mappedBytes(), 0);
}

TEST(HfCheckpoint, HalfAndBFloat16RoundTrip)
{
    for (DType dtype : {DType::F16, DType::BF16}) {
        QTemporaryDir dir;
        TestModel m;
        m.dtype = dtype;
        std::mt19937 rng(7);
        m.addRandom("w", {4, 5}, rng, 3.0f);
        m.write(dir.path());
        const std::vector<float> expected = m.values("w");
        auto c = Checkpoint::open(dir.path(), {});
        const MatrixMap w = c->matrix("w", 4, 5);
        for (int i = 0; i < 20; ++i) {
            EXPECT_EQ(w.data()[i], expected[std::size_t(i)]);
            // F16 keeps 11 significant bits, BF16 8: the stored value is within half a unit of the last place.
            const float tol = std::abs(m.tensors()[0].data[std::size_t(i)]) * (dtype == DType::F16 ? 0x1p-11f : 0x1p-8f);
            EXPECT_NEAR(w.data()[i], m.tensors()[0].data[std::size_t(i)], tol);
        }
        EXPECT_EQ(c->dtypeName(), QString::fromStdString(dtypeName(dtype)));
        EXPECT_EQ(c->convertedBytes(), 20 * 4);
    }
}

TEST(HfCheckpoint, HalfConversionMatchesKnownValues)
{
    EXPECT_EQ(floatToHalf(1.0f), 0x3c00);
    EXPECT_EQ(floatToHalf(-2.0f), 0xc000);
    EXPECT_EQ(floatToHalf(65504.0f), 0x7bff);
    EXPECT_EQ(floatToHalf(1e6f), 0x7c00);
    EXPECT_EQ(floatToHalf(0x1p-24f), 0x0001); // smallest subnormal
    EXPECT_EQ(floatToHalf(1.0f + 0x1p-11f), 0x3c00); // a tie rounds to even
    EXPECT_EQ(floatToHalf(1.0f + 3 * 0x1p-11f), 0x3c02);
    EXPECT_EQ(floatToBFloat16(1.0f), 0x3f80);
    EXPECT_EQ(floatToBFloat16(1.0f + 0x1p-8f), 0x3f80); // tie to even
    EXPECT_EQ(floatToBFloat16(1.0f + 3 * 0x1p-8f), 0x3f82);
}

TEST(HfCheckpoint, PrefixAndGammaBetaNames)
{
    QTemporaryDir dir;
    TestModel m;
    m.prefix = "bert.";
    m.add("encoder.layer.0.output.LayerNorm.gamma", {3}, {1, 2, 3});
    m.add("encoder.layer.0.output.LayerNorm.beta", {3}, {4, 5, 6});
    m.add("cls.predictions.bias", {3}, {0, 0, 0}, false);
    m.write(dir.path());
    auto c = Checkpoint::open(dir.path(), {QStringLiteral("bert.")});
    EXPECT_TRUE(c->has("encoder.layer.0.output.LayerNorm.weight"));
    EXPECT_FLOAT_EQ(c->vector("encoder.layer.0.output.LayerNorm.weight", 3)[2], 3);
    EXPECT_FLOAT_EQ(c->vector("encoder.layer.0.output.LayerNorm.bias", 3)[0], 4);
    EXPECT_FALSE(c->has("encoder.layer.0.output.dense.weight"));
    EXPECT_EQ(c->unusedTensors({}), std::vector<std::string>{"cls.predictions.bias"});
    EXPECT_NO_THROW(c->finish({QStringLiteral("cls.*")}));
}

TEST(HfCheckpoint, NanAndInfRefusedWithTheName)
{
    for (float bad : {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity()}) {
        for (DType dtype : {DType::F32, DType::F16, DType::BF16}) {
            QTemporaryDir dir;
            TestModel m = smallWeights();
            m.dtype = dtype;
            m.data("encoder.layer.0.attention.self.query.weight")[4] = bad;
            m.write(dir.path());
            auto c = Checkpoint::open(dir.path(), {});
            const std::string e = errorOf([&] { c->matrix("encoder.layer.0.attention.self.query.weight", 2, 3); });
            EXPECT_NE(e.find("tensor 'encoder.layer.0.attention.self.query.weight' holds"), std::string::npos) << e;
            EXPECT_NE(e.find(std::isnan(bad) ? "NaN" : "Inf"), std::string::npos) << e;
            EXPECT_NE(e.find("element 4"), std::string::npos) << e;
            EXPECT_NE(e.find("model.safetensors"), std::string::npos) << e;
            // A second request fails too (nothing half-checked is handed out).
            EXPECT_NE(errorOf([&] { c->matrix("encoder.layer.0.attention.self.query.weight", 2, 3); }), "no error");
        }
    }
}

TEST(HfCheckpoint, WrongShapeAndDtypeNamed)
{
    QTemporaryDir dir;
    TestModel m = smallWeights();
    m.write(dir.path());
    {
        SafeTensorsWriter w;
        w.addFloats("a", {2, 3}, std::vector<float>(6, 1.0f));
        w.addInts("ids", {2}, {1, 2});
        w.write(dir.filePath("model.safetensors").toStdString());
    }
    auto c = Checkpoint::open(dir.path(), {});
    std::string e = errorOf([&] { c->matrix("a", 3, 2); });
    EXPECT_NE(e.find("tensor 'a' has shape (2, 3), expected (3, 2)"), std::string::npos) << e;
    e = errorOf([&] { c->vector("a", 6); });
    EXPECT_NE(e.find("tensor 'a' has shape (2, 3), expected (6)"), std::string::npos) << e;
    e = errorOf([&] { c->matrix("ids", 1, 2); });
    EXPECT_NE(e.find("tensor 'ids' is I64, not a float type"), std::string::npos) << e;
}

TEST(HfCheckpoint, MissingTensorNamedWithTheNamesTried)
{
    QTemporaryDir dir;
    smallWeights().write(dir.path());
    auto c = Checkpoint::open(dir.path(), {QStringLiteral("roberta.")});
    const std::string e = errorOf([&] { c->vector("pooler.dense.bias", 2); });
    EXPECT_NE(e.find("missing tensor 'pooler.dense.bias' (looked for pooler.dense.bias, roberta.pooler.dense.bias)"),
              std::string::npos)
        << e;
    EXPECT_NE(errorOf([&] { c->shape("nothing"); }).find("missing tensor 'nothing'"), std::string::npos);
}

TEST(HfCheckpoint, FinishNamesUnexpectedTensors)
{
    QTemporaryDir dir;
    TestModel m = smallWeights();
    for (int i = 0; i < 7; ++i) {
        m.add("extra." + std::to_string(i), {1}, {0});
    }
    m.write(dir.path());
    auto c = Checkpoint::open(dir.path(), {});
    c->matrix("encoder.layer.0.attention.self.query.weight", 2, 3);
    c->vector("encoder.layer.0.attention.self.query.bias", 2);
    c->vector("embeddings.LayerNorm.weight", 3);
    c->vector("embeddings.LayerNorm.bias", 3);
    const std::string e = errorOf([&] { c->finish({}); });
    EXPECT_NE(e.find("7 unexpected tensors: extra.0, extra.1, extra.2, extra.3, extra.4 and 2 more"), std::string::npos)
        << e;
    EXPECT_NO_THROW(c->finish({QStringLiteral("extra.*")}));
    EXPECT_EQ(c->unusedTensors({QStringLiteral("extra.?")}).size(), 0u);
}

TEST(HfCheckpoint, ShardsWithIndex)
{
    QTemporaryDir dir;
    TestModel m = smallWeights();
    m.shards = 3;
    m.prefix = "model.";
    m.dtype = DType::BF16;
    m.write(dir.path());
    auto c = Checkpoint::open(dir.path(), {QStringLiteral("model.")});
    EXPECT_TRUE(c->source().endsWith("model.safetensors.index.json"));
    EXPECT_FLOAT_EQ(c->matrix("encoder.layer.0.attention.self.query.weight", 2, 3)(1, 0), 4);
    EXPECT_FLOAT_EQ(c->vector("embeddings.LayerNorm.weight", 3)[0], 1);
    c->vector("encoder.layer.0.attention.self.query.bias", 2);
    c->vector("embeddings.LayerNorm.bias", 3);
    EXPECT_NO_THROW(c->finish({}));
}

TEST(HfCheckpoint, MissingShardNamed)
{
    QTemporaryDir dir;
    TestModel m = smallWeights();
    m.shards = 2;
    m.write(dir.path());
    ASSERT_TRUE(QFile::remove(dir.filePath(TestModel::shardName(1, 2))));
    const std::string e = errorOf([&] { Checkpoint::open(dir.path(), {}); });
    EXPECT_NE(e.find("model-00002-of-00002.safetensors: shard missing (listed in model.safetensors.index.json)"),
              std::string::npos)
        << e;
}

TEST(HfCheckpoint, IndexMustAgreeWithTheShards)
{
    QTemporaryDir dir;
    TestModel m = smallWeights();
    m.shards = 2;
    m.write(dir.path());
    attn::hftest::writeJson(dir.filePath("model.safetensors.index.json"),
                            QJsonObject{{"weight_map", QJsonObject{{"embeddings.LayerNorm.weight",
                                                                    TestModel::shardName(0, 2)},
                                                                   {"ghost", TestModel::shardName(1, 2)}}}});
    std::string e = errorOf([&] { Checkpoint::open(dir.path(), {}); });
    EXPECT_NE(e.find("tensor 'ghost' is not in model-00002-of-00002.safetensors as the index says"), std::string::npos)
        << e;
    attn::hftest::writeJson(dir.filePath("model.safetensors.index.json"),
                            QJsonObject{{"weight_map", QJsonObject{{"x", "../model.safetensors"}}}});
    e = errorOf([&] { Checkpoint::open(dir.path(), {}); });
    EXPECT_NE(e.find("tensor 'x' names no valid shard file"), std::string::npos) << e;
}

TEST(HfCheckpoint, TruncatedFileNamed)
{
    QTemporaryDir dir;
    smallWeights().write(dir.path());
    QFile f(dir.filePath("model.safetensors"));
    ASSERT_TRUE(f.resize(f.size() - 5));
    std::string e = errorOf([&] { Checkpoint::open(dir.path(), {}); });
    EXPECT_NE(e.find("model.safetensors: tensor"), std::string::npos) << e;
    EXPECT_NE(e.find("file truncated?"), std::string::npos) << e;
    ASSERT_TRUE(f.resize(20));
    e = errorOf([&] { Checkpoint::open(dir.path(), {}); });
    EXPECT_NE(e.find("truncated or not a safetensors file"), std::string::npos) << e;
    ASSERT_TRUE(f.resize(3));
    e = errorOf([&] { Checkpoint::open(dir.path(), {}); });
    EXPECT_NE(e.find("truncated: 3 bytes"), std::string::npos) << e;
}

TEST(HfCheckpoint, BadOffsetsNamed)
{
    QTemporaryDir dir;
    const std::string json = R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                             R"("b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})";
    std::vector<char> bytes(8 + json.size() + 12, 0);
    const std::uint64_t n = json.size();
    std::memcpy(bytes.data(), &n, 8);
    std::memcpy(bytes.data() + 8, json.data(), json.size());
    QFile f(dir.filePath("model.safetensors"));
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(bytes.data(), qint64(bytes.size()));
    f.close();
    const std::string e = errorOf([&] { Checkpoint::open(dir.path(), {}); });
    EXPECT_NE(e.find("tensor 'b' overlaps the tensor before it"), std::string::npos) << e;
}

TEST(HfCheckpoint, NoWeightsNamesWhatWasLookedFor)
{
    QTemporaryDir dir;
    QFile f(dir.filePath("pytorch_model.bin"));
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.close();
    const std::string e = errorOf([&] { Checkpoint::open(dir.path(), {}); });
    EXPECT_NE(e.find("no weights: neither model.safetensors nor model.safetensors.index.json"), std::string::npos)
        << e;
    EXPECT_NE(e.find("pytorch_model.bin is not read"), std::string::npos) << e;
}
