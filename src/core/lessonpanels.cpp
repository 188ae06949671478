#include "core/lessonpanels.h"

#include "core/scoring.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <cmath>

namespace attn {

namespace {

using T = LessonOptionType;

QStringList scoreNames()
{
    QStringList names;
    for (const auto fn : allScoreFunctions()) {
        names << QString::fromStdString(scoreFunctionName(fn));
    }
    return names;
}

LessonOptionSpec opt(const QString& key, T type)
{
    LessonOptionSpec o;
    o.key = key;
    o.type = type;
    return o;
}

LessonOptionSpec choice(const QString& key, const QStringList& choices)
{
    LessonOptionSpec o = opt(key, T::Choice);
    o.choices = choices;
    return o;
}

LessonOptionSpec integer(const QString& key, double min, double max = 1e9)
{
    LessonOptionSpec o = opt(key, T::Integer);
    o.min = min;
    o.max = max;
    return o;
}

LessonOptionSpec number(const QString& key, double min, double max)
{
    LessonOptionSpec o = opt(key, T::Number);
    o.min = min;
    o.max = max;
    return o;
}

LessonOptionSpec positive(const QString& key)
{
    LessonOptionSpec o = opt(key, T::Number);
    o.min = 0.0;
    o.exclusiveMin = true;
    return o;
}

} // namespace

const std::vector<LessonPanelSpec>& lessonPanels()
{
    static const std::vector<LessonPanelSpec> kPanels = [] {
        const QStringList scores = scoreNames();
        const LessonOptionSpec layer = integer("layer", 0), head = integer("head", 0);
        return std::vector<LessonPanelSpec>{
            {"seq2seq-compare",
             "the Trained scoring functions tab: accuracy against sentence length and each model's alignment",
             {opt("text", T::String)}},
            {"kernel-regression",
             "attention pooling as Nadaraya-Watson kernel regression: the fit and the heatmap of weights",
             {choice("kernel", {"average", "gaussian", "learned"}), positive("width")}},
            {"three-steps",
             "attention in three steps for one query: scores, softmax weights, weighted sum (stage 0 to 3)",
             {choice("function", scores), opt("query", T::Vector), opt("keys", T::Matrix), opt("values", T::Matrix),
              positive("temperature"), number("stage", 0, 3)}},
            {"scoring-lab",
             "the scoring lab: one query against keys with every scoring function",
             {choice("example", {"vectors", "self-attention", "course-rules", "edge-cases", "size-8"}),
              choice("function", scores), choice("mode", {"soft", "hard", "sampled", "local"}), positive("temperature"),
              opt("query", T::Vector), opt("keys", T::Matrix)}},
            {"qkv-rules",
             "the course notes' three rules for computing attention from Q, K and V",
             {integer("rule", 1, 3)}},
            {"alignment",
             "a seq2seq model's cross-attention (alignment) heatmap for one sentence",
             {opt("model", T::Model), opt("text", T::String)}},
            {"train-seq2seq",
             "train a seq2seq model in the app: loss curve and alignment as it learns",
             {choice("score", QStringList(scores) << "none"), integer("steps", 1, 100000)}},
            {"text",
             "the Text attention tab: a Transformer's attention on a sentence",
             {opt("model", T::Model), opt("text", T::String), opt("second", T::String),
              choice("view", {"head", "matrix", "model", "compare"}),
              choice("kind", {"encoder_self", "decoder_self", "cross"}), layer, head, opt("select", T::Token)}},
            {"image",
             "the Image tab: Show, Attend and Tell word by word",
             {opt("image", T::File), opt("word", T::Token), opt("model", T::Model)}},
            {"generate",
             "the Generate tab: a decoder's attention while it writes (llama2.c or Hugging Face)",
             {opt("model", T::Model), opt("prompt", T::String), integer("steps", 1, 4096), integer("token", 0), layer,
              head}},
            {"classifiers",
             "the Classifiers tab: pooling (last state, mean, attention) side by side, hierarchical attention over a "
             "document, or the attention matrix of a pair classifier",
             {choice("family", {"pooling", "han", "pair"}), opt("text", T::String), opt("text2", T::String),
              choice("variant", {"pair-abcnn1", "pair-abcnn2", "pair-attentive-pooling"}), integer("example", 0, 1000)}},
        };
    }();
    return kPanels;
}

const LessonPanelSpec* findLessonPanel(const QString& id)
{
    for (const auto& p : lessonPanels()) {
        if (p.id == id) {
            return &p;
        }
    }
    return nullptr;
}

const LessonOptionSpec* findLessonOption(const LessonPanelSpec& panel, const QString& key)
{
    for (const auto& o : panel.options) {
        if (o.key == key) {
            return &o;
        }
    }
    return nullptr;
}

QString describeOptionType(const LessonOptionSpec& spec)
{
    const auto range = [&](const QString& what) {
        const bool lo = spec.min > -1e299, hi = spec.max < 1e299 && spec.max < 1e9;
        if (lo && hi) {
            return QStringLiteral("%1 from %2 to %3").arg(what).arg(spec.min).arg(spec.max);
        }
        if (lo) {
            return QStringLiteral("%1 %2 %3").arg(what, spec.exclusiveMin ? "above" : "from").arg(spec.min);
        }
        return what;
    };
    switch (spec.type) {
    case T::String:
        return QStringLiteral("a string");
    case T::Integer:
        return range(QStringLiteral("a whole number"));
    case T::Number:
        return range(QStringLiteral("a number"));
    case T::Boolean:
        return QStringLiteral("true or false");
    case T::Choice:
        return QStringLiteral("one of %1").arg(spec.choices.join(QStringLiteral(", ")));
    case T::Vector:
        return QStringLiteral("an array of numbers");
    case T::Matrix:
        return QStringLiteral("an array of arrays of numbers, all of one length");
    case T::Token:
        return QStringLiteral("a word, or its position as a whole number from 0");
    case T::Model:
        return QStringLiteral("a model folder or file (a path)");
    case T::File:
        return QStringLiteral("a file (a path)");
    }
    return {};
}

namespace {

bool isFiniteNumber(const QJsonValue& v)
{
    return v.isDouble() && std::isfinite(v.toDouble());
}

bool isWhole(double d)
{
    return std::isfinite(d) && std::floor(d) == d;
}

bool isVector(const QJsonValue& v, int& length)
{
    if (!v.isArray() || v.toArray().isEmpty()) {
        return false;
    }
    const QJsonArray a = v.toArray();
    for (const auto& x : a) {
        if (!isFiniteNumber(x)) {
            return false;
        }
    }
    length = int(a.size());
    return true;
}

QString shortValue(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::String:
        return QStringLiteral("\"%1\"").arg(v.toString().left(40));
    case QJsonValue::Double:
        return QString::number(v.toDouble());
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    default:
        return QStringLiteral("null");
    }
}

} // namespace

