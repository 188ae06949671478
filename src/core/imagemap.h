#pragma once

#include <Eigen/Dense>

namespace attn {

// Turning a coarse attention grid into a smooth map over the image, as the Show, Attend and Tell figures do
// with scikit-image's pyramid_expand: bilinear upsampling by image size / grid size, then a Gaussian blur
// with sigma = 2 * upscale / 6 (per axis).

// The blur pyramid_expand uses for an upscale factor.
inline double defaultAttentionSigma(double upscale)
{
    return 2.0 * upscale / 6.0;
}

// grid: (rows, cols) -> (height, width). Pixel centres aligned (skimage resize, order 1, edge mode).
Eigen::MatrixXf upsampleBilinear(const Eigen::MatrixXf& grid, int height, int width);

// map: (H, W) -> (H, W); separable Gaussian truncated at 4 sigma, mirror ('reflect') borders. A sigma of 0
// leaves that axis alone.
Eigen::MatrixXf gaussianBlur(const Eigen::MatrixXf& map, double sigmaRows, double sigmaCols);

// grid: (rows, cols) -> (height, width): upsample, then blur. sigmaScale multiplies the default sigma of each
// axis (1 = pyramid_expand, 0 = no blur). Throws std::invalid_argument on empty sizes or a negative scale.
Eigen::MatrixXf expandAttention(const Eigen::MatrixXf& grid, int height, int width, double sigmaScale = 1.0);

struct MapPeak
{
    int row = -1;
    int col = -1;
    float value = 0.0f;
};

// The largest entry (the first one in row-major order on ties); row = col = -1 for an empty map.
MapPeak mapPeak(const Eigen::MatrixXf& map);

} // namespace attn
