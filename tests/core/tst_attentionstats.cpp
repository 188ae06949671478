#include "core/attentionstats.h"

#include <QJsonArray>

#include <gtest/gtest.h>

#include <cmath>

using namespace attn;

TEST(AttentionStats, EntropyDistanceAndTopTargets)
{
    // Row 0 attends only to key 2, row 1 uniformly, row 2 only to itself.
    Eigen::MatrixXf m(3, 3);
    m << 0, 0, 1, 1.f / 3, 1.f / 3, 1.f / 3, 0, 0, 1;
    const HeadStats s = headStats(m, true, 2);
    EXPECT_NEAR(s.entropy, std::log(3.0) / 3, 1e-6);
    EXPECT_NEAR(s.normalisedEntropy, 1.0 / 3, 1e-6);
    // distances: row 0 -> 2, row 1 -> (1 + 0 + 1) / 3, row 2 -> 0
    EXPECT_NEAR(s.meanDistance, (2 + 2.0 / 3) / 3, 1e-6);
    ASSERT_EQ(s.topTargets.size(), 2u);
    EXPECT_EQ(s.topTargets[0].key, 2);
    EXPECT_NEAR(s.topTargets[0].share, (1 + 1.0 / 3 + 1) / 3, 1e-6);
    EXPECT_EQ(s.topTargets[1].key, 0); // ties broken by position
    EXPECT_LT(headStats(m, false, 1).meanDistance, 0);
}

TEST(AttentionStats, JsonCoversEveryHead)
{
    AttentionSet set;
    set.modelName = "m";
    set.sourceTokens = {"a", "b"};
    AttentionBlock b("encoder_self", 2, 2, set.sourceTokens, set.sourceTokens);
    for (int l = 0; l < 2; ++l)
        for (int h = 0; h < 2; ++h)
            for (int q = 0; q < 2; ++q)
                b.at(l, h, q, (l + h) % 2) = 1.f;
    set.blocks = {b};
    AttentionSetSource source(set);
    const QJsonObject json = attentionStatsJson(source, 1);
    const QJsonArray heads = json["blocks"].toArray()[0].toObject()["head_stats"].toArray();
    ASSERT_EQ(heads.size(), 4);
    const QJsonObject h01 = heads[1].toObject();
    EXPECT_EQ(h01["layer"].toInt(), 0);
    EXPECT_EQ(h01["head"].toInt(), 1);
    EXPECT_EQ(h01["top_targets"].toArray()[0].toObject()["token"].toString(), "b");
    EXPECT_DOUBLE_EQ(h01["entropy"].toDouble(), 0.0);
    EXPECT_DOUBLE_EQ(h01["mean_distance"].toDouble(), 0.5);
}
