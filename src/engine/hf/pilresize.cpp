#include "engine/hf/pilresize.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace attn::hf {

namespace {

// Pillow's Resample.c: coefficients in fixed point with 22 fractional bits, an 8-bit result after each pass.
constexpr int kPrecisionBits = 32 - 8 - 2;

struct Filter
{
    double (*weight)(double);
    double support;
};

double boxFilter(double x)
{
    return (x > -0.5 && x <= 0.5) ? 1.0 : 0.0;
}

double bilinearFilter(double x)
{
    x = std::fabs(x);
    return x < 1.0 ? 1.0 - x : 0.0;
}

double hammingFilter(double x)
{
    x = std::fabs(x);
    if (x == 0.0) {
        return 1.0;
    }
    if (x >= 1.0) {
        return 0.0;
    }
    x *= M_PI;
    return std::sin(x) / x * (0.54 + 0.46 * std::cos(x));
}

double bicubicFilter(double x)
{
    constexpr double a = -0.5;
    x = std::fabs(x);
    if (x < 1.0) {
        return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
    }
    if (x < 2.0) {
        return (((x - 5) * x + 8) * x - 4) * a;
    }
    return 0.0;
}

double sinc(double x)
{
    if (x == 0.0) {
        return 1.0;
    }
    x *= M_PI;
    return std::sin(x) / x;
}

double lanczosFilter(double x)
{
    return (-3.0 <= x && x < 3.0) ? sinc(x) * sinc(x / 3) : 0.0;
}

Filter filterFor(Resample r)
{
    switch (r) {
    case Resample::Box:
        return {&boxFilter, 0.5};
    case Resample::Hamming:
        return {&hammingFilter, 1.0};
    case Resample::Bicubic:
        return {&bicubicFilter, 2.0};
    case Resample::Lanczos:
        return {&lanczosFilter, 3.0};
    case Resample::Bilinear:
    case Resample::Nearest:
        break;
    }
    return {&bilinearFilter, 1.0};
}

// For each output position: the first input index, the count, and that many fixed-point weights (precompute_coeffs
// and normalize_coeffs_8bpc).
struct Coefficients
{
    int ksize = 0;
    std::vector<int> bounds;      // (out, 2): xmin, count
    std::vector<std::int32_t> kk; // (out, ksize)
};

Coefficients coefficients(int inSize, int outSize, const Filter& filter)
{
    const double scale = double(inSize) / outSize;
    const double filterScale = std::max(scale, 1.0);
    const double support = filter.support * filterScale;
    Coefficients c;
    c.ksize = int(std::ceil(support)) * 2 + 1;
    c.bounds.resize(std::size_t(outSize) * 2);
    c.kk.assign(std::size_t(outSize) * c.ksize, 0);
    std::vector<double> k(std::size_t(c.ksize));
    for (int xx = 0; xx < outSize; ++xx) {
        const double center = (xx + 0.5) * scale;
        const double ss = 1.0 / filterScale;
        int xmin = int(center - support + 0.5);
        xmin = std::max(xmin, 0);
        int xmax = int(center + support + 0.5);
        xmax = std::min(xmax, inSize) - xmin;
        double ww = 0.0;
        for (int x = 0; x < xmax; ++x) {
            k[std::size_t(x)] = filter.weight((x + xmin - center + 0.5) * ss);
            ww += k[std::size_t(x)];
        }
        for (int x = 0; x < xmax; ++x) {
            const double w = ww != 0.0 ? k[std::size_t(x)] / ww : k[std::size_t(x)];
            c.kk[std::size_t(xx) * c.ksize + x] =
                std::int32_t(w < 0 ? -0.5 + w * (1 << kPrecisionBits) : 0.5 + w * (1 << kPrecisionBits));
        }
        c.bounds[std::size_t(xx) * 2] = xmin;
        c.bounds[std::size_t(xx) * 2 + 1] = xmax;
    }
    return c;
}

std::uint8_t clip8(std::int32_t v)
{
    return std::uint8_t(std::clamp(v >> kPrecisionBits, 0, 255));
}

// One pass over (h, w, 3) bytes; horizontal: along rows, else along columns.
std::vector<std::uint8_t> resamplePass(const std::vector<std::uint8_t>& in, int w, int h, int outSize, bool horizontal,
                                       const Filter& filter)
{
    const int inSize = horizontal ? w : h;
    const Coefficients c = coefficients(inSize, outSize, filter);
    const int ow = horizontal ? outSize : w;
    const int oh = horizontal ? h : outSize;
    std::vector<std::uint8_t> out(std::size_t(ow) * oh * 3);
    for (int y = 0; y < oh; ++y) {
        for (int x = 0; x < ow; ++x) {
            const int o = horizontal ? x : y;
            const int first = c.bounds[std::size_t(o) * 2];
            const int count = c.bounds[std::size_t(o) * 2 + 1];
            const std::int32_t* k = c.kk.data() + std::size_t(o) * c.ksize;
            for (int ch = 0; ch < 3; ++ch) {
                std::int32_t ss = 1 << (kPrecisionBits - 1);
                for (int i = 0; i < count; ++i) {
                    const std::size_t src =
                        horizontal ? (std::size_t(y) * w + first + i) : (std::size_t(first + i) * w + x);
                    ss += std::int32_t(in[src * 3 + ch]) * k[i];
                }
                out[(std::size_t(y) * ow + x) * 3 + ch] = clip8(ss);
            }
        }
    }
    return out;
}

} // namespace

