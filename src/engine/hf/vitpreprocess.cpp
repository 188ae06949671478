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
