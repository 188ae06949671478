#include "engine/caption/imageloader.h"

#include <QColor>
#include <QCoreApplication>
#include <QFileInfo>
#include <QImageReader>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace attn {

namespace {

QSize fitInside(QSize size, int maxSide)
{
    if (size.width() <= maxSide && size.height() <= maxSide) {
        return size;
    }
    return size.scaled(maxSide, maxSide, Qt::KeepAspectRatio).expandedTo(QSize(1, 1));
}

// Box-filters image down to target, converting only the rows it needs: a 20000 x 20000 one-bit image never
// becomes a 1.6 GB RGB32 one. Each output pixel averages up to 4 x 4 samples of its source area.
QImage downscaleByRows(const QImage& image, QSize target)
{
    QImage out(target, QImage::Format_RGB32);
    const double sx = double(image.width()) / target.width();
    const double sy = double(image.height()) / target.height();
    const int samples = int(std::clamp(std::ceil(std::max(sx, sy)), 1.0, 4.0));
    std::vector<double> acc(size_t(target.width()) * 3);
    for (int y = 0; y < target.height(); ++y) {
        std::fill(acc.begin(), acc.end(), 0.0);
        for (int j = 0; j < samples; ++j) {
            const int srcY = std::min(image.height() - 1, int((y + (j + 0.5) / samples) * sy));
            const QImage row = image.copy(0, srcY, image.width(), 1).convertToFormat(QImage::Format_RGB32);
            const auto* line = reinterpret_cast<const QRgb*>(row.constScanLine(0));
            for (int x = 0; x < target.width(); ++x) {
                for (int i = 0; i < samples; ++i) {
                    const int srcX = std::min(image.width() - 1, int((x + (i + 0.5) / samples) * sx));
                    const QRgb p = line[srcX];
                    acc[size_t(x) * 3] += qRed(p);
                    acc[size_t(x) * 3 + 1] += qGreen(p);
                    acc[size_t(x) * 3 + 2] += qBlue(p);
                }
            }
        }
        auto* dst = reinterpret_cast<QRgb*>(out.scanLine(y));
        const double n = double(samples) * samples;
        for (int x = 0; x < target.width(); ++x) {
            dst[x] = qRgb(int(acc[size_t(x) * 3] / n + 0.5), int(acc[size_t(x) * 3 + 1] / n + 0.5),
                          int(acc[size_t(x) * 3 + 2] / n + 0.5));
        }
    }
    return out;
}

QString sizeText(QSize s)
{
    return QStringLiteral("%1 x %2").arg(s.width()).arg(s.height());
}

} // namespace