QImage pilResize(const QImage& image, int width, int height, Resample filter)
{
    const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
    if (rgb.width() == width && rgb.height() == height) {
        return rgb;
    }
    int w = rgb.width();
    int h = rgb.height();
    std::vector<std::uint8_t> bytes(std::size_t(w) * h * 3);
    for (int y = 0; y < h; ++y) {
        std::copy_n(rgb.constScanLine(y), std::size_t(w) * 3, bytes.begin() + std::ptrdiff_t(y) * w * 3);
    }
    if (filter == Resample::Nearest) {
        // Pillow's nearest resize (ImagingScaleAffine): source index (int) of a position stepped by in / out from
        // half a step, accumulated in double as Pillow does (a drift that moves exact .0 boundaries).
        const auto table = [](int in, int outSize) {
            std::vector<int> index(static_cast<std::size_t>(outSize), 0);
            const double step = double(in) / outSize;
            double pos = step * 0.5;
            for (int i = 0; i < outSize; ++i) {
                index[std::size_t(i)] = std::min(in - 1, int(pos));
                pos += step;
            }
            return index;
        };
        const std::vector<int> xs = table(w, width);
        const std::vector<int> ys = table(h, height);
        std::vector<std::uint8_t> out(std::size_t(width) * height * 3);
        for (int y = 0; y < height; ++y) {
            for (int x = 0; x < width; ++x) {
                std::copy_n(bytes.begin() + (std::ptrdiff_t(ys[std::size_t(y)]) * w + xs[std::size_t(x)]) * 3, 3,
                            out.begin() + (std::ptrdiff_t(y) * width + x) * 3);
            }
        }
        bytes.swap(out);
    } else {
        const Filter f = filterFor(filter);
        if (width != w) {
            bytes = resamplePass(bytes, w, h, width, /*horizontal=*/true, f);
            w = width;
        }
        if (height != h) {
            bytes = resamplePass(bytes, w, h, height, /*horizontal=*/false, f);
            h = height;
        }
    }
    QImage out(width, height, QImage::Format_RGB888);
    for (int y = 0; y < height; ++y) {
        std::copy_n(bytes.begin() + std::ptrdiff_t(y) * width * 3, std::size_t(width) * 3, out.scanLine(y));
    }
    return out;
}

} // namespace attn::hf
