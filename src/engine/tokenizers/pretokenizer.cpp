#include "engine/tokenizers/pretokenizer.h"

#include "engine/tokenizers/bytelevel.h"
#include "engine/tokenizers/tokenmodel.h"
#include "engine/tokenizers/unicodechars.h"

#include <QJsonArray>
#include <QJsonObject>
#include <algorithm>
#include <array>

namespace attn::tok {

namespace {

// A piece of text and whether the pattern matched it.
struct Part
{
    std::size_t begin, end;
    bool match;
};

// Splits by the [begin, end) matches (sorted, not overlapping) the way Hugging Face's behaviours do.
QStringList splitByMatches(const std::u32string& t, const Ranges& matches, PreTokenizer::Behavior behavior, bool invert)
{
    std::vector<Part> parts;
    std::size_t at = 0;
    for (const auto& [b, e] : matches) {
        if (b > at) {
            parts.push_back({at, b, invert});
        }
        if (e > b) {
            parts.push_back({b, e, !invert});
        }
        at = e;
    }
    if (at < t.size()) {
        parts.push_back({at, t.size(), invert});
    }
    std::vector<std::pair<std::size_t, std::size_t>> out;
    using B = PreTokenizer::Behavior;
    switch (behavior) {
    case B::Removed:
    case B::Isolated:
        for (const Part& p : parts) {
            if (behavior == B::Isolated || !p.match) {
                out.emplace_back(p.begin, p.end);
            }
        }
        break;
    case B::MergedWithPrevious:
    case B::Contiguous: {
        // Hugging Face: a match joins the piece before it when that piece was not a match (Contiguous: when both
        // are matches or both are not).
        bool previousMatch = false;
        for (const Part& p : parts) {
            const bool join = behavior == B::Contiguous ? p.match == previousMatch : p.match && !previousMatch;
            if (join && !out.empty()) {
                out.back().second = p.end;
            } else {
                out.emplace_back(p.begin, p.end);
            }
            previousMatch = p.match;
        }
        break;
    }
    case B::MergedWithNext: {
        bool nextMatch = false;
        for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
            if (it->match && !nextMatch && !out.empty()) {
                out.back().first = it->begin;
            } else {
                out.emplace_back(it->begin, it->end);
            }
            nextMatch = it->match;
        }
        std::reverse(out.begin(), out.end());
        break;
    }
    }
    QStringList pieces;
    for (const auto& [b, e] : out) {
        if (e > b) {
            pieces << fromCodePoints(t.data() + b, t.data() + e);
        }
    }
    return pieces;
}

// Maximal runs of characters for which pred holds, as matches.
template <typename Pred> Ranges runsOf(const std::u32string& t, Pred pred, bool eachAlone = false)
{
    Ranges r;
    for (std::size_t i = 0; i < t.size();) {
        if (!pred(t[i])) {
            ++i;
            continue;
        }
        std::size_t e = i + 1;
        while (!eachAlone && e < t.size() && pred(t[e])) {
            ++e;
        }
        r.emplace_back(i, e);
        i = e;
    }
    return r;
}

Ranges regexMatches(const QRegularExpression& re, const std::u32string& t)
{
    // Matches come in UTF-16 offsets; map them back to code points.
    const QString text = fromCodePoints(t);
    std::vector<std::size_t> cpAt(std::size_t(text.size()) + 1, 0);
    std::size_t cp = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        cpAt[std::size_t(i)] = cp;
        if (!(text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())) {
            ++cp;
        }
    }
    cpAt[std::size_t(text.size())] = cp;
    Ranges r;
    auto it = re.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        if (m.capturedLength() > 0) {
            r.emplace_back(cpAt[std::size_t(m.capturedStart())], cpAt[std::size_t(m.capturedEnd())]);
        }
    }
    return r;
}

