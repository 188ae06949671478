// Image files through the app's loader (every format Qt reads here: PNG, JPEG, GIF, BMP, ICO, PPM, XBM, XPM, SVG).
#include "engine/caption/imageloader.h"

#include "fuzztemp.h"

#include <QGuiApplication>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv)
{
    setenv("QT_QPA_PLATFORM", "offscreen", 1);
    static QGuiApplication app(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString path = attnfuzz::writeInput(data, size);
    try {
        const attn::PreparedImage p = attn::loadImageForModel(path, 64, 256);
        if (p.modelInput.size() != QSize(64, 64) || p.display.width() > 256 || p.display.height() > 256 ||
            !p.display.rect().contains(p.cropInDisplay)) {
            __builtin_trap(); // the loader's promises to the caption panel
        }
    } catch (const attn::ImageLoadError&) {
    }
    return 0;
}
