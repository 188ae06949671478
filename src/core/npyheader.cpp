#include "core/npyheader.h"

#include <QStringList>

#include <cctype>
#include <limits>
#include <stdexcept>

namespace attn {

namespace {

[[noreturn]] void fail(const QString& source, const QString& problem)
{
    throw std::runtime_error(QStringLiteral("%1: %2").arg(source, problem).toStdString());
}

// A reader for the Python literal numpy writes: {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }
class DictReader
{
public:
    DictReader(const std::string& text, const QString& source)
        : m_text(text)
        , m_source(source)
    {
    }

    void skipSpace()
    {
        while (m_pos < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[m_pos])))
            ++m_pos;
    }
    bool accept(char c)
    {
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == c) {
            ++m_pos;
            return true;
        }
        return false;
    }
    void expect(char c)
    {
        if (!accept(c))
            bad();
    }
    std::string string()
    {
        skipSpace();
        if (m_pos >= m_text.size() || (m_text[m_pos] != '\'' && m_text[m_pos] != '"'))
            bad();
        const char quote = m_text[m_pos++];
        const std::size_t end = m_text.find(quote, m_pos);
        if (end == std::string::npos)
            bad();
        std::string s = m_text.substr(m_pos, end - m_pos);
        m_pos = end + 1;
        return s;
    }
    std::string word()
    {
        skipSpace();
        const std::size_t start = m_pos;
        while (m_pos < m_text.size() && std::isalnum(static_cast<unsigned char>(m_text[m_pos])))
            ++m_pos;
        if (start == m_pos)
            bad();
        return m_text.substr(start, m_pos - start);
    }
    std::vector<std::int64_t> tuple()
    {
        expect('(');
        std::vector<std::int64_t> dims;
        while (!accept(')')) {
            const std::string digits = word();
            std::int64_t v = 0;
            for (char c : digits) {
                if (!std::isdigit(static_cast<unsigned char>(c)))
                    bad();
                if (v > (std::numeric_limits<std::int32_t>::max() - (c - '0')) / 10)
                    fail(m_source, QStringLiteral("a dimension of the shape is too large"));
                v = v * 10 + (c - '0');
            }
            dims.push_back(v);
            if (!accept(',')) {
                expect(')');
                break;
            }
        }
        return dims;
    }
    [[noreturn]] void bad() const
    {
        fail(m_source, QStringLiteral("the .npy header is not a dictionary numpy writes"));
    }

private:
    const std::string& m_text;
    QString m_source;
    std::size_t m_pos = 0;
};

} // namespace

const char* elementTypeName(ElementType type)
{
    switch (type) {
    case ElementType::F16: return "float16";
    case ElementType::BF16: return "bfloat16";
    case ElementType::F32: return "float32";
    case ElementType::UnicodeText: return "str";
    case ElementType::ByteText: return "bytes";
    }
    return "?";
}

std::uint64_t NpyHeader::count() const
{
    std::uint64_t n = 1;
    for (auto d : shape)
        n *= std::uint64_t(d); // each dimension < 2^31 and the data checked against the file size: no overflow
    return n;                  // before that check, parseNpyHeader bounds the product itself
}

QString shapeText(const std::vector<std::int64_t>& shape)
{
    QStringList parts;
    for (auto d : shape)
        parts << QString::number(d);
    return parts.isEmpty() ? QStringLiteral("a single value") : parts.join(QStringLiteral(" x "));
}

