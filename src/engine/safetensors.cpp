#include "engine/safetensors.h"

#include <QByteArray>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace attn {

namespace {

// A header larger than this is not a model we ship or open; refusing it bounds memory for hostile files.
constexpr std::uint64_t kMaxHeaderBytes = 100ull * 1024 * 1024;

[[noreturn]] void fail(const std::string& source, const std::string& what)
{
    throw SafeTensorsError(source + ": " + what);
}

bool dtypeFromName(const QString& s, DType& out)
{
    static const std::pair<const char*, DType> kTable[] = {
        {"F32", DType::F32}, {"F64", DType::F64}, {"F16", DType::F16}, {"BF16", DType::BF16}, {"I64", DType::I64},
        {"I32", DType::I32}, {"I16", DType::I16}, {"I8", DType::I8},   {"U8", DType::U8},     {"BOOL", DType::Bool}};
    for (const auto& [name, dtype] : kTable) {
        if (s == QLatin1String(name)) {
            out = dtype;
            return true;
        }
    }
    return false;
}

float halfToFloat(std::uint16_t h)
{
    const std::uint32_t sign = (h & 0x8000u) << 16;
    std::uint32_t exp = (h >> 10) & 0x1f;
    std::uint32_t mant = h & 0x3ffu;
    std::uint32_t bits = 0;
    if (exp == 0) {
        if (mant == 0) {
            bits = sign;
        } else { // subnormal: normalise
            exp = 127 - 15 + 1;
            while ((mant & 0x400u) == 0) {
                mant <<= 1;
                --exp;
            }
            mant &= 0x3ffu;
            bits = sign | (exp << 23) | (mant << 13);
        }
    } else if (exp == 31) {
        bits = sign | 0x7f800000u | (mant << 13);
    } else {
        bits = sign | ((exp + 127 - 15) << 23) | (mant << 13);
    }
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
}

} // namespace

bool convertToFloats(DType dtype, const std::uint8_t* p, std::size_t n, float* out)
{
    switch (dtype) {
    case DType::F32:
        if (n > 0) { // memcpy from or to null is undefined, even for 0 bytes
            std::memcpy(out, p, n * 4);
        }
        return true;
    case DType::F64:
        for (std::size_t i = 0; i < n; ++i) {
            double d;
            std::memcpy(&d, p + 8 * i, 8);
            out[i] = float(d);
        }
        return true;
    case DType::F16:
        for (std::size_t i = 0; i < n; ++i) {
            out[i] = halfToFloat(std::uint16_t(p[2 * i] | (p[2 * i + 1] << 8)));
        }
        return true;
    case DType::BF16:
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint32_t bits = std::uint32_t(p[2 * i] | (p[2 * i + 1] << 8)) << 16;
            std::memcpy(&out[i], &bits, 4);
        }
        return true;
    default: return false;
    }
}

std::uint16_t floatToBFloat16(float f)
{
    std::uint32_t bits;
    std::memcpy(&bits, &f, 4);
    if ((bits & 0x7fffffffu) > 0x7f800000u) { // NaN stays a (quiet) NaN
        return std::uint16_t((bits >> 16) | 0x40u);
    }
    bits += 0x7fffu + ((bits >> 16) & 1u);
    return std::uint16_t(bits >> 16);
}

std::uint16_t floatToHalf(float f)
{
    std::uint32_t x;
    std::memcpy(&x, &f, 4);
    const std::uint16_t sign = std::uint16_t((x >> 16) & 0x8000u);
    const std::uint32_t absx = x & 0x7fffffffu;
    if (absx > 0x7f800000u) {
        return std::uint16_t(sign | 0x7e00u);
    }
    if (absx >= 0x477ff000u) { // rounds to 65520 or more: infinity
        return std::uint16_t(sign | 0x7c00u);
    }
    if (absx < 0x38800000u) { // below the smallest normal half (2^-14): subnormal or zero
        // Adding 0.5 shifts the value so the float's own rounding of the mantissa does the half's rounding.
        float a;
        std::memcpy(&a, &absx, 4);
        const float shifted = a + 0.5f;
        std::uint32_t b;
        std::memcpy(&b, &shifted, 4);
        return std::uint16_t(sign | std::uint16_t(b - 0x3f000000u));
    }
    std::uint32_t mant = absx;
    mant += 0x0fffu + ((absx >> 13) & 1u); // round to nearest even at bit 13
    return std::uint16_t(sign | std::uint16_t((mant - 0x38000000u) >> 13));
}

