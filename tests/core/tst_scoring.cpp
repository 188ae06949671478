// Hand-worked examples for each scoring formula, and the helpers around them.
#include "core/scoring.h"

#include "core/normaliser.h"

#include "eigenliterals.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace attn;

TEST(Scoring, DotIsTheInnerProduct)
{
    const auto s = score(ScoreFunction::Dot, vec({1, 2}), rows({{3, 4}, {-1, 0}}));
    EXPECT_DOUBLE_EQ(s(0), 11.0); // 1*3 + 2*4
    EXPECT_DOUBLE_EQ(s(1), -1.0);
}

TEST(Scoring, ScaledDotDividesBySqrtOfDimension)
{
    const auto s = score(ScoreFunction::ScaledDot, vec({1, 2, 2, 0}), rows({{1, 1, 1, 1}}));
    EXPECT_DOUBLE_EQ(s(0), 5.0 / 2.0); // (1+2+2+0) / sqrt(4)
}

TEST(Scoring, CosineIgnoresLengthAndZeroVectorsScoreZero)
{
    const auto s = score(ScoreFunction::Cosine, vec({2, 0}), rows({{1, 1}, {0, 0}, {-3, 0}}));
    EXPECT_NEAR(s(0), 1.0 / std::sqrt(2.0), 1e-15);
    EXPECT_DOUBLE_EQ(s(1), 0.0);
    EXPECT_DOUBLE_EQ(s(2), -1.0);
    const auto z = score(ScoreFunction::Cosine, vec({0, 0}), rows({{1, 1}}));
    EXPECT_DOUBLE_EQ(z(0), 0.0);
}

TEST(Scoring, GeneralIsBilinear)
{
    ScoreParams p;
    p.general = rows({{1, 2}, {0, 1}});
    const auto s = score(ScoreFunction::General, vec({1, 0}), rows({{0, 1}, {1, 0}}), p);
    EXPECT_DOUBLE_EQ(s(0), 2.0); // q^T W k = W(0, 1)
    EXPECT_DOUBLE_EQ(s(1), 1.0); // W(0, 0)
}

TEST(Scoring, ConcatLinearIsALinearLayerOverTheConcatenation)
{
    ScoreParams p;
    p.concatW = vec({1, 2, 3, 4});
    p.concatBias = 0.5;
    const auto s = score(ScoreFunction::ConcatLinear, vec({1, 1}), rows({{1, 0}, {0, 1}}), p);
    EXPECT_DOUBLE_EQ(s(0), 1 + 2 + 3 + 0.5);
    EXPECT_DOUBLE_EQ(s(1), 1 + 2 + 4 + 0.5);
}

TEST(Scoring, ConcatLinearWeightsNeverDependOnTheQuery)
{
    // w^T [q; k_i] + b = (w_q^T q + b) + w_k^T k_i: the first part is the same for every key; softmax cancels it.
    const ScoreParams p = ScoreParams::random(3, 3, 4, 4, 7);
    const Eigen::MatrixXd keys = rows({{1, 0, 2}, {-1, 1, 0}, {0.5, 0.5, -2}});
    const auto a = softmax(score(ScoreFunction::ConcatLinear, vec({1, 2, 3}), keys, p));
    const auto b = softmax(score(ScoreFunction::ConcatLinear, vec({-40, 0.1, 9}), keys, p));
    EXPECT_LT((a - b).cwiseAbs().maxCoeff(), 1e-12);
    EXPECT_GT(a.maxCoeff() - a.minCoeff(), 0.05); // the keys still matter
}

TEST(Scoring, ConcatTanhIsRuleTwoOfTheCourseNotes)
{
    // cat [q; k_i] -> Linear W (2 x 4) + b -> tanh -> sum
    ScoreParams p;
    p.concatTanhW = rows({{1, 0, 2, 0}, {0, -1, 0, 1}});
    p.concatTanhBias = vec({0.5, 0});
    const auto s = score(ScoreFunction::ConcatTanh, vec({1, 2}), rows({{0, 1}, {1, 1}}), p);
    // key 0: W [1 2 0 1] + b = (1 + 0 + 0.5, -2 + 1) = (1.5, -1)
    EXPECT_NEAR(s(0), std::tanh(1.5) + std::tanh(-1.0), 1e-15);
    // key 1: W [1 2 1 1] + b = (1 + 2 + 0.5, -2 + 1) = (3.5, -1)
    EXPECT_NEAR(s(1), std::tanh(3.5) + std::tanh(-1.0), 1e-15);
    // Additive with v = ones and W = [W_q W_k] is the same function.
    ScoreParams add;
    add.additiveW = p.concatTanhW.leftCols(2);
    add.additiveU = p.concatTanhW.rightCols(2);
    add.additiveV = vec({1, 1});
    ScoreParams noBias = p;
    noBias.concatTanhBias.resize(0);
    const Eigen::MatrixXd keys = rows({{0, 1}, {1, 1}});
    EXPECT_LT((score(ScoreFunction::ConcatTanh, vec({1, 2}), keys, noBias) -
               score(ScoreFunction::Additive, vec({1, 2}), keys, add))
                  .cwiseAbs()
                  .maxCoeff(),
              1e-15);
    p.concatTanhW = rows({{1, 0, 2}});
    EXPECT_THROW(score(ScoreFunction::ConcatTanh, vec({1, 2}), rows({{0, 1}}), p), std::invalid_argument);
}

TEST(Scoring, AdditiveIsBahdanausMlp)
{
    ScoreParams p;
    p.additiveW = Eigen::MatrixXd::Identity(2, 2);
    p.additiveU = rows({{2, 0}, {0, 1}});
    p.additiveV = vec({1, -1});
    const auto s = score(ScoreFunction::Additive, vec({0.5, 0}), rows({{1, 1}, {0, 0}}), p);
    EXPECT_NEAR(s(0), std::tanh(2.5) - std::tanh(1.0), 1e-15);
    EXPECT_NEAR(s(1), std::tanh(0.5), 1e-15);
}

