#include "core/scorerun.h"

#include <gtest/gtest.h>

using namespace attn;

TEST(ScoreRun, EveryFunctionGivesWeightsAndContext)
{
    ScoreRequest r;
    r.query = Eigen::Vector2d(1, 0);
    r.keys = (Eigen::MatrixXd(3, 2) << 1, 0, 0, 1, -1, 0).finished();
    const auto runs = runScores(r);
    ASSERT_EQ(runs.size(), 7u);
    for (const auto& run : runs) {
        EXPECT_NEAR(run.weights.sum(), 1.0, 1e-12);
        const Eigen::VectorXd expected = r.keys.transpose() * run.weights;
        EXPECT_TRUE(run.context.isApprox(expected));
        EXPECT_EQ(run.scores, score(run.function, r.query, r.keys, effectiveParams(r)));
    }
}

TEST(ScoreRun, SameSeedSameParametersAndValuesChecked)
{
    ScoreRequest r;
    r.query = Eigen::Vector3d(1, 2, 3);
    r.keys = Eigen::MatrixXd::Ones(4, 3);
    r.paramSeed = 7;
    const auto a = runScores(r);
    const auto b = runScores(r);
    EXPECT_EQ(a[5].scores, b[5].scores);
    r.paramSeed = 8;
    EXPECT_NE(runScores(r)[5].scores, a[5].scores);
    r.values = Eigen::MatrixXd::Ones(2, 3);
    EXPECT_THROW(runScores(r), std::invalid_argument);
}