QString checkOptionValue(const LessonOptionSpec& spec, const QJsonValue& value)
{
    bool ok = false;
    switch (spec.type) {
    case T::String:
        ok = value.isString();
        break;
    case T::Integer:
        ok = isFiniteNumber(value) && isWhole(value.toDouble()) && value.toDouble() >= spec.min &&
             value.toDouble() <= spec.max;
        break;
    case T::Number: {
        const double d = value.toDouble();
        ok = isFiniteNumber(value) && (spec.exclusiveMin ? d > spec.min : d >= spec.min) && d <= spec.max;
        break;
    }
    case T::Boolean:
        ok = value.isBool();
        break;
    case T::Choice:
        ok = value.isString() && spec.choices.contains(value.toString());
        break;
    case T::Vector: {
        int n = 0;
        ok = isVector(value, n);
        break;
    }
    case T::Matrix: {
        ok = value.isArray() && !value.toArray().isEmpty();
        int first = -1;
        for (const auto& row : value.toArray()) {
            int n = 0;
            if (!ok || !isVector(row, n) || (first >= 0 && n != first)) {
                ok = false;
                break;
            }
            first = n;
        }
        break;
    }
    case T::Token:
        ok = (value.isString() && !value.toString().isEmpty()) ||
             (isFiniteNumber(value) && isWhole(value.toDouble()) && value.toDouble() >= 0);
        break;
    case T::Model:
    case T::File:
        ok = value.isString() && !value.toString().trimmed().isEmpty();
        break;
    }
    if (ok) {
        return {};
    }
    return QStringLiteral("option '%1' must be %2; got %3").arg(spec.key, describeOptionType(spec), shortValue(value));
}

QString resolveLessonPath(const QString& path, const QStringList& baseDirs)
{
    if (path.trimmed().isEmpty()) {
        return {};
    }
    if (QFileInfo(path).isAbsolute()) {
        return QFileInfo::exists(path) ? QDir::cleanPath(path) : QString();
    }
    for (const auto& base : baseDirs) {
        const QString candidate = QDir::cleanPath(QDir(base).absoluteFilePath(path));
        if (QFileInfo::exists(candidate)) {
            return candidate;
        }
    }
    // The shipped example images are also compiled into the application (resources/attnscope.qrc).
    const QString prefix = QStringLiteral("resources/");
    if (path.startsWith(prefix)) {
        const QString resource = QStringLiteral(":/") + path.mid(prefix.size());
        if (QFileInfo::exists(resource)) {
            return resource;
        }
    }
    return {};
}

} // namespace attn
