#include "core/safetensorsheader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace attn {

namespace {

[[noreturn]] void fail(const QString& source, const QString& problem)
{
    throw std::runtime_error(QStringLiteral("%1: %2").arg(source, problem).toStdString());
}

int dtypeBytes(const QString& dtype)
{
    static const QMap<QString, int> sizes{{"F64", 8}, {"F32", 4}, {"F16", 2}, {"BF16", 2}, {"I64", 8}, {"I32", 4},
                                          {"I16", 2}, {"I8", 1},  {"U8", 1},  {"BOOL", 1}, {"U16", 2}, {"U32", 4},
                                          {"U64", 8}};
    return sizes.value(dtype, 0);
}

constexpr std::uint64_t kMaxHeaderBytes = 100u << 20;

} // namespace

SafeTensorsHeader parseSafeTensorsHeader(const unsigned char* bytes, std::uint64_t fileSize, const QString& source)
{
    if (fileSize < 8)
        fail(source, QStringLiteral("truncated: too short for the safetensors header length"));
    std::uint64_t headerLength = 0;
    for (int i = 7; i >= 0; --i)
        headerLength = (headerLength << 8) | bytes[i];
    if (headerLength > kMaxHeaderBytes || headerLength > fileSize - 8)
        fail(source, QStringLiteral("header length %1 does not fit in a file of %2 bytes (truncated or not a "
                                    "safetensors file)")
                         .arg(headerLength)
                         .arg(fileSize));
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(
        QByteArray::fromRawData(reinterpret_cast<const char*>(bytes) + 8, qsizetype(headerLength)), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        fail(source, QStringLiteral("the safetensors header is not a JSON object (%1)").arg(error.errorString()));

    SafeTensorsHeader header;
    const std::uint64_t dataStart = 8 + headerLength;
    const std::uint64_t dataSize = fileSize - dataStart;
    const QJsonObject root = doc.object();
    for (auto it = root.begin(); it != root.end(); ++it) {
        if (it.key() == QLatin1String("__metadata__")) {
            const QJsonObject meta = it.value().toObject();
            for (auto m = meta.begin(); m != meta.end(); ++m) {
                if (!m.value().isString())
                    fail(source, QStringLiteral("metadata '%1' is not a string").arg(m.key()));
                header.metadata.insert(m.key(), m.value().toString());
            }
            continue;
        }
        const QJsonObject t = it.value().toObject();
        SafeTensorsEntry e;
        e.name = it.key();
        e.dtype = t.value(QLatin1String("dtype")).toString();
        const int size = dtypeBytes(e.dtype);
        if (size == 0)
            fail(source, QStringLiteral("tensor '%1' has unknown dtype '%2'").arg(e.name, e.dtype));
        // The product saturates above the data size: the byte-count check below then reports it.
        std::uint64_t count = 1;
        for (const QJsonValue& d : t.value(QLatin1String("shape")).toArray()) {
            const double v = d.toDouble(-1);
            if (!d.isDouble() || v < 0 || v != std::floor(v) || v > 2147483647.0)
                fail(source, QStringLiteral("tensor '%1' has an invalid shape entry").arg(e.name));
            e.shape.push_back(std::int64_t(v));
            count = v == 0 ? 0 : std::min(count * std::uint64_t(v), dataSize + 1);
        }
        const QJsonArray offsets = t.value(QLatin1String("data_offsets")).toArray();
        const double first = offsets.size() == 2 ? offsets[0].toDouble(-1) : -1;
        const double last = offsets.size() == 2 ? offsets[1].toDouble(-1) : -1;
        if (offsets.size() != 2 || !offsets[0].isDouble() || !offsets[1].isDouble() || first < 0 || last < first ||
            first != std::floor(first) || last != std::floor(last))
            fail(source, QStringLiteral("tensor '%1' has invalid data_offsets").arg(e.name));
        if (last > double(dataSize))
            fail(source, QStringLiteral("tensor '%1' ends at byte %2 but the data section has %3 bytes (truncated?)")
                             .arg(e.name)
                             .arg(last, 0, 'f', 0)
                             .arg(dataSize));
        e.begin = dataStart + std::uint64_t(first);
        e.end = dataStart + std::uint64_t(last);
        if (count * std::uint64_t(size) != e.end - e.begin)
            fail(source, QStringLiteral("tensor '%1': shape and dtype %2 need %3 bytes but its offsets give %4")
                             .arg(e.name, e.dtype)
                             .arg(count * std::uint64_t(size))
                             .arg(e.end - e.begin));
        header.tensors.push_back(e);
    }
    std::sort(header.tensors.begin(), header.tensors.end(),
              [](const SafeTensorsEntry& a, const SafeTensorsEntry& b) { return a.begin < b.begin; });
    return header;
}

} // namespace attn
