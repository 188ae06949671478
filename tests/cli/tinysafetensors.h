#pragma once
// What the tiny Hugging Face folders of the tests (hftinybert.h, hftinyvit.h, ../engine/hfgeneratefolders.h) share:
// seeded random F32 tensors and a safetensors writer, with Qt Core only so tests that link no engine can write one.

#include <QByteArray>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace attn::tinysafetensors {

struct Tensor
{
    std::string name;
    std::vector<std::int64_t> shape;
    std::vector<float> data;
};

// Tensors of normal(mean, sd) values drawn in the order they are added from one seeded generator, so a seed gives
// the same weights on every machine the standard library draws alike on.
class RandomTensors
{
public:
    explicit RandomTensors(unsigned seed) : m_rng(seed) {}

    void add(const std::string& name, std::vector<std::int64_t> shape, float mean, float sd)
    {
        std::int64_t n = 1;
        for (auto d : shape) {
            n *= d;
        }
        Tensor t{name, std::move(shape), std::vector<float>(std::size_t(n))};
        for (auto& v : t.data) {
            v = mean + sd * m_normal(m_rng);
        }
        m_tensors.push_back(std::move(t));
    }

    std::vector<Tensor> take() { return std::move(m_tensors); }

private:
    std::mt19937 m_rng;
    std::normal_distribution<float> m_normal{0.0f, 1.0f};
    std::vector<Tensor> m_tensors;
};

inline bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

// A tensor as a file stores it: its name there, its shape and its F32 values (not owned).
struct StoredTensor
{
    std::string name;
    const std::vector<std::int64_t>* shape;
    const std::vector<float>* values;
};

// safetensors: 8-byte little-endian header length, the JSON header, then the F32 data, streamed to the file (a
// BERT-base-sized model is 350 MB).
inline bool writeSafetensors(const QString& path, const std::vector<StoredTensor>& tensors)
{
    QJsonObject header;
    qint64 offset = 0;
    for (const StoredTensor& t : tensors) {
        QJsonArray shape;
        for (auto d : *t.shape) {
            shape.append(qint64(d));
        }
        const qint64 bytes = qint64(t.values->size() * sizeof(float));
        header.insert(
            QString::fromStdString(t.name),
            QJsonObject{{"dtype", "F32"}, {"shape", shape}, {"data_offsets", QJsonArray{offset, offset + bytes}}});
        offset += bytes;
    }
    header.insert("__metadata__", QJsonObject{{"format", "pt"}});
    QByteArray json = QJsonDocument(header).toJson(QJsonDocument::Compact);
    while (json.size() % 8 != 0) {
        json.append(' ');
    }
    QByteArray length(8, '\0');
    const std::uint64_t n = std::uint64_t(json.size());
    for (int i = 0; i < 8; ++i) {
        length[i] = char((n >> (8 * i)) & 0xff);
    }
    QFile f(path);
    bool ok =
        f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(length) == 8 && f.write(json) == json.size();
    for (const StoredTensor& t : tensors) { // little-endian floats: the machines this runs on
        const qint64 bytes = qint64(t.values->size() * sizeof(float));
        ok = ok && f.write(reinterpret_cast<const char*>(t.values->data()), bytes) == bytes;
    }
    return ok;
}

// The tensors in list order, each name with prefix before it.
inline bool writeSafetensors(const QString& path, const std::vector<const Tensor*>& list,
                             const std::string& prefix = {})
{
    std::vector<StoredTensor> stored;
    for (const Tensor* t : list) {
        stored.push_back({prefix + t->name, &t->shape, &t->data});
    }
    return writeSafetensors(path, stored);
}

inline bool writeSafetensors(const QString& path, const std::vector<Tensor>& tensors)
{
    std::vector<const Tensor*> list;
    for (const auto& t : tensors) {
        list.push_back(&t);
    }
    return writeSafetensors(path, list);
}

} // namespace attn::tinysafetensors
