#include "core/lesson.h"

#include "core/formula.h"
#include "core/lessonpanels.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace attn {

namespace {

constexpr int kFormatVersion = 1;
const char* const kFormatName = "attnlesson";
const QStringList kLessonKeys = {"format", "version", "name", "title", "steps"};
const QStringList kStepKeys = {"title", "text", "formula", "question", "answer", "panel", "options"};

QJsonValue textToJson(const LessonText& t)
{
    if (t.en == t.zh) {
        return t.en;
    }
    QJsonObject o;
    if (!t.en.isEmpty()) {
        o.insert(QStringLiteral("en"), t.en);
    }
    if (!t.zh.isEmpty()) {
        o.insert(QStringLiteral("zh_CN"), t.zh);
    }
    return o;
}

// Collects the problems of one source, so each call names the file and step the same way.
class Reader
{
public:
    Reader(const QString& source, const LessonContext& context, LessonParseResult& result)
        : m_source(source), m_context(context), m_result(result)
    {
    }

    void error(int step, const QString& problem) { m_result.errors.push_back({m_source, step, problem}); }

    // A localised text: a string (both languages) or {"en": ..., "zh_CN": ...}.
    LessonText text(const QJsonValue& value, int step, const QString& field)
    {
        LessonText t;
        if (value.isUndefined() || value.isNull()) {
            return t;
        }
        if (value.isString()) {
            t.en = t.zh = value.toString();
            return t;
        }
        if (!value.isObject()) {
            error(step, QStringLiteral("'%1' must be a string or {\"en\": ..., \"zh_CN\": ...}").arg(field));
            return t;
        }
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it.key() != QLatin1String("en") && it.key() != QLatin1String("zh_CN")) {
                error(step,
                      QStringLiteral("'%1' has the unknown language '%2' (languages: en, zh_CN)").arg(field, it.key()));
            } else if (!it.value().isString()) {
                error(step, QStringLiteral("'%1.%2' must be a string").arg(field, it.key()));
            }
        }
        t.en = o.value(QStringLiteral("en")).toString();
        t.zh = o.value(QStringLiteral("zh_CN")).toString();
        return t;
    }

    std::optional<LessonStep> step(const QJsonValue& value, int index)
    {
        if (!value.isObject()) {
            error(index, QStringLiteral("a step must be a JSON object"));
            return std::nullopt;
        }
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!kStepKeys.contains(it.key())) {
                error(index, QStringLiteral("unknown key '%1' (a step has: %2)").arg(it.key(), kStepKeys.join(", ")));
            }
        }
        LessonStep s;
        s.title = text(o.value(QStringLiteral("title")), index, QStringLiteral("title"));
        s.text = text(o.value(QStringLiteral("text")), index, QStringLiteral("text"));
        s.formula = text(o.value(QStringLiteral("formula")), index, QStringLiteral("formula"));
        s.question = text(o.value(QStringLiteral("question")), index, QStringLiteral("question"));
        s.answer = text(o.value(QStringLiteral("answer")), index, QStringLiteral("answer"));
        if (s.title.isEmpty()) {
            error(index, QStringLiteral("the step has no title"));
        }
        if (s.hasQuestion() && s.answer.isEmpty()) {
            error(index, QStringLiteral("the question has no answer"));
        }
        if (!s.hasQuestion() && !s.answer.isEmpty()) {
            error(index, QStringLiteral("an answer without a question"));
        }
        checkFormula(s.formula.en, index, QStringLiteral("en"));
        if (s.formula.zh != s.formula.en) {
            checkFormula(s.formula.zh, index, QStringLiteral("zh_CN"));
        }

        const QJsonValue panel = o.value(QStringLiteral("panel"));
        if (!panel.isString()) {
            error(index, panel.isUndefined() ? QStringLiteral("the step names no panel; the step is left out")
                                             : QStringLiteral("'panel' must be a string; the step is left out"));
            return std::nullopt;
        }
        s.panel = panel.toString();
        const LessonPanelSpec* spec = findLessonPanel(s.panel);
        if (!spec) {
            QStringList ids;
            for (const auto& p : lessonPanels()) {
                ids << p.id;
            }
            error(index, QStringLiteral("unknown panel '%1' (panels: %2); the step is left out")
                             .arg(s.panel.left(60), ids.join(", ")));
            return std::nullopt;
        }
        const QJsonValue options = o.value(QStringLiteral("options"));
        if (!options.isUndefined() && !options.isObject()) {
            error(index, QStringLiteral("'options' must be a JSON object"));
        }
        bool missing = false;
        const QJsonObject given = options.toObject();
        for (auto it = given.begin(); it != given.end(); ++it) {
            missing |= !option(*spec, it.key(), it.value(), index, s.options);
        }
        if (missing) {
            return std::nullopt;
        }
        return s;
    }

