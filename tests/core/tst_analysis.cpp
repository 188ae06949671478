// Aggregations, statistics, filter, head search and difference, checked against independent computations.
#include "core/attentionanalysis.h"
#include "core/syntheticattention.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

using namespace attn;

namespace {

// A 2-layer, 2-head, 3-token block with hand-chosen rows.
AttentionBlock smallBlock()
{
    const QStringList t = {"<s>", "cat", "."};
    AttentionBlock b("encoder_self", 2, 2, t, t);
    const float rows[2][2][3][3] = {
        {{{1, 0, 0}, {0.5f, 0.5f, 0}, {0.2f, 0.3f, 0.5f}}, {{0, 1, 0}, {0, 0, 1}, {1, 0, 0}}},
        {{{0.25f, 0.25f, 0.5f}, {0.1f, 0.8f, 0.1f}, {0, 0, 1}}, {{1.0f / 3, 1.0f / 3, 1.0f / 3}, {0, 1, 0}, {0.6f, 0.4f, 0}}}};
    for (int l = 0; l < 2; ++l)
        for (int h = 0; h < 2; ++h)
            for (int q = 0; q < 3; ++q)
                for (int k = 0; k < 3; ++k)
                    b.at(l, h, q, k) = rows[l][h][q][k];
    return b;
}

// Plain triple-loop matrix product, independent of the Eigen code under test. (n, n) x (n, n)
std::vector<double> matmul(const std::vector<double>& a, const std::vector<double>& b, int n)
{
    std::vector<double> c(std::size_t(n) * n, 0.0);
    for (int i = 0; i < n; ++i)
        for (int k = 0; k < n; ++k)
            for (int j = 0; j < n; ++j)
                c[i * n + j] += a[i * n + k] * b[k * n + j];
    return c;
}

} // namespace

TEST(Analysis, MeanAndMaxOverHeads)
{
    const auto b = smallBlock();
    const auto mean = meanOverHeads(b, 0);
    const auto max = maxOverHeads(b, 0);
    for (int q = 0; q < 3; ++q)
        for (int k = 0; k < 3; ++k) {
            EXPECT_FLOAT_EQ(mean.at(q, k), (b.at(0, 0, q, k) + b.at(0, 1, q, k)) / 2);
            EXPECT_FLOAT_EQ(max.at(q, k), std::max(b.at(0, 0, q, k), b.at(0, 1, q, k)));
        }
    EXPECT_TRUE(mean.rowStochastic);
    EXPECT_FALSE(max.rowStochastic);
    EXPECT_THROW(meanOverHeads(b, 2), std::invalid_argument);
    EXPECT_THROW(headMap(b, 0, 5), std::invalid_argument);
}

TEST(Analysis, RolloutIsProductOfResidualMixedLayers)
{
    const auto b = smallBlock();
    const int n = 3;
    std::vector<double> expected(n * n, 0.0);
    for (int i = 0; i < n; ++i)
        expected[i * n + i] = 1.0;
    for (int l = 0; l < 2; ++l) {
        std::vector<double> a(n * n);
        for (int q = 0; q < n; ++q) {
            double sum = 0;
            for (int k = 0; k < n; ++k) {
                a[q * n + k] = 0.5 * (b.at(l, 0, q, k) + b.at(l, 1, q, k)) / 2 + (q == k ? 0.5 : 0.0);
                sum += a[q * n + k];
            }
            for (int k = 0; k < n; ++k)
                a[q * n + k] /= sum;
        }
        expected = matmul(a, expected, n);
        const auto r = rollout(b, l);
        for (int q = 0; q < n; ++q) {
            double rowSum = 0;
            for (int k = 0; k < n; ++k) {
                EXPECT_NEAR(r.at(q, k), expected[q * n + k], 1e-6) << "layer " << l << " q " << q << " k " << k;
                rowSum += r.at(q, k);
            }
            EXPECT_NEAR(rowSum, 1.0, 1e-5);
        }
    }
}

TEST(Analysis, RolloutRejectsCrossAttention)
{
    AttentionBlock cross("cross", 1, 1, {"a", "b"}, {"x", "y", "z"});
    EXPECT_THROW(rollout(cross, 0), std::invalid_argument);
}

TEST(Analysis, HeadStatistics)
{
    const auto b = smallBlock();
    const auto stats = headStatistics(b);
    ASSERT_EQ(stats.size(), 4u);
    // Layer 0 head 1 is one-hot everywhere: zero entropy; distances |0-1|, |1-2|, |2-0| average to 4/3.
    EXPECT_NEAR(stats[1].entropy, 0.0, 1e-9);
    EXPECT_NEAR(stats[1].meanDistance, 4.0 / 3.0, 1e-6);
    EXPECT_NEAR(stats[1].firstTokenShare, 1.0 / 3.0, 1e-6);
    // Layer 1 head 1 row 0 is uniform (entropy ln 3), row 1 one-hot, row 2 (0.6, 0.4, 0).
    const double row2 = -(0.6 * std::log(0.6) + 0.4 * std::log(0.4));
    EXPECT_NEAR(stats[3].entropy, (std::log(3.0) + row2) / 3.0, 1e-6);
    EXPECT_EQ(stats[3].layer, 1);
    EXPECT_EQ(stats[3].head, 1);
}

