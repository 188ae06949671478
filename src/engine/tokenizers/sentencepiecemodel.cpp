#include "engine/tokenizers/sentencepiecemodel.h"

#include <sentencepiece_processor.h>

namespace attn::tok {

SentencePieceModel::SentencePieceModel(const QByteArray& serialized, const QString& fileName)
    : m_processor(std::make_unique<sentencepiece::SentencePieceProcessor>())
{
    if (serialized.isEmpty()) {
        throw TokenizerError(QStringLiteral("%1: the file is empty").arg(fileName).toStdString());
    }
    const auto status =
        m_processor->LoadFromSerializedProto(absl::string_view(serialized.constData(), std::size_t(serialized.size())));
    if (!status.ok()) {
        throw TokenizerError(QStringLiteral("%1: not a SentencePiece model, or truncated (%2)")
                                 .arg(fileName, QString::fromStdString(status.ToString()))
                                 .toStdString());
    }
    if (m_processor->GetPieceSize() <= 0) {
        throw TokenizerError(QStringLiteral("%1: a SentencePiece model without pieces").arg(fileName).toStdString());
    }
}

SentencePieceModel::~SentencePieceModel() = default;

void SentencePieceModel::tokenize(const QString& piece, std::vector<int>& ids) const
{
    const QByteArray utf8 = piece.toUtf8();
    std::vector<int> out;
    const auto status = m_processor->Encode(absl::string_view(utf8.constData(), std::size_t(utf8.size())), &out);
    if (!status.ok()) {
        throw TokenizerError(
            QStringLiteral("SentencePiece could not encode the text (%1)").arg(QString::fromStdString(status.ToString()))
                .toStdString());
    }
    ids.insert(ids.end(), out.begin(), out.end());
}

int SentencePieceModel::vocabSize() const
{
    return m_processor->GetPieceSize();
}

QString SentencePieceModel::idToToken(int id) const
{
    if (id < 0 || id >= m_processor->GetPieceSize()) {
        return {};
    }
    return QString::fromStdString(m_processor->IdToPiece(id));
}

int SentencePieceModel::tokenToId(const QString& token) const
{
    const QByteArray utf8 = token.toUtf8();
    const int id = m_processor->PieceToId(absl::string_view(utf8.constData(), std::size_t(utf8.size())));
    // PieceToId answers the unknown id for any piece it does not hold.
    return (m_processor->IsUnknown(id) && idToToken(id) != token) ? -1 : id;
}

int SentencePieceModel::bosId() const
{
    return m_processor->bos_id();
}

int SentencePieceModel::eosId() const
{
    return m_processor->eos_id();
}

int SentencePieceModel::unkId() const
{
    return m_processor->unk_id();
}

} // namespace attn::tok
