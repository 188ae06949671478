#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <vector>

namespace attn {

// One member of a zip archive (an .npz), as its central directory describes it.
struct ZipEntry
{
    QString name;
    int method = 0;                   // 0 stored, 8 deflated
    std::uint64_t compressedSize = 0;
    std::uint64_t uncompressedSize = 0;
    std::uint64_t dataOffset = 0;     // where the member's (compressed) bytes start in the archive
    std::uint32_t crc = 0;
};

// Reads the central directory (zip64 included: numpy writes every .npz member with zip64 headers). Throws
// std::runtime_error "<source>: <problem>" for anything that is not a readable zip: no end record, a directory
// or member outside the file, encryption, a compression method other than stored or deflate.
std::vector<ZipEntry> readZipDirectory(const unsigned char* data, std::uint64_t size, const QString& source);

// A deflated member inflated (stored members are read in place). Refuses members larger than maxBytes and
// checks the size and CRC-32 against the directory.
QByteArray inflateZipEntry(const unsigned char* data, std::uint64_t size, const ZipEntry& entry, const QString& source,
                           std::uint64_t maxBytes);

} // namespace attn
