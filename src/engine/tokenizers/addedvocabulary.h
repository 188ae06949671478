#pragma once

#include <QJsonValue>
#include <QString>
#include <vector>

namespace attn::tok {

// A token matched whole in the text before the model sees it ([CLS], <s>, <|endoftext|>, <mask>, ...).
struct AddedToken
{
    QString content;
    int id = -1;
    bool special = true;
    bool singleWord = false; // only where it is not inside a word
    bool lstrip = false;     // takes the whitespace to its left
    bool rstrip = false;     // and to its right
    bool normalized = false; // matched in the normalised text (otherwise in the text as typed)
};

// The added tokens of a tokenizer, and the split of a text around them: leftmost match first, the longest token
// where several start at one place (as Hugging Face's Aho-Corasick matcher does).
class AddedVocabulary
{
public:
    struct Segment
    {
        QString text;
        int token = -1; // index into tokens(), or -1 for text between added tokens
    };

    // Adds a token, or updates the one with the same content.
    void add(const AddedToken& token);
    const std::vector<AddedToken>& tokens() const { return m_tokens; }
    const AddedToken* find(const QString& content) const;
    const AddedToken* findId(int id) const;

    // normalized: which tokens to look for (those matched after normalising, or those matched before).
    std::vector<Segment> split(const QString& text, bool normalized) const;

private:
    std::vector<AddedToken> m_tokens;
};

} // namespace attn::tok
