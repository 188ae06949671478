#pragma once

#include <QByteArray>
#include <QString>

namespace attn::tok {

// GPT-2's map from bytes to printable characters (bytes_to_unicode): what byte-level vocabularies are written in.
QString toByteLevel(const QString& text);
// The way back: the bytes a byte-level token (or a run of them) stands for; a character outside the alphabet
// becomes '?'. Decoding GPT-2-style ids to text is fromByteLevel of their tokens joined, read as UTF-8.
QByteArray fromByteLevel(const QString& tokens);

} // namespace attn::tok
