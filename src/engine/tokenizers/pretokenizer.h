#pragma once

#include "engine/tokenizers/splitpatterns.h"

#include <QJsonValue>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <vector>

namespace attn::tok {

// The pre-tokenizer of a tokenizer.json (or the defaults of vocab.txt / vocab.json + merges.txt): steps that cut a
// normalised segment into pre-tokens, each step applied to every piece the previous one made.
class PreTokenizer
{
public:
    enum class Kind
    {
        Bert,
        ByteLevel,
        Split,
        Whitespace,
        WhitespaceSplit,
        Metaspace,
        Digits,
        Punctuation
    };
    // What a Split does with the pattern's matches (Hugging Face's SplitDelimiterBehavior).
    enum class Behavior
    {
        Removed,
        Isolated,
        MergedWithPrevious,
        MergedWithNext,
        Contiguous
    };
    struct Step
    {
        Kind kind = Kind::Bert;
        // ByteLevel
        bool addPrefixSpace = false;
        bool useRegex = true;
        // Split: a hand-matched pattern, a regex, or a literal string
        enum class PatternKind
        {
            Known,
            Regex,
            Literal
        } patternKind = PatternKind::Known;
        SplitPattern known = SplitPattern::Gpt2;
        QRegularExpression regex;
        QString literal;
        Behavior behavior = Behavior::Isolated;
        bool invert = false;
        // Metaspace
        QString replacement = QStringLiteral("\u2581");
        enum class Prepend
        {
            Always,
            First,
            Never
        } prepend = Prepend::Always;
        bool split = true;
        // Digits
        bool individualDigits = false;
    };

    static Step byteLevel(bool addPrefixSpace, bool useRegex = true);
    static Step split(SplitPattern pattern, Behavior behavior = Behavior::Isolated);
    static Step simple(Kind kind);

    // A tokenizer.json "pre_tokenizer" value (null for none). Throws TokenizerError naming where.
    static PreTokenizer fromJson(const QJsonValue& value, const QString& where);

    void add(Step step) { m_steps.push_back(std::move(step)); }
    bool isEmpty() const { return m_steps.empty(); }
    bool hasByteLevel() const;
    // first: the segment starts the text (Metaspace's prepend_scheme "first").
    QStringList apply(const QString& segment, bool first) const;

private:
    void addJson(const QJsonValue& value, const QString& where, int depth);

    std::vector<Step> m_steps;
};

} // namespace attn::tok
