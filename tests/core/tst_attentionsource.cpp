#include "core/attentionsource.h"

#include <gtest/gtest.h>

#include <random>

using namespace attn;

namespace {

AttentionSet smallSet()
{
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> u(0.01f, 1.0f);
    AttentionSet set;
    set.modelName = "synthetic";
    set.sourceTokens = {"a", "b", "c", "d", "e"};
    AttentionBlock enc("encoder_self", 2, 3, set.sourceTokens, set.sourceTokens);
    for (int l = 0; l < 2; ++l)
        for (int h = 0; h < 3; ++h)
            for (int q = 0; q < 5; ++q) {
                float sum = 0;
                for (int k = 0; k < 5; ++k)
                    sum += (enc.at(l, h, q, k) = u(rng));
                for (int k = 0; k < 5; ++k)
                    enc.at(l, h, q, k) /= sum;
            }
    set.blocks = {enc};
    return set;
}

} // namespace

TEST(AttentionSource, SetAdapterGivesShapesAndHeads)
{
    const AttentionSet set = smallSet();
    AttentionSetSource source(set);
    ASSERT_EQ(source.blockCount(), 1);
    EXPECT_EQ(source.name(), "synthetic");
    EXPECT_EQ(source.blockIndex("encoder_self"), 0);
    EXPECT_EQ(source.blockIndex("cross"), -1);
    const AttentionBlockInfo& info = source.blockInfo(0);
    EXPECT_EQ(info.layers, 2);
    EXPECT_EQ(info.heads, 3);
    EXPECT_EQ(info.queryLabels, set.sourceTokens);
    const Eigen::MatrixXf m = source.head(0, 1, 2);
    ASSERT_EQ(m.rows(), 5);
    ASSERT_EQ(m.cols(), 5);
    for (int q = 0; q < 5; ++q)
        for (int k = 0; k < 5; ++k)
            EXPECT_FLOAT_EQ(m(q, k), set.blocks[0].at(1, 2, q, k));
    EXPECT_THROW(source.head(0, 2, 0), std::out_of_range);
    EXPECT_THROW(source.head(0, 0, 3), std::out_of_range);
    EXPECT_THROW(source.head(1, 0, 0), std::out_of_range);
}

TEST(AttentionSource, PoolingMaxAndMean)
{
    Eigen::MatrixXf m(5, 4);
    for (int r = 0; r < 5; ++r)
        for (int c = 0; c < 4; ++c)
            m(r, c) = float(r * 4 + c);
    const Eigen::MatrixXf mx = poolMatrix(m, 2, PoolMode::Max);
    // 5 rows in blocks of 3 -> 2 rows; 4 cols in blocks of 2 -> 2 cols.
    ASSERT_EQ(mx.rows(), 2);
    ASSERT_EQ(mx.cols(), 2);
    EXPECT_FLOAT_EQ(mx(0, 0), 9.f);  // rows 0-2, cols 0-1
    EXPECT_FLOAT_EQ(mx(1, 1), 19.f); // rows 3-4, cols 2-3
    const Eigen::MatrixXf mean = poolMatrix(m, 2, PoolMode::Mean);
    EXPECT_FLOAT_EQ(mean(0, 0), (0 + 1 + 4 + 5 + 8 + 9) / 6.f);
    EXPECT_FLOAT_EQ(mean(1, 1), (14 + 15 + 18 + 19) / 4.f);
    EXPECT_EQ(poolMatrix(m, 8, PoolMode::Max), m);
    EXPECT_EQ(poolModeFromId("mean"), PoolMode::Mean);
    EXPECT_THROW(poolModeFromId("median"), std::invalid_argument);
}

TEST(AttentionSource, MaterialiseRoundTrips)
{
    const AttentionSet set = smallSet();
    AttentionSetSource source(set);
    const AttentionSet back = materialise(source);
    ASSERT_EQ(back.blocks.size(), 1u);
    EXPECT_EQ(back.blocks[0].weights, set.blocks[0].weights);
    EXPECT_EQ(back.sourceTokens, set.sourceTokens);
    EXPECT_THROW(materialise(source, 16), std::runtime_error);
}
