#pragma once
// Writes tiny Hugging Face model folders for tests (issue 16): config.json, and the weights as model.safetensors or
// as shards with model.safetensors.index.json, in F32, F16 or BF16, with or without a class prefix. Every engine
// test builds its models with this, so the layouts tested are the ones the Hub uses.
//
//   attn::hftest::TestModel model;
//   model.config = QJsonObject{{"model_type", "bert"}, {"hidden_size", 8}, ...};
//   model.add("embeddings.word_embeddings.weight", {vocab, 8}, values);     // or addRandom(name, shape, rng)
//   model.prefix = "bert.";           // stored as "bert.embeddings..." (a class checkpoint)
//   model.dtype = attn::DType::BF16;  // values stored rounded; model.values(name) returns what the file holds
//   model.shards = 2;                 // model-00001-of-00002.safetensors ... + model.safetensors.index.json
//   model.write(dir);
//
// values(name) is what a reader gets back (rounded to the dtype), so a LibTorch reference built from it computes
// with exactly the weights in the file.

#include "engine/safetensors.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace attn::hftest {

// The float a file of this dtype gives back for v.
inline float roundTo(DType dtype, float v)
{
    if (dtype == DType::F32) {
        return v;
    }
    const std::uint16_t h = dtype == DType::F16 ? floatToHalf(v) : floatToBFloat16(v);
    const std::uint8_t bytes[2] = {std::uint8_t(h & 0xff), std::uint8_t(h >> 8)};
    float out = 0;
    convertToFloats(dtype, bytes, 1, &out);
    return out;
}

struct TestTensor
{
    std::string name; // without the prefix
    std::vector<std::int64_t> shape;
    std::vector<float> data; // as given (before rounding)
    bool prefixed = true;     // false: stored without the prefix even when one is set (e.g. "lm_head.weight")
};

inline void writeJson(const QString& path, const QJsonObject& object)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        throw std::runtime_error("cannot write " + path.toStdString());
    }
    file.write(QJsonDocument(object).toJson());
}

class TestModel
{
public:
    QJsonObject config; // written as config.json unless empty
    DType dtype = DType::F32;
    int shards = 1; // > 1: model-0000k-of-0000n.safetensors + model.safetensors.index.json
    std::string prefix; // e.g. "bert.", "transformer.", "model.", "vit."

    void add(const std::string& name, const std::vector<std::int64_t>& shape, std::vector<float> data,
             bool prefixed = true)
    {
        std::int64_t n = 1;
        for (auto d : shape) {
            n *= d;
        }
        if (std::size_t(n) != data.size()) {
            throw std::runtime_error("test tensor '" + name + "': " + std::to_string(data.size()) +
                                     " values for " + std::to_string(n) + " elements");
        }
        m_tensors.push_back({name, shape, std::move(data), prefixed});
    }

    // Uniform in [-scale, scale].
    void addRandom(const std::string& name, const std::vector<std::int64_t>& shape, std::mt19937& rng,
                   float scale = 0.5f, bool prefixed = true)
    {
        std::int64_t n = 1;
        for (auto d : shape) {
            n *= d;
        }
        std::uniform_real_distribution<float> dist(-scale, scale);
        std::vector<float> data(static_cast<std::size_t>(n));
        for (auto& v : data) {
            v = dist(rng);
        }
        add(name, shape, std::move(data), prefixed);
    }
    // Constant values (LayerNorm weights of 1, biases of 0, ...).
    void addFilled(const std::string& name, const std::vector<std::int64_t>& shape, float value, bool prefixed = true)
    {
        std::int64_t n = 1;
        for (auto d : shape) {
            n *= d;
        }
        add(name, shape, std::vector<float>(std::size_t(n), value), prefixed);
    }

    bool contains(const std::string& name) const { return find(name) != nullptr; }
    // What a reader gets back: the values rounded to dtype.
    std::vector<float> values(const std::string& name) const
    {
        const TestTensor* t = find(name);
        if (!t) {
            throw std::runtime_error("no test tensor '" + name + "'");
        }
        std::vector<float> out = t->data;
        for (auto& v : out) {
            v = roundTo(dtype, v);
        }
        return out;
    }
    const std::vector<std::int64_t>& shape(const std::string& name) const { return findOrThrow(name).shape; }
    // Replaces a tensor's values (to plant a NaN, say) or drops it.
    std::vector<float>& data(const std::string& name) { return const_cast<TestTensor&>(findOrThrow(name)).data; }
    void remove(const std::string& name)
    {
        for (auto it = m_tensors.begin(); it != m_tensors.end(); ++it) {
            if (it->name == name) {
                m_tensors.erase(it);
                return;
            }
        }
        throw std::runtime_error("no test tensor '" + name + "'");
    }
    const std::vector<TestTensor>& tensors() const { return m_tensors; }

    // Writes config.json (unless config is empty) and the weights into dir (created if needed).
    void write(const QString& dir) const
    {
        QDir().mkpath(dir);
        if (!config.isEmpty()) {
            writeJson(QDir(dir).filePath(QStringLiteral("config.json")), config);
        }
        const int count = std::max(1, shards);
        if (count == 1) {
            writer(0, 1).write(QDir(dir).filePath(QStringLiteral("model.safetensors")).toStdString());
            return;
        }
        QJsonObject weightMap;
        for (int s = 0; s < count; ++s) {
            const QString file = shardName(s, count);
            writer(s, count).write(QDir(dir).filePath(file).toStdString());
            for (std::size_t i = 0; i < m_tensors.size(); ++i) {
                if (int(i % std::size_t(count)) == s) {
                    weightMap.insert(QString::fromStdString(storedName(m_tensors[i])), file);
                }
            }
        }
        writeJson(QDir(dir).filePath(QStringLiteral("model.safetensors.index.json")),
                  QJsonObject{{"metadata", QJsonObject{{"total_size", 0}}}, {"weight_map", weightMap}});
    }

    static QString shardName(int index, int count)
    {
        return QStringLiteral("model-%1-of-%2.safetensors")
            .arg(index + 1, 5, 10, QLatin1Char('0'))
            .arg(count, 5, 10, QLatin1Char('0'));
    }
    std::string storedName(const TestTensor& t) const { return (t.prefixed ? prefix : std::string()) + t.name; }

private:
    const TestTensor* find(const std::string& name) const
    {
        for (const auto& t : m_tensors) {
            if (t.name == name) {
                return &t;
            }
        }
        return nullptr;
    }
    const TestTensor& findOrThrow(const std::string& name) const
    {
        const TestTensor* t = find(name);
        if (!t) {
            throw std::runtime_error("no test tensor '" + name + "'");
        }
        return *t;
    }
    // Tensors go round-robin over the shards, so every shard holds some.
    SafeTensorsWriter writer(int shard, int count) const
    {
        SafeTensorsWriter w;
        w.setMetadata("format", "pt");
        for (std::size_t i = 0; i < m_tensors.size(); ++i) {
            if (int(i % std::size_t(count)) == shard) {
                w.addFloats(storedName(m_tensors[i]), m_tensors[i].shape, m_tensors[i].data, dtype);
            }
        }
        return w;
    }

    std::vector<TestTensor> m_tensors;
};

} // namespace attn::hftest
