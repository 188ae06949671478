#include "engine/tokenizers/wordpiece.h"

#include "engine/tokenizers/unicodechars.h"

namespace attn::tok {

WordPieceModel::WordPieceModel(QHash<QString, int> vocab, const QString& unkToken, const QString& prefix,
                               int maxInputCharsPerWord, const QString& source)
    : m_vocab(std::move(vocab)), m_prefix(prefix), m_maxChars(maxInputCharsPerWord)
{
    for (auto it = m_vocab.cbegin(); it != m_vocab.cend(); ++it) {
        if (!m_tokens.contains(it.value()) || it.key() < m_tokens.value(it.value())) {
            m_tokens.insert(it.value(), it.key());
        }
        m_vocabSize = std::max(m_vocabSize, it.value() + 1);
    }
    m_unk = m_vocab.value(unkToken, -1);
    if (m_unk < 0) {
        throw TokenizerError(
            QStringLiteral("%1: the unknown token '%2' is not in the vocabulary").arg(source, unkToken).toStdString());
    }
}

QHash<QString, int> WordPieceModel::readVocabTxt(const QByteArray& bytes, const QString& fileName)
{
    QString text;
    QString error;
    if (!decodeUtf8(bytes, text, error)) {
        throw TokenizerError(
            QStringLiteral("%1: %2").arg(fileName, error.mid(error.indexOf(QLatin1String("not valid")))).toStdString());
    }
    QStringList lines = text.split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.back().isEmpty()) {
        lines.removeLast(); // the newline that ends the last line
    }
    if (lines.isEmpty()) {
        throw TokenizerError(QStringLiteral("%1: no tokens (the file is empty)").arg(fileName).toStdString());
    }
    QHash<QString, int> vocab;
    vocab.reserve(lines.size());
    for (int i = 0; i < lines.size(); ++i) {
        QString token = lines[i];
        if (token.endsWith(QLatin1Char('\r'))) {
            token.chop(1);
        }
        vocab.insert(token, i); // a repeated line keeps its last id, as transformers' load_vocab does
    }
    return vocab;
}

void WordPieceModel::tokenize(const QString& piece, std::vector<int>& ids) const
{
    const std::u32string chars = toCodePoints(piece);
    if (chars.empty()) {
        return;
    }
    if (chars.size() > std::size_t(m_maxChars)) {
        ids.push_back(m_unk);
        return;
    }
    std::vector<int> pieces;
    std::size_t start = 0;
    while (start < chars.size()) {
        int found = -1;
        std::size_t end = chars.size();
        for (; end > start; --end) {
            QString candidate = fromCodePoints(chars.data() + start, chars.data() + end);
            if (start > 0) {
                candidate.prepend(m_prefix);
            }
            found = m_vocab.value(candidate, -1);
            if (found >= 0) {
                break;
            }
        }
        if (found < 0) {
            ids.push_back(m_unk);
            return;
        }
        pieces.push_back(found);
        start = end;
    }
    ids.insert(ids.end(), pieces.begin(), pieces.end());
}

} // namespace attn::tok
