// A ViT folder's preprocessor_config.json (issue 16), read by VitPreprocessor::read and applied to a small picture:
// every accepted file must give the model's image size, finite pixels, or one clean error.
#include "engine/hf/vitpreprocess.h"
#include "engine/textmodel.h"
#include "hffuzz.h"

#include <QImage>

#include <cmath>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString dir = attnfuzz::hfFolder();
    attnfuzz::writeFile(dir + "/preprocessor_config.json",
                        QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)));
    attn::hf::HfConfig config;
    config.path = dir + "/config.json";
    config.modelType = QStringLiteral("vit");
    config.family = attn::hf::Family::Vit;
    config.imageSize = 8;
    config.patchSize = 4;
    config.numChannels = 3;
    try {
        const attn::hf::VitPreprocessor p = attn::hf::VitPreprocessor::read(dir, config);
        (void)p.describe();
        QImage picture(13, 7, QImage::Format_RGB32);
        for (int y = 0; y < picture.height(); ++y) {
            for (int x = 0; x < picture.width(); ++x) {
                picture.setPixel(x, y, qRgb(x * 19, y * 37, (x * y) % 256));
            }
        }
        const QImage seen = p.modelImage(picture); // may refuse a size that is not the model's
        if (seen.size() != QSize(8, 8)) {
            std::abort();
        }
        for (float v : p.pixels(seen)) {
            if (!std::isfinite(v)) {
                std::abort();
            }
        }
    } catch (const attn::ModelError&) {
    }
    return 0;
}
