#pragma once

#include "engine/tokenizers/tokenmodel.h"

#include <QByteArray>
#include <QHash>
#include <vector>

namespace attn::tok {

// A SentencePiece model (tokenizer.model: Llama, Mistral, Gemma, T5, ...), read and applied here. The file is a
// protobuf ModelProto; only the fields encoding needs are read (pieces with score and type, the trainer's model
// type, byte fallback and special ids, the normaliser's whitespace rules). Written here rather than through
// libsentencepiece: that library carries its own copy of protobuf-lite, whose exported symbols collide with the
// libprotobuf that LibTorch loads, and a process holding both crashes while it starts.
//
// Normalisation: "identity" (Llama) is exact. The NFKC normalisers ("nmt_nfkc", "nfkc", "*_cf") use Qt's NFKC
// (and case folding) instead of the model's precompiled character map: the same for ordinary text, but rare
// characters the map treats specially may differ.
class SentencePieceModel : public TokenModel
{
public:
    // Throws TokenizerError naming fileName when the bytes are not a SentencePiece model (or are truncated).
    SentencePieceModel(const QByteArray& serialized, const QString& fileName);

    // The model normalises and adds the leading "▁" itself: give it whole segments of text.
    void tokenize(const QString& text, std::vector<int>& ids) const override;
    int vocabSize() const override { return int(m_pieces.size()); }
    QString idToToken(int id) const override;
    int tokenToId(const QString& token) const override;
    QString kind() const override;

    // The ids the model reserves for BOS, EOS and unknown pieces (-1 when it has none).
    int bosId() const { return m_bosId; }
    int eosId() const { return m_eosId; }
    int unkId() const { return m_unkId; }

    enum class PieceType
    {
        Normal = 1,
        Unknown = 2,
        Control = 3,
        UserDefined = 4,
        Unused = 5,
        Byte = 6
    };

private:
    struct Piece
    {
        QString text;
        float score = 0.0f;
        PieceType type = PieceType::Normal;
    };
    void parse(const QByteArray& bytes, const QString& fileName);
    QString normalise(const QString& text) const;
    // Splits normalised text into characters (code points), keeping user-defined symbols whole.
    std::vector<QString> characters(const QString& text) const;
    void encodeBpe(const std::vector<QString>& chars, std::vector<int>& ids) const;
    void encodeUnigram(const std::vector<QString>& chars, std::vector<int>& ids) const;
    // The id of a symbol the vocabulary lacks: its UTF-8 bytes (byte fallback) or the unknown id.
    void appendUnknown(const QString& symbol, std::vector<int>& ids) const;
    int usableId(const QString& piece) const; // -1 for pieces encoding must not produce

    std::vector<Piece> m_pieces;
    QHash<QString, int> m_ids;
    std::vector<QString> m_userDefined; // longest first
    int m_modelType = 1;                // 1 unigram, 2 BPE, 3 word, 4 char (the proto's ModelType)
    bool m_byteFallback = false;
    int m_unkId = 0;
    int m_bosId = 1;
    int m_eosId = 2;
    int m_byteIds[256];
    int m_maxPieceChars = 1;
    float m_minScore = 0.0f;
    QString m_normaliserName;
    bool m_addDummyPrefix = true;
    bool m_removeExtraWhitespaces = true;
    bool m_escapeWhitespaces = true;
};

} // namespace attn::tok