std::string dtypeName(DType dtype)
{
    switch (dtype) {
    case DType::F32: return "F32";
    case DType::F64: return "F64";
    case DType::F16: return "F16";
    case DType::BF16: return "BF16";
    case DType::I64: return "I64";
    case DType::I32: return "I32";
    case DType::I16: return "I16";
    case DType::I8: return "I8";
    case DType::U8: return "U8";
    case DType::Bool: return "BOOL";
    }
    return "?";
}

std::size_t dtypeSize(DType dtype)
{
    switch (dtype) {
    case DType::F64:
    case DType::I64: return 8;
    case DType::F32:
    case DType::I32: return 4;
    case DType::F16:
    case DType::BF16:
    case DType::I16: return 2;
    case DType::I8:
    case DType::U8:
    case DType::Bool: return 1;
    }
    return 1;
}

std::int64_t TensorInfo::numel() const
{
    // parse() checked that the non-zero dimensions fit in the file, but a zero anywhere allows any others:
    // (4294967295, 4294967295, 4294967295, 0) holds no value, and multiplying them out would overflow.
    if (std::find(shape.begin(), shape.end(), 0) != shape.end()) {
        return 0;
    }
    std::int64_t n = 1;
    for (auto d : shape) {
        n *= d;
    }
    return n;
}

SafeTensorsFile SafeTensorsFile::read(const std::string& path)
{
    QFile file(QString::fromStdString(path));
    if (!file.exists()) {
        fail(path, "file not found");
    }
    if (!file.open(QIODevice::ReadOnly)) {
        fail(path, "cannot open: " + file.errorString().toStdString());
    }
    const QByteArray all = file.readAll();
    return parse(std::vector<std::uint8_t>(all.begin(), all.end()), path);
}

SafeTensorsLayout parseSafeTensorsLayout(const std::uint8_t* bytes, std::size_t size, const std::string& sourceName)
{
    const std::string& src = sourceName;
    if (size < 8) {
        fail(src, "truncated: " + std::to_string(size) + " bytes, too short for the 8-byte header length");
    }
    std::uint64_t headerLen = 0;
    for (int i = 7; i >= 0; --i) {
        headerLen = (headerLen << 8) | bytes[std::size_t(i)];
    }
    if (headerLen > kMaxHeaderBytes || headerLen > size - 8) {
        fail(src, "header length " + std::to_string(headerLen) + " does not fit in a file of " +
                      std::to_string(size) + " bytes (truncated or not a safetensors file)");
    }
    QJsonParseError err{};
    const auto doc = QJsonDocument::fromJson(
        QByteArray::fromRawData(reinterpret_cast<const char*>(bytes) + 8, qsizetype(headerLen)), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject()) {
        fail(src, "header is not a JSON object (" + err.errorString().toStdString() + ")");
    }

    SafeTensorsLayout out;
    const std::size_t dataStart = 8 + std::size_t(headerLen);
    const std::size_t dataSize = size - dataStart;
    out.dataStart = dataStart;
    out.dataSize = dataSize;
    const QJsonObject root = doc.object();
    for (auto it = root.begin(); it != root.end(); ++it) {
        const std::string name = it.key().toStdString();
        if (it.key() == QLatin1String("__metadata__")) {
            const QJsonObject meta = it.value().toObject();
            for (auto m = meta.begin(); m != meta.end(); ++m) {
                out.metadata[m.key().toStdString()] = m.value().toString().toStdString();
            }
            continue;
        }
        const QJsonObject t = it.value().toObject();
        TensorInfo info;
        info.name = name;
        if (!dtypeFromName(t.value("dtype").toString(), info.dtype)) {
            fail(src, "tensor '" + name + "' has unknown dtype '" + t.value("dtype").toString().toStdString() + "'");
        }
        const QJsonArray shape = t.value("shape").toArray();
        std::uint64_t numel = 1;
        for (const auto& d : shape) {
            const double v = d.toDouble(-1);
            if (!d.isDouble() || v < 0 || v != std::floor(v) || v > double(std::numeric_limits<std::uint32_t>::max())) {
                fail(src, "tensor '" + name + "' has an invalid shape entry");
            }
            info.shape.push_back(std::int64_t(v));
            numel *= std::uint64_t(v);
            if (numel > dataSize) {
                numel = dataSize + 1; // saturate: the byte-count check below reports it
            }
        }
        const QJsonArray offs = t.value("data_offsets").toArray();
        const double first = offs.size() == 2 ? offs[0].toDouble(-1) : -1;
        const double last = offs.size() == 2 ? offs[1].toDouble(-1) : -1;
        if (offs.size() != 2 || !offs[0].isDouble() || !offs[1].isDouble() || first < 0 || last < first ||
            first != std::floor(first) || last != std::floor(last)) {
            fail(src, "tensor '" + name + "' has invalid data_offsets");
        }
        // Compared as doubles first: converting an offset beyond the range of size_t would be undefined.
        if (last > double(dataSize)) {
            fail(src, "tensor '" + name + "' ends at byte " + QString::number(last, 'g', 16).toStdString() +
                          " but the data section has " + std::to_string(dataSize) + " bytes (file truncated?)");
        }
        info.begin = std::size_t(first);
        info.end = std::size_t(last);
        if (numel * dtypeSize(info.dtype) != info.end - info.begin) {
            fail(src, "tensor '" + name + "': shape and dtype " + dtypeName(info.dtype) + " need " +
                          std::to_string(numel * dtypeSize(info.dtype)) + " bytes but offsets give " +
                          std::to_string(info.end - info.begin));
        }
        out.tensors[name] = info;
    }

    std::vector<const TensorInfo*> sorted;
    for (const auto& [n, info] : out.tensors) {
        sorted.push_back(&info);
    }
    std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->begin < b->begin; });
    std::size_t expected = 0;
    for (const auto* info : sorted) {
        if (info->begin < expected) {
            fail(src, "tensor '" + info->name + "' overlaps the tensor before it");
        }
        if (info->begin > expected) {
            fail(src, "hole in the data section before tensor '" + info->name + "'");
        }
        expected = info->end;
    }
    if (expected != dataSize) {
        fail(src, std::to_string(dataSize - expected) + " unindexed bytes after the last tensor");
    }
    return out;
}

