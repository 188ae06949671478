#include "core/attentionfile.h"

#include "core/arrayattention.h"
#include "core/attentionfileblocks.h"
#include "core/attentionjson.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cctype>
#include <stdexcept>

namespace attn {

namespace detail {

void fail(const QString& source, const QString& problem)
{
    throw std::runtime_error(QStringLiteral("%1: %2").arg(source, problem).toStdString());
}

bool isAttentionKind(const QString& name)
{
    return name == QLatin1String("encoder_self") || name == QLatin1String("decoder_self") ||
           name == QLatin1String("cross") || name == QLatin1String("attention");
}

bool isTokensKind(const QString& name)
{
    return name == QLatin1String("tokens") || name == QLatin1String("source_tokens") ||
           name == QLatin1String("target_tokens");
}

void setTokens(AttentionTokens& tokens, const QString& kind, const QStringList& list)
{
    if (kind == QLatin1String("source_tokens")) {
        tokens.source = list;
        tokens.hasSource = true;
    } else if (kind == QLatin1String("target_tokens")) {
        tokens.target = list;
        tokens.hasTarget = true;
    } else {
        tokens.tokens = list;
        tokens.hasTokens = true;
    }
}

namespace {

QStringList positions(int n)
{
    QStringList out;
    out.reserve(n);
    for (int i = 0; i < n; ++i)
        out << QString::number(i);
    return out;
}

// The labels of one side of a block: the specific list, else the common one; false when there is neither.
bool pick(const AttentionTokens& t, bool wantSource, bool wantTarget, QStringList& out, QString& which)
{
    if (wantSource && t.hasSource) {
        out = t.source;
        which = QStringLiteral("source_tokens");
    } else if (wantTarget && t.hasTarget) {
        out = t.target;
        which = QStringLiteral("target_tokens");
    } else if (t.hasTokens) {
        out = t.tokens;
        which = QStringLiteral("tokens");
    } else if (!wantTarget && t.hasSource) {
        out = t.source;
        which = QStringLiteral("source_tokens");
    } else if (!wantSource && t.hasTarget) {
        out = t.target;
        which = QStringLiteral("target_tokens");
    } else {
        return false;
    }
    return true;
}

} // namespace

ArrayBlock makeArrayBlock(const RawArray& raw, const AttentionTokens& tokens, const QString& source,
                          QStringList& notices)
{
    const QString what = raw.label.isEmpty() ? QStringLiteral("shape %1").arg(shapeText(raw.shape))
                                             : QStringLiteral("%1 of shape %2").arg(raw.label, shapeText(raw.shape));
    const int rank = int(raw.shape.size());
    if (rank == 5)
        fail(source, QStringLiteral("%1 has 5 dimensions: drop the batch dimension (np.stack(out.attentions)[:, 0])")
                         .arg(what));
    if (rank < 2 || rank > 4)
        fail(source, QStringLiteral("%1 is not attention: expected T x T, H x T x T or L x H x T x T").arg(what));
    for (auto d : raw.shape)
        if (d == 0)
            fail(source, QStringLiteral("%1 is empty").arg(what));
    ArrayBlock block;
    AttentionBlockInfo& info = block.info;
    info.name = raw.kind;
    info.layers = rank == 4 ? int(raw.shape[0]) : 1;
    info.heads = rank >= 3 ? int(raw.shape[std::size_t(rank - 3)]) : 1;
    info.queries = int(raw.shape[std::size_t(rank - 2)]);
    info.keys = int(raw.shape[std::size_t(rank - 1)]);
    const bool cross = raw.kind == QLatin1String("cross");
    if (!cross && info.queries != info.keys)
        fail(source, QStringLiteral("%1 is not square: self-attention needs T x T in its last two dimensions").arg(what));

    const bool sourceSide = raw.kind == QLatin1String("encoder_self");
    const bool targetSide = raw.kind == QLatin1String("decoder_self");
    QString whichQ, whichK;
    const bool haveQ = pick(tokens, sourceSide, targetSide || cross, info.queryLabels, whichQ);
    const bool haveK = pick(tokens, sourceSide || cross, targetSide, info.keyLabels, whichK);
    const QString from = tokens.origin.isEmpty() ? QString() : QStringLiteral(" in %1").arg(tokens.origin);
    if (haveQ && info.queryLabels.size() != info.queries)
        fail(source, QStringLiteral("token count mismatch: %1 has %2 %3 but %4%5 holds %6 tokens")
                         .arg(raw.label.isEmpty() ? QStringLiteral("the attention") : raw.label)
                         .arg(info.queries)
                         .arg(cross ? QStringLiteral("queries") : QStringLiteral("positions"), whichQ, from)
                         .arg(info.queryLabels.size()));
    if (haveK && info.keyLabels.size() != info.keys)
        fail(source, QStringLiteral("token count mismatch: %1 has %2 keys but %3%4 holds %5 tokens")
                         .arg(raw.label.isEmpty() ? QStringLiteral("the attention") : raw.label)
                         .arg(info.keys)
                         .arg(whichK, from)
                         .arg(info.keyLabels.size()));
    if (!haveQ || !haveK) {
        if (!haveQ)
            info.queryLabels = positions(info.queries);
        if (!haveK)
            info.keyLabels = positions(info.keys);
        const QString notice = QStringLiteral("no tokens for %1: positions shown as 0, 1, 2, ...").arg(raw.kind);
        if (!notices.contains(notice))
            notices << notice;
    }
    block.store = raw.store;
    block.offset = raw.offset;
    block.type = raw.type;
    return block;
}

} // namespace detail

using detail::fail;

namespace {

std::shared_ptr<const AttentionSource> openNpy(std::shared_ptr<const ByteStore> store, const QString& name,
                                               const AttentionTokens& tokens)
{
    const NpyHeader header = parseNpyHeader(store->data(), std::size_t(store->size()), store->size(), name);
    detail::RawArray raw;
    raw.kind = QStringLiteral("attention");
    raw.shape = header.shape;
    raw.type = header.type;
    raw.store = store;
    raw.offset = header.dataOffset;
    QStringList notices;
    std::vector<ArrayBlock> blocks{detail::makeArrayBlock(raw, tokens, name, notices)};
    auto source = std::make_shared<ArrayAttentionSource>(name, std::move(blocks), notices);
    source->checkSample();
    return source;
}

std::shared_ptr<const AttentionSource> openJson(const ByteStore& store, const QString& name)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(
        QByteArray::fromRawData(reinterpret_cast<const char*>(store.data()), qsizetype(store.size())), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        fail(name, QStringLiteral("not valid JSON (%1 at byte %2)").arg(error.errorString()).arg(error.offset));
    AttentionSet set;
    try {
        set = attentionSetFromJson(doc.object());
        set.validate(1e-3);
    } catch (const std::invalid_argument& e) {
        fail(name, QString::fromStdString(e.what()));
    }
    return std::make_shared<AttentionSetSource>(std::move(set), name);
}

} // namespace

AttentionFileFormat detectAttentionFormat(const unsigned char* bytes, std::uint64_t size, const QString& name)
{
    if (size >= 6 && bytes[0] == 0x93 && std::equal(bytes + 1, bytes + 6, "NUMPY"))
        return AttentionFileFormat::Npy;
    if (size >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && (bytes[2] == 3 || bytes[2] == 5))
        return AttentionFileFormat::Npz;
    if (size >= 9 && bytes[8] == '{' && (bytes[4] | bytes[5] | bytes[6] | bytes[7]) == 0)
        return AttentionFileFormat::SafeTensors;
    for (std::uint64_t i = 0; i < size; ++i) {
        if (bytes[i] == '{')
            return AttentionFileFormat::Json;
        if (!std::isspace(bytes[i]))
            break;
    }
    fail(name, QStringLiteral("not an attention file (.npy, .npz, safetensors or attention JSON)"));
}

std::shared_ptr<const AttentionSource> openAttentionStore(std::shared_ptr<const ByteStore> store, const QString& name,
                                                          const AttentionTokens& tokens, std::uint64_t maxInflate)
{
    switch (detectAttentionFormat(store->data(), store->size(), name)) {
    case AttentionFileFormat::Npy: return openNpy(std::move(store), name, tokens);
    case AttentionFileFormat::Npz: return detail::openNpz(std::move(store), name, tokens, maxInflate);
    case AttentionFileFormat::SafeTensors: return detail::openSafeTensors(std::move(store), name, tokens);
    case AttentionFileFormat::Json: return openJson(*store, name);
    }
    return nullptr;
}

std::shared_ptr<const AttentionSource> openAttentionFile(const QString& path, const QString& tokensPath)
{
    AttentionTokens tokens;
    if (!tokensPath.isEmpty()) {
        tokens = readTokensFile(tokensPath);
        tokens.explicitFile = true;
    } else if (const QString beside = findTokensFile(path); !beside.isEmpty()) {
        tokens = readTokensFile(beside);
    }
    auto store = std::make_shared<MappedFile>(path);
    return openAttentionStore(std::move(store), path, tokens);
}

QString findTokensFile(const QString& attentionPath)
{
    const QFileInfo info(attentionPath);
    const QDir dir = info.absoluteDir();
    const QString base = info.completeBaseName();
    for (const QString& candidate : {base + QStringLiteral(".tokens.json"), base + QStringLiteral(".tokens.txt"),
                                     QStringLiteral("tokens.json"), QStringLiteral("tokens.txt")}) {
        const QString path = dir.filePath(candidate);
        if (QFileInfo(path).isFile())
            return QDir::cleanPath(info.dir().filePath(candidate));
    }
    return {};
}

AttentionTokens readTokensFile(const QString& path)
{
    QFile file(path);
    if (!file.exists())
        fail(path, QStringLiteral("tokens file not found"));
    if (!file.open(QIODevice::ReadOnly))
        fail(path, QStringLiteral("cannot open: %1").arg(file.errorString()));
    if (file.size() > (qint64(256) << 20))
        fail(path, QStringLiteral("a tokens file of %1 MB is too large").arg(file.size() >> 20));
    return parseTokens(file.readAll(), path);
}

AttentionTokens parseTokens(const QByteArray& bytes, const QString& origin)
{
    AttentionTokens tokens;
    tokens.origin = origin;
    const QByteArray trimmed = bytes.trimmed();
    if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
        if (error.error != QJsonParseError::NoError)
            fail(origin, QStringLiteral("not valid JSON (%1 at byte %2)").arg(error.errorString()).arg(error.offset));
        auto list = [&](const QJsonValue& v, const QString& what) {
            if (!v.isArray())
                fail(origin, QStringLiteral("%1 is not a list of strings").arg(what));
            QStringList out;
            for (const QJsonValue& s : v.toArray()) {
                if (!s.isString())
                    fail(origin, QStringLiteral("%1 holds a %2 where a token string belongs")
                                     .arg(what, s.isDouble() ? QStringLiteral("number") : QStringLiteral("non-string")));
                out << s.toString();
            }
            return out;
        };
        if (doc.isArray()) {
            detail::setTokens(tokens, QStringLiteral("tokens"), list(doc.array(), QStringLiteral("the list")));
        } else {
            const QJsonObject o = doc.object();
            for (const QString& key : {QStringLiteral("tokens"), QStringLiteral("source_tokens"), QStringLiteral("target_tokens")})
                if (o.contains(key))
                    detail::setTokens(tokens, key, list(o.value(key), QStringLiteral("'%1'").arg(key)));
            if (tokens.empty())
                fail(origin, QStringLiteral("the object has none of tokens, source_tokens, target_tokens"));
        }
        return tokens;
    }
    QString text = QString::fromUtf8(bytes);
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    if (text.endsWith(QLatin1Char('\n')))
        text.chop(1);
    detail::setTokens(tokens, QStringLiteral("tokens"), text.isEmpty() ? QStringList() : text.split(QLatin1Char('\n')));
    return tokens;
}

QStringList attentionFileSuffixes()
{
    return {QStringLiteral("npy"), QStringLiteral("npz"), QStringLiteral("safetensors"), QStringLiteral("json")};
}

bool looksLikeAttentionFile(const QString& path)
{
    return attentionFileSuffixes().contains(QFileInfo(path).suffix().toLower());
}

} // namespace attn
