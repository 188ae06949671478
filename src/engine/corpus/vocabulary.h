#pragma once
// A word-level vocabulary and tokenizer (no torch, no Qt).
//
// Usage:
//   attn::Vocabulary v = attn::Vocabulary::build(attn::EnFrCorpus::sourceWords());
//   std::vector<std::string> words = attn::tokenizeText("The animal didn't cross the street.");
//   std::vector<std::int64_t> ids = v.encode(words);   // unknown words -> Vocabulary::kUnk
//   v.save("source.vocab"); attn::Vocabulary w = attn::Vocabulary::load("source.vocab");
//
// Ids 0..3 are always <pad>, <unk>, <bos>, <eos>; the words follow in the order given to build().

#include <cstdint>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace attn {

class VocabularyError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

class Vocabulary
{
public:
    static constexpr std::int64_t kPad = 0;
    static constexpr std::int64_t kUnk = 1;
    static constexpr std::int64_t kBos = 2;
    static constexpr std::int64_t kEos = 3;

    Vocabulary(); // the four specials only
    static Vocabulary build(const std::vector<std::string>& words); // duplicates are kept once
    // One token per line, UTF-8, the specials first. Throws VocabularyError naming the file (missing, empty,
    // specials out of place, duplicate or empty token).
    static Vocabulary load(const std::string& path);
    void save(const std::string& path) const;

    std::int64_t size() const { return std::int64_t(m_words.size()); }
    bool contains(const std::string& word) const { return m_ids.count(word) != 0; }
    std::int64_t id(const std::string& word) const; // kUnk when unknown
    const std::string& word(std::int64_t id) const; // throws VocabularyError when out of range
    std::vector<std::int64_t> encode(const std::vector<std::string>& words) const;
    std::vector<std::string> decode(const std::vector<std::int64_t>& ids) const;
    const std::vector<std::string>& words() const { return m_words; }

private:
    void add(const std::string& word);
    std::vector<std::string> m_words;
    std::unordered_map<std::string, std::int64_t> m_ids;
};

// Lower-cases ASCII, splits on white space and puts . , ! ? ; : " ( ) in tokens of their own; apostrophes stay
// inside words ("didn't"), and a French elided article keeps its apostrophe ("l'animal" -> "l'", "animal").
// "The animal didn't cross." -> {"the", "animal", "didn't", "cross", "."}
std::vector<std::string> tokenizeText(const std::string& text);
// True when a token is punctuation only.
bool isPunctuation(const std::string& token);
// Joins French tokens: no space after an elided word ("l'", "qu'"), none before . , ! ? ;
std::string detokenizeFrench(const std::vector<std::string>& tokens);

} // namespace attn
