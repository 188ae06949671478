#pragma once

#include "engine/tokenizers/tokenmodel.h"

#include <QByteArray>
#include <QHash>
#include <memory>

namespace attn::tok {

// WordPiece (BERT): greedy longest-match-first over a word's characters, continuation pieces with a prefix ("##");
// a word that cannot be covered, or is longer than maxInputCharsPerWord characters, becomes the unknown token.
class WordPieceModel : public TokenModel
{
public:
    // Throws TokenizerError naming source when the unknown token is not in the vocabulary.
    WordPieceModel(QHash<QString, int> vocab, const QString& unkToken, const QString& prefix, int maxInputCharsPerWord,
                   const QString& source);

    // vocab.txt: one token a line, the line number (from 0) its id. Throws TokenizerError naming fileName.
    static QHash<QString, int> readVocabTxt(const QByteArray& bytes, const QString& fileName);

    void tokenize(const QString& piece, std::vector<int>& ids) const override;
    int vocabSize() const override { return m_vocabSize; }
    QString idToToken(int id) const override { return m_tokens.value(id); }
    int tokenToId(const QString& token) const override { return m_vocab.value(token, -1); }
    QString kind() const override { return QStringLiteral("WordPiece"); }

private:
    QHash<QString, int> m_vocab;
    QHash<int, QString> m_tokens;
    int m_vocabSize = 0;
    int m_unk = -1;
    QString m_prefix;
    int m_maxChars = 100;
};

} // namespace attn::tok