TEST(Analysis, FilterRemovesTokensAndRenormalisesRows)
{
    const auto b = smallBlock();
    TokenFilter f;
    f.punctuation = true;
    f.specialTokens = true;
    EXPECT_TRUE(f.hides("."));
    EXPECT_TRUE(f.hides("<s>"));
    EXPECT_FALSE(f.hides("cat"));
    int zeros = -1;
    const auto m = filterMap(headMap(b, 0, 0), f, &zeros);
    ASSERT_EQ(m.queries, 1);
    ASSERT_EQ(m.keys, 1);
    EXPECT_EQ(m.queryLabels, QStringList{"cat"});
    EXPECT_FLOAT_EQ(m.at(0, 0), 1.0f);
    EXPECT_EQ(zeros, 0);

    TokenFilter onlyDot;
    onlyDot.tokens = {"."};
    const auto d = filterMap(headMap(b, 1, 0), onlyDot, &zeros);
    ASSERT_EQ(d.keys, 2);
    // Row "<s>" was (0.25, 0.25, 0.5): without "." it is (0.5, 0.5); row "cat" (0.1, 0.8) / 0.9.
    EXPECT_FLOAT_EQ(d.at(0, 0), 0.5f);
    EXPECT_NEAR(d.at(1, 1), 0.8 / 0.9, 1e-6);
    EXPECT_EQ(zeros, 0);
    // A row whose only weight was on "." keeps nothing: counted, left at zero.
    const auto z = filterMap(headMap(b, 0, 1), TokenFilter{false, false, {"."}}, &zeros);
    EXPECT_EQ(zeros, 1);
    EXPECT_EQ(z.at(1, 0) + z.at(1, 1), 0.0f);
}

TEST(Analysis, FindHeadsByTokenAndPosition)
{
    AttentionSet set = syntheticAttentionSet(3, 4, 6, 7, false, {"The", "▁animal", "was", "it", "tired", "."});
    auto& b = set.blocks[0];
    // Plant a strong it -> animal link in layer 2 head 1 (the rest of the row keeps summing to 1).
    for (int k = 0; k < b.keys; ++k)
        b.at(2, 1, 3, k) = k == 1 ? 0.9f : 0.1f / 5;
    const auto matches = findHeads(set, "encoder_self", "it", "animal", 0.5f);
    ASSERT_FALSE(matches.empty());
    const auto planted = std::find_if(matches.begin(), matches.end(),
                                      [](const HeadMatch& m) { return m.layer == 2 && m.head == 1; });
    ASSERT_NE(planted, matches.end());
    EXPECT_FLOAT_EQ(planted->weight, 0.9f);
    EXPECT_EQ(planted->query, 3);
    EXPECT_EQ(planted->key, 1);
    float strongest = 0;
    int above = 0;
    for (int l = 0; l < 3; ++l)
        for (int h = 0; h < 4; ++h) {
            strongest = std::max(strongest, b.at(l, h, 3, 1));
            above += b.at(l, h, 3, 1) >= 0.5f;
        }
    EXPECT_FLOAT_EQ(matches.front().weight, strongest);
    EXPECT_EQ(int(matches.size()), above);
    for (const auto& m : matches)
        EXPECT_GE(m.weight, 0.5f);
    for (std::size_t i = 1; i < matches.size(); ++i)
        EXPECT_GE(matches[i - 1].weight, matches[i].weight);
    // Every head counted: threshold 0 lists them all.
    EXPECT_EQ(findHeads(b, 3, 1, 0.0f).size(), 12u);
    EXPECT_THROW(findHeads(set, "encoder_self", "zebra", "animal", 0.1f), std::invalid_argument);
    EXPECT_THROW(findHeads(set, "cross", "it", "animal", 0.1f), std::invalid_argument);
}

TEST(Analysis, DifferenceNeedsAlignedTokens)
{
    const auto b = smallBlock();
    auto a = headMap(b, 0, 0);
    auto c = headMap(b, 1, 0);
    c.keyLabels[1] = "dog";
    const auto d = difference(a, c);
    EXPECT_FLOAT_EQ(d.at(2, 2), a.at(2, 2) - c.at(2, 2));
    EXPECT_EQ(d.keyLabels[1], QString("cat/dog"));
    AttentionMap other;
    other.queries = 2;
    other.keys = 3;
    EXPECT_THROW(difference(a, other), std::invalid_argument);
}

TEST(Analysis, SyntheticSetsAreRowStochastic)
{
    const auto set = syntheticAttentionSet(4, 3, 9, 42, true);
    EXPECT_NO_THROW(set.validate(1e-4));
    EXPECT_EQ(set.blocks.size(), 3u);
    const auto* dec = set.block("decoder_self");
    ASSERT_NE(dec, nullptr);
    EXPECT_EQ(dec->at(0, 0, 0, 5), 0.0f); // causal
    EXPECT_EQ(aggregationFromId("Rollout"), Aggregation::Rollout);
    EXPECT_THROW(aggregationFromId("median"), std::invalid_argument);
}
