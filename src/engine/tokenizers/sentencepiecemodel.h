#pragma once

#include "engine/tokenizers/tokenmodel.h"

#include <QByteArray>

#include <memory>

namespace sentencepiece {
class SentencePieceProcessor;
}

namespace attn::tok {

// A SentencePiece model (tokenizer.model: Llama, Mistral, T5, ...) through libsentencepiece, which normalises and
// adds the leading "▁" itself: the tokenizer gives it whole segments of text, with no normaliser or pre-tokenizer.
class SentencePieceModel : public TokenModel
{
public:
    // Throws TokenizerError naming fileName when the bytes are not a SentencePiece model.
    SentencePieceModel(const QByteArray& serialized, const QString& fileName);
    ~SentencePieceModel() override;

    void tokenize(const QString& piece, std::vector<int>& ids) const override;
    int vocabSize() const override;
    QString idToToken(int id) const override;
    int tokenToId(const QString& token) const override;
    QString kind() const override { return QStringLiteral("SentencePiece"); }

    // The ids the model reserves for BOS, EOS and unknown pieces (-1 when it has none).
    int bosId() const;
    int eosId() const;
    int unkId() const;

private:
    std::unique_ptr<sentencepiece::SentencePieceProcessor> m_processor;
};

} // namespace attn::tok
