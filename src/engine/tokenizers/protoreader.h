#pragma once

#include "engine/tokenizers/tokenmodel.h"

#include <QByteArray>
#include <QString>

#include <cstring>
#include <utility>

namespace attn::tok {

// Reads the protobuf wire format (varints, fixed32, length-delimited fields) with bounds checks: a truncated or
// malformed file ends in one TokenizerError naming it, never in a read past the end.
class ProtoReader
{
public:
    ProtoReader(const char* data, qsizetype size, const QString& file) : m_p(data), m_end(data + size), m_file(file) {}

    bool atEnd() const { return m_p >= m_end; }

    quint64 varint()
    {
        quint64 value = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (m_p >= m_end) {
                fail(QStringLiteral("truncated"));
            }
            const auto byte = static_cast<unsigned char>(*m_p++);
            if (shift < 64) {
                value |= quint64(byte & 0x7f) << shift;
            }
            if (!(byte & 0x80)) {
                return value;
            }
        }
        fail(QStringLiteral("a number longer than 10 bytes"));
    }

    // The next field: its number and wire type.
    std::pair<quint64, int> tag()
    {
        const quint64 t = varint();
        return {t >> 3, int(t & 7)};
    }

    ProtoReader message()
    {
        const qsizetype n = length();
        ProtoReader inner(m_p, n, m_file);
        m_p += n;
        return inner;
    }

    QByteArray bytes()
    {
        const qsizetype n = length();
        QByteArray out(m_p, n);
        m_p += n;
        return out;
    }

    float fixed32()
    {
        if (m_end - m_p < 4) {
            fail(QStringLiteral("truncated"));
        }
        quint32 bits = 0;
        for (int i = 3; i >= 0; --i) {
            bits = (bits << 8) | static_cast<unsigned char>(m_p[i]);
        }
        m_p += 4;
        float value;
        std::memcpy(&value, &bits, sizeof value);
        return value;
    }

    // An int32 field: negative values are written as 10-byte varints of their 64-bit two's complement.
    int int32() { return int(qint32(quint32(varint()))); }

    void skip(int wireType)
    {
        switch (wireType) {
        case 0:
            varint();
            return;
        case 1:
            advance(8);
            return;
        case 2:
            advance(length());
            return;
        case 5:
            advance(4);
            return;
        default:
            fail(QStringLiteral("unknown protobuf wire type %1").arg(wireType));
        }
    }

    [[noreturn]] void fail(const QString& problem) const
    {
        throw TokenizerError(
            QStringLiteral("%1: not a SentencePiece model, or truncated (%2)").arg(m_file, problem).toStdString());
    }

private:
    qsizetype length()
    {
        const quint64 n = varint();
        if (n > quint64(m_end - m_p)) {
            fail(QStringLiteral("truncated"));
        }
        return qsizetype(n);
    }

    void advance(qsizetype n)
    {
        if (n > m_end - m_p) {
            fail(QStringLiteral("truncated"));
        }
        m_p += n;
    }

    const char* m_p;
    const char* m_end;
    QString m_file;
};

} // namespace attn::tok
