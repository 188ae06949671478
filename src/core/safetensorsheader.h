#pragma once

#include <QMap>
#include <QString>

#include <cstdint>
#include <vector>

namespace attn {

// The header of a safetensors file, read without its data (core's own reader: src/engine's reads whole model
// files into memory and core may not include engine headers). Layout: 8-byte little-endian header length,
// JSON header {name: {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {string: string}}, data.
struct SafeTensorsEntry
{
    QString name;
    QString dtype; // "F16", "BF16", "F32", ... as written
    std::vector<std::int64_t> shape;
    std::uint64_t begin = 0; // from the start of the file
    std::uint64_t end = 0;
};

struct SafeTensorsHeader
{
    std::vector<SafeTensorsEntry> tensors; // in file order
    QMap<QString, QString> metadata;
};

// bytes: at least the first min(size, 8 + header length) bytes of a file of fileSize bytes. Throws
// std::runtime_error "<source>: <problem>" when the header is cut short, not JSON, or a tensor's offsets fall
// outside the file or disagree with its shape and dtype (for F16, BF16, F32, F64 and the integer types).
SafeTensorsHeader parseSafeTensorsHeader(const unsigned char* bytes, std::uint64_t fileSize, const QString& source);

} // namespace attn
