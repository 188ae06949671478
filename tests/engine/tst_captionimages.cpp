// Images users may open: every one gives a correct model input or a clear message, never a crash, and huge
// images never decode at full size in RGB.
#include "engine/caption/imageloader.h"

#include <QBuffer>
#include <QFile>
#include <QImageWriter>
#include <QTemporaryDir>
#include <QtEndian>

#include <gtest/gtest.h>

#include <cstdint>

using namespace attn;

namespace {

std::uint32_t crc32(const QByteArray& data)
{
    std::uint32_t crc = 0xFFFFFFFFu;
    for (const char ch : data) {
        crc ^= std::uint8_t(ch);
        for (int k = 0; k < 8; ++k) {
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
        }
    }
    return crc ^ 0xFFFFFFFFu;
}

QByteArray chunk(const char* type, const QByteArray& body)
{
    QByteArray out(4, 0);
    qToBigEndian<quint32>(quint32(body.size()), out.data());
    const QByteArray typed = QByteArray(type) + body;
    out += typed;
    QByteArray crc(4, 0);
    qToBigEndian<quint32>(crc32(typed), crc.data());
    return out + crc;
}

// A PNG written by hand: width x height, bit depth and colour type as given, with IDAT from raw rows.
QByteArray handMadePng(quint32 width, quint32 height, int depth, int colourType, const QByteArray& rawRows)
{
    QByteArray ihdr(13, 0);
    qToBigEndian<quint32>(width, ihdr.data());
    qToBigEndian<quint32>(height, ihdr.data() + 4);
    ihdr[8] = char(depth);
    ihdr[9] = char(colourType);
    const QByteArray zlib = qCompress(rawRows, 1).mid(4); // qCompress prefixes the length
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr) + chunk("IDAT", zlib) + chunk("IEND", {});
}

QString write(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(bytes);
    return path;
}

std::string loadError(const QString& path)
{
    try {
        loadImageForModel(path, 64);
    } catch (const ImageLoadError& e) {
        return e.what();
    }
    return {};
}

} // namespace

TEST(CaptionImages, MissingGarbageAndUnknownFormatsAreNamed)
{
    QTemporaryDir dir;
    const std::string missing = loadError(dir.filePath("nope.png"));
    EXPECT_NE(missing.find("nope.png: no such file"), std::string::npos) << missing;
    const std::string garbage = loadError(write(dir, "garbage.png", QByteArray(1000, '\x7f')));
    EXPECT_NE(garbage.find("garbage.png"), std::string::npos) << garbage;
    EXPECT_NE(garbage.find("not an image"), std::string::npos) << garbage;
    const std::string text = loadError(write(dir, "notes.xyz", "just some text, not a picture\n"));
    EXPECT_NE(text.find("notes.xyz"), std::string::npos) << text;
    const std::string empty = loadError(write(dir, "empty.jpg", {}));
    EXPECT_NE(empty.find("empty.jpg"), std::string::npos) << empty;
    EXPECT_NE(loadError(dir.path()).find("not a readable file"), std::string::npos);
}

TEST(CaptionImages, CorruptDataGivesAMessageOrAnImage)
{
    QTemporaryDir dir;
    QImage noise(200, 200, QImage::Format_RGB32);
    for (int y = 0; y < 200; ++y) {
        for (int x = 0; x < 200; ++x) {
            noise.setPixel(x, y, qRgb((x * 37 + y * 11) % 256, (x * y) % 256, (x + y * 91) % 256));
        }
    }
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    ASSERT_TRUE(noise.save(&buffer, "PNG"));
    const QString truncated = write(dir, "truncated.png", png.left(png.size() / 2));
    try {
        const PreparedImage p = loadImageForModel(truncated, 64);
        EXPECT_EQ(p.modelInput.size(), QSize(64, 64)); // libpng may hand back the rows it got
    } catch (const ImageLoadError& e) {
        EXPECT_NE(std::string(e.what()).find("truncated.png"), std::string::npos) << e.what();
    }
    QByteArray flipped = png;
    for (int i = 60; i < flipped.size(); i += 7) {
        flipped[i] = char(flipped[i] ^ 0x5a);
    }
    const QString damaged = write(dir, "damaged.png", flipped);
    try {
        EXPECT_EQ(loadImageForModel(damaged, 64).modelInput.size(), QSize(64, 64));
    } catch (const ImageLoadError& e) {
        EXPECT_NE(std::string(e.what()).find("damaged.png"), std::string::npos) << e.what();
    }
}

TEST(CaptionImages, HeaderClaimingAHugeImageIsRefusedWithItsSize)
{
    QTemporaryDir dir;
    // 20000 x 20000 RGBA 8-bit would be 1.6 GB decoded; the data is a few bytes.
    const QString path = write(dir, "liar.png", handMadePng(20000, 20000, 8, 6, QByteArray(100, 0)));
    const std::string error = loadError(path);
    EXPECT_NE(error.find("liar.png"), std::string::npos) << error;
    EXPECT_NE(error.find("20000 x 20000"), std::string::npos) << error;
}

// Left half black, right half white, one bit per pixel so the file stays small.
QByteArray halfAndHalfPng(int side)
{
    const int rowBytes = (side + 7) / 8;
    QByteArray row(1 + rowBytes, '\0');
    for (int i = 1 + rowBytes / 2; i < row.size(); ++i) {
        row[i] = char(0xFF);
    }
    QByteArray raw;
    raw.reserve(row.size() * side);
    for (int y = 0; y < side; ++y) {
        raw += row;
    }
    return handMadePng(quint32(side), quint32(side), 1, 0, raw);
}

