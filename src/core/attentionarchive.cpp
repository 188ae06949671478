// The archive formats of attention files: .npz (a zip of .npy members) and safetensors.
#include "core/attentionfileblocks.h"
#include "core/safetensorsheader.h"
#include "core/zipreader.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <map>

namespace attn::detail {

namespace {

// A 1-D numpy string array: '<Un' is UTF-32LE padded with zeros, '|Sn' bytes padded with zeros.
QStringList decodeTextArray(const NpyHeader& header, const unsigned char* data, const QString& source,
                            const QString& label)
{
    if (header.type != ElementType::UnicodeText && header.type != ElementType::ByteText)
        fail(source, QStringLiteral("%1 is %2, not strings: save np.array(tokens, dtype=str)")
                         .arg(label, QString::fromLatin1(elementTypeName(header.type))));
    if (header.shape.size() != 1)
        fail(source, QStringLiteral("%1 has shape %2: tokens are a 1-D array").arg(label, shapeText(header.shape)));
    QStringList out;
    const std::size_t n = std::size_t(header.shape[0]);
    const std::size_t item = header.itemSize;
    for (std::size_t i = 0; i < n; ++i) {
        const unsigned char* p = data + i * item;
        if (header.type == ElementType::UnicodeText) {
            std::vector<char32_t> units(item / 4);
            for (std::size_t u = 0; u < units.size(); ++u)
                units[u] = char32_t(p[4 * u]) | char32_t(p[4 * u + 1]) << 8 | char32_t(p[4 * u + 2]) << 16 |
                           char32_t(p[4 * u + 3]) << 24;
            std::size_t length = units.size();
            while (length > 0 && units[length - 1] == 0)
                --length;
            out << QString::fromUcs4(units.data(), qsizetype(length));
        } else {
            std::size_t length = item;
            while (length > 0 && p[length - 1] == 0)
                --length;
            out << QString::fromUtf8(reinterpret_cast<const char*>(p), qsizetype(length));
        }
    }
    return out;
}

// The given tokens merged over those found inside the file: an explicit --tokens file wins, a file found beside
// the attention only fills what the archive lacks.
AttentionTokens merge(const AttentionTokens& inside, const AttentionTokens& given)
{
    const AttentionTokens& first = given.explicitFile ? given : inside;
    const AttentionTokens& second = given.explicitFile ? inside : given;
    if (first.empty())
        return second;
    if (second.empty())
        return first;
    AttentionTokens out = first;
    if (!out.hasTokens && second.hasTokens)
        setTokens(out, QStringLiteral("tokens"), second.tokens);
    if (!out.hasSource && second.hasSource)
        setTokens(out, QStringLiteral("source_tokens"), second.source);
    if (!out.hasTarget && second.hasTarget)
        setTokens(out, QStringLiteral("target_tokens"), second.target);
    return out;
}

std::shared_ptr<const AttentionSource> finish(const QString& name, const std::vector<RawArray>& arrays,
                                              const AttentionTokens& tokens, QStringList notices,
                                              const QString& kindWord)
{
    if (arrays.empty())
        fail(name, QStringLiteral("no attention %1: name them encoder_self, decoder_self, cross or attention")
                       .arg(kindWord));
    std::vector<ArrayBlock> blocks;
    for (const RawArray& raw : arrays)
        blocks.push_back(makeArrayBlock(raw, tokens, name, notices));
    auto source = std::make_shared<ArrayAttentionSource>(name, std::move(blocks), notices);
    source->checkSample();
    return source;
}

// Blocks in the order the views expect, whatever the order in the file.
int kindOrder(const QString& kind)
{
    static const QStringList order{"encoder_self", "decoder_self", "cross", "attention"};
    return int(order.indexOf(kind));
}

} // namespace

std::shared_ptr<const AttentionSource> openNpz(std::shared_ptr<const ByteStore> store, const QString& name,
                                               const AttentionTokens& given, std::uint64_t maxInflate)
{
    const std::vector<ZipEntry> entries = readZipDirectory(store->data(), store->size(), name);
    std::map<int, RawArray> arrays;
    AttentionTokens inside;
    inside.origin = name;
    QStringList notices;
    for (const ZipEntry& entry : entries) {
        QString key = entry.name;
        if (key.endsWith(QLatin1String(".npy")))
            key.chop(4);
        if (!isAttentionKind(key) && !isTokensKind(key)) {
            notices << QStringLiteral("ignored array '%1'").arg(key);
            continue;
        }
        const QString label = QStringLiteral("array '%1'").arg(key);
        std::shared_ptr<const ByteStore> memberStore = store;
        std::uint64_t begin = entry.dataOffset;
        if (entry.method == 8) {
            memberStore = std::make_shared<BufferStore>(
                inflateZipEntry(store->data(), store->size(), entry, name, maxInflate));
            begin = 0;
        }
        const std::uint64_t length = entry.uncompressedSize;
        const QString where = QStringLiteral("%1 (%2)").arg(name, label);
        const NpyHeader header = parseNpyHeader(memberStore->data() + begin, std::size_t(length), length, where,
                                                isTokensKind(key));
        if (isTokensKind(key)) {
            setTokens(inside, key, decodeTextArray(header, memberStore->data() + begin + header.dataOffset, name, label));
            continue;
        }
        RawArray raw;
        raw.kind = key;
        raw.label = label;
        raw.shape = header.shape;
        raw.type = header.type;
        raw.store = memberStore;
        raw.offset = begin + header.dataOffset;
        arrays[kindOrder(key)] = raw;
    }
    std::vector<RawArray> ordered;
    for (const auto& [order, raw] : arrays)
        ordered.push_back(raw);
    return finish(name, ordered, merge(inside, given), notices, QStringLiteral("arrays"));
}

std::shared_ptr<const AttentionSource> openSafeTensors(std::shared_ptr<const ByteStore> store, const QString& name,
                                                       const AttentionTokens& given)
{
    const SafeTensorsHeader header = parseSafeTensorsHeader(store->data(), store->size(), name);
    AttentionTokens inside;
    inside.origin = name + QStringLiteral(" (metadata)");
    for (auto it = header.metadata.begin(); it != header.metadata.end(); ++it) {
        if (!isTokensKind(it.key()))
            continue;
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(it.value().toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !doc.isArray())
            fail(name, QStringLiteral("metadata '%1' is not a JSON list of strings (json.dumps(tokens))").arg(it.key()));
        QStringList list;
        for (const QJsonValue& v : doc.array()) {
            if (!v.isString())
                fail(name, QStringLiteral("metadata '%1' holds a value that is not a string").arg(it.key()));
            list << v.toString();
        }
        setTokens(inside, it.key(), list);
    }
    std::map<int, RawArray> arrays;
    QStringList notices;
    for (const SafeTensorsEntry& t : header.tensors) {
        if (!isAttentionKind(t.name)) {
            notices << QStringLiteral("ignored tensor '%1'").arg(t.name);
            continue;
        }
        RawArray raw;
        raw.kind = t.name;
        raw.label = QStringLiteral("tensor '%1'").arg(t.name);
        if (t.dtype == QLatin1String("F16"))
            raw.type = ElementType::F16;
        else if (t.dtype == QLatin1String("BF16"))
            raw.type = ElementType::BF16;
        else if (t.dtype == QLatin1String("F32"))
            raw.type = ElementType::F32;
        else
            fail(name, QStringLiteral("%1 is %2: attention must be F16, BF16 or F32").arg(raw.label, t.dtype));
        raw.shape = t.shape;
        raw.store = store;
        raw.offset = t.begin;
        arrays[kindOrder(t.name)] = raw;
    }
    std::vector<RawArray> ordered;
    for (const auto& [order, raw] : arrays)
        ordered.push_back(raw);
    return finish(name, ordered, merge(inside, given), notices, QStringLiteral("tensors"));
}

} // namespace attn::detail
