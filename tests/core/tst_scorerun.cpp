#include "core/scorerun.h"

#include <gtest/gtest.h>

using namespace attn;

TEST(ScoreRun, EveryFunctionGivesWeightsAndContext)
{
    ScoreRequest r;
    r.query = Eigen::Vector2d(1, 0);
    r.keys = (Eigen::MatrixXd(3, 2) << 1, 0, 0, 1, -1, 0).finished();
    const auto runs = runScores(r);
    // The eight scoring functions of DESIGN.md (section 2), in the order the views list them.
    std::vector<std::string> names;
    for (const auto& run : runs) {
        names.push_back(scoreFunctionName(run.function));
    }
    EXPECT_EQ(names, (std::vector<std::string>{"dot", "scaled_dot", "cosine", "general", "concat_linear", "concat_tanh",
                                               "additive", "location"}));
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
