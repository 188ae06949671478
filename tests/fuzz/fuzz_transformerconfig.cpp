// A Transformer model folder's config.json, as the coreference model reads it.
#include "engine/textmodel.h"
#include "engine/transformer/transformerconfig.h"

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
        const attn::TransformerConfig c = attn::TransformerConfig::fromJson(doc.object(), "config.json");
        QJsonObject back;
        c.writeJson(back);
        (void)attn::TransformerConfig::fromJson(back, "written");
        (void)c.headDim();
    } catch (const attn::ModelError&) {
    }
    return 0;
}
