#pragma once

#include <QString>
#include <string>
#include <unordered_map>
#include <vector>

namespace attn {

// The tokenizer of llama2.c (tokenizer.bin, tok512.bin, ...): a vocabulary of byte strings with merge scores.
// Encoding is llama2.c's, so token ids match the upstream C reference exactly: a leading space is added, each
// UTF-8 character becomes its own token or, when it is not in the vocabulary, one <0xXX> token per byte, then
// the adjacent pair whose merge has the best score is merged until no pair merges.
class Llama2Tokenizer
{
public:
    static constexpr int kBos = 1;
    static constexpr int kEos = 2;

    // Reads a tokenizer file; throws ModelError naming the file when it is truncated, malformed, or holds a
    // vocabulary of a size other than expectedVocabSize (> 0; the model's).
    static Llama2Tokenizer read(const QString& path, int expectedVocabSize);

    int vocabSize() const { return int(m_pieces.size()); }
    const std::string& piece(int id) const { return m_pieces[std::size_t(id)]; }
    float score(int id) const { return m_scores[std::size_t(id)]; }
    // The longest piece in bytes: a text of n bytes needs at least n / longestPiece() tokens.
    int longestPiece() const { return m_longestPiece; }
    // The id of an exact piece, or -1.
    int lookup(const std::string& piece) const;

    // text (UTF-8) -> token ids, with BOS first when bos is set and EOS last when eos is set.
    std::vector<int> encode(const std::string& text, bool bos, bool eos) const;
    // The bytes token adds after prev (llama2.c's decode: no leading space right after BOS, raw bytes for
    // <0xXX> tokens).
    std::string decode(int prev, int token) const;
    // A readable label for one token: its text (leading space kept), "<s>" for BOS, "</s>" for EOS, ␣ for a piece
    // of spaces only, and <0xXX> for bytes that are not printable on their own.
    QString label(int token) const;

private:
    // The merge loop of encode: tokens without BOS/EOS in, merged tokens out.
    std::vector<int> mergePairs(std::vector<int> tokens) const;

    std::vector<std::string> m_pieces;
    std::vector<float> m_scores;
    std::unordered_map<std::string, int> m_index;
    int m_maxTokenLength = 0;
    int m_longestPiece = 1;
    bool m_hasByteTokens = false; // ids 3..258 are <0x00>..<0xFF>, as byte fallback assumes
};

} // namespace attn
