#pragma once

#include <QByteArray>
#include <QString>
#include <string>

namespace attn::tok {

// Tokenizers work on code points: Hugging Face's rules (Rust char, Python str) are stated per character, and a
// character outside the BMP is one unit there but two QChars here.
std::u32string toCodePoints(const QString& text);
QString fromCodePoints(const std::u32string& text);
QString fromCodePoints(const char32_t* begin, const char32_t* end);

// Strict UTF-8 (no overlongs, surrogates or code points above U+10FFFF). On failure returns false and sets
// error to one line naming the first bad byte and its offset.
bool decodeUtf8(const QByteArray& bytes, QString& text, QString& error);
// A QString can hold a lone surrogate (it cannot be written as UTF-8): the first one's index, or -1.
qsizetype findLoneSurrogate(const QString& text);

// The Unicode White_Space property (Rust's char::is_whitespace; what \s matches in Hugging Face's patterns).
bool isWhitespace(char32_t c);
// \p{L} and \p{N}.
bool isLetter(char32_t c);
bool isNumber(char32_t c);
// Categories Cc, Cf, Cs, Co, Cn (Rust's is_other), except tab, newline and carriage return: BERT's "control".
bool isControl(char32_t c);
// BERT's punctuation: ASCII punctuation and symbols, or any Unicode P* category.
bool isBertPunctuation(char32_t c);
// Unicode P* only (the Punctuation pre-tokenizer).
bool isUnicodePunctuation(char32_t c);
// The CJK Unified Ideographs blocks BERT puts spaces around (tokenization.py's _is_chinese_char).
bool isCjkIdeograph(char32_t c);
// Category Mn (what StripAccents removes after NFD).
bool isNonSpacingMark(char32_t c);
// \w as Oniguruma reads it: letters, marks, numbers and connector punctuation.
bool isWordChar(char32_t c);

} // namespace attn::tok
