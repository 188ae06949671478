#include "core/normaliser.h"

#include "eigenliterals.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace attn;

TEST(Normaliser, SoftmaxMatchesTheFormulaAndTemperature)
{
    const auto w = normalise(NormaliserKind::Softmax, vec({1, 0, -1}));
    const double z = std::exp(1) + 1 + std::exp(-1);
    EXPECT_NEAR(w(0), std::exp(1) / z, 1e-15);
    EXPECT_NEAR(w(2), std::exp(-1) / z, 1e-15);
    NormaliserOptions o;
    o.temperature = 0.5;
    const auto sharp = normalise(NormaliserKind::Softmax, vec({1, 0, -1}), o);
    const double z2 = std::exp(2) + 1 + std::exp(-2);
    EXPECT_NEAR(sharp(0), std::exp(2) / z2, 1e-15);
    EXPECT_GT(sharp(0), w(0));
}

TEST(Normaliser, SoftmaxIsStableForHugeScores)
{
    const auto w = softmax(vec({1000, 999, -1000}));
    EXPECT_TRUE(w.allFinite());
    EXPECT_NEAR(w.sum(), 1.0, 1e-12);
}

TEST(Normaliser, HardIsOneHotOnTheFirstMaximum)
{
    const auto w = normalise(NormaliserKind::Hard, vec({0.1, 3, 3, -2}));
    EXPECT_EQ(w, vec({0, 1, 0, 0}));
}

TEST(Normaliser, SampledHardIsSeededAndFollowsTheDistribution)
{
    const Eigen::VectorXd s = vec({std::log(0.2), std::log(0.5), std::log(0.3)});
    NormaliserOptions o;
    Eigen::VectorXd counts = Eigen::VectorXd::Zero(3);
    for (unsigned long long seed = 0; seed < 4000; ++seed) {
        o.seed = seed;
        const auto w = normalise(NormaliserKind::SampledHard, s, o);
        ASSERT_DOUBLE_EQ(w.sum(), 1.0);
        ASSERT_EQ((w.array() == 1.0).count(), 1);
        counts += w;
        if (seed < 10) {
            EXPECT_EQ(w, normalise(NormaliserKind::SampledHard, s, o)); // same seed, same draw
        }
    }
    counts /= 4000.0;
    EXPECT_NEAR(counts(0), 0.2, 0.03);
    EXPECT_NEAR(counts(1), 0.5, 0.03);
    EXPECT_NEAR(counts(2), 0.3, 0.03);
}

TEST(Normaliser, LocalIsZeroOutsideTheWindowAndGaussianInside)
{
    NormaliserOptions o;
    o.centre = 3;
    o.halfWidth = 2;
    const Eigen::VectorXd s = Eigen::VectorXd::Zero(8);
    const auto w = normalise(NormaliserKind::Local, s, o);
    EXPECT_EQ(w(0), 0.0);
    EXPECT_EQ(w(6), 0.0);
    EXPECT_EQ(w(7), 0.0);
    // Uniform scores: softmax over 5 positions is 0.2, times exp(-(s-p)^2 / (2 * 1^2)) with sigma = D/2 = 1.
    EXPECT_NEAR(w(3), 0.2, 1e-15);
    EXPECT_NEAR(w(4), 0.2 * std::exp(-0.5), 1e-15);
    EXPECT_NEAR(w(1), 0.2 * std::exp(-2.0), 1e-15);
    o.renormaliseLocal = true;
    EXPECT_NEAR(normalise(NormaliserKind::Local, s, o).sum(), 1.0, 1e-12);
}

TEST(Normaliser, LocalWindowWiderThanTheSequenceIsClipped)
{
    NormaliserOptions o;
    o.centre = 1;
    o.halfWidth = 50;
    const auto w = normalise(NormaliserKind::Local, vec({1, 2, 3}), o);
    EXPECT_TRUE(w.allFinite());
    EXPECT_TRUE((w.array() > 0).all());
    o.halfWidth = 0;
    o.centre = 1.4;
    EXPECT_EQ(normalise(NormaliserKind::Local, vec({1, 2, 3}), o), vec({0, 1, 0}));
}

TEST(Normaliser, RejectsBadInput)
{
    NormaliserOptions o;
    o.temperature = 0;
    EXPECT_THROW(normalise(NormaliserKind::Softmax, vec({1, 2}), o), std::invalid_argument);
    o.temperature = -1;
    EXPECT_THROW(normalise(NormaliserKind::SampledHard, vec({1, 2}), o), std::invalid_argument);
    EXPECT_THROW(normalise(NormaliserKind::Softmax, Eigen::VectorXd()), std::invalid_argument);
    EXPECT_THROW(normalise(NormaliserKind::Hard, vec({1, NAN})), std::invalid_argument);
    EXPECT_EQ(normaliserFromName("local"), NormaliserKind::Local);
    EXPECT_FALSE(normaliserFromName("x").has_value());
}
