// Reading a captioner's config.json (torch-free, so tests/fuzz can fuzz it without LibTorch).
#include "engine/caption/captionmodel.h"
#include "engine/textmodel.h"

#include <QJsonArray>
#include <QJsonObject>

namespace attn {

bool isCaptionValueField(int pixels)
{
    return pixels == 9 || pixels == 17 || pixels == 25;
}

bool isCaptionKeyField(int pixels)
{
    return pixels == 4 || isCaptionValueField(pixels);
}

CaptionConfig CaptionConfig::fromJson(const QJsonObject& json, const QString& configPath, const QString& defaultName)
{
    constexpr int kEnd = 2; // kEndToken of captionnet.h
    CaptionConfig c;
    c.name = json.value(QStringLiteral("name")).toString(defaultName);
    const auto intField = [&](const char* key, int lo, int hi) {
        const int v = json.value(QLatin1String(key)).toInt(-1);
        if (v < lo || v > hi) {
            throw ModelError(QStringLiteral("%1: \"%2\" must be a whole number from %3 to %4")
                                 .arg(configPath, QLatin1String(key)).arg(lo).arg(hi).toStdString());
        }
        return v;
    };
    c.imageSize = intField("image_size", 8, 1024);
    c.gridSize = intField("grid", 1, 256);
    c.channels = intField("channels", 1, 4096);
    c.embed = intField("embed", 1, 4096);
    c.hidden = intField("hidden", 1, 4096);
    c.attention = intField("attention", 1, 4096);
    c.maxWords = intField("max_words", 1, 200);
    // Absent in the first shipped model's config.json: its design.
    if (json.contains(QStringLiteral("value_field"))) {
        c.valueField = intField("value_field", 9, 25);
        if (!isCaptionValueField(c.valueField)) {
            throw ModelError(QStringLiteral("%1: \"value_field\" must be 9, 17 or 25").arg(configPath).toStdString());
        }
    }
    c.keyField = c.valueField;
    if (json.contains(QStringLiteral("key_field"))) {
        c.keyField = intField("key_field", 4, c.valueField);
        if (!isCaptionKeyField(c.keyField)) {
            throw ModelError(QStringLiteral("%1: \"key_field\" must be 4, 9, 17 or 25").arg(configPath).toStdString());
        }
    }
    if (json.contains(QStringLiteral("key_context"))) {
        c.keyContext = intField("key_context", 0, c.keyField < c.valueField ? 0 : 8);
    }
    const auto boolField = [&](const char* key, bool absent) {
        const QJsonValue v = json.value(QLatin1String(key));
        if (v.isUndefined()) {
            return absent;
        }
        if (!v.isBool()) {
            throw ModelError(QStringLiteral("%1: \"%2\" must be true or false").arg(configPath, QLatin1String(key)).toStdString());
        }
        return v.toBool();
    };
    c.whereGradient = boolField("where_gradient", true);
    c.outputSeesWhere = boolField("output_sees_where", true);
    c.centredCells = boolField("centred_cells", false);
    c.localValues = boolField("local_values", false);
    c.colourFromCell = boolField("colour_from_cell", false);
    if (c.colourFromCell && c.keyField != 4) {
        throw ModelError(
            QStringLiteral("%1: \"colour_from_cell\" needs \"key_field\" 4").arg(configPath).toStdString());
    }
    for (const auto& w : json.value(QStringLiteral("vocabulary")).toArray()) {
        c.vocabulary << w.toString();
    }
    if (c.vocabulary.size() < 4 || c.vocabulary.at(kEnd) != QLatin1String("<end>")) {
        throw ModelError(QStringLiteral("%1: \"vocabulary\" must start with <pad>, <start>, <end>").arg(configPath).toStdString());
    }
    if (c.imageSize != c.gridSize * 4) {
        throw ModelError(QStringLiteral("%1: the encoder halves the image twice, so image_size must be 4 x grid")
                             .arg(configPath).toStdString());
    }
    return c;
}

} // namespace attn