PreparedImage prepareImage(const QImage& input, const QString& label, int modelSize, int maxDisplay)
{
    if (input.isNull() || input.width() < 1 || input.height() < 1) {
        throw ImageLoadError(QStringLiteral("%1: the image is empty").arg(label).toStdString());
    }
    PreparedImage p;
    p.source = label;
    if (p.originalSize.isEmpty()) {
        p.originalSize = input.size();
    }
    QImage image = input;
    const QSize target = fitInside(image.size(), maxDisplay);
    if (target != image.size()) {
        image = std::max(image.width(), image.height()) > 4 * maxDisplay ? downscaleByRows(image, target)
                                                                          : image.scaled(target, Qt::IgnoreAspectRatio,
                                                                                         Qt::SmoothTransformation);
    }
    if (image.hasAlphaChannel()) {
        // Transparent pixels carry arbitrary colours; show and caption them as if on white paper.
        QImage flat(image.size(), QImage::Format_RGB32);
        flat.fill(Qt::white);
        QPainter painter(&flat);
        painter.drawImage(0, 0, image);
        painter.end();
        image = flat;
        p.notices << QCoreApplication::translate("attn", "transparent areas were composited on white");
    }
    p.display = image.convertToFormat(QImage::Format_RGB32);
    const int side = std::min(p.display.width(), p.display.height());
    p.cropInDisplay = QRect((p.display.width() - side) / 2, (p.display.height() - side) / 2, side, side);
    p.modelInput = p.display.copy(p.cropInDisplay)
                       .scaled(modelSize, modelSize, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                       .convertToFormat(QImage::Format_RGB888);
    if (p.display.width() != p.display.height()) {
        p.notices << QCoreApplication::translate("attn", "the model sees the centre square of the image");
    }
    if (side < modelSize) {
        p.notices << QCoreApplication::translate("attn", "the image is only %1 pixels; it was enlarged to %2 x %2")
                         .arg(sizeText(p.originalSize))
                         .arg(modelSize);
    }
    return p;
}

PreparedImage loadImageForModel(const QString& path, int modelSize, int maxDisplay)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        throw ImageLoadError(QStringLiteral("%1: no such file").arg(path).toStdString());
    }
    if (!info.isFile() || !info.isReadable()) {
        throw ImageLoadError(QStringLiteral("%1: not a readable file").arg(path).toStdString());
    }
    QImageReader reader(path);
    reader.setDecideFormatFromContent(true);
    reader.setAutoTransform(true);
    if (!reader.canRead()) {
        throw ImageLoadError(QStringLiteral("%1: not an image in a format this program reads (%2)")
                                 .arg(path, reader.errorString())
                                 .toStdString());
    }
    const QSize stored = reader.size();
    QStringList notices;
    // Decoding straight to a smaller size is only real where the codec does it (JPEG's DCT scaling); other
    // handlers (PNG included) accept a scaled size but decode at full size first.
    const QByteArray format = reader.format().toLower();
    const bool reducesWhileDecoding = format == "jpeg" || format == "jpg";
    if (stored.isValid() && (stored.width() > maxDisplay || stored.height() > maxDisplay) && reducesWhileDecoding) {
        reader.setScaledSize(fitInside(stored, maxDisplay));
    }
    const bool scaledDecode = reader.scaledSize().isValid();
    if (stored.isValid() && !scaledDecode &&
        double(stored.width()) * double(stored.height()) * 4.0 > double(kImageDecodeLimitMB) * 1024.0 * 1024.0) {
        // Qt would decode this format at full size (32 bits a pixel) before any scaling could happen.
        throw ImageLoadError(QStringLiteral("%1: the image is %2 pixels, too large to decode safely in this format "
                                            "(over %3 MB); save it smaller or as JPEG, which decodes reduced")
                                 .arg(path, sizeText(stored))
                                 .arg(kImageDecodeLimitMB)
                                 .toStdString());
    }
    const int oldLimit = QImageReader::allocationLimit();
    QImageReader::setAllocationLimit(kImageDecodeLimitMB);
    QImage image = reader.read();
    QImageReader::setAllocationLimit(oldLimit);
    if (image.isNull()) {
        const QString sizeNote = stored.isValid() ? QStringLiteral(" (%1 pixels)").arg(sizeText(stored)) : QString();
        throw ImageLoadError(QStringLiteral("%1: cannot decode the image%2: %3")
                                 .arg(path, sizeNote, reader.errorString())
                                 .toStdString());
    }
    if (image.depth() > 32 || image.format() == QImage::Format_Grayscale16) {
        notices << QCoreApplication::translate("attn", "16 bits per channel were reduced to 8");
    }
    if (image.isGrayscale()) {
        notices << QCoreApplication::translate("attn", "greyscale image: colour words cannot be trusted");
    }
    PreparedImage p = prepareImage(image, path, modelSize, maxDisplay);
    p.originalSize = stored.isValid() ? stored : image.size();
    if (p.originalSize != p.display.size()) {
        p.notices.prepend(QCoreApplication::translate("attn", "downscaled from %1 to %2")
                              .arg(sizeText(p.originalSize), sizeText(p.display.size())));
    }
    p.notices = notices + p.notices;
    return p;
}

} // namespace attn
