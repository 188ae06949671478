#include "core/zipreader.h"

#include <zlib.h>

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace attn {

namespace {

[[noreturn]] void fail(const QString& source, const QString& problem)
{
    throw std::runtime_error(QStringLiteral("%1: %2").arg(source, problem).toStdString());
}

std::uint64_t le(const unsigned char* p, int bytes)
{
    std::uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = (v << 8) | p[i];
    return v;
}

constexpr std::uint32_t kEnd = 0x06054b50;
constexpr std::uint32_t kEnd64 = 0x06064b50;
constexpr std::uint32_t kLocator64 = 0x07064b50;
constexpr std::uint32_t kCentral = 0x02014b50;
constexpr std::uint32_t kLocal = 0x04034b50;

} // namespace

std::vector<ZipEntry> readZipDirectory(const unsigned char* data, std::uint64_t size, const QString& source)
{
    const QString notZip = QStringLiteral("not a readable .npz (zip) archive: ");
    if (size < 22)
        fail(source, notZip + QStringLiteral("too short"));
    // The end record is the last 22 bytes plus a comment of up to 65535 bytes.
    std::uint64_t end = std::numeric_limits<std::uint64_t>::max();
    const std::uint64_t lowest = size > 22 + 65535 ? size - 22 - 65535 : 0;
    for (std::uint64_t p = size - 22 + 1; p-- > lowest;) {
        if (le(data + p, 4) == kEnd) {
            end = p;
            break;
        }
    }
    if (end == std::numeric_limits<std::uint64_t>::max())
        fail(source, notZip + QStringLiteral("no end-of-directory record (truncated?)"));
    std::uint64_t count = le(data + end + 10, 2);
    std::uint64_t dirSize = le(data + end + 12, 4);
    std::uint64_t dirOffset = le(data + end + 16, 4);
    if (count == 0xffff || dirSize == 0xffffffff || dirOffset == 0xffffffff) {
        if (end < 20 || le(data + end - 20, 4) != kLocator64)
            fail(source, notZip + QStringLiteral("the zip64 locator is missing"));
        const std::uint64_t rec = le(data + end - 20 + 8, 8);
        if (rec > size || size - rec < 56 || le(data + rec, 4) != kEnd64)
            fail(source, notZip + QStringLiteral("the zip64 end record is outside the file"));
        count = le(data + rec + 32, 8);
        dirSize = le(data + rec + 40, 8);
        dirOffset = le(data + rec + 48, 8);
    }
    if (dirOffset > size || dirSize > size - dirOffset)
        fail(source, notZip + QStringLiteral("the directory lies outside the file (truncated?)"));
    if (count > dirSize / 46)
        fail(source, notZip + QStringLiteral("the directory is shorter than its entry count"));

    std::vector<ZipEntry> entries;
    std::uint64_t p = dirOffset;
    const std::uint64_t dirEnd = dirOffset + dirSize;
    for (std::uint64_t i = 0; i < count; ++i) {
        if (dirEnd - p < 46 || le(data + p, 4) != kCentral)
            fail(source, notZip + QStringLiteral("a damaged directory entry"));
        const unsigned char* h = data + p;
        const std::uint64_t flags = le(h + 8, 2);
        const std::uint64_t nameLength = le(h + 28, 2);
        const std::uint64_t extraLength = le(h + 30, 2);
        const std::uint64_t commentLength = le(h + 32, 2);
        if (dirEnd - p - 46 < nameLength + extraLength + commentLength)
            fail(source, notZip + QStringLiteral("a directory entry runs past the directory"));
        ZipEntry e;
        e.method = int(le(h + 10, 2));
        e.crc = std::uint32_t(le(h + 16, 4));
        e.compressedSize = le(h + 20, 4);
        e.uncompressedSize = le(h + 24, 4);
        std::uint64_t localOffset = le(h + 42, 4);
        e.name = QString::fromUtf8(reinterpret_cast<const char*>(h + 46), qsizetype(nameLength));
        // The zip64 extra field holds, in this order, only the sizes and offset that overflowed.
        const unsigned char* x = h + 46 + nameLength;
        const unsigned char* xEnd = x + extraLength;
        while (xEnd - x >= 4) {
            const std::uint64_t id = le(x, 2);
            const std::uint64_t len = le(x + 2, 2);
            if (std::uint64_t(xEnd - x - 4) < len)
                break;
            if (id == 0x0001) {
                const unsigned char* f = x + 4;
                const unsigned char* fEnd = f + len;
                for (std::uint64_t* field : {&e.uncompressedSize, &e.compressedSize, &localOffset}) {
                    if (*field == 0xffffffff && fEnd - f >= 8) {
                        *field = le(f, 8);
                        f += 8;
                    }
                }
            }
            x += 4 + len;
        }
        if (flags & 1)
            fail(source, QStringLiteral("member '%1' is encrypted").arg(e.name));
        if (e.method != 0 && e.method != 8)
            fail(source, QStringLiteral("member '%1' uses compression method %2 (only stored and deflate are read)")
                             .arg(e.name)
                             .arg(e.method));
        if (localOffset > size || size - localOffset < 30 || le(data + localOffset, 4) != kLocal)
            fail(source, QStringLiteral("member '%1': its local header is outside the file (truncated?)").arg(e.name));
        e.dataOffset = localOffset + 30 + le(data + localOffset + 26, 2) + le(data + localOffset + 28, 2);
        if (e.dataOffset > size || e.compressedSize > size - e.dataOffset)
            fail(source, QStringLiteral("member '%1' runs past the end of the file (truncated?)").arg(e.name));
        if (e.method == 0 && e.compressedSize != e.uncompressedSize)
            fail(source, QStringLiteral("member '%1' is stored but its two sizes differ").arg(e.name));
        entries.push_back(e);
        p += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
}

QByteArray inflateZipEntry(const unsigned char* data, std::uint64_t size, const ZipEntry& entry, const QString& source,
                           std::uint64_t maxBytes)
{
    if (entry.dataOffset > size || entry.compressedSize > size - entry.dataOffset)
        fail(source, QStringLiteral("member '%1' runs past the end of the file").arg(entry.name));
    if (entry.uncompressedSize > maxBytes)
        fail(source, QStringLiteral("member '%1' inflates to %2 MB, more than %3 MB: save it with np.savez (not "
                                    "savez_compressed) so that it is read in place")
                         .arg(entry.name)
                         .arg(double(entry.uncompressedSize) / 1e6, 0, 'f', 0)
                         .arg(double(maxBytes) / 1e6, 0, 'f', 0));
    QByteArray out;
    out.resize(qsizetype(entry.uncompressedSize));
    z_stream z{};
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK)
        fail(source, QStringLiteral("cannot start zlib"));
    const unsigned char* in = data + entry.dataOffset;
    std::uint64_t inLeft = entry.compressedSize;
    std::uint64_t outDone = 0;
    int rc = Z_OK;
    // zlib counts in 32-bit units: feed members above 4 GB in slices.
    while (rc == Z_OK) {
        const uInt inChunk = uInt(std::min<std::uint64_t>(inLeft, 1u << 30));
        const uInt outChunk = uInt(std::min<std::uint64_t>(entry.uncompressedSize - outDone, 1u << 30));
        z.next_in = const_cast<Bytef*>(in);
        z.avail_in = inChunk;
        z.next_out = reinterpret_cast<Bytef*>(out.data()) + outDone;
        z.avail_out = outChunk;
        rc = inflate(&z, Z_NO_FLUSH);
        const uInt usedIn = inChunk - z.avail_in;
        const uInt madeOut = outChunk - z.avail_out;
        in += usedIn;
        inLeft -= usedIn;
        outDone += madeOut;
        if (rc == Z_OK && usedIn == 0 && madeOut == 0)
            rc = Z_BUF_ERROR; // no progress: input ended early or output is full
    }
    inflateEnd(&z);
    if (rc != Z_STREAM_END || outDone != entry.uncompressedSize)
        fail(source, QStringLiteral("member '%1' does not inflate to its %2 bytes (damaged or truncated)")
                         .arg(entry.name)
                         .arg(entry.uncompressedSize));
    std::uint64_t crc = crc32(0L, Z_NULL, 0);
    for (std::uint64_t done = 0; done < outDone;) {
        const uInt chunk = uInt(std::min<std::uint64_t>(outDone - done, 1u << 30));
        crc = crc32(uLong(crc), reinterpret_cast<const Bytef*>(out.constData()) + done, chunk);
        done += chunk;
    }
    if (std::uint32_t(crc) != entry.crc)
        fail(source, QStringLiteral("member '%1' fails its CRC check (damaged)").arg(entry.name));
    return out;
}

} // namespace attn
