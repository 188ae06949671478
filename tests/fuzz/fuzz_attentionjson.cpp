// Attention JSON files (`attend` output, `render --attention`): import, then the checks every view relies on.
#include "core/attentionjson.h"

#include <QByteArray>
#include <QJsonDocument>

#include <cstdint>
#include <stdexcept>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size)));
    if (!doc.isObject()) {
        return 0;
    }
    try {
        const attn::AttentionSet set = attn::attentionSetFromJson(doc.object());
        for (const auto& b : set.blocks) {
            if (b.weights.size() != std::size_t(b.layers) * b.heads * b.queries * b.keys) {
                __builtin_trap(); // the block's sizes and its weights disagree
            }
            try {
                b.validate(1e-3);
            } catch (const std::invalid_argument&) {
            }
        }
        // Written out and read back, an imported set keeps its shape.
        const attn::AttentionSet again = attn::attentionSetFromJson(attn::attentionSetToJson(set));
        if (again.blocks.size() != set.blocks.size()) {
            __builtin_trap();
        }
    } catch (const std::invalid_argument&) {
    }
    return 0;
}