private:
    const QString m_source;
    const LessonContext& m_context;
    LessonParseResult& m_result;

    void checkFormula(const QString& source, int index, const QString& language)
    {
        if (source.isEmpty()) {
            return;
        }
        const FormulaParse parsed = parseFormula(source);
        if (!parsed.ok()) {
            error(index, QStringLiteral("formula (%1): %2").arg(language, parsed.error));
        }
    }

    // Adds a valid option to out; returns false only when it names a model or file that is not there.
    bool option(const LessonPanelSpec& panel, const QString& key, const QJsonValue& value, int index, QJsonObject& out)
    {
        const LessonOptionSpec* spec = findLessonOption(panel, key);
        if (!spec) {
            QStringList keys;
            for (const auto& o : panel.options) {
                keys << o.key;
            }
            error(index, QStringLiteral("unknown option '%1' for panel '%2' (options: %3); the option is left out")
                             .arg(key.left(60), panel.id, keys.join(", ")));
            return true;
        }
        const QString problem = checkOptionValue(*spec, value);
        if (!problem.isEmpty()) {
            error(index, problem + QStringLiteral("; the option is left out"));
            return true;
        }
        if ((spec->type == LessonOptionType::Model || spec->type == LessonOptionType::File) &&
            !m_context.baseDirs.isEmpty() && resolveLessonPath(value.toString(), m_context.baseDirs).isEmpty()) {
            error(index, QStringLiteral("%1 '%2' not found (looked in %3); the step is left out")
                             .arg(spec->type == LessonOptionType::Model ? "model" : "file", value.toString().left(200),
                                  m_context.baseDirs.join(", ")));
            return false;
        }
        out.insert(key, value);
        return true;
    }
};

} // namespace

QString LessonText::text(const QString& language) const
{
    if (language.startsWith(QLatin1String("zh")) && !zh.isEmpty()) {
        return zh;
    }
    return en.isEmpty() ? zh : en;
}

bool LessonStep::operator==(const LessonStep& o) const
{
    return title == o.title && text == o.text && formula == o.formula && question == o.question && answer == o.answer &&
           panel == o.panel && options == o.options;
}

QString LessonError::message() const
{
    if (step < 0) {
        return QStringLiteral("%1: %2").arg(source, problem);
    }
    return QStringLiteral("%1: step %2: %3").arg(source).arg(step).arg(problem);
}

QStringList LessonParseResult::messages() const
{
    QStringList out;
    for (const auto& e : errors) {
        out << e.message();
    }
    return out;
}

LessonParseResult parseLesson(const QByteArray& bytes, const QString& sourceName, const LessonContext& context)
{
    LessonParseResult result;
    result.lesson.name = QFileInfo(sourceName).completeBaseName();
    Reader reader(sourceName, context, result);
    QJsonParseError jsonError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &jsonError);
    if (jsonError.error != QJsonParseError::NoError) {
        reader.error(-1, QStringLiteral("not JSON: %1 at byte %2").arg(jsonError.errorString()).arg(jsonError.offset));
        return result;
    }
    if (!doc.isObject()) {
        reader.error(-1, QStringLiteral("not a lesson: the file must hold one JSON object"));
        return result;
    }
    const QJsonObject o = doc.object();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!kLessonKeys.contains(it.key())) {
            reader.error(-1,
                         QStringLiteral("unknown key '%1' (a lesson has: %2)").arg(it.key(), kLessonKeys.join(", ")));
        }
    }
    const QJsonValue format = o.value(QStringLiteral("format"));
    if (!format.isUndefined() && format.toString() != QLatin1String(kFormatName)) {
        reader.error(-1, QStringLiteral("'format' must be \"%1\"").arg(QLatin1String(kFormatName)));
    }
    const QJsonValue version = o.value(QStringLiteral("version"));
    if (!version.isUndefined() && version.toDouble() != kFormatVersion) {
        reader.error(
            -1, QStringLiteral("format version %1 is not known; this AttentionScope reads version %2")
                    .arg(version.isDouble() ? QString::number(version.toDouble()) : QStringLiteral("(not a number)"))
                    .arg(kFormatVersion));
    }
    const QJsonValue name = o.value(QStringLiteral("name"));
    if (!name.isUndefined() && !name.isString()) {
        reader.error(-1, QStringLiteral("'name' must be a string"));
    }
    if (!name.toString().isEmpty()) {
        result.lesson.name = name.toString();
    }
    result.lesson.title = reader.text(o.value(QStringLiteral("title")), -1, QStringLiteral("title"));
    if (result.lesson.title.isEmpty()) {
        reader.error(-1, QStringLiteral("the lesson has no title"));
    }
    const QJsonValue steps = o.value(QStringLiteral("steps"));
    if (!steps.isArray() || steps.toArray().isEmpty()) {
        reader.error(-1, steps.isArray() ? QStringLiteral("the lesson has no steps")
                                         : QStringLiteral("'steps' must be an array of steps"));
        return result;
    }
    const QJsonArray array = steps.toArray();
    for (int i = 0; i < int(array.size()); ++i) {
        if (auto s = reader.step(array.at(i), i)) {
            result.lesson.steps.push_back(std::move(*s));
            result.fileIndex.push_back(i);
        }
    }
    return result;
}