TEST(CaptionImages, RealTwentyThousandSquarePngGetsAClearMessage)
{
    QTemporaryDir dir;
    // PNG decodes at full size (1.6 GB as RGB32): refused before decoding, with the size in the message.
    const std::string error = loadError(write(dir, "huge.png", halfAndHalfPng(20000)));
    EXPECT_NE(error.find("huge.png"), std::string::npos) << error;
    EXPECT_NE(error.find("20000 x 20000"), std::string::npos) << error;
    EXPECT_NE(error.find("too large"), std::string::npos) << error;
}

TEST(CaptionImages, LargeImageIsDownscaledRowsAtATime)
{
    QTemporaryDir dir;
    const PreparedImage p = loadImageForModel(write(dir, "large.png", halfAndHalfPng(6000)), 64, 1024);
    EXPECT_EQ(p.originalSize, QSize(6000, 6000));
    EXPECT_EQ(p.display.size(), QSize(1024, 1024));
    EXPECT_EQ(p.modelInput.size(), QSize(64, 64));
    EXPECT_LT(qGray(p.modelInput.pixel(10, 32)), 30);
    EXPECT_GT(qGray(p.modelInput.pixel(54, 32)), 225);
    EXPECT_TRUE(p.notices.join(' ').contains("downscaled from 6000 x 6000")) << p.notices.join('|').toStdString();
}

TEST(CaptionImages, BigJpegDecodesReduced)
{
    QTemporaryDir dir;
    QImage big(5000, 3000, QImage::Format_RGB32);
    big.fill(qRgb(250, 240, 20));
    ASSERT_TRUE(big.save(dir.filePath("big.jpg"), "JPEG", 80));
    big = QImage();
    const PreparedImage p = loadImageForModel(dir.filePath("big.jpg"), 64, 1024);
    EXPECT_EQ(p.originalSize, QSize(5000, 3000));
    EXPECT_EQ(p.display.width(), 1024);
    EXPECT_NEAR(p.modelInput.pixelColor(32, 32).red(), 250, 4);
}

TEST(CaptionImages, OnePixelGreyAlphaAndSixteenBitImagesWork)
{
    QTemporaryDir dir;
    QImage one(1, 1, QImage::Format_RGB32);
    one.fill(qRgb(200, 10, 10));
    ASSERT_TRUE(one.save(dir.filePath("one.png")));
    const PreparedImage p1 = loadImageForModel(dir.filePath("one.png"), 64);
    EXPECT_EQ(p1.modelInput.size(), QSize(64, 64));
    EXPECT_EQ(p1.modelInput.pixelColor(30, 30), QColor(200, 10, 10));
    EXPECT_TRUE(p1.notices.join(' ').contains("1 x 1")) << p1.notices.join('|').toStdString();

    QImage grey(80, 60, QImage::Format_Grayscale8);
    grey.fill(128);
    ASSERT_TRUE(grey.save(dir.filePath("grey.png")));
    const PreparedImage pg = loadImageForModel(dir.filePath("grey.png"), 64);
    EXPECT_EQ(pg.modelInput.pixelColor(5, 5), QColor(128, 128, 128));
    EXPECT_EQ(pg.cropInDisplay, QRect(10, 0, 60, 60)); // the centre square
    EXPECT_TRUE(pg.notices.join(' ').contains("greyscale"));

    QImage alpha(64, 64, QImage::Format_ARGB32);
    alpha.fill(qRgba(0, 0, 0, 0)); // fully transparent black
    for (int y = 20; y < 40; ++y) {
        for (int x = 20; x < 40; ++x) {
            alpha.setPixel(x, y, qRgba(0, 0, 255, 255));
        }
    }
    ASSERT_TRUE(alpha.save(dir.filePath("alpha.png")));
    const PreparedImage pa = loadImageForModel(dir.filePath("alpha.png"), 64);
    EXPECT_EQ(pa.modelInput.pixelColor(2, 2), QColor(255, 255, 255));
    EXPECT_EQ(pa.modelInput.pixelColor(30, 30), QColor(0, 0, 255));

    QImage deep(40, 40, QImage::Format_RGBA64);
    deep.fill(QColor::fromRgba64(65535, 0, 32896, 65535));
    ASSERT_TRUE(deep.save(dir.filePath("deep.png")));
    const PreparedImage pd = loadImageForModel(dir.filePath("deep.png"), 64);
    const QColor c = pd.modelInput.pixelColor(20, 20);
    EXPECT_EQ(c.red(), 255);
    EXPECT_EQ(c.green(), 0);
    EXPECT_NEAR(c.blue(), 128, 1);
    EXPECT_TRUE(pd.notices.join(' ').contains("16 bits")) << pd.notices.join('|').toStdString();
}

TEST(CaptionImages, InMemoryImages)
{
    EXPECT_THROW(prepareImage(QImage(), "nothing", 64), ImageLoadError);
    QImage wide(300, 100, QImage::Format_RGB888);
    wide.fill(Qt::green);
    const PreparedImage p = prepareImage(wide, "wide", 64);
    EXPECT_EQ(p.cropInDisplay, QRect(100, 0, 100, 100));
    EXPECT_EQ(p.modelInput.pixelColor(0, 0), QColor(0, 255, 0));
}
