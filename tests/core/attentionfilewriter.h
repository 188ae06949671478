#pragma once

// Writers of attention files for tests, fuzz seeds and benchmarks: .npy, .npz (stored or deflated) and
// safetensors bytes, from floats. Header-only; needs Qt Core and zlib.

#include "core/halffloat.h"

#include <QByteArray>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonArray>
#include <QString>
#include <QStringList>

#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace attn::testfiles {

// (..., rows, cols) random softmax rows.
inline std::vector<float> softmaxRows(std::size_t count, int cols, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> n(0.f, 2.f);
    std::vector<float> out(count);
    for (std::size_t r = 0; r < count / std::size_t(cols); ++r) {
        float* row = out.data() + r * std::size_t(cols);
        float max = -1e30f;
        for (int k = 0; k < cols; ++k)
            max = std::max(max, row[k] = n(rng));
        double sum = 0;
        for (int k = 0; k < cols; ++k)
            sum += (row[k] = std::exp(row[k] - max));
        for (int k = 0; k < cols; ++k)
            row[k] = float(row[k] / sum);
    }
    return out;
}

inline QByteArray encodeValues(const std::vector<float>& values, bool half)
{
    QByteArray out;
    out.resize(qsizetype(values.size() * (half ? 2 : 4)));
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (half) {
            const std::uint16_t h = floatToHalf(values[i]);
            std::memcpy(out.data() + 2 * i, &h, 2);
        } else {
            std::memcpy(out.data() + 4 * i, &values[i], 4);
        }
    }
    return out;
}

inline QByteArray npyHeader(const std::vector<std::int64_t>& shape, const std::string& descr, bool fortran = false)
{
    std::string dims;
    for (auto d : shape)
        dims += std::to_string(d) + ", ";
    if (shape.size() > 1)
        dims.resize(dims.size() - 2);
    else if (shape.size() == 1)
        dims.resize(dims.size() - 1);
    std::string dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") +
                       ", 'shape': (" + dims + "), }";
    // numpy pads the header with spaces to a multiple of 64 bytes and ends it with a newline.
    while ((10 + dict.size() + 1) % 64 != 0)
        dict += ' ';
    dict += '\n';
    QByteArray out("\x93NUMPY\x01\x00", 8);
    out.append(char(dict.size() & 0xff));
    out.append(char(dict.size() >> 8));
    out.append(dict.data(), qsizetype(dict.size()));
    return out;
}

inline QByteArray npyBytes(const std::vector<std::int64_t>& shape, const std::vector<float>& values, bool half = false)
{
    return npyHeader(shape, half ? "<f2" : "<f4") + encodeValues(values, half);
}

// A '<Un' string array.
inline QByteArray npyStrings(const QStringList& strings)
{
    int width = 1;
    for (const QString& s : strings)
        width = std::max(width, int(s.toUcs4().size()));
    QByteArray out = npyHeader({std::int64_t(strings.size())}, "<U" + std::to_string(width));
    for (const QString& s : strings) {
        QList<uint> units = s.toUcs4();
        units.resize(width, 0);
        for (uint u : units)
            for (int b = 0; b < 4; ++b)
                out.append(char((u >> (8 * b)) & 0xff));
    }
    return out;
}

inline void putLe(QByteArray& out, std::uint64_t v, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        out.append(char((v >> (8 * i)) & 0xff));
}

// A zip of members (name without .npy), stored or deflated, as np.savez / np.savez_compressed write them.
inline QByteArray npzBytes(const std::vector<std::pair<QString, QByteArray>>& members, bool deflated = false)
{
    QByteArray out, dir;
    for (const auto& [name, bytes] : members) {
        const QByteArray fileName = (name + ".npy").toUtf8();
        QByteArray data = bytes;
        if (deflated) {
            z_stream z{};
            deflateInit2(&z, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
            data.resize(qsizetype(deflateBound(&z, uLong(bytes.size()))));
            z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
            z.avail_in = uInt(bytes.size());
            z.next_out = reinterpret_cast<Bytef*>(data.data());
            z.avail_out = uInt(data.size());
            deflate(&z, Z_FINISH);
            data.resize(qsizetype(z.total_out));
            deflateEnd(&z);
        }
        const std::uint32_t crc = std::uint32_t(crc32(0, reinterpret_cast<const Bytef*>(bytes.data()), uInt(bytes.size())));
        const std::uint64_t offset = std::uint64_t(out.size());
        putLe(out, 0x04034b50, 4);
        putLe(out, 20, 2);
        putLe(out, 0, 2);
        putLe(out, deflated ? 8 : 0, 2);
        putLe(out, 0, 4);
        putLe(out, crc, 4);
        putLe(out, std::uint64_t(data.size()), 4);
        putLe(out, std::uint64_t(bytes.size()), 4);
        putLe(out, std::uint64_t(fileName.size()), 2);
        putLe(out, 0, 2);
        out += fileName;
        out += data;
        putLe(dir, 0x02014b50, 4);
        putLe(dir, 20, 2);
        putLe(dir, 20, 2);
        putLe(dir, 0, 2);
        putLe(dir, deflated ? 8 : 0, 2);
        putLe(dir, 0, 4);
        putLe(dir, crc, 4);
        putLe(dir, std::uint64_t(data.size()), 4);
        putLe(dir, std::uint64_t(bytes.size()), 4);
        putLe(dir, std::uint64_t(fileName.size()), 2);
        putLe(dir, 0, 2);
        putLe(dir, 0, 2);
        putLe(dir, 0, 2);
        putLe(dir, 0, 2);
        putLe(dir, 0, 4);
        putLe(dir, offset, 4);
        dir += fileName;
    }
    const std::uint64_t dirOffset = std::uint64_t(out.size());
    out += dir;
    putLe(out, 0x06054b50, 4);
    putLe(out, 0, 2);
    putLe(out, 0, 2);
    putLe(out, members.size(), 2);
    putLe(out, members.size(), 2);
    putLe(out, std::uint64_t(dir.size()), 4);
    putLe(out, dirOffset, 4);
    putLe(out, 0, 2);
    return out;
}

struct SafeTensor
{
    QString name;
    QString dtype; // F16, F32
    std::vector<std::int64_t> shape;
    std::vector<float> values;
};

inline QByteArray safetensorsBytes(const std::vector<SafeTensor>& tensors, const QJsonObject& metadata = {})
{
    QJsonObject header;
    QByteArray data;
    for (const SafeTensor& t : tensors) {
        const QByteArray bytes = encodeValues(t.values, t.dtype == "F16");
        QJsonArray shape;
        for (auto d : t.shape)
            shape.append(double(d));
        header.insert(t.name, QJsonObject{{"dtype", t.dtype},
                                          {"shape", shape},
                                          {"data_offsets", QJsonArray{double(data.size()), double(data.size() + bytes.size())}}});
        data += bytes;
    }
    if (!metadata.isEmpty())
        header.insert("__metadata__", metadata);
    const QByteArray json = QJsonDocument(header).toJson(QJsonDocument::Compact);
    QByteArray out;
    putLe(out, std::uint64_t(json.size()), 8);
    return out + json + data;
}

inline QString tokensJson(const QStringList& tokens)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(tokens)).toJson(QJsonDocument::Compact));
}

inline bool writeBytes(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace attn::testfiles
