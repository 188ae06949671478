// A captioner's config.json (CaptionConfig::fromJson, the part of CaptionModel::open before any torch).
#include "engine/caption/captionmodel.h"
#include "engine/textmodel.h"

#include <QByteArray>
#include <QJsonDocument>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size)));
    if (!doc.isObject()) {
        return 0;
    }
    try {
        const attn::CaptionConfig c = attn::CaptionConfig::fromJson(doc.object(), "config.json", "fuzz");
        // What the network's constructor and the decoder rely on.
        if (c.imageSize != 4 * c.gridSize || c.vocabulary.size() < 4 || c.channels < 1 || c.embed < 1 ||
            c.hidden < 1 || c.attention < 1 || c.maxWords < 1) {
            __builtin_trap();
        }
    } catch (const attn::ModelError&) {
    }
    return 0;
}
