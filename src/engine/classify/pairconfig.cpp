#include "engine/classify/pairconfig.h"

#include "engine/textmodel.h"

#include <QJsonValue>
#include <cmath>

namespace attn::classify {

QStringList PairNetConfig::variants()
{
    return {QStringLiteral("abcnn-1"), QStringLiteral("abcnn-2"), QStringLiteral("attentive-pooling")};
}

PairNetConfig PairNetConfig::fromJson(const QJsonObject& json, const QString& source)
{
    PairNetConfig c;
    c.variant = json.value("variant").toString();
    if (!variants().contains(c.variant)) {
        throw ModelError(source.toStdString() + ": \"variant\" must be one of " + variants().join(", ").toStdString());
    }
    auto read = [&](const char* key, int& into, int minimum, int maximum) {
        const QJsonValue v = json.value(key);
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d != std::floor(d) || d < minimum || d > maximum) {
            throw ModelError(source.toStdString() + ": \"" + key + "\" must be a whole number from " +
                             std::to_string(minimum) + " to " + std::to_string(maximum));
        }
        into = int(d);
    };
    read("vocab_size", c.vocab, 5, 1000000);
    read("embedding", c.embedding, 1, 4096);
    read("filters", c.filters, 1, 4096);
    read("kernel", c.kernel, 1, 15);
    read("hidden", c.hidden, 1, 4096);
    read("attention", c.attention, 1, 4096);
    read("max_length", c.maxLength, 1, 100000);
    read("classes", c.classes, 2, 1000);
    if (c.kernel % 2 == 0) {
        throw ModelError(source.toStdString() + ": \"kernel\" must be odd (the convolution keeps each text's length)");
    }
    return c;
}

void PairNetConfig::writeJson(QJsonObject& json) const
{
    json.insert("variant", variant);
    json.insert("vocab_size", vocab);
    json.insert("embedding", embedding);
    json.insert("filters", filters);
    json.insert("kernel", kernel);
    json.insert("hidden", hidden);
    json.insert("attention", attention);
    json.insert("max_length", maxLength);
    json.insert("classes", classes);
}

} // namespace attn::classify
