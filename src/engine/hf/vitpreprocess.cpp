#include "engine/hf/vitpreprocess.h"

#include "engine/textmodel.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>
#include <cstdint>

namespace attn::hf {

namespace {

// Sizes a preprocessor_config.json may ask for (ViTs read 224 to 518 pixels), and the most pixels a resize may make.
constexpr int kMaxSide = 4096;
constexpr double kMaxResizedPixels = 64.0 * 1024 * 1024;

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

[[noreturn]] void fail(const QString& path, const QString& what)
{
    throw ModelError(QStringLiteral("%1: %2").arg(path, what).toStdString());
}

int positiveInt(const QString& path, const QString& key, const QJsonValue& v)
{
    const double d = v.toDouble(-1);
    if (!v.isDouble() || d < 1 || d != std::floor(d) || d > kMaxSide) {
        fail(path, QStringLiteral("\"%1\" must be a whole number from 1 to %2").arg(key).arg(kMaxSide));
    }
    return int(d);
}

// "size": 224 | {"height": h, "width": w} | {"shortest_edge": s}
void readSize(const QString& path, const QString& key, const QJsonValue& v, int& height, int& width, int* shortest)
{
    if (v.isDouble()) {
        height = width = positiveInt(path, key, v);
        return;
    }
    const QJsonObject o = v.toObject();
    if (o.contains(QLatin1String("height")) || o.contains(QLatin1String("width"))) {
        height = positiveInt(path, key + QLatin1String(".height"), o.value(QLatin1String("height")));
        width = positiveInt(path, key + QLatin1String(".width"), o.value(QLatin1String("width")));
    } else if (shortest && o.contains(QLatin1String("shortest_edge"))) {
        *shortest = positiveInt(path, key + QLatin1String(".shortest_edge"), o.value(QLatin1String("shortest_edge")));
    } else {
        fail(path, QStringLiteral("\"%1\" must be a number or have height and width%2")
                       .arg(key, shortest ? QStringLiteral(" (or shortest_edge)") : QString()));
    }
}

std::vector<double> perChannel(const QString& path, const QString& key, const QJsonValue& v, int channels)
{
    std::vector<double> out;
    if (v.isDouble()) {
        out.assign(std::size_t(channels), v.toDouble());
    } else {
        for (const QJsonValue& x : v.toArray()) {
            if (!x.isDouble() || !std::isfinite(x.toDouble())) {
                fail(path, QStringLiteral("\"%1\" must hold numbers").arg(key));
            }
            out.push_back(x.toDouble());
        }
    }
    if (int(out.size()) != channels) {
        fail(path,
             QStringLiteral("\"%1\" has %2 values, the model has %3 channels").arg(key).arg(out.size()).arg(channels));
    }
    return out;
}

QString filterName(Resample r)
{
    static const char* const names[] = {"nearest", "lanczos", "bilinear", "bicubic", "box", "hamming"};
    return QString::fromLatin1(names[int(r)]);
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

VitPreprocessor VitPreprocessor::read(const QString& dir, const HfConfig& config)
{
    VitPreprocessor p;
    p.modelSize = config.imageSize;
    p.height = p.width = config.imageSize;
    p.channels = config.numChannels;
    if (p.channels != 3) {
        fail(config.path,
             QStringLiteral("num_channels is %1; only RGB images (3 channels) are supported").arg(p.channels));
    }
    const QString path = dir + QStringLiteral("/preprocessor_config.json");
    QFile file(path);
    if (!file.exists()) {
        p.notices << QCoreApplication::translate("attn",
                                                 "no preprocessor_config.json: ViTImageProcessor's defaults (%1)")
                         .arg(p.describe());
        return p;
    }
    p.path = path;
    if (!file.open(QIODevice::ReadOnly)) {
        fail(path, QStringLiteral("cannot read (%1)").arg(file.errorString()));
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.read(1 << 20), &error);
    if (!doc.isObject()) {
        fail(path, QStringLiteral("not a JSON object (%1)").arg(error.errorString()));
    }
    const QJsonObject o = doc.object();
    const auto flag = [&](const char* key, bool fallback) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isUndefined() && !v.isNull() && !v.isBool()) {
            fail(path, QStringLiteral("\"%1\" must be true or false").arg(QLatin1String(key)));
        }
        return v.isBool() ? v.toBool() : fallback;
    };
    p.doResize = flag("do_resize", true);
    if (o.contains(QLatin1String("size"))) {
        readSize(path, QStringLiteral("size"), o.value(QLatin1String("size")), p.height, p.width, &p.shortestEdge);
    }
    if (o.contains(QLatin1String("resample"))) {
        const QJsonValue r = o.value(QLatin1String("resample"));
        const int code = r.toInt(-1);
        if (!r.isDouble() || code < 0 || code > 5) {
            fail(path, QStringLiteral("\"resample\" must be one of PIL's filters 0 to 5 (2 is bilinear)"));
        }
        p.resample = Resample(code);
    }
    p.doCenterCrop = flag("do_center_crop", false);
    if (p.doCenterCrop) {
        p.cropHeight = p.cropWidth = config.imageSize;
        if (o.contains(QLatin1String("crop_size"))) {
            readSize(path, QStringLiteral("crop_size"), o.value(QLatin1String("crop_size")), p.cropHeight, p.cropWidth,
                     nullptr);
        }
    }
    p.doRescale = flag("do_rescale", true);
    if (o.contains(QLatin1String("rescale_factor"))) {
        p.rescaleFactor = o.value(QLatin1String("rescale_factor")).toDouble(0.0);
        if (!(p.rescaleFactor > 0.0) || !std::isfinite(p.rescaleFactor)) {
            fail(path, QStringLiteral("\"rescale_factor\" must be a positive number"));
        }
    }
    p.doNormalize = flag("do_normalize", true);
    if (o.contains(QLatin1String("image_mean"))) {
        p.mean = perChannel(path, QStringLiteral("image_mean"), o.value(QLatin1String("image_mean")), p.channels);
    }
    if (o.contains(QLatin1String("image_std"))) {
        p.std = perChannel(path, QStringLiteral("image_std"), o.value(QLatin1String("image_std")), p.channels);
        for (double s : p.std) {
            if (s == 0.0) {
                fail(path, QStringLiteral("\"image_std\" has a zero"));
            }
        }
    }
    // The output size, where the file alone decides it.
    int outH = 0, outW = 0;
    if (p.doCenterCrop) {
        outH = p.cropHeight;
        outW = p.cropWidth;
    } else if (p.doResize && p.shortestEdge == 0) {
        outH = p.height;
        outW = p.width;
    }
    if (outH > 0 && (outH != p.modelSize || outW != p.modelSize)) {
        fail(path, QStringLiteral("gives %1 x %2 images, but the model (image_size) reads %3 x %3")
                       .arg(outW)
                       .arg(outH)
                       .arg(p.modelSize));
    }
    return p;
}

QImage VitPreprocessor::modelImage(const QImage& image) const
{
    QImage out = image.convertToFormat(QImage::Format_RGB888);
    if (doResize) {
        int h = height;
        int w = width;
        if (shortestEdge > 0) {
            // transformers' get_resize_output_image_size(default_to_square=False): the long side truncated.
            const int shortSide = std::min(out.width(), out.height());
            const int longSide = std::max(out.width(), out.height());
            const int newLong = int(double(shortestEdge) * longSide / shortSide);
            w = out.width() <= out.height() ? shortestEdge : newLong;
            h = out.width() <= out.height() ? newLong : shortestEdge;
        }
        if (double(w) * h > kMaxResizedPixels) {
            throw ModelError(QStringLiteral("%1: resizing the %2 x %3 picture's short side to %4 would make it %5 x %6 "
                                            "pixels, too many")
                                 .arg(path.isEmpty() ? QStringLiteral("preprocessor_config.json") : path)
                                 .arg(out.width())
                                 .arg(out.height())
                                 .arg(shortestEdge)
                                 .arg(w)
                                 .arg(h)
                                 .toStdString());
        }
        out = pilResize(out, w, h, resample);
    }
    if (doCenterCrop && out.width() >= cropWidth && out.height() >= cropHeight) {
        out = out.copy((out.width() - cropWidth) / 2, (out.height() - cropHeight) / 2, cropWidth, cropHeight);
    }
    if (out.width() != modelSize || out.height() != modelSize) {
        throw ModelError(QStringLiteral("%1: the preprocessed image is %2 x %3, but the model reads %4 x %4")
                             .arg(path.isEmpty() ? QStringLiteral("preprocessor_config.json") : path)
                             .arg(out.width())
                             .arg(out.height())
                             .arg(modelSize)
                             .toStdString());
    }
    return out;
}

std::vector<float> VitPreprocessor::pixels(const QImage& modelImage) const
{
    const QImage rgb = modelImage.convertToFormat(QImage::Format_RGB888);
    const int h = rgb.height();
    const int w = rgb.width();
    std::vector<float> out(std::size_t(channels) * h * w);
    for (int y = 0; y < h; ++y) {
        const std::uint8_t* line = rgb.constScanLine(y);
        for (int x = 0; x < w; ++x) {
            for (int c = 0; c < channels; ++c) {
                double v = line[x * 3 + c];
                if (doRescale) {
                    v = float(v * rescaleFactor); // transformers rescales in float64, then casts to float32
                }
                if (doNormalize) {
                    v = (v - mean[std::size_t(c)]) / std[std::size_t(c)];
                }
                out[(std::size_t(c) * h + y) * w + x] = float(v);
            }
        }
    }
    return out;
}

QString VitPreprocessor::describe() const
{
    QStringList steps;
    if (doResize) {
        steps << (shortestEdge > 0 ? QStringLiteral("resize short side to %1 (%2)").arg(shortestEdge)
                                   : QStringLiteral("resize to %1 x %2 (%3)").arg(width).arg(height))
                     .arg(filterName(resample));
    }
    if (doCenterCrop) {
        steps << QStringLiteral("centre crop %1 x %2").arg(cropWidth).arg(cropHeight);
    }
    if (doRescale) {
        steps << (std::fabs(rescaleFactor - 1.0 / 255.0) < 1e-12 ? QStringLiteral("x 1/255")
                                                                 : QStringLiteral("x %1").arg(rescaleFactor));
    }
    if (doNormalize) {
        QStringList m, s;
        for (std::size_t c = 0; c < mean.size(); ++c) {
            m << QString::number(mean[c], 'g', 4);
            s << QString::number(std[c], 'g', 4);
        }
        m.removeDuplicates();
        s.removeDuplicates();
        steps << QStringLiteral("(x - %1) / %2").arg(m.join(QLatin1Char('|')), s.join(QLatin1Char('|')));
    }
    return steps.join(QStringLiteral(", "));
}

} // namespace attn::hf