SafeTensorsFile SafeTensorsFile::parse(const std::vector<std::uint8_t>& bytes, const std::string& sourceName)
{
    SafeTensorsLayout layout = parseSafeTensorsLayout(bytes.data(), bytes.size(), sourceName);
    SafeTensorsFile out;
    out.m_source = sourceName;
    out.m_tensors = std::move(layout.tensors);
    out.m_metadata = std::move(layout.metadata);
    out.m_data.assign(bytes.begin() + std::ptrdiff_t(layout.dataStart), bytes.end());
    return out;
}

std::vector<std::string> SafeTensorsFile::names() const
{
    std::vector<std::string> out;
    for (const auto& [name, info] : m_tensors) {
        out.push_back(name);
    }
    return out;
}

const TensorInfo& SafeTensorsFile::info(const std::string& name) const
{
    auto it = m_tensors.find(name);
    if (it == m_tensors.end()) {
        fail(m_source, "missing tensor '" + name + "'");
    }
    return it->second;
}

std::vector<float> SafeTensorsFile::floats(const std::string& name, const std::vector<std::int64_t>& expectedShape) const
{
    const TensorInfo& t = info(name);
    if (!expectedShape.empty() && expectedShape != t.shape) {
        std::string got, want;
        for (auto d : t.shape) {
            got += (got.empty() ? "" : ", ") + std::to_string(d);
        }
        for (auto d : expectedShape) {
            want += (want.empty() ? "" : ", ") + std::to_string(d);
        }
        fail(m_source, "tensor '" + name + "' has shape (" + got + "), expected (" + want + ")");
    }
    const std::size_t n = std::size_t(t.numel());
    std::vector<float> out(n);
    if (!convertToFloats(t.dtype, m_data.data() + t.begin, n, out.data())) {
        fail(m_source, "tensor '" + name + "' is " + dtypeName(t.dtype) + ", not a float type");
    }
    return out;
}

std::vector<std::int64_t> SafeTensorsFile::ints(const std::string& name) const
{
    const TensorInfo& t = info(name);
    const std::size_t n = std::size_t(t.numel());
    std::vector<std::int64_t> out(n);
    const std::uint8_t* p = m_data.data() + t.begin;
    for (std::size_t i = 0; i < n; ++i) {
        switch (t.dtype) {
        case DType::I64: std::memcpy(&out[i], p + 8 * i, 8); break;
        case DType::I32: {
            std::int32_t v;
            std::memcpy(&v, p + 4 * i, 4);
            out[i] = v;
            break;
        }
        default: fail(m_source, "tensor '" + name + "' is " + dtypeName(t.dtype) + ", not I64 or I32");
        }
    }
    return out;
}

