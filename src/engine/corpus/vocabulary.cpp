#include "engine/corpus/vocabulary.h"

#include <cctype>
#include <fstream>
#include <sstream>

namespace attn {

namespace {

const char* const kSpecials[] = {"<pad>", "<unk>", "<bos>", "<eos>"};

bool isSplitPunct(char c)
{
    return c == '.' || c == ',' || c == '!' || c == '?' || c == ';' || c == ':' || c == '"' || c == '(' || c == ')';
}

} // namespace

Vocabulary::Vocabulary()
{
    for (const char* s : kSpecials) {
        add(s);
    }
}

void Vocabulary::add(const std::string& word)
{
    if (m_ids.count(word) == 0) {
        m_ids.emplace(word, std::int64_t(m_words.size()));
        m_words.push_back(word);
    }
}

Vocabulary Vocabulary::build(const std::vector<std::string>& words)
{
    Vocabulary v;
    for (const auto& w : words) {
        v.add(w);
    }
    return v;
}

Vocabulary Vocabulary::load(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw VocabularyError(path + ": missing or unreadable vocabulary file");
    }
    std::vector<std::string> lines;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        lines.push_back(line);
    }
    if (lines.size() < 4) {
        throw VocabularyError(path + ": truncated vocabulary (" + std::to_string(lines.size()) +
                              " lines, the four specials <pad> <unk> <bos> <eos> come first)");
    }
    for (int i = 0; i < 4; ++i) {
        if (lines[std::size_t(i)] != kSpecials[i]) {
            throw VocabularyError(path + ": line " + std::to_string(i + 1) + " must be " + kSpecials[i] + ", not '" +
                                  lines[std::size_t(i)] + "'");
        }
    }
    Vocabulary v;
    for (std::size_t i = 4; i < lines.size(); ++i) {
        if (lines[i].empty()) {
            throw VocabularyError(path + ": empty token on line " + std::to_string(i + 1));
        }
        if (v.contains(lines[i])) {
            throw VocabularyError(path + ": duplicate token '" + lines[i] + "' on line " + std::to_string(i + 1));
        }
        v.add(lines[i]);
    }
    return v;
}

void Vocabulary::save(const std::string& path) const
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    for (const auto& w : m_words) {
        out << w << '\n';
    }
    if (!out) {
        throw VocabularyError(path + ": cannot write vocabulary");
    }
}

std::int64_t Vocabulary::id(const std::string& word) const
{
    const auto it = m_ids.find(word);
    return it == m_ids.end() ? kUnk : it->second;
}

const std::string& Vocabulary::word(std::int64_t id) const
{
    if (id < 0 || id >= size()) {
        throw VocabularyError("token id " + std::to_string(id) + " outside the vocabulary of " +
                              std::to_string(size()) + " words");
    }
    return m_words[std::size_t(id)];
}

std::vector<std::int64_t> Vocabulary::encode(const std::vector<std::string>& words) const
{
    std::vector<std::int64_t> ids;
    ids.reserve(words.size());
    for (const auto& w : words) {
        ids.push_back(id(w));
    }
    return ids;
}

std::vector<std::string> Vocabulary::decode(const std::vector<std::int64_t>& ids) const
{
    std::vector<std::string> words;
    words.reserve(ids.size());
    for (auto i : ids) {
        words.push_back(word(i));
    }
    return words;
}

std::vector<std::string> tokenizeText(const std::string& text)
{
    std::vector<std::string> tokens;
    std::string current;
    auto flush = [&] {
        if (!current.empty()) {
            tokens.push_back(current);
            current.clear();
        }
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            flush();
        } else if (isSplitPunct(c)) {
            flush();
            tokens.emplace_back(1, c);
        } else if (c == '\'' && current.size() <= 3 && !current.empty() && i + 1 < text.size() &&
                   (current == "l" || current == "qu" || current == "n" || current == "d" || current == "j")) {
            // French elision: l'animal -> l' animal
            current += c;
            flush();
        } else {
            current += char(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    flush();
    return tokens;
}

bool isPunctuation(const std::string& token)
{
    if (token.empty()) {
        return false;
    }
    for (char c : token) {
        if (std::isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80) != 0) {
            return false;
        }
    }
    return true;
}

std::string detokenizeFrench(const std::vector<std::string>& tokens)
{
    std::string out;
    bool glue = true; // no space before the first token or after an elided word
    for (const auto& t : tokens) {
        const bool punct = t.size() == 1 && isSplitPunct(t[0]) && t != "(" && t != "\"";
        if (!glue && !punct) {
            out += ' ';
        }
        out += t;
        glue = !t.empty() && t.back() == '\'';
    }
    return out;
}

} // namespace attn
