#pragma once

#include "engine/tokenizers/tokenmodel.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <mutex>
#include <unordered_map>
#include <utility>

namespace attn::tok {

struct BpeOptions
{
    QString unkToken; // empty: characters outside the vocabulary are dropped (as Hugging Face does)
    QString continuingSubwordPrefix;
    QString endOfWordSuffix;
    bool fuseUnk = false;      // consecutive unknown characters become one unknown token
    bool byteFallback = false; // an unknown character becomes its UTF-8 bytes as <0xXX> tokens (Llama)
    bool ignoreMerges = false; // a pre-token that is a whole token is taken as it is (Llama 3)
    bool byteLevel = false;    // only for kind(): the pre-tokenizer maps bytes to GPT-2's alphabet
};

// Byte-pair encoding: a pre-token's characters are merged pair by pair, the pair of lowest merge rank first.
class BpeModel : public TokenModel
{
public:
    // Throws TokenizerError naming source when a merge's parts or result are not in the vocabulary.
    BpeModel(QHash<QString, int> vocab, const std::vector<std::pair<QString, QString>>& merges, BpeOptions options,
             const QString& source);

    // vocab.json: {"token": id, ...}. Throws TokenizerError naming fileName.
    static QHash<QString, int> readVocabJson(const QByteArray& bytes, const QString& fileName);
    static QHash<QString, int> readVocabObject(const QJsonObject& object, const QString& fileName);
    // merges.txt: "a b" a line, rank = order; a first line starting with #version is skipped.
    static std::vector<std::pair<QString, QString>> readMergesTxt(const QByteArray& bytes, const QString& fileName);

    void tokenize(const QString& piece, std::vector<int>& ids) const override;
    int vocabSize() const override { return m_vocabSize; }
    QString idToToken(int id) const override { return m_tokens.value(id); }
    int tokenToId(const QString& token) const override { return m_vocab.value(token, -1); }
    QString kind() const override;

private:
    struct Merge
    {
        int rank;
        int result;
    };
    static std::uint64_t pairKey(int a, int b) { return (std::uint64_t(std::uint32_t(a)) << 32) | std::uint32_t(b); }
    void initialSymbols(const QString& piece, std::vector<int>& symbols) const;
    void mergeSymbols(std::vector<int>& symbols) const;

    QHash<QString, int> m_vocab;
    QHash<int, QString> m_tokens;
    std::unordered_map<std::uint64_t, Merge> m_merges;
    BpeOptions m_options;
    int m_vocabSize = 0;
    int m_unk = -1;
    int m_byteIds[256];
    // Pre-tokens repeat (words of a text): their merged ids are kept, up to kCacheSize of them, as Hugging Face's
    // BPE does. Guarded: one tokenizer may encode on several threads.
    static constexpr int kCacheSize = 10000;
    mutable std::mutex m_cacheMutex;
    mutable QHash<QString, std::vector<int>> m_cache;
};

} // namespace attn::tok
