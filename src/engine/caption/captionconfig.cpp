// Reading a captioner's config.json (torch-free, so tests/fuzz can fuzz it without LibTorch).
#include "engine/caption/captionmodel.h"
#include "engine/textmodel.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <vector>

namespace attn {

namespace {

// The design keys of config.json. The captioner once had a choice for each; only the shipped model's is left
// (models/caption-shapes/card.md, "Removed designs"). A key set to another of its former choices asks for a
// removed design; so does a missing key whose absence meant one (the first models' files lacked some keys).
struct DesignKey
{
    const char* key;
    QJsonValue kept;         // the one design left
    QJsonValue absentMeant;  // what a missing key meant when the choice existed
    std::vector<int> former; // whole-number keys: the choices there were
};

const DesignKey kDesignKeys[] = {
    {"value_field", 25, 25, {9, 17, 25}},
    {"key_field", 4, 25, {4, 9, 17, 25}}, // absent: keys as wide as the values
    {"key_context", 0, 0, {0, 1, 2, 3, 4, 5, 6, 7, 8}},
    {"local_values", false, false, {}},
    {"centred_cells", false, false, {}},
    {"where_gradient", false, true, {}},
    {"output_sees_where", false, true, {}},
    {"colour_from_cell", true, false, {}},
};

QString jsonText(const QJsonValue& v)
{
    return v.isBool() ? QLatin1String(v.toBool() ? "true" : "false") : QString::number(v.toDouble());
}

bool sameValue(const QJsonValue& a, const QJsonValue& b)
{
    return a.type() == b.type() && (a.isBool() ? a.toBool() == b.toBool() : a.toDouble() == b.toDouble());
}

void checkDesignKey(const QJsonObject& json, const QString& configPath, const DesignKey& d)
{
    const QString key = QLatin1String(d.key);
    const QJsonValue v = json.value(key);
    const auto removed = [&](const QString& asked) {
        return ModelError(QStringLiteral("%1: \"%2\" %3: this design was removed (only %4 is left); retrain with "
                                         "attnscope-cli train caption")
                              .arg(configPath, key, asked, jsonText(d.kept))
                              .toStdString());
    };
    if (v.isUndefined()) {
        if (!sameValue(d.absentMeant, d.kept)) {
            throw removed(QStringLiteral("is missing, which meant %1").arg(jsonText(d.absentMeant)));
        }
        return;
    }
    if (sameValue(v, d.kept)) {
        return;
    }
    const bool former =
        d.kept.isBool() ? v.isBool()
                        : v.isDouble() && std::find(d.former.begin(), d.former.end(), v.toDouble()) != d.former.end();
    if (former) {
        throw removed(jsonText(v));
    }
    throw ModelError(QStringLiteral("%1: \"%2\" must be %3").arg(configPath, key, jsonText(d.kept)).toStdString());
}

} // namespace

CaptionConfig CaptionConfig::fromJson(const QJsonObject& json, const QString& configPath, const QString& defaultName)
{
    constexpr int kEnd = 2; // kEndToken of captionnet_torch.h
    CaptionConfig c;
    c.name = json.value(QStringLiteral("name")).toString(defaultName);
    const auto intField = [&](const char* key, int lo, int hi) {
        const int v = json.value(QLatin1String(key)).toInt(-1);
        if (v < lo || v > hi) {
            throw ModelError(QStringLiteral("%1: \"%2\" must be a whole number from %3 to %4")
                                 .arg(configPath, QLatin1String(key))
                                 .arg(lo)
                                 .arg(hi)
                                 .toStdString());
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
    for (const DesignKey& d : kDesignKeys) {
        checkDesignKey(json, configPath, d);
    }
    for (const auto& w : json.value(QStringLiteral("vocabulary")).toArray()) {
        c.vocabulary << w.toString();
    }
    if (c.vocabulary.size() < 4 || c.vocabulary.at(kEnd) != QLatin1String("<end>")) {
        throw ModelError(
            QStringLiteral("%1: \"vocabulary\" must start with <pad>, <start>, <end>").arg(configPath).toStdString());
    }
    if (c.imageSize != c.gridSize * 4) {
        throw ModelError(QStringLiteral("%1: the encoder halves the image twice, so image_size must be 4 x grid")
                             .arg(configPath)
                             .toStdString());
    }
    return c;
}

QJsonObject CaptionConfig::toJson() const
{
    QJsonObject json;
    json.insert(QStringLiteral("name"), name);
    json.insert(QStringLiteral("image_size"), imageSize);
    json.insert(QStringLiteral("grid"), gridSize);
    json.insert(QStringLiteral("channels"), channels);
    json.insert(QStringLiteral("embed"), embed);
    json.insert(QStringLiteral("hidden"), hidden);
    json.insert(QStringLiteral("attention"), attention);
    json.insert(QStringLiteral("max_words"), maxWords);
    // Written although fixed, so that a folder states its design and older builds read it as this design.
    for (const DesignKey& d : kDesignKeys) {
        json.insert(QLatin1String(d.key), d.kept);
    }
    json.insert(QStringLiteral("vocabulary"), QJsonArray::fromStringList(vocabulary));
    return json;
}

} // namespace attn
