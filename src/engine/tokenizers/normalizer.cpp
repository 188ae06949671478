#include "engine/tokenizers/normalizer.h"

#include "engine/tokenizers/tokenmodel.h"
#include "engine/tokenizers/unicodechars.h"

#include <QJsonArray>
#include <QJsonObject>

namespace attn::tok {

namespace {

QString bertNormalize(const QString& text, const Normalizer::Step& s)
{
    std::u32string out;
    for (const char32_t c : toCodePoints(text)) {
        if (s.cleanText) {
            if (c == 0 || c == 0xFFFD || isControl(c)) {
                continue;
            }
            if (isWhitespace(c)) {
                out.push_back(U' ');
                continue;
            }
        }
        if (s.handleChineseChars && isCjkIdeograph(c)) {
            out.push_back(U' ');
            out.push_back(c);
            out.push_back(U' ');
            continue;
        }
        out.push_back(c);
    }
    QString result = fromCodePoints(out);
    if (s.stripAccents) {
        result = stripAccents(result);
    }
    if (s.lowercase) {
        result = result.toLower();
    }
    return result;
}

QString textOf(const QJsonObject& o, const char* key, const QString& where)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isString()) {
        throw TokenizerError(
            QStringLiteral("%1: \"%2\" must be a string").arg(where, QLatin1String(key)).toStdString());
    }
    return v.toString();
}

} // namespace

QString stripAccents(const QString& text)
{
    std::u32string out;
    for (const char32_t c : toCodePoints(text.normalized(QString::NormalizationForm_D))) {
        if (!isNonSpacingMark(c)) {
            out.push_back(c);
        }
    }
    return fromCodePoints(out);
}

Normalizer::Step Normalizer::bert(bool lowercase, int stripAccentsSetting, bool handleChineseChars, bool cleanText)
{
    Step s;
    s.kind = Kind::Bert;
    s.lowercase = lowercase;
    s.stripAccents = stripAccentsSetting < 0 ? lowercase : stripAccentsSetting > 0;
    s.handleChineseChars = handleChineseChars;
    s.cleanText = cleanText;
    return s;
}

Normalizer::Step Normalizer::simple(Kind kind)
{
    Step s;
    s.kind = kind;
    return s;
}

Normalizer Normalizer::fromJson(const QJsonValue& value, const QString& where)
{
    Normalizer n;
    n.addJson(value, where, 0);
    return n;
}

void Normalizer::addJson(const QJsonValue& value, const QString& where, int depth)
{
    if (value.isNull() || value.isUndefined()) {
        return;
    }
    if (!value.isObject() || depth > 16) {
        throw TokenizerError(QStringLiteral("%1: the normalizer is not an object").arg(where).toStdString());
    }
    const QJsonObject o = value.toObject();
    const QString type = o.value(QLatin1String("type")).toString();
    if (type == QLatin1String("Sequence")) {
        for (const QJsonValue& v : o.value(QLatin1String("normalizers")).toArray()) {
            addJson(v, where, depth + 1);
        }
    } else if (type == QLatin1String("BertNormalizer")) {
        const QJsonValue strip = o.value(QLatin1String("strip_accents"));
        add(bert(o.value(QLatin1String("lowercase")).toBool(true), strip.isBool() ? int(strip.toBool()) : -1,
                 o.value(QLatin1String("handle_chinese_chars")).toBool(true),
                 o.value(QLatin1String("clean_text")).toBool(true)));
    } else if (type == QLatin1String("Lowercase")) {
        add(simple(Kind::Lowercase));
    } else if (type == QLatin1String("NFC")) {
        add(simple(Kind::Nfc));
    } else if (type == QLatin1String("NFD")) {
        add(simple(Kind::Nfd));
    } else if (type == QLatin1String("NFKC")) {
        add(simple(Kind::Nfkc));
    } else if (type == QLatin1String("NFKD")) {
        add(simple(Kind::Nfkd));
    } else if (type == QLatin1String("StripAccents")) {
        add(simple(Kind::StripAccents));
    } else if (type == QLatin1String("Strip")) {
        Step s = simple(Kind::Strip);
        s.left = o.value(QLatin1String("strip_left")).toBool(true);
        s.right = o.value(QLatin1String("strip_right")).toBool(true);
        add(s);
    } else if (type == QLatin1String("Prepend")) {
        Step s = simple(Kind::Prepend);
        s.text = textOf(o, "prepend", where);
        add(s);
    } else if (type == QLatin1String("Replace")) {
        Step s = simple(Kind::Replace);
        const QJsonObject pattern = o.value(QLatin1String("pattern")).toObject();
        s.content = textOf(o, "content", where);
        if (pattern.contains(QLatin1String("Regex"))) {
            s.useRegex = true;
            s.regex =
                QRegularExpression(textOf(pattern, "Regex", where), QRegularExpression::UseUnicodePropertiesOption);
            if (!s.regex.isValid()) {
                throw TokenizerError(QStringLiteral("%1: the Replace normalizer's regex is not valid (%2)")
                                         .arg(where, s.regex.errorString())
                                         .toStdString());
            }
        } else {
            s.text = textOf(pattern, "String", where);
        }
        add(s);
    } else {
        throw UnsupportedTokenizerError(
            QStringLiteral("%1: normalizer type '%2' is not supported (supported: BertNormalizer, Lowercase, NFC, NFD, "
                           "NFKC, NFKD, StripAccents, Strip, Prepend, Replace, Sequence)")
                .arg(where, type.left(40))
                .toStdString());
    }
}

QString Normalizer::apply(const QString& input) const
{
    QString text = input;
    for (const Step& s : m_steps) {
        switch (s.kind) {
        case Kind::Bert:
            text = bertNormalize(text, s);
            break;
        case Kind::Lowercase:
            text = text.toLower();
            break;
        case Kind::Nfc:
            text = text.normalized(QString::NormalizationForm_C);
            break;
        case Kind::Nfd:
            text = text.normalized(QString::NormalizationForm_D);
            break;
        case Kind::Nfkc:
            text = text.normalized(QString::NormalizationForm_KC);
            break;
        case Kind::Nfkd:
            text = text.normalized(QString::NormalizationForm_KD);
            break;
        case Kind::StripAccents:
            text = stripAccents(text);
            break;
        case Kind::Strip: {
            std::u32string cps = toCodePoints(text);
            std::size_t b = 0, e = cps.size();
            while (s.left && b < e && isWhitespace(cps[b])) {
                ++b;
            }
            while (s.right && e > b && isWhitespace(cps[e - 1])) {
                --e;
            }
            text = fromCodePoints(cps.data() + b, cps.data() + e);
            break;
        }
        case Kind::Prepend:
            if (!text.isEmpty()) {
                text.prepend(s.text);
            }
            break;
        case Kind::Replace:
            if (s.useRegex) {
                text.replace(s.regex, s.content);
            } else if (!s.text.isEmpty()) {
                text.replace(s.text, s.content);
            }
            break;
        }
    }
    return text;
}

} // namespace attn::tok