void SafeTensorsWriter::addFloats(const std::string& name, const std::vector<std::int64_t>& shape, const float* data)
{
    std::int64_t n = 1;
    for (auto d : shape) {
        n *= d;
    }
    Entry e{name, DType::F32, shape, std::vector<std::uint8_t>(std::size_t(n) * 4)};
    std::memcpy(e.bytes.data(), data, e.bytes.size());
    m_entries.push_back(std::move(e));
}

void SafeTensorsWriter::addFloats(const std::string& name, const std::vector<std::int64_t>& shape,
                                  const std::vector<float>& data)
{
    std::int64_t n = 1;
    for (auto d : shape) {
        n *= d;
    }
    if (std::size_t(n) != data.size()) {
        throw SafeTensorsError("tensor '" + name + "': " + std::to_string(data.size()) + " values for its shape");
    }
    addFloats(name, shape, data.data());
}

void SafeTensorsWriter::addFloats(const std::string& name, const std::vector<std::int64_t>& shape,
                                  const std::vector<float>& data, DType dtype)
{
    if (dtype == DType::F32) {
        addFloats(name, shape, data);
        return;
    }
    if (dtype != DType::F16 && dtype != DType::BF16) {
        throw SafeTensorsError("tensor '" + name + "': " + dtypeName(dtype) + " is not a dtype the writer makes");
    }
    std::int64_t n = 1;
    for (auto d : shape) {
        n *= d;
    }
    if (std::size_t(n) != data.size()) {
        throw SafeTensorsError("tensor '" + name + "': " + std::to_string(data.size()) + " values for its shape");
    }
    Entry e{name, dtype, shape, std::vector<std::uint8_t>(data.size() * 2)};
    for (std::size_t i = 0; i < data.size(); ++i) {
        const std::uint16_t v = dtype == DType::F16 ? floatToHalf(data[i]) : floatToBFloat16(data[i]);
        e.bytes[2 * i] = std::uint8_t(v & 0xff);
        e.bytes[2 * i + 1] = std::uint8_t(v >> 8);
    }
    m_entries.push_back(std::move(e));
}

void SafeTensorsWriter::addInts(const std::string& name, const std::vector<std::int64_t>& shape,
                                const std::vector<std::int64_t>& data)
{
    Entry e{name, DType::I64, shape, std::vector<std::uint8_t>(data.size() * 8)};
    std::memcpy(e.bytes.data(), data.data(), e.bytes.size());
    m_entries.push_back(std::move(e));
}

std::vector<std::uint8_t> SafeTensorsWriter::serialise() const
{
    QJsonObject header;
    std::size_t offset = 0;
    for (const auto& e : m_entries) {
        QJsonArray shape;
        for (auto d : e.shape) {
            shape.append(qint64(d));
        }
        header.insert(QString::fromStdString(e.name),
                      QJsonObject{{"dtype", QString::fromStdString(dtypeName(e.dtype))},
                                  {"shape", shape},
                                  {"data_offsets", QJsonArray{qint64(offset), qint64(offset + e.bytes.size())}}});
        offset += e.bytes.size();
    }
    if (!m_metadata.empty()) {
        QJsonObject meta;
        for (const auto& [k, v] : m_metadata) {
            meta.insert(QString::fromStdString(k), QString::fromStdString(v));
        }
        header.insert("__metadata__", meta);
    }
    QByteArray json = QJsonDocument(header).toJson(QJsonDocument::Compact);
    while (json.size() % 8 != 0) { // the format recommends aligning the data section
        json.append(' ');
    }
    std::vector<std::uint8_t> out(8 + std::size_t(json.size()) + offset);
    const std::uint64_t len = std::uint64_t(json.size());
    for (int i = 0; i < 8; ++i) {
        out[std::size_t(i)] = std::uint8_t(len >> (8 * i));
    }
    std::memcpy(out.data() + 8, json.constData(), std::size_t(json.size()));
    std::size_t at = 8 + std::size_t(json.size());
    for (const auto& e : m_entries) {
        std::memcpy(out.data() + at, e.bytes.data(), e.bytes.size());
        at += e.bytes.size();
    }
    return out;
}

void SafeTensorsWriter::write(const std::string& path) const
{
    const auto bytes = serialise();
    QSaveFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(reinterpret_cast<const char*>(bytes.data()), qint64(bytes.size())) != qint64(bytes.size()) ||
        !file.commit()) {
        throw SafeTensorsError(path + ": cannot write: " + file.errorString().toStdString());
    }
}

} // namespace attn