NpyHeader parseNpyHeader(const unsigned char* bytes, std::size_t size, std::uint64_t totalSize, const QString& source,
                         bool allowText)
{
    static const unsigned char kMagic[] = {0x93, 'N', 'U', 'M', 'P', 'Y'};
    if (size < 6 || std::equal(kMagic, kMagic + 6, bytes) == false)
        fail(source, QStringLiteral("not a NumPy .npy file (no \\x93NUMPY magic)"));
    if (size < 10)
        fail(source, QStringLiteral("truncated: the file ends inside the .npy header"));
    const int major = bytes[6];
    std::size_t headerLength = 0;
    std::size_t headerStart = 0;
    if (major == 1) {
        headerLength = std::size_t(bytes[8]) | std::size_t(bytes[9]) << 8;
        headerStart = 10;
    } else if (major == 2 || major == 3) {
        if (size < 12)
            fail(source, QStringLiteral("truncated: the file ends inside the .npy header"));
        headerLength = std::size_t(bytes[8]) | std::size_t(bytes[9]) << 8 | std::size_t(bytes[10]) << 16 |
                       std::size_t(bytes[11]) << 24;
        headerStart = 12;
    } else {
        fail(source, QStringLiteral(".npy format version %1 is not supported (1, 2, 3)").arg(major));
    }
    if (headerLength > size - headerStart)
        fail(source, QStringLiteral("truncated: the file ends inside the .npy header"));
    const std::string text(reinterpret_cast<const char*>(bytes) + headerStart, headerLength);

    DictReader reader(text, source);
    std::string descr;
    bool haveDescr = false, haveOrder = false, haveShape = false;
    bool fortran = false;
    NpyHeader header;
    reader.expect('{');
    while (!reader.accept('}')) {
        const std::string key = reader.string();
        reader.expect(':');
        if (key == "descr") {
            if (reader.accept('['))
                fail(source, QStringLiteral("a structured dtype is not attention: save a float16 or float32 array"));
            descr = reader.string();
            haveDescr = true;
        } else if (key == "fortran_order") {
            const std::string w = reader.word();
            if (w != "True" && w != "False")
                reader.bad();
            fortran = w == "True";
            haveOrder = true;
        } else if (key == "shape") {
            header.shape = reader.tuple();
            haveShape = true;
        } else {
            reader.bad();
        }
        if (!reader.accept(',')) {
            reader.expect('}');
            break;
        }
    }
    if (!haveDescr || !haveOrder || !haveShape)
        fail(source, QStringLiteral("the .npy header lacks descr, fortran_order or shape"));

    const char order = descr.empty() ? '?' : descr[0];
    const std::string kind = descr.size() > 1 ? descr.substr(1) : std::string();
    if (order == '>')
        fail(source, QStringLiteral("dtype '%1' is big-endian: save little-endian data (arr.astype('<f4'))")
                         .arg(QString::fromStdString(descr)));
    if (descr == "<f2" || descr == "=f2") {
        header.type = ElementType::F16;
        header.itemSize = 2;
    } else if (descr == "<f4" || descr == "=f4") {
        header.type = ElementType::F32;
        header.itemSize = 4;
    } else if (allowText && (order == '<' || order == '|' || order == '=') && kind.size() > 1 &&
               (kind[0] == 'U' || kind[0] == 'S') &&
               kind.find_first_not_of("0123456789", 1) == std::string::npos && kind.size() < 8) {
        const std::size_t n = std::stoul(kind.substr(1));
        header.type = kind[0] == 'U' ? ElementType::UnicodeText : ElementType::ByteText;
        header.itemSize = kind[0] == 'U' ? 4 * n : n;
        if (n == 0)
            fail(source, QStringLiteral("dtype '%1' holds empty strings").arg(QString::fromStdString(descr)));
    } else if (descr == "|O") {
        fail(source, QStringLiteral("an object array is pickled Python data, which is not read: save tokens with "
                                    "np.array(tokens, dtype=str)"));
    } else {
        fail(source, QStringLiteral("dtype '%1' is not supported: save float16 or float32 (arr.astype(np.float32))")
                         .arg(QString::fromStdString(descr)));
    }
    if (fortran)
        fail(source, QStringLiteral("the array is in Fortran order: save a C-order array (np.ascontiguousarray)"));

    header.dataOffset = headerStart + headerLength;
    // Multiplied with an overflow check, so that no product wraps; a size beyond 2^64 bytes is simply "more".
    const std::uint64_t available = totalSize > header.dataOffset ? totalSize - header.dataOffset : 0;
    const std::uint64_t kTooMany = std::numeric_limits<std::uint64_t>::max();
    std::uint64_t needed = header.itemSize;
    for (auto d : header.shape) {
        if (d == 0) {
            needed = 0;
            break;
        }
        needed = needed > kTooMany / std::uint64_t(d) ? kTooMany : needed * std::uint64_t(d);
    }
    if (needed > available)
        fail(source, QStringLiteral("truncated: shape %1 of %2 needs %3 bytes of data but the file holds %4")
                         .arg(shapeText(header.shape), QString::fromLatin1(elementTypeName(header.type)))
                         .arg(needed == kTooMany ? QStringLiteral("more") : QString::number(needed))
                         .arg(available));
    return header;
}

} // namespace attn
