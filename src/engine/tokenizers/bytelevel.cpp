#include "engine/tokenizers/bytelevel.h"

#include <array>

namespace attn::tok {

namespace {

const std::array<char16_t, 256>& byteLevelTable()
{
    static const std::array<char16_t, 256> table = [] {
        std::array<char16_t, 256> t{};
        int extra = 0;
        for (int b = 0; b < 256; ++b) {
            const bool printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
            t[std::size_t(b)] = printable ? char16_t(b) : char16_t(256 + extra++);
        }
        return t;
    }();
    return table;
}

} // namespace

QString toByteLevel(const QString& text)
{
    const auto& table = byteLevelTable();
    const QByteArray utf8 = text.toUtf8();
    QString out(utf8.size(), Qt::Uninitialized);
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        out[i] = QChar(table[std::uint8_t(utf8[i])]);
    }
    return out;
}

QByteArray fromByteLevel(const QString& tokens)
{
    static const std::array<int, 512> back = [] {
        std::array<int, 512> b{};
        b.fill(-1);
        for (int i = 0; i < 256; ++i) {
            b[std::size_t(byteLevelTable()[std::size_t(i)])] = i;
        }
        return b;
    }();
    QByteArray out;
    out.reserve(tokens.size());
    for (const QChar c : tokens) {
        const int b = c.unicode() < 512 ? back[c.unicode()] : -1;
        out.append(b >= 0 ? char(b) : '?');
    }
    return out;
}

} // namespace attn::tok
