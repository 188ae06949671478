#include "core/attentionjson.h"
#include "core/attentionset.h"
#include "core/vectorparse.h"

#include <gtest/gtest.h>

#include <random>

using namespace attn;

namespace {

AttentionSet randomSet(unsigned seed)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> u(0.01f, 1.0f);
    AttentionSet set;
    set.modelName = "synthetic";
    set.sourceTokens = {"the", "cat", "sat", "."};
    set.targetTokens = {"le", "chat", "."};
    AttentionBlock enc("encoder_self", 2, 3, set.sourceTokens, set.sourceTokens);
    AttentionBlock cross("cross", 2, 3, set.targetTokens, set.sourceTokens);
    for (auto* b : {&enc, &cross}) {
        for (int l = 0; l < b->layers; ++l)
            for (int h = 0; h < b->heads; ++h)
                for (int q = 0; q < b->queries; ++q) {
                    float sum = 0;
                    for (int k = 0; k < b->keys; ++k)
                        sum += (b->at(l, h, q, k) = u(rng));
                    for (int k = 0; k < b->keys; ++k)
                        b->at(l, h, q, k) /= sum;
                }
    }
    set.blocks = {enc, cross};
    return set;
}

} // namespace

TEST(AttentionSet, ValidSetPasses)
{
    const auto set = randomSet(1);
    EXPECT_NO_THROW(set.validate());
    EXPECT_LT(set.blocks[0].maxRowSumError(), 1e-6);
    ASSERT_NE(set.block("cross"), nullptr);
    EXPECT_EQ(set.block("cross")->queries, 3);
    EXPECT_EQ(set.block("nope"), nullptr);
}

TEST(AttentionSet, RowThatDoesNotSumToOneIsNamed)
{
    auto set = randomSet(2);
    set.blocks[1].at(1, 2, 0, 0) += 0.01f;
    try {
        set.validate();
        FAIL() << "a bad row must be reported";
    } catch (const std::invalid_argument& e) {
        const std::string msg = e.what();
        EXPECT_NE(msg.find("cross"), std::string::npos) << msg;
        EXPECT_NE(msg.find("layer 1, head 2"), std::string::npos) << msg;
    }
}

TEST(AttentionSet, InconsistentSizesAndNegativeWeightsAreRejected)
{
    auto set = randomSet(3);
    set.blocks[0].queryLabels.removeLast();
    EXPECT_THROW(set.validate(), std::invalid_argument);
    set = randomSet(3);
    set.blocks[0].weights.pop_back();
    EXPECT_THROW(set.validate(), std::invalid_argument);
    set = randomSet(3);
    set.blocks[0].at(0, 0, 0, 0) = -set.blocks[0].at(0, 0, 0, 0);
    EXPECT_THROW(set.validate(), std::invalid_argument);
    EXPECT_THROW(AttentionSet().validate(), std::invalid_argument);
}

TEST(AttentionSet, JsonRoundTripKeepsEveryWeight)
{
    const auto set = randomSet(4);
    const QJsonObject json = attentionSetToJson(set);
    EXPECT_EQ(json.value("model").toString(), QString("synthetic"));
    const auto back = attentionSetFromJson(json);
    ASSERT_EQ(back.blocks.size(), set.blocks.size());
    for (std::size_t i = 0; i < set.blocks.size(); ++i) {
        const auto* b = back.block(set.blocks[i].name);
        ASSERT_NE(b, nullptr);
        EXPECT_EQ(b->queryLabels, set.blocks[i].queryLabels);
        EXPECT_EQ(b->keyLabels, set.blocks[i].keyLabels);
        ASSERT_EQ(b->weights.size(), set.blocks[i].weights.size());
        for (std::size_t k = 0; k < b->weights.size(); ++k) {
            EXPECT_FLOAT_EQ(b->weights[k], set.blocks[i].weights[k]);
        }
    }
    EXPECT_THROW(attentionSetFromJson(QJsonObject{}), std::invalid_argument);
}

TEST(VectorParse, ParsesAndNamesEveryProblem)
{
    EXPECT_EQ(parseVector(" 1, -2.5 ,3e1", "q"), (Eigen::VectorXd(3) << 1, -2.5, 30).finished());
    const auto m = parseMatrix("1,0;0,1;-1,0", "key");
    EXPECT_EQ(m.rows(), 3);
    EXPECT_EQ(m(2, 0), -1);
    const auto message = [](auto f) {
        try {
            f();
        } catch (const std::invalid_argument& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_NE(message([] { parseVector("", "q"); }).find("empty"), std::string::npos);
    EXPECT_NE(message([] { parseVector("1,a", "q"); }).find("'a' is not a number"), std::string::npos);
    EXPECT_NE(message([] { parseVector("1,,2", "q"); }).find("not a number"), std::string::npos);
    EXPECT_NE(message([] { parseVector("nan,1", "q"); }).find("NaN"), std::string::npos);
    EXPECT_NE(message([] { parseVector("1,inf", "q"); }).find("infinite"), std::string::npos);
    EXPECT_NE(message([] { parseVector("1,1e999", "q"); }).find("infinite"), std::string::npos);
    EXPECT_NE(message([] { parseMatrix("1,0;1", "key"); }).find("key 1 has 1 values"), std::string::npos);
    EXPECT_NE(message([] { parseMatrix("  ", "key"); }).find("empty"), std::string::npos);
}