TEST(Scoring, LocationDependsOnPositionNotKeys)
{
    ScoreParams p;
    p.location = rows({{1, 0}, {0, 1}, {1, 1}});
    const auto a = score(ScoreFunction::Location, vec({2, 3}), rows({{9, 9}, {-9, 4}}), p);
    const auto b = score(ScoreFunction::Location, vec({2, 3}), rows({{0, 0}, {1, 1}}), p);
    EXPECT_DOUBLE_EQ(a(0), 2.0);
    EXPECT_DOUBLE_EQ(a(1), 3.0);
    EXPECT_EQ(a, b);
}

TEST(Scoring, LocationAddsTheBiasOfATrainedLayer)
{
    ScoreParams p;
    p.location = rows({{1, 0}, {0, 1}, {1, 1}});
    p.locationBias = vec({0.5, -1, 2});
    const auto s = score(ScoreFunction::Location, vec({2, 3}), rows({{9, 9}, {-9, 4}}), p);
    EXPECT_DOUBLE_EQ(s(0), 2.5);
    EXPECT_DOUBLE_EQ(s(1), 2.0);
    p.locationBias = vec({1, 2});
    EXPECT_THROW(score(ScoreFunction::Location, vec({2, 3}), rows({{1, 1}}), p), std::invalid_argument);
}

TEST(Scoring, RejectsBadSizesWithAMessage)
{
    EXPECT_THROW(score(ScoreFunction::Dot, vec({1, 2}), Eigen::MatrixXd(0, 2)), std::invalid_argument);
    try {
        score(ScoreFunction::Dot, vec({1, 2}), rows({{1, 2, 3}}));
        FAIL() << "mismatched sizes must throw";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("needs equal sizes"), std::string::npos) << e.what();
    }
    EXPECT_THROW(score(ScoreFunction::General, vec({1, 2}), rows({{1, 2}})), std::invalid_argument);
    ScoreParams p = ScoreParams::random(2, 2, 2, 2, 1);
    EXPECT_THROW(score(ScoreFunction::Location, vec({1, 2}), rows({{1, 2}, {1, 2}, {1, 2}}), p), std::invalid_argument);
}

TEST(Scoring, RandomParamsAreSeeded)
{
    const auto a = ScoreParams::random(3, 4, 5, 6, 42);
    const auto b = ScoreParams::random(3, 4, 5, 6, 42);
    const auto c = ScoreParams::random(3, 4, 5, 6, 43);
    EXPECT_EQ(a.general, b.general);
    EXPECT_EQ(a.additiveV, b.additiveV);
    EXPECT_NE(a.general, c.general);
    EXPECT_EQ(a.location.rows(), 6);
    EXPECT_EQ(a.concatW.size(), 7);
}

TEST(Scoring, NamesRoundTrip)
{
    for (auto fn : allScoreFunctions()) {
        EXPECT_EQ(scoreFunctionFromName(scoreFunctionName(fn)), fn);
        EXPECT_FALSE(scoreFunctionFormula(fn).empty());
    }
    EXPECT_EQ(allScoreFunctions().size(), 8u);
    EXPECT_FALSE(scoreFunctionFromName("concat").has_value());
    EXPECT_NE(renamedScoreFunctionHint("concat").find("concat_linear"), std::string::npos);
    EXPECT_FALSE(scoreFunctionFromName("bogus").has_value());
}

TEST(Scoring, WeightedSumAndHeads)
{
    const auto ctx = weightedSum(vec({0.25, 0.75}), rows({{4, 0}, {0, 4}}));
    EXPECT_DOUBLE_EQ(ctx(0), 1.0);
    EXPECT_DOUBLE_EQ(ctx(1), 3.0);
    EXPECT_THROW(weightedSum(vec({1}), rows({{1}, {2}})), std::invalid_argument);

    const Eigen::MatrixXd x = Eigen::MatrixXd::Random(5, 12);
    const auto heads = splitHeads(x, 3);
    ASSERT_EQ(heads.size(), 3u);
    EXPECT_EQ(heads[1].cols(), 4);
    EXPECT_EQ(heads[1], x.middleCols(4, 4));
    EXPECT_EQ(mergeHeads(heads), x);
    EXPECT_THROW(splitHeads(x, 5), std::invalid_argument);
}

TEST(Scoring, SelfAttentionMatchesAManualComputation)
{
    const Eigen::MatrixXd x = rows({{1, 0}, {0, 1}, {1, 1}});
    const Eigen::MatrixXd wq = Eigen::MatrixXd::Identity(2, 2);
    const Eigen::MatrixXd wk = rows({{1, 0}, {0, 2}});
    const Eigen::MatrixXd wv = rows({{1}, {-1}});
    const auto r = scaledDotSelfAttention(x, wq, wk, wv);
    // Row 0: q = (1,0); k = (1,0), (0,2), (1,2); scores / sqrt(2) = (1, 0, 1)/sqrt2.
    const double a = std::exp(1 / std::sqrt(2.0)), b = 1.0;
    const double z = 2 * a + b;
    EXPECT_NEAR(r.weights(0, 0), a / z, 1e-12);
    EXPECT_NEAR(r.weights(0, 1), b / z, 1e-12);
    EXPECT_NEAR(r.output(0, 0), (a * 1 + b * -1 + a * 0) / z, 1e-12);
    for (int i = 0; i < 3; ++i) {
        EXPECT_NEAR(r.weights.row(i).sum(), 1.0, 1e-12);
    }
}
