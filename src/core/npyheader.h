#pragma once

#include <QString>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace attn {

// The element types attention files may hold. Text is numpy's fixed-width strings ('<U' UTF-32 or '|S' bytes),
// used only for the token arrays of an .npz.
enum class ElementType
{
    F16,
    BF16,
    F32,
    UnicodeText, // '<Un': n UTF-32LE code units per element
    ByteText     // '|Sn': n bytes (UTF-8) per element
};

const char* elementTypeName(ElementType type); // "float16", "bfloat16", "float32", "str", "bytes"

// The header of a NumPy .npy array (format versions 1, 2 and 3).
struct NpyHeader
{
    ElementType type = ElementType::F32;
    std::size_t itemSize = 4;
    std::vector<std::int64_t> shape;
    std::size_t dataOffset = 0; // where the data starts, from the start of the .npy bytes

    std::uint64_t count() const; // number of elements (1 for shape ())
    std::uint64_t dataBytes() const { return count() * itemSize; }
};

// Parses the header at the start of bytes (size bytes available, of an array whose whole size is totalSize;
// totalSize is size for a file read at once). Throws std::runtime_error "<source>: <problem>" for: not an .npy
// (magic), a header cut short, an unreadable header dictionary, a dtype other than float16/float32 (and, when
// allowText, '<U'/'|S' strings; an object array is named as pickled), big-endian data, Fortran order, and data
// shorter than the shape needs ("truncated"). Only the header is read.
NpyHeader parseNpyHeader(const unsigned char* bytes, std::size_t size, std::uint64_t totalSize, const QString& source,
                         bool allowText = false);

// "24 x 16 x 4096 x 4096"
QString shapeText(const std::vector<std::int64_t>& shape);

} // namespace attn
