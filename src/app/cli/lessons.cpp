// attnscope-cli lessons: lists the shipped lessons, or checks a lesson file (--check).
#include "cli/command.h"
#include "core/lesson.h"
#include "gui/modelfolders.h"
#include "gui/resources.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

namespace attn::cli {

namespace {

QJsonObject listing(const Lesson& lesson, const QString& language)
{
    QJsonArray steps;
    for (const auto& s : lesson.steps) {
        steps.append(QJsonObject{{"title", s.title.text(language)}, {"panel", s.panel}});
    }
    return QJsonObject{{"name", lesson.name}, {"title", lesson.title.text(language)}, {"steps", steps}};
}

// Lesson paths ("models/coref-en-fr", "resources/examples/...") are relative to the repository root, the folder
// above the shipped models; a user's lesson may also name files beside itself.
QStringList baseDirs(const QCommandLineParser& parser, const QString& lessonFile)
{
    if (parser.isSet("base")) {
        return {QDir(parser.value("base")).absolutePath()};
    }
    QStringList dirs{QFileInfo(modelsDirectory()).absolutePath()};
    if (QFileInfo(lessonFile).isFile()) {
        dirs << QFileInfo(lessonFile).absolutePath();
    }
    dirs.removeDuplicates();
    return dirs;
}

int check(const QCommandLineParser& parser, const QString& nameOrFile)
{
    const LessonParseResult result = openLesson(nameOrFile, LessonContext{baseDirs(parser, nameOrFile)});
    QJsonArray errors;
    for (const auto& e : result.errors) {
        errors.append(QJsonObject{{"step", e.step < 0 ? QJsonValue() : QJsonValue(e.step)}, {"message", e.message()}});
    }
    printJson(QJsonObject{{"file", nameOrFile},
                          {"name", result.lesson.name},
                          {"steps", int(result.lesson.steps.size())},
                          {"errors", errors}});
    if (result.ok()) {
        return 0;
    }
    const int more = int(result.errors.size()) - 1;
    return fail(result.errors.front().message() +
                (more > 0
                     ? QStringLiteral(" (and %1 more problem%2, listed on stdout)").arg(more).arg(more > 1 ? "s" : "")
                     : QString()));
}

int runLessons(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addOption({"lang", "Language of the titles: en (default) or zh_CN.", "LANG", "en"});
    parser.addOption({"check",
                      "Check a lesson file (or a shipped lesson's name) and print its problems; exit 1 "
                      "when there are any.",
                      "FILE"});
    parser.addOption({"base",
                      "With --check: the folder that model and file paths are relative to (default: the "
                      "repository root above the shipped models, then the lesson's own folder).",
                      "DIR"});
    int code = 0;
    if (!parseArgs(parser, "lessons",
                   "Prints the shipped lessons as JSON {\"lessons\": [{\"name\", \"title\", \"steps\": [{\"title\", "
                   "\"panel\"}]}]}, or checks a .attnlesson file.",
                   args, code)) {
        return code;
    }
    if (!parser.positionalArguments().isEmpty()) {
        return usageError("lessons",
                          QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));
    }
    const QString language = parser.value("lang");
    if (language != QLatin1String("en") && language != QLatin1String("zh_CN")) {
        return usageError("lessons", QStringLiteral("--lang must be en or zh_CN, not '%1'").arg(language));
    }
    initResources();
    if (parser.isSet("check")) {
        return check(parser, parser.value("check"));
    }
    QJsonArray lessons;
    for (const auto& name : shippedLessonNames()) {
        const LessonParseResult result = readLessonFile(shippedLessonPath(name));
        if (!result.ok()) {
            return fail(result.errors.front().message());
        }
        lessons.append(listing(result.lesson, language));
    }
    printJson(QJsonObject{{"lessons", lessons}});
    return 0;
}

} // namespace

ATTN_CLI_COMMAND({"lessons", "List the shipped lessons (JSON), or check a lesson file (--check FILE).", false,
                  &runLessons});

} // namespace attn::cli
