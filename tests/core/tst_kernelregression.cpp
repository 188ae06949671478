// Nadaraya-Watson kernel regression (attention pooling, d2l-zh 10.2): weights, average pooling, the learned width.
#include "core/kernelregression.h"

#include "eigenliterals.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

using namespace attn;

TEST(KernelRegression, DataIsSeededSortedAndFollowsTheTruth)
{
    const KernelData a = makeKernelData(50, 50, 0.5, 7);
    const KernelData b = makeKernelData(50, 50, 0.5, 7);
    const KernelData c = makeKernelData(50, 50, 0.5, 8);
    EXPECT_EQ(a.xTrain, b.xTrain);
    EXPECT_EQ(a.yTrain, b.yTrain);
    EXPECT_NE(a.xTrain, c.xTrain);
    ASSERT_EQ(a.xTrain.size(), 50);
    ASSERT_EQ(a.xTest.size(), 50);
    for (Eigen::Index i = 1; i < a.xTrain.size(); ++i) {
        EXPECT_LE(a.xTrain(i - 1), a.xTrain(i));
    }
    EXPECT_GE(a.xTrain.minCoeff(), 0.0);
    EXPECT_LT(a.xTrain.maxCoeff(), 5.0);
    EXPECT_DOUBLE_EQ(a.xTest(1), 0.1);
    EXPECT_DOUBLE_EQ(a.truthTest(10), 2.0 * std::sin(1.0) + 1.0);
    // The noise has standard deviation 0.5: its mean square is near 0.25, far from 0 and from 1.
    Eigen::VectorXd truth(a.xTrain.size());
    for (Eigen::Index i = 0; i < truth.size(); ++i) {
        truth(i) = kernelTruth(a.xTrain(i));
    }
    const double noise = meanSquaredError(a.yTrain, truth);
    EXPECT_GT(noise, 0.1);
    EXPECT_LT(noise, 0.5);
    const KernelData clean = makeKernelData(50, 50, 0.0, 7);
    EXPECT_NEAR(meanSquaredError(clean.yTrain, truth), 0.0, 1e-24);
}

TEST(KernelRegression, GaussianWeightsFollowTheFormulaAndRowsSumToOne)
{
    const Eigen::VectorXd keys = vec({0, 1, 3});
    const Eigen::VectorXd queries = vec({0.5, 2.0, 100.0});
    const double sigma = 0.8;
    const Eigen::MatrixXd w = gaussianKernelWeights(queries, keys, sigma);
    ASSERT_EQ(w.rows(), 3);
    ASSERT_EQ(w.cols(), 3);
    for (Eigen::Index q = 0; q < w.rows(); ++q) {
        EXPECT_NEAR(w.row(q).sum(), 1.0, 1e-12);
        EXPECT_TRUE(w.row(q).allFinite());
    }
    // Query 0.5 by hand: exp(-(0.5 - k)^2 / (2 sigma^2)), normalised.
    Eigen::Vector3d e;
    for (int j = 0; j < 3; ++j) {
        e(j) = std::exp(-std::pow(0.5 - keys(j), 2) / (2 * sigma * sigma));
    }
    e /= e.sum();
    EXPECT_NEAR((w.row(0).transpose() - e).cwiseAbs().maxCoeff(), 0.0, 1e-12);
    // A query far from every key still gets finite weights, all on the nearest key.
    EXPECT_NEAR(w(2, 2), 1.0, 1e-12);
    // d2l-zh's w is 1 / sigma: the same weights.
    EXPECT_NEAR(w(1, 1),
                std::exp(-std::pow((2.0 - 1.0) / sigma, 2) / 2) /
                    (std::exp(-std::pow(2.0 / sigma, 2) / 2) + std::exp(-std::pow(1.0 / sigma, 2) / 2) +
                     std::exp(-std::pow(1.0 / sigma, 2) / 2)),
                1e-12);
}

TEST(KernelRegression, AveragePoolingIsTheMeanAndTheLimitOfAWideKernel)
{
    const KernelData d = makeKernelData(40, 30, 0.5, 3);
    const Eigen::MatrixXd avg = averagePoolingWeights(d.xTest.size(), d.xTrain.size());
    const Eigen::VectorXd pred = nadarayaWatson(avg, d.yTrain);
    for (Eigen::Index i = 0; i < pred.size(); ++i) {
        EXPECT_NEAR(pred(i), d.yTrain.mean(), 1e-12);
        EXPECT_NEAR(avg.row(i).sum(), 1.0, 1e-12);
    }
    const Eigen::VectorXd wide = nadarayaWatson(gaussianKernelWeights(d.xTest, d.xTrain, 1e4), d.yTrain);
    EXPECT_LT((wide - pred).cwiseAbs().maxCoeff(), 1e-5);
}

