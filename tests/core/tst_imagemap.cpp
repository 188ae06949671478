// Upsampling of attention grids to image size (bilinear, then Gaussian blur as pyramid_expand does).
#include "core/imagemap.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace attn;

TEST(ImageMap, DefaultSigmaIsPyramidExpands)
{
    EXPECT_DOUBLE_EQ(defaultAttentionSigma(16.0), 2.0 * 16.0 / 6.0);
    EXPECT_DOUBLE_EQ(defaultAttentionSigma(4.0), 4.0 / 3.0);
}

TEST(ImageMap, BilinearMatchesScikitImageResizeOrderOne)
{
    Eigen::MatrixXf grid(2, 2);
    grid << 0, 1, 2, 3;
    const Eigen::MatrixXf up = upsampleBilinear(grid, 4, 4);
    // skimage.transform.resize([[0, 1], [2, 3]], (4, 4), order=1, mode='edge', anti_aliasing=False)
    Eigen::MatrixXf expected(4, 4);
    expected << 0.0f, 0.25f, 0.75f, 1.0f,   //
        0.5f, 0.75f, 1.25f, 1.5f,           //
        1.5f, 1.75f, 2.25f, 2.5f,           //
        2.0f, 2.25f, 2.75f, 3.0f;
    EXPECT_TRUE(up.isApprox(expected, 1e-6f)) << up;
}

TEST(ImageMap, NonSquareSizesAndConstantsStayConstant)
{
    const Eigen::MatrixXf grid = Eigen::MatrixXf::Constant(3, 5, 0.25f);
    const Eigen::MatrixXf map = expandAttention(grid, 30, 70);
    ASSERT_EQ(map.rows(), 30);
    ASSERT_EQ(map.cols(), 70);
    EXPECT_NEAR(map.minCoeff(), 0.25f, 1e-6f);
    EXPECT_NEAR(map.maxCoeff(), 0.25f, 1e-6f);
}

TEST(ImageMap, BlurMatchesDirectConvolutionInside)
{
    Eigen::MatrixXf map = Eigen::MatrixXf::Zero(41, 37);
    for (int r = 0; r < map.rows(); ++r) {
        for (int c = 0; c < map.cols(); ++c) {
            map(r, c) = float(std::sin(0.3 * r) * std::cos(0.2 * c) + 0.01 * ((r * 7 + c * 13) % 5));
        }
    }
    const double sigma = 1.7;
    const Eigen::MatrixXf blurred = gaussianBlur(map, sigma, sigma);
    const int radius = int(std::ceil(4.0 * sigma));
    for (int r = radius; r < map.rows() - radius; r += 5) {
        for (int c = radius; c < map.cols() - radius; c += 5) {
            double acc = 0.0, norm = 0.0;
            for (int i = -radius; i <= radius; ++i) {
                for (int j = -radius; j <= radius; ++j) {
                    const double w = std::exp(-0.5 * (i * i + j * j) / (sigma * sigma));
                    acc += w * map(r + i, c + j);
                    norm += w;
                }
            }
            EXPECT_NEAR(blurred(r, c), acc / norm, 1e-5) << r << "," << c;
        }
    }
}

TEST(ImageMap, MirrorBordersKeepMassOfAConstantAndOfASpike)
{
    Eigen::MatrixXf spike = Eigen::MatrixXf::Zero(20, 20);
    spike(0, 0) = 1.0f; // at the corner the mirror folds the kernel back inside
    const Eigen::MatrixXf blurred = gaussianBlur(spike, 2.0, 2.0);
    EXPECT_NEAR(blurred.sum(), 1.0f, 1e-5f);
    EXPECT_EQ(mapPeak(blurred).row, 0);
    EXPECT_EQ(mapPeak(blurred).col, 0);
    EXPECT_GT(blurred(0, 0), blurred(3, 3));
}

TEST(ImageMap, PeakOfAOneHotCellLandsInThatCell)
{
    for (int cell = 0; cell < 16 * 16; cell += 37) {
        Eigen::MatrixXf grid = Eigen::MatrixXf::Zero(16, 16);
        const int row = cell / 16, col = cell % 16;
        grid(row, col) = 1.0f;
        const Eigen::MatrixXf map = expandAttention(grid, 64, 64);
        const MapPeak peak = mapPeak(map);
        EXPECT_GE(peak.row, row * 4);
        EXPECT_LT(peak.row, row * 4 + 4);
        EXPECT_GE(peak.col, col * 4);
        EXPECT_LT(peak.col, col * 4 + 4);
    }
}

TEST(ImageMap, SigmaScaleZeroIsPlainBilinear)
{
    Eigen::MatrixXf grid = Eigen::MatrixXf::Random(4, 6);
    EXPECT_TRUE(expandAttention(grid, 16, 24, 0.0).isApprox(upsampleBilinear(grid, 16, 24)));
    // A bigger sigma smooths more: the range shrinks.
    const Eigen::MatrixXf a = expandAttention(grid, 16, 24, 1.0);
    const Eigen::MatrixXf b = expandAttention(grid, 16, 24, 3.0);
    EXPECT_LT(b.maxCoeff() - b.minCoeff(), a.maxCoeff() - a.minCoeff());
}

TEST(ImageMap, BadArgumentsThrow)
{
    EXPECT_THROW(upsampleBilinear(Eigen::MatrixXf(), 4, 4), std::invalid_argument);
    EXPECT_THROW(upsampleBilinear(Eigen::MatrixXf::Ones(2, 2), 0, 4), std::invalid_argument);
    EXPECT_THROW(expandAttention(Eigen::MatrixXf::Ones(2, 2), 4, 4, -1.0), std::invalid_argument);
    EXPECT_THROW(gaussianBlur(Eigen::MatrixXf::Ones(2, 2), -1.0, 1.0), std::invalid_argument);
    EXPECT_EQ(mapPeak(Eigen::MatrixXf()).row, -1);
}

TEST(ImageMap, OneByOneGridAndOneByOneImage)
{
    const Eigen::MatrixXf grid = Eigen::MatrixXf::Constant(1, 1, 1.0f);
    EXPECT_NEAR(expandAttention(grid, 9, 9)(4, 4), 1.0f, 1e-6f);
    Eigen::MatrixXf big = Eigen::MatrixXf::Random(8, 8);
    EXPECT_EQ(expandAttention(big, 1, 1).size(), 1);
}
