// The course notes' rule 1 (module MyAtt) worked by hand with the notes' shapes: Q [1,32], K [1,32], V [32,64],
// attn Linear(64 -> 32), attn_combine Linear(96 -> 32).
#include "core/myattention.h"

#include "eigenliterals.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

using namespace attn;

namespace {

constexpr int kQ = 32, kK = 32, kPositions = 32, kV = 64, kOut = 32;

// Parameters chosen so that every number can be worked out by hand:
//   attn: only W(0, 0) = ln 3, so position 0 gets the logit ln 3 when q_0 = 1 and every other position 0;
//   attn_combine: output_r = applied_r + bias_r, plus 2 q_0 on output_0.
MyAttParams handParams()
{
    MyAttParams p;
    p.attnW = Eigen::MatrixXd::Zero(kPositions, kQ + kK);
    p.attnW(0, 0) = std::log(3.0);
    p.attnB = Eigen::VectorXd::Zero(kPositions);
    p.combineW = Eigen::MatrixXd::Zero(kOut, kQ + kV);
    for (int r = 0; r < kOut; ++r) {
        p.combineW(r, kQ + r) = 1.0;
    }
    p.combineW(0, 0) = 2.0;
    p.combineB = Eigen::VectorXd::LinSpaced(kOut, 0, kOut - 1); // bias_r = r
    return p;
}

Eigen::MatrixXd rowIndexValues(int rows)
{
    Eigen::MatrixXd v(rows, kV);
    for (int i = 0; i < rows; ++i) {
        v.row(i).setConstant(i); // V[i][j] = i
    }
    return v;
}

Eigen::VectorXd unit(int size, int at)
{
    Eigen::VectorXd x = Eigen::VectorXd::Zero(size);
    x(at) = 1.0;
    return x;
}

} // namespace

TEST(MyAttention, HandWorkedWithTheNotesShapes)
{
    const auto r = myAttention(unit(kQ, 0), Eigen::VectorXd::Constant(kK, 0.7), rowIndexValues(kPositions), handParams());
    ASSERT_EQ(r.concatQK.size(), 64); // [1,32],[1,32] -> [1,64]
    ASSERT_EQ(r.logits.size(), 32);   // [1,64] -> [1,32]
    ASSERT_EQ(r.weights.size(), 32);
    ASSERT_EQ(r.applied.size(), 64);  // bmm [1,1,32] x [1,32,64] -> [1,1,64]
    ASSERT_EQ(r.concatQA.size(), 96); // cat -> [1,96]
    ASSERT_EQ(r.output.size(), 32);   // [1,96] -> [1,32]
    EXPECT_EQ(r.maskedPositions, 0);
    // weights: e^{ln 3} = 3 at position 0, e^0 = 1 elsewhere: 3/34 and 1/34
    EXPECT_NEAR(r.weights(0), 3.0 / 34.0, 1e-15);
    EXPECT_NEAR(r.weights(31), 1.0 / 34.0, 1e-15);
    // applied_j = sum_i w_i * i = (3 * 0 + 1 + 2 + ... + 31) / 34 = 496 / 34, for every j
    EXPECT_NEAR(r.applied(0), 496.0 / 34.0, 1e-12);
    EXPECT_NEAR(r.applied(63), 496.0 / 34.0, 1e-12);
    // output_r = applied_r + r, and output_0 also gets 2 q_0 = 2
    EXPECT_NEAR(r.output(0), 2.0 + 496.0 / 34.0, 1e-12);
    EXPECT_NEAR(r.output(5), 496.0 / 34.0 + 5.0, 1e-12);
    // K does not change anything here: only W(0, 0) is non-zero, and it reads Q.
}

TEST(MyAttention, TheWeightsNeverLookAtV)
{
    const MyAttParams p = MyAttParams::random(kQ, kK, kV, kPositions, kOut, 3);
    const Eigen::VectorXd q = Eigen::VectorXd::LinSpaced(kQ, -1, 1), k = Eigen::VectorXd::LinSpaced(kK, 1, -1);
    const auto a = myAttention(q, k, rowIndexValues(kPositions), p);
    const auto b = myAttention(q, k, Eigen::MatrixXd::Random(kPositions, kV), p);
    EXPECT_EQ(a.weights, b.weights);
    EXPECT_NE(a.applied, b.applied);
}

TEST(MyAttention, FewerRowsThanPositionsAreMasked)
{
    const auto r = myAttention(unit(kQ, 0), Eigen::VectorXd::Zero(kK), rowIndexValues(30), handParams());
    EXPECT_EQ(r.maskedPositions, 2);
    ASSERT_EQ(r.weights.size(), 30);
    ASSERT_EQ(r.logits.size(), 32); // attn still gives 32 logits; the last two are masked out
    EXPECT_NEAR(r.weights.sum(), 1.0, 1e-15);
    EXPECT_NEAR(r.weights(0), 3.0 / 32.0, 1e-15); // 3 + 29 ones
    EXPECT_NEAR(r.weights(29), 1.0 / 32.0, 1e-15);
}

TEST(MyAttention, MoreRowsThanPositionsAreRefusedNamingTheLimit)
{
    try {
        myAttention(unit(kQ, 0), Eigen::VectorXd::Zero(kK), rowIndexValues(33), handParams());
        FAIL() << "33 rows for 32 positions must throw";
    } catch (const std::invalid_argument& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("33 rows"), std::string::npos) << what;
        EXPECT_NE(what.find("at most 32 positions"), std::string::npos) << what;
    }
}

TEST(MyAttention, RejectsLayersThatDoNotFit)
{
    MyAttParams p = handParams();
    EXPECT_THROW(myAttention(unit(16, 0), Eigen::VectorXd::Zero(kK), rowIndexValues(4), p), std::invalid_argument);
    EXPECT_THROW(myAttention(unit(kQ, 0), Eigen::VectorXd::Zero(kK), Eigen::MatrixXd::Ones(4, 10), p),
                 std::invalid_argument);
    EXPECT_THROW(myAttention(unit(kQ, 0), Eigen::VectorXd::Zero(kK), Eigen::MatrixXd(0, kV), p), std::invalid_argument);
    EXPECT_THROW(myAttention(unit(kQ, 0), Eigen::VectorXd::Zero(kK), rowIndexValues(4), p, 0.0), std::invalid_argument);
}