LessonParseResult readLessonFile(const QString& path, const LessonContext& context)
{
    // Resources are named by their file name; a user's file by the path they gave.
    const QString source = path.startsWith(QLatin1Char(':')) ? QFileInfo(path).fileName() : path;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        LessonParseResult result;
        result.errors.push_back({source, -1, QStringLiteral("cannot read the file: %1").arg(file.errorString())});
        return result;
    }
    return parseLesson(file.readAll(), source, context);
}

QByteArray saveLesson(const Lesson& lesson)
{
    QJsonArray steps;
    for (const auto& s : lesson.steps) {
        QJsonObject o;
        const std::pair<const char*, const LessonText*> texts[] = {{"title", &s.title},
                                                                   {"text", &s.text},
                                                                   {"formula", &s.formula},
                                                                   {"question", &s.question},
                                                                   {"answer", &s.answer}};
        for (const auto& [key, text] : texts) {
            if (!text->isEmpty()) {
                o.insert(QLatin1String(key), textToJson(*text));
            }
        }
        o.insert(QStringLiteral("panel"), s.panel);
        o.insert(QStringLiteral("options"), s.options);
        steps.append(o);
    }
    QJsonObject doc{
        {"format", QLatin1String(kFormatName)}, {"version", kFormatVersion}, {"name", lesson.name}, {"steps", steps}};
    if (!lesson.title.isEmpty()) {
        doc.insert(QStringLiteral("title"), textToJson(lesson.title));
    }
    return QJsonDocument(doc).toJson(QJsonDocument::Indented);
}

QString writeLessonFile(const Lesson& lesson, const QString& path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(saveLesson(lesson)) < 0 || !file.commit()) {
        return QStringLiteral("%1: cannot write the lesson: %2").arg(path, file.errorString());
    }
    return {};
}

std::optional<LessonError> checkStepIndex(const Lesson& lesson, int step, const QString& sourceName)
{
    if (step >= 0 && step < int(lesson.steps.size())) {
        return std::nullopt;
    }
    const QString range = lesson.steps.empty()
                              ? QStringLiteral("the lesson has no steps")
                              : QStringLiteral("the lesson has steps 0 to %1").arg(lesson.steps.size() - 1);
    return LessonError{sourceName, step, QStringLiteral("no such step (%1)").arg(range)};
}

QStringList shippedLessonNames()
{
    QStringList names;
    const QStringList files =
        QDir(QStringLiteral(":/lessons")).entryList({QStringLiteral("*.attnlesson")}, QDir::Files, QDir::Name);
    for (const auto& f : files) {
        names << QFileInfo(f).completeBaseName();
    }
    return names;
}

QString shippedLessonPath(const QString& name)
{
    return QStringLiteral(":/lessons/%1.attnlesson").arg(name);
}

LessonParseResult openLesson(const QString& nameOrFile, const LessonContext& context)
{
    if (QFileInfo(nameOrFile).isFile()) {
        return readLessonFile(nameOrFile, context);
    }
    const QStringList shipped = shippedLessonNames();
    if (shipped.contains(nameOrFile)) {
        return readLessonFile(shippedLessonPath(nameOrFile), context);
    }
    LessonParseResult result;
    result.errors.push_back({nameOrFile, -1,
                             QStringLiteral("no lesson of that name and no such file (shipped lessons: %1)")
                                 .arg(shipped.isEmpty() ? QStringLiteral("none") : shipped.join(", "))});
    return result;
}

} // namespace attn