TEST(KernelRegression, ANarrowKernelCopiesTheNearestPoint)
{
    const Eigen::VectorXd keys = vec({0, 1, 2});
    const Eigen::VectorXd values = vec({5, -1, 3});
    const Eigen::VectorXd pred = nadarayaWatson(gaussianKernelWeights(vec({0.1, 1.4, 1.9}), keys, 0.01), values);
    EXPECT_NEAR(pred(0), 5, 1e-9);
    EXPECT_NEAR(pred(1), -1, 1e-9);
    EXPECT_NEAR(pred(2), 3, 1e-9);
}

TEST(KernelRegression, LeaveOneOutLossMatchesAHandComputation)
{
    const Eigen::VectorXd x = vec({0, 1, 3});
    const Eigen::VectorXd y = vec({1, 2, 4});
    const double sigma = 1.3;
    double loss = 0.0;
    for (int i = 0; i < 3; ++i) {
        double num = 0.0, den = 0.0;
        for (int j = 0; j < 3; ++j) {
            if (j != i) {
                const double k = std::exp(-std::pow(x(i) - x(j), 2) / (2 * sigma * sigma));
                num += k * y(j);
                den += k;
            }
        }
        loss += std::pow(num / den - y(i), 2);
    }
    EXPECT_NEAR(leaveOneOutLoss(x, y, sigma), loss / 3, 1e-12);
}

TEST(KernelRegression, LearnedWidthMinimisesLeaveOneOutAndDoesNotCollapse)
{
    const KernelData d = makeKernelData();
    const KernelWidthFit fit = fitKernelWidth(d.xTrain, d.yTrain);
    EXPECT_GT(fit.sigma, 0.05);
    EXPECT_LT(fit.sigma, 2.0);
    EXPECT_LT(fit.loss, leaveOneOutLoss(d.xTrain, d.yTrain, 1.0));
    // Gradient descent never goes up.
    for (std::size_t i = 1; i < fit.history.size(); ++i) {
        EXPECT_LE(fit.history[i], fit.history[i - 1] + 1e-15);
    }
    // No width on a fine grid does noticeably better: the descent found the minimum.
    for (double s = 0.05; s < 3.0; s *= 1.05) {
        EXPECT_GE(leaveOneOutLoss(d.xTrain, d.yTrain, s), fit.loss - 1e-6) << "sigma " << s;
    }
    // Deterministic, and the same from another start.
    EXPECT_EQ(fitKernelWidth(d.xTrain, d.yTrain).sigma, fit.sigma);
    EXPECT_NEAR(fitKernelWidth(d.xTrain, d.yTrain, 0.2).sigma, fit.sigma, 1e-3);
}

TEST(KernelRegression, LearnedWidthBeatsAveragePoolingOnHeldOutPoints)
{
    const KernelData d = makeKernelData(50, 50, 0.5, 0);
    const KernelWidthFit fit = fitKernelWidth(d.xTrain, d.yTrain);
    // Held out: the noiseless truth on the query grid, and fresh noisy points from another seed.
    const Eigen::VectorXd learned = nadarayaWatson(gaussianKernelWeights(d.xTest, d.xTrain, fit.sigma), d.yTrain);
    const Eigen::VectorXd average = nadarayaWatson(averagePoolingWeights(d.xTest.size(), d.xTrain.size()), d.yTrain);
    const double learnedError = meanSquaredError(learned, d.truthTest);
    const double averageError = meanSquaredError(average, d.truthTest);
    EXPECT_LT(learnedError, 0.25 * averageError) << learnedError << " vs " << averageError;
    const KernelData fresh = makeKernelData(200, 1, 0.5, 99);
    const double freshLearned = meanSquaredError(
        nadarayaWatson(gaussianKernelWeights(fresh.xTrain, d.xTrain, fit.sigma), d.yTrain), fresh.yTrain);
    const double freshAverage = meanSquaredError(
        nadarayaWatson(averagePoolingWeights(fresh.xTrain.size(), d.xTrain.size()), d.yTrain), fresh.yTrain);
    EXPECT_LT(freshLearned, freshAverage);
}

TEST(KernelRegression, BadInputThrows)
{
    EXPECT_THROW(gaussianKernelWeights(vec({1}), vec({1}), 0.0), std::invalid_argument);
    EXPECT_THROW(gaussianKernelWeights(vec({1}), vec({1}), std::nan("")), std::invalid_argument);
    EXPECT_THROW(gaussianKernelWeights(vec({1}), Eigen::VectorXd(), 1.0), std::invalid_argument);
    EXPECT_THROW(nadarayaWatson(Eigen::MatrixXd::Ones(2, 3), vec({1, 2})), std::invalid_argument);
    EXPECT_THROW(fitKernelWidth(vec({1}), vec({1})), std::invalid_argument);
    EXPECT_THROW(makeKernelData(1, 5), std::invalid_argument);
    EXPECT_EQ(kernelKindFromName("learned"), KernelKind::Learned);
    EXPECT_FALSE(kernelKindFromName("rbf").has_value());
}
