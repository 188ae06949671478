#include "core/imagemap.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace attn {

namespace {

// For each output index, the two source indices and the weight of the second (pixel centres aligned).
struct Taps
{
    std::vector<int> lo, hi;
    std::vector<float> w;
};

Taps bilinearTaps(int in, int out)
{
    Taps t;
    t.lo.resize(size_t(out));
    t.hi.resize(size_t(out));
    t.w.resize(size_t(out));
    const double scale = double(in) / double(out);
    for (int i = 0; i < out; ++i) {
        double s = (i + 0.5) * scale - 0.5;
        s = std::clamp(s, 0.0, double(in - 1));
        const int lo = int(std::floor(s));
        t.lo[size_t(i)] = lo;
        t.hi[size_t(i)] = std::min(lo + 1, in - 1);
        t.w[size_t(i)] = float(s - lo);
    }
    return t;
}

std::vector<float> gaussianKernel(double sigma)
{
    const int radius = std::max(1, int(std::ceil(4.0 * sigma)));
    std::vector<float> k(size_t(2 * radius + 1));
    double sum = 0.0;
    for (int i = -radius; i <= radius; ++i) {
        const double v = std::exp(-0.5 * double(i * i) / (sigma * sigma));
        k[size_t(i + radius)] = float(v);
        sum += v;
    }
    for (auto& v : k) {
        v = float(v / sum);
    }
    return k;
}

// scipy's 'reflect' (d c b a | a b c d | d c b a), repeated for kernels wider than the signal.
int reflectIndex(int i, int n)
{
    if (n == 1) {
        return 0;
    }
    const int period = 2 * n;
    i %= period;
    if (i < 0) {
        i += period;
    }
    return i < n ? i : period - 1 - i;
}

// Blurs n signals of length len laid out with element stride `step` and signal stride `signalStride`.
void blur1d(float* data, int len, int n, long step, long signalStride, const std::vector<float>& k)
{
    const int radius = int(k.size() / 2);
    std::vector<float> line(size_t(len + 2 * radius));
    for (int s = 0; s < n; ++s) {
        float* base = data + s * signalStride;
        for (int i = -radius; i < len + radius; ++i) {
            line[size_t(i + radius)] = base[reflectIndex(i, len) * step];
        }
        for (int i = 0; i < len; ++i) {
            const float* src = line.data() + i;
            float acc = 0.0f;
            for (size_t j = 0; j < k.size(); ++j) {
                acc += k[j] * src[j];
            }
            base[i * step] = acc;
        }
    }
}

} // namespace

Eigen::MatrixXf upsampleBilinear(const Eigen::MatrixXf& grid, int height, int width)
{
    if (grid.size() == 0 || height <= 0 || width <= 0) {
        throw std::invalid_argument("upsampleBilinear: empty grid or output size");
    }
    const Taps rows = bilinearTaps(int(grid.rows()), height);
    const Taps cols = bilinearTaps(int(grid.cols()), width);
    // First along rows into (height, gridCols), then along columns: two cheap passes.
    Eigen::MatrixXf tall(height, grid.cols());
    for (int c = 0; c < grid.cols(); ++c) {
        for (int r = 0; r < height; ++r) {
            const float w = rows.w[size_t(r)];
            tall(r, c) = (1.0f - w) * grid(rows.lo[size_t(r)], c) + w * grid(rows.hi[size_t(r)], c);
        }
    }
    Eigen::MatrixXf out(height, width);
    for (int c = 0; c < width; ++c) {
        const float w = cols.w[size_t(c)];
        out.col(c) = (1.0f - w) * tall.col(cols.lo[size_t(c)]) + w * tall.col(cols.hi[size_t(c)]);
    }
    return out;
}

Eigen::MatrixXf gaussianBlur(const Eigen::MatrixXf& map, double sigmaRows, double sigmaCols)
{
    if (sigmaRows < 0.0 || sigmaCols < 0.0) {
        throw std::invalid_argument("gaussianBlur: sigma must not be negative");
    }
    Eigen::MatrixXf out = map;
    const int h = int(map.rows());
    const int w = int(map.cols());
    if (out.size() == 0) {
        return out;
    }
    // Column-major storage: a column is contiguous (step 1), a row has step h.
    if (sigmaRows > 0.0) {
        blur1d(out.data(), h, w, 1, h, gaussianKernel(sigmaRows));
    }
    if (sigmaCols > 0.0) {
        blur1d(out.data(), w, h, h, 1, gaussianKernel(sigmaCols));
    }
    return out;
}

Eigen::MatrixXf expandAttention(const Eigen::MatrixXf& grid, int height, int width, double sigmaScale)
{
    if (sigmaScale < 0.0) {
        throw std::invalid_argument("expandAttention: the sigma scale must not be negative");
    }
    const Eigen::MatrixXf up = upsampleBilinear(grid, height, width);
    const double upRows = double(height) / double(grid.rows());
    const double upCols = double(width) / double(grid.cols());
    return gaussianBlur(up, sigmaScale * defaultAttentionSigma(upRows), sigmaScale * defaultAttentionSigma(upCols));
}

MapPeak mapPeak(const Eigen::MatrixXf& map)
{
    MapPeak peak;
    for (int r = 0; r < map.rows(); ++r) {
        for (int c = 0; c < map.cols(); ++c) {
            if (peak.row < 0 || map(r, c) > peak.value) {
                peak = {r, c, map(r, c)};
            }
        }
    }
    return peak;
}

} // namespace attn
