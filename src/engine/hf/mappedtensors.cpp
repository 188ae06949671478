#include "engine/hf/mappedtensors.h"

#include "engine/textmodel.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <set>

namespace attn::hf {

namespace {

constexpr qint64 kMaxIndexBytes = 64 * 1024 * 1024;

[[noreturn]] void fail(const QString& source, const std::string& what)
{
    throw ModelError(source.toStdString() + ": " + what);
}

} // namespace

MappedTensors::MappedTensors() = default;
MappedTensors::~MappedTensors() = default;

void MappedTensors::mapFile(const QString& path)
{
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::ReadOnly)) {
        fail(path, "cannot open: " + file->errorString().toStdString());
    }
    const qint64 size = file->size();
    if (size < 8) {
        fail(path, "truncated: " + std::to_string(size) + " bytes, too short for a safetensors header");
    }
    const uchar* bytes = file->map(0, size);
    if (!bytes) {
        fail(path, "cannot map into memory: " + file->errorString().toStdString());
    }
    SafeTensorsLayout layout;
    try {
        layout = parseSafeTensorsLayout(bytes, std::size_t(size), path.toStdString());
    } catch (const SafeTensorsError& e) {
        throw ModelError(e.what());
    }
    for (auto& [name, info] : layout.tensors) {
        auto it = m_tensors.find(name);
        if (it != m_tensors.end()) {
            fail(path, "tensor '" + name + "' is also in " + QFileInfo(it->second.file).fileName().toStdString());
        }
        Stored s;
        s.info = info;
        s.data = bytes + layout.dataStart + info.begin;
        s.file = path;
        m_tensors.emplace(name, std::move(s));
    }
    m_mapped += size;
    m_files.push_back(std::move(file));
}

void MappedTensors::mapIndex(const QString& dir, const QString& indexPath)
{
    QFile file(indexPath);
    if (!file.open(QIODevice::ReadOnly)) {
        fail(indexPath, "cannot open: " + file.errorString().toStdString());
    }
    if (file.size() > kMaxIndexBytes) {
        fail(indexPath, std::to_string(file.size()) + " bytes, too large for a shard index");
    }
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject()) {
        fail(indexPath, "not a JSON object (" + err.errorString().toStdString() + ")");
    }
    const QJsonValue mapValue = doc.object().value(QStringLiteral("weight_map"));
    if (!mapValue.isObject() || mapValue.toObject().isEmpty()) {
        fail(indexPath, "'weight_map' is missing or empty");
    }
    const QJsonObject weightMap = mapValue.toObject();
    std::map<std::string, QString> shardOf;
    std::set<QString> shards;
    for (auto it = weightMap.begin(); it != weightMap.end(); ++it) {
        const QString shard = it.value().toString();
        // A shard is a file beside the index: no folders, so an index cannot point anywhere else on disk.
        if (!it.value().isString() || shard.isEmpty() || shard.contains(QLatin1Char('/')) ||
            shard.contains(QLatin1Char('\\')) || shard == QLatin1String(".") || shard == QLatin1String("..")) {
            fail(indexPath, "tensor '" + it.key().toStdString() + "' names no valid shard file");
        }
        shardOf[it.key().toStdString()] = shard;
        shards.insert(shard);
    }
    for (const QString& shard : shards) {
        const QString path = QDir(dir).filePath(shard);
        if (!QFileInfo::exists(path)) {
            fail(path, std::string("shard missing (listed in ") + kIndexFile + ")");
        }
    }
    for (const QString& shard : shards) {
        mapFile(QDir(dir).filePath(shard));
    }
    for (const auto& [name, shard] : shardOf) {
        auto it = m_tensors.find(name);
        if (it == m_tensors.end() || QFileInfo(it->second.file).fileName() != shard) {
            fail(indexPath, "tensor '" + name + "' is not in " + shard.toStdString() + " as the index says");
        }
    }
}

} // namespace attn::hf
