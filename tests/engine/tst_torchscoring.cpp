// The torch implementation of every scoring function agrees with the Eigen core on random inputs.
#include "core/normaliser.h"
#include "core/random.h"
#include "core/scoring.h"
#include "engine/torchscoring.h"

#include <gtest/gtest.h>

using namespace attn;

namespace {
Eigen::MatrixXd randomMatrix(SeededRandom& rng, int r, int c)
{
    Eigen::MatrixXd m(r, c);
    for (int i = 0; i < r; ++i)
        for (int j = 0; j < c; ++j)
            m(i, j) = rng.normal() * 2.0;
    return m;
}
} // namespace

TEST(TorchScoring, AgreesWithCoreOnRandomInputs)
{
    SeededRandom rng(2024);
    for (int trial = 0; trial < 40; ++trial) {
        const int d = 1 + int(rng.below(16));
        const int n = 1 + int(rng.below(20));
        const Eigen::VectorXd q = randomMatrix(rng, d, 1);
        Eigen::MatrixXd keys = randomMatrix(rng, n, d);
        if (trial % 10 == 0) {
            keys.row(0).setZero(); // cosine's zero-length case
        }
        const auto params = ScoreParams::random(d, d, 1 + int(rng.below(12)), n + int(rng.below(4)), trial);
        for (auto fn : allScoreFunctions()) {
            const auto a = score(fn, q, keys, params);
            const auto b = torchScore(fn, q, keys, params);
            ASSERT_EQ(a.size(), b.size());
            EXPECT_LT((a - b).cwiseAbs().maxCoeff(), 1e-5) << scoreFunctionName(fn) << " trial " << trial;
            const auto wa = softmax(a);
            const auto wb = torchSoftmax(b);
            EXPECT_LT((wa - wb).cwiseAbs().maxCoeff(), 1e-5) << scoreFunctionName(fn);
        }
    }
}

TEST(TorchScoring, RejectsWhatTheCoreRejects)
{
    EXPECT_THROW(torchScore(ScoreFunction::Dot, Eigen::Vector2d(1, 0), Eigen::MatrixXd(0, 2)), std::invalid_argument);
    EXPECT_THROW(torchScore(ScoreFunction::Cosine, Eigen::Vector2d(1, 0), Eigen::MatrixXd::Ones(2, 3)),
                 std::invalid_argument);
    EXPECT_THROW(torchScore(ScoreFunction::Additive, Eigen::Vector2d(1, 0), Eigen::MatrixXd::Ones(2, 2)),
                 std::invalid_argument);
}