QStringList applyStep(const PreTokenizer::Step& s, const QString& piece, bool first)
{
    using K = PreTokenizer::Kind;
    using B = PreTokenizer::Behavior;
    switch (s.kind) {
    case K::Bert: {
        QStringList out;
        const std::u32string t = toCodePoints(piece);
        for (const QString& word : splitByMatches(t, runsOf(t, isWhitespace), B::Removed, false)) {
            const std::u32string w = toCodePoints(word);
            out << splitByMatches(w, runsOf(w, isBertPunctuation, true), B::Isolated, false);
        }
        return out;
    }
    case K::ByteLevel: {
        QString text = piece;
        if (s.addPrefixSpace && !text.startsWith(QLatin1Char(' '))) {
            text.prepend(QLatin1Char(' '));
        }
        QStringList parts;
        if (s.useRegex) {
            const std::u32string t = toCodePoints(text);
            parts = splitByMatches(t, splitByPattern(SplitPattern::Gpt2, t), B::Isolated, false);
        } else if (!text.isEmpty()) {
            parts << text;
        }
        for (QString& p : parts) {
            p = toByteLevel(p);
        }
        return parts;
    }
    case K::Split: {
        const std::u32string t = toCodePoints(piece);
        Ranges m;
        if (s.patternKind == PreTokenizer::Step::PatternKind::Known) {
            m = splitByPattern(s.known, t);
        } else if (s.patternKind == PreTokenizer::Step::PatternKind::Regex) {
            m = regexMatches(s.regex, t);
        } else if (!s.literal.isEmpty()) {
            const std::u32string lit = toCodePoints(s.literal);
            for (std::size_t at = t.find(lit); at != std::u32string::npos; at = t.find(lit, at + lit.size())) {
                m.emplace_back(at, at + lit.size());
            }
        }
        return splitByMatches(t, m, s.behavior, s.invert);
    }
    case K::Whitespace: {
        // \w+|[^\w\s]+
        const std::u32string t = toCodePoints(piece);
        Ranges m = runsOf(t, isWordChar);
        const Ranges other = runsOf(t, [](char32_t c) { return !isWordChar(c) && !isWhitespace(c); });
        m.insert(m.end(), other.begin(), other.end());
        std::sort(m.begin(), m.end());
        return splitByMatches(t, m, B::Removed, true);
    }
    case K::WhitespaceSplit: {
        const std::u32string t = toCodePoints(piece);
        return splitByMatches(t, runsOf(t, isWhitespace), B::Removed, false);
    }
    case K::Metaspace: {
        QString text = piece;
        text.replace(QLatin1Char(' '), s.replacement);
        const bool prepend = s.prepend == PreTokenizer::Step::Prepend::Always ||
                             (s.prepend == PreTokenizer::Step::Prepend::First && first);
        if (prepend && !text.startsWith(s.replacement)) {
            text.prepend(s.replacement);
        }
        if (!s.split) {
            return text.isEmpty() ? QStringList() : QStringList{text};
        }
        const std::u32string t = toCodePoints(text);
        const char32_t r = toCodePoints(s.replacement).empty() ? U'\u2581' : toCodePoints(s.replacement)[0];
        return splitByMatches(t,
                              runsOf(
                                  t, [r](char32_t c) { return c == r; }, true),
                              B::MergedWithNext, false);
    }
    case K::Digits: {
        const std::u32string t = toCodePoints(piece);
        return splitByMatches(t, runsOf(t, isNumber, s.individualDigits),
                              s.individualDigits ? B::Isolated : B::Contiguous, false);
    }
    case K::Punctuation: {
        const std::u32string t = toCodePoints(piece);
        return splitByMatches(t, runsOf(t, isBertPunctuation, true), s.behavior, false);
    }
    }
    return {piece};
}

} // namespace

PreTokenizer::Step PreTokenizer::byteLevel(bool addPrefixSpace, bool useRegex)
{
    Step s;
    s.kind = Kind::ByteLevel;
    s.addPrefixSpace = addPrefixSpace;
    s.useRegex = useRegex;
    return s;
}

PreTokenizer::Step PreTokenizer::split(SplitPattern pattern, Behavior behavior)
{
    Step s;
    s.kind = Kind::Split;
    s.known = pattern;
    s.behavior = behavior;
    return s;
}

PreTokenizer::Step PreTokenizer::simple(Kind kind)
{
    Step s;
    s.kind = kind;
    return s;
}

bool PreTokenizer::hasByteLevel() const
{
    return std::any_of(m_steps.begin(), m_steps.end(), [](const Step& s) { return s.kind == Kind::ByteLevel; });
}

QStringList PreTokenizer::apply(const QString& segment, bool first) const
{
    QStringList pieces{segment};
    bool firstStep = true;
    for (const Step& s : m_steps) {
        QStringList next;
        for (int i = 0; i < pieces.size(); ++i) {
            next << applyStep(s, pieces[i], first && i == 0);
        }
        pieces.swap(next);
        firstStep = false;
    }
    if (firstStep) {
        // No pre-tokenizer: the whole segment is one pre-token.
        pieces.removeAll(QString());
    }
    return pieces;
}

} // namespace attn::tok

