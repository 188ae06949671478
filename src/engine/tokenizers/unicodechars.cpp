#include "engine/tokenizers/unicodechars.h"

#include <QChar>

namespace attn::tok {

std::u32string toCodePoints(const QString& text)
{
    std::u32string out;
    out.reserve(std::size_t(text.size()));
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            out.push_back(QChar::surrogateToUcs4(c, text.at(i + 1)));
            ++i;
        } else {
            out.push_back(c.unicode());
        }
    }
    return out;
}

QString fromCodePoints(const char32_t* begin, const char32_t* end)
{
    QString out;
    out.reserve(end - begin);
    for (const char32_t* p = begin; p != end; ++p) {
        if (QChar::requiresSurrogates(*p)) {
            out.append(QChar(QChar::highSurrogate(*p)));
            out.append(QChar(QChar::lowSurrogate(*p)));
        } else {
            out.append(QChar(char16_t(*p)));
        }
    }
    return out;
}

QString fromCodePoints(const std::u32string& text)
{
    return fromCodePoints(text.data(), text.data() + text.size());
}

bool decodeUtf8(const QByteArray& bytes, QString& text, QString& error)
{
    const auto* s = reinterpret_cast<const unsigned char*>(bytes.constData());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    while (i < n) {
        const unsigned char b = s[i];
        int length = 0;
        char32_t cp = 0;
        char32_t minimum = 0;
        if (b < 0x80) {
            ++i;
            continue;
        } else if ((b & 0xE0) == 0xC0) {
            length = 2, cp = b & 0x1F, minimum = 0x80;
        } else if ((b & 0xF0) == 0xE0) {
            length = 3, cp = b & 0x0F, minimum = 0x800;
        } else if ((b & 0xF8) == 0xF0) {
            length = 4, cp = b & 0x07, minimum = 0x10000;
        }
        bool ok = length > 0 && i + length <= n;
        for (int k = 1; ok && k < length; ++k) {
            ok = (s[i + k] & 0xC0) == 0x80;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        ok = ok && cp >= minimum && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
        if (!ok) {
            error = QStringLiteral("the text is not valid UTF-8: byte 0x%1 at offset %2")
                        .arg(int(b), 2, 16, QLatin1Char('0'))
                        .arg(i);
            return false;
        }
        i += length;
    }
    text = QString::fromUtf8(bytes);
    return true;
}

qsizetype findLoneSurrogate(const QString& text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            ++i;
        } else if (c.isSurrogate()) {
            return i;
        }
    }
    return -1;
}

bool isWhitespace(char32_t c)
{
    if (c < 0x80) {
        return (c >= 0x09 && c <= 0x0D) || c == 0x20;
    }
    return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
           c == 0x202F || c == 0x205F || c == 0x3000;
}

bool isLetter(char32_t c)
{
    if (c < 0x80) {
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    }
    return QChar::isLetter(c);
}

bool isNumber(char32_t c)
{
    if (c < 0x80) {
        return c >= '0' && c <= '9';
    }
    return QChar::isNumber(c);
}

bool isControl(char32_t c)
{
    if (c == '\t' || c == '\n' || c == '\r') {
        return false;
    }
    switch (QChar::category(c)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
        return true;
    default:
        return false;
    }
}

bool isUnicodePunctuation(char32_t c)
{
    return QChar::isPunct(c);
}

bool isBertPunctuation(char32_t c)
{
    if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) {
        return true;
    }
    return QChar::isPunct(c);
}

bool isCjkIdeograph(char32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF) ||
           (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B820 && c <= 0x2CEAF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

bool isNonSpacingMark(char32_t c)
{
    return c >= 0x300 && QChar::category(c) == QChar::Mark_NonSpacing;
}

bool isWordChar(char32_t c)
{
    if (c < 0x80) {
        return isLetter(c) || isNumber(c) || c == '_';
    }
    return QChar::isLetterOrNumber(c) || QChar::isMark(c) || QChar::category(c) == QChar::Punctuation_Connector;
}

} // namespace attn::tok
