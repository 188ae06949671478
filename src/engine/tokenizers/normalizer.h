#pragma once

#include <QJsonValue>
#include <QRegularExpression>
#include <QString>
#include <vector>

namespace attn::tok {

// The normaliser of a tokenizer.json (or of a vocab.txt's BERT defaults): steps applied in order to each piece of
// text between added tokens.
class Normalizer
{
public:
    enum class Kind
    {
        Bert,
        Lowercase,
        Nfc,
        Nfd,
        Nfkc,
        Nfkd,
        StripAccents,
        Strip,
        Prepend,
        Replace
    };
    struct Step
    {
        Kind kind = Kind::Lowercase;
        // Bert
        bool cleanText = true;
        bool handleChineseChars = true;
        bool stripAccents = true;
        bool lowercase = true;
        // Strip
        bool left = true;
        bool right = true;
        // Prepend (text), Replace (literal text or regex -> content)
        QString text;
        QRegularExpression regex;
        bool useRegex = false;
        QString content;
    };

    // BERT's basic tokenizer as transformers' BertNormalizer has it; stripAccents follows lowercase unless set.
    static Step bert(bool lowercase, int stripAccents = -1, bool handleChineseChars = true, bool cleanText = true);
    static Step simple(Kind kind);

    // A tokenizer.json "normalizer" value (null for none). Throws TokenizerError naming where on a type this
    // program does not know.
    static Normalizer fromJson(const QJsonValue& value, const QString& where);

    void add(Step step) { m_steps.push_back(std::move(step)); }
    bool isEmpty() const { return m_steps.empty(); }
    QString apply(const QString& text) const;

private:
    void addJson(const QJsonValue& value, const QString& where, int depth);

    std::vector<Step> m_steps;
};

// NFD, then without the non-spacing marks (category Mn).
QString stripAccents(const QString& text);

} // namespace attn::tok