namespace attn::tok {

PreTokenizer PreTokenizer::fromJson(const QJsonValue& value, const QString& where)
{
    PreTokenizer p;
    p.addJson(value, where, 0);
    return p;
}

void PreTokenizer::addJson(const QJsonValue& value, const QString& where, int depth)
{
    if (value.isNull() || value.isUndefined()) {
        return;
    }
    if (!value.isObject() || depth > 16) {
        throw TokenizerError(QStringLiteral("%1: the pre_tokenizer is not an object").arg(where).toStdString());
    }
    const QJsonObject o = value.toObject();
    const QString type = o.value(QLatin1String("type")).toString();
    auto behaviorOf = [&](const QString& name) {
        static const std::pair<const char*, Behavior> names[] = {{"Removed", Behavior::Removed},
                                                                 {"Isolated", Behavior::Isolated},
                                                                 {"MergedWithPrevious", Behavior::MergedWithPrevious},
                                                                 {"MergedWithNext", Behavior::MergedWithNext},
                                                                 {"Contiguous", Behavior::Contiguous}};
        for (const auto& [n, b] : names) {
            if (name == QLatin1String(n)) {
                return b;
            }
        }
        throw TokenizerError(QStringLiteral("%1: unknown split behavior '%2'").arg(where, name.left(40)).toStdString());
    };
    if (type == QLatin1String("Sequence")) {
        for (const QJsonValue& v : o.value(QLatin1String("pretokenizers")).toArray()) {
            addJson(v, where, depth + 1);
        }
    } else if (type == QLatin1String("BertPreTokenizer")) {
        add(simple(Kind::Bert));
    } else if (type == QLatin1String("ByteLevel")) {
        add(byteLevel(o.value(QLatin1String("add_prefix_space")).toBool(true),
                      o.value(QLatin1String("use_regex")).toBool(true)));
    } else if (type == QLatin1String("Whitespace")) {
        add(simple(Kind::Whitespace));
    } else if (type == QLatin1String("WhitespaceSplit")) {
        add(simple(Kind::WhitespaceSplit));
    } else if (type == QLatin1String("Digits")) {
        Step s = simple(Kind::Digits);
        s.individualDigits = o.value(QLatin1String("individual_digits")).toBool(false);
        add(s);
    } else if (type == QLatin1String("Punctuation")) {
        Step s = simple(Kind::Punctuation);
        s.behavior = behaviorOf(o.value(QLatin1String("behavior")).toString(QStringLiteral("Isolated")));
        add(s);
    } else if (type == QLatin1String("Metaspace")) {
        Step s = simple(Kind::Metaspace);
        s.replacement = o.value(QLatin1String("replacement")).toString(QStringLiteral("\u2581"));
        if (s.replacement.isEmpty()) {
            throw TokenizerError(QStringLiteral("%1: Metaspace replacement is empty").arg(where).toStdString());
        }
        const QString scheme = o.value(QLatin1String("prepend_scheme")).toString();
        if (scheme == QLatin1String("first")) {
            s.prepend = Step::Prepend::First;
        } else if (scheme == QLatin1String("never") ||
                   (scheme.isEmpty() && !o.value(QLatin1String("add_prefix_space")).toBool(true))) {
            s.prepend = Step::Prepend::Never;
        }
        s.split = o.value(QLatin1String("split")).toBool(true);
        add(s);
    } else if (type == QLatin1String("Split")) {
        Step s = simple(Kind::Split);
        s.behavior = behaviorOf(o.value(QLatin1String("behavior")).toString());
        s.invert = o.value(QLatin1String("invert")).toBool(false);
        const QJsonObject pattern = o.value(QLatin1String("pattern")).toObject();
        if (pattern.value(QLatin1String("Regex")).isString()) {
            const QString source = pattern.value(QLatin1String("Regex")).toString();
            if (recognisePattern(source, s.known)) {
                s.patternKind = Step::PatternKind::Known;
            } else {
                // Any other pattern goes to Qt's regex engine (PCRE2), with \p{..} and \s read as Unicode.
                s.patternKind = Step::PatternKind::Regex;
                s.regex = QRegularExpression(source, QRegularExpression::UseUnicodePropertiesOption);
                if (!s.regex.isValid()) {
                    throw TokenizerError(QStringLiteral("%1: the Split pattern is not a valid regex (%2)")
                                             .arg(where, s.regex.errorString())
                                             .toStdString());
                }
            }
        } else if (pattern.value(QLatin1String("String")).isString()) {
            s.patternKind = Step::PatternKind::Literal;
            s.literal = pattern.value(QLatin1String("String")).toString();
        } else {
            throw TokenizerError(
                QStringLiteral("%1: the Split pattern has neither \"Regex\" nor \"String\"").arg(where).toStdString());
        }
        add(s);
    } else {
        throw UnsupportedTokenizerError(
            QStringLiteral("%1: pre_tokenizer type '%2' is not supported (supported: BertPreTokenizer, ByteLevel, "
                           "Split, Whitespace, WhitespaceSplit, Metaspace, Digits, Punctuation, Sequence)")
                .arg(where, type.left(40))
                .toStdString());
    }
}

} // namespace attn::tok
