#pragma once

#include "engine/tokenizers/addedvocabulary.h"
#include "engine/tokenizers/normalizer.h"
#include "engine/tokenizers/postprocessor.h"
#include "engine/tokenizers/pretokenizer.h"
#include "engine/tokenizers/tokenmodel.h"

#include <QByteArray>
#include <QString>
#include <memory>
#include <vector>

namespace attn::tok {

// One encoded text: the ids, their tokens (as the vocabulary spells them: "##ing", "Ġworld", "▁Hello"), the
// type ids, and which positions the tokenizer added or matched as special tokens.
struct Encoding
{
    std::vector<int> ids;
    std::vector<QString> tokens;
    std::vector<int> typeIds;
    std::vector<bool> special;
};

// A Hugging Face tokenizer as tokenizer.json describes one: added tokens are cut out of the text first, each piece
// between them is normalised, pre-tokenized and given to the model, and the post-processor adds the special tokens
// ([CLS] ... [SEP], <s> ... </s>, BOS). vocab.txt, vocab.json + merges.txt and tokenizer.model folders are read
// into the same parts (see tokenizerloader.h).
class Tokenizer
{
public:
    Tokenizer();
    Tokenizer(Tokenizer&&) noexcept;
    Tokenizer& operator=(Tokenizer&&) noexcept;
    ~Tokenizer();

    void setModel(std::unique_ptr<TokenModel> model);
    void setNormalizer(Normalizer normalizer) { m_normalizer = std::move(normalizer); }
    void setPreTokenizer(PreTokenizer preTokenizer) { m_preTokenizer = std::move(preTokenizer); }
    void setPostProcessor(PostProcessor postProcessor) { m_postProcessor = std::move(postProcessor); }
    void addToken(const AddedToken& token) { m_added.add(token); }
    // Where it was read from and how ("bert-base-uncased/tokenizer.json: WordPiece"), for messages and --help.
    void setDescription(const QString& description) { m_description = description; }

    bool isValid() const { return m_model != nullptr; }
    const TokenModel& model() const { return *m_model; }
    const AddedVocabulary& addedTokens() const { return m_added; }
    const PostProcessor& postProcessor() const { return m_postProcessor; }
    QString description() const { return m_description; }

    // Throws TokenizerError when the text holds a lone surrogate (it is not text). An empty text gives only the
    // special tokens, as Hugging Face's tokenizers do.
    Encoding encode(const QString& text, bool addSpecialTokens = true) const;
    Encoding encodePair(const QString& first, const QString& second, bool addSpecialTokens = true) const;
    // The same from UTF-8 bytes; throws TokenizerError naming the offset of the first byte that is not UTF-8.
    Encoding encodeUtf8(const QByteArray& utf8, bool addSpecialTokens = true) const;

    // Ids back to text, as Hugging Face's decoders would for the three families: byte-level BPE gives back the exact
    // bytes; SentencePiece-style pieces turn "▁" into spaces and <0xXX> pieces into bytes (without the leading space
    // the model added); WordPiece joins "##" pieces and tidies spaces before punctuation. Ids the tokenizer does not
    // know are left out; special tokens too when skipSpecialTokens is set.
    QString decode(const std::vector<int>& ids, bool skipSpecialTokens = true) const;

    int vocabSize() const;
    QString idToToken(int id) const;
    int tokenToId(const QString& token) const;

private:
    Encoding encodeSequence(const QString& text) const;
    Encoding postProcess(const Encoding& a, const Encoding* b, bool addSpecialTokens) const;

    std::unique_ptr<TokenModel> m_model;
    Normalizer m_normalizer;
    PreTokenizer m_preTokenizer;
    PostProcessor m_postProcessor;
    AddedVocabulary m_added;
    QString m_description;
};

} // namespace attn::tok
