#include "engine/tokenizers/tokenizer.h"

#include "engine/tokenizers/bytelevel.h"
#include "engine/tokenizers/unicodechars.h"

namespace attn::tok {

Tokenizer::Tokenizer() = default;
Tokenizer::Tokenizer(Tokenizer&&) noexcept = default;
Tokenizer& Tokenizer::operator=(Tokenizer&&) noexcept = default;
Tokenizer::~Tokenizer() = default;

void Tokenizer::setModel(std::unique_ptr<TokenModel> model)
{
    m_model = std::move(model);
}

Encoding Tokenizer::encodeSequence(const QString& text) const
{
    if (!m_model) {
        throw TokenizerError("the tokenizer has no model");
    }
    const qsizetype surrogate = findLoneSurrogate(text);
    if (surrogate >= 0) {
        throw TokenizerError(QStringLiteral("the text is not valid Unicode: a lone surrogate at character %1")
                                 .arg(surrogate)
                                 .toStdString());
    }
    Encoding e;
    auto addAdded = [&](int index) {
        const AddedToken& t = m_added.tokens()[std::size_t(index)];
        e.ids.push_back(t.id);
        e.tokens.push_back(t.content);
        e.special.push_back(t.special);
    };
    std::vector<int> ids;
    bool first = true;
    for (const auto& raw : m_added.split(text, false)) {
        if (raw.token >= 0) {
            addAdded(raw.token);
            first = false;
            continue;
        }
        for (const auto& segment : m_added.split(m_normalizer.apply(raw.text), true)) {
            if (segment.token >= 0) {
                addAdded(segment.token);
                first = false;
                continue;
            }
            for (const QString& piece : m_preTokenizer.apply(segment.text, first)) {
                ids.clear();
                m_model->tokenize(piece, ids);
                for (const int id : ids) {
                    e.ids.push_back(id);
                    e.tokens.push_back(m_model->idToToken(id));
                    e.special.push_back(false);
                }
            }
            first = false;
        }
    }
    e.typeIds.assign(e.ids.size(), 0);
    return e;
}

Encoding Tokenizer::postProcess(const Encoding& a, const Encoding* b, bool addSpecialTokens) const
{
    const auto& items = b ? m_postProcessor.pair() : m_postProcessor.single();
    if (!addSpecialTokens || items.empty()) {
        Encoding out = a;
        if (b) {
            out.ids.insert(out.ids.end(), b->ids.begin(), b->ids.end());
            out.tokens.insert(out.tokens.end(), b->tokens.begin(), b->tokens.end());
            out.special.insert(out.special.end(), b->special.begin(), b->special.end());
            out.typeIds.insert(out.typeIds.end(), b->ids.size(), 1);
        }
        return out;
    }
    Encoding out;
    for (const auto& item : items) {
        if (item.sequence >= 0) {
            const Encoding& s = item.sequence == 0 || !b ? a : *b;
            out.ids.insert(out.ids.end(), s.ids.begin(), s.ids.end());
            out.tokens.insert(out.tokens.end(), s.tokens.begin(), s.tokens.end());
            out.special.insert(out.special.end(), s.special.begin(), s.special.end());
            out.typeIds.insert(out.typeIds.end(), s.ids.size(), item.typeId);
        } else {
            out.ids.insert(out.ids.end(), item.ids.begin(), item.ids.end());
            out.tokens.insert(out.tokens.end(), item.tokens.begin(), item.tokens.end());
            out.special.insert(out.special.end(), item.ids.size(), true);
            out.typeIds.insert(out.typeIds.end(), item.ids.size(), item.typeId);
        }
    }
    return out;
}

Encoding Tokenizer::encode(const QString& text, bool addSpecialTokens) const
{
    return postProcess(encodeSequence(text), nullptr, addSpecialTokens);
}

Encoding Tokenizer::encodePair(const QString& first, const QString& second, bool addSpecialTokens) const
{
    const Encoding a = encodeSequence(first);
    const Encoding b = encodeSequence(second);
    return postProcess(a, &b, addSpecialTokens);
}

Encoding Tokenizer::encodeUtf8(const QByteArray& utf8, bool addSpecialTokens) const
{
    QString text;
    QString error;
    if (!decodeUtf8(utf8, text, error)) {
        throw TokenizerError(error.toStdString());
    }
    return encode(text, addSpecialTokens);
}

QString Tokenizer::decode(const std::vector<int>& ids, bool skipSpecialTokens) const
{
    const bool byteLevel = m_preTokenizer.hasByteLevel();
    const bool wordPiece = m_model && m_model->kind() == QLatin1String("WordPiece");
    QByteArray bytes;
    QStringList words; // WordPiece
    for (const int id : ids) {
        const AddedToken* added = m_added.findId(id);
        if (added && added->special && skipSpecialTokens) {
            continue;
        }
        const QString token = idToToken(id);
        if (token.isEmpty()) {
            continue;
        }
        if (wordPiece) {
            if (token.startsWith(QLatin1String("##")) && !words.isEmpty() && !added) {
                words.back() += token.mid(2);
            } else {
                words << token;
            }
        } else if (byteLevel && !added) {
            bytes += fromByteLevel(token);
        } else if (token.size() == 6 && token.startsWith(QLatin1String("<0x")) && token.endsWith(QLatin1Char('>'))) {
            bool ok = false;
            const int b = token.mid(3, 2).toInt(&ok, 16);
            bytes += ok && b >= 0 && b < 256 ? QByteArray(1, char(b)) : token.toUtf8();
        } else {
            bytes += QString(token).replace(QChar(0x2581), QLatin1Char(' ')).toUtf8();
        }
    }
    if (wordPiece) {
        QString text = words.join(QLatin1Char(' '));
        // transformers' clean_up_tokenization.
        for (const char* from : {" .", " ?", " !", " ,", " n't", " 'm", " 's", " 've", " 're"}) {
            text.replace(QLatin1String(from), QLatin1String(from + 1));
        }
        return text.replace(QLatin1String(" ' "), QLatin1String("'"));
    }
    QString text = QString::fromUtf8(bytes);
    if (!byteLevel && text.startsWith(QLatin1Char(' '))) {
        text.remove(0, 1); // the "▁" SentencePiece (or Metaspace) put before the first word
    }
    return text;
}

int Tokenizer::vocabSize() const
{
    int size = m_model ? m_model->vocabSize() : 0;
    for (const auto& t : m_added.tokens()) {
        size = std::max(size, t.id + 1);
    }
    return size;
}

QString Tokenizer::idToToken(int id) const
{
    if (const AddedToken* t = m_added.findId(id)) {
        return t->content;
    }
    return m_model ? m_model->idToToken(id) : QString();
}

int Tokenizer::tokenToId(const QString& token) const
{
    if (const AddedToken* t = m_added.find(token)) {
        return t->id;
    }
    return m_model ? m_model->tokenToId(token) : -1;
}

} // namespace attn::tok
