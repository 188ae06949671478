#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace attn {

// A text of a lesson in its two languages. In a .attnlesson file: {"en": "...", "zh_CN": "..."}, or one string
// for both (formulas usually are).
struct LessonText
{
    QString en;
    QString zh; // Simplified Chinese ("zh_CN" in the file)

    // The text for a UI language ("en", "zh_CN", "zh"): Chinese for any "zh..." when there is one, else English.
    QString text(const QString& language) const;
    bool isEmpty() const { return en.isEmpty() && zh.isEmpty(); }
    bool operator==(const LessonText& o) const { return en == o.en && zh == o.zh; }
    bool operator!=(const LessonText& o) const { return !(*this == o); }
};

// One step: a live panel with its inputs and view options, a title, two to five sentences and a formula in the
// notation of core/formula.h; optionally a prediction question, shown before the answer (and the weights).
struct LessonStep
{
    LessonText title;
    LessonText text;
    LessonText formula;  // parse with parseFormula(formula.text(language))
    LessonText question; // empty: no prediction question
    LessonText answer;
    QString panel;       // an id of lessonPanels() (core/lessonpanels.h)
    QJsonObject options; // the panel's inputs and view options; only keys the panel allows, with valid values

    bool hasQuestion() const { return !question.isEmpty(); }
    bool operator==(const LessonStep& o) const;
    bool operator!=(const LessonStep& o) const { return !(*this == o); }
};

struct Lesson
{
    QString name; // "attention-basics": what `--lesson NAME` takes
    LessonText title;
    std::vector<LessonStep> steps;

    bool operator==(const Lesson& o) const { return name == o.name && title == o.title && steps == o.steps; }
    bool operator!=(const Lesson& o) const { return !(*this == o); }
};

// One problem found while reading a lesson. step is the step's index in the file (from 0), or -1 for the file.
struct LessonError
{
    QString source; // the file name (or resource, or what the caller named the bytes)
    int step = -1;
    QString problem;
    // "attention-basics.attnlesson: step 3: unknown panel 'heatmap'", the one line shown to the user.
    QString message() const;
};

struct LessonParseResult
{
    Lesson lesson; // every step that could be kept (see parseLesson)
    std::vector<LessonError> errors;
    // For each kept step, its index in the file (the two differ once a step was left out).
    std::vector<int> fileIndex;

    bool ok() const { return errors.empty(); }
    QStringList messages() const;
};

// Where Model and File option paths are looked for (see resolveLessonPath); empty: paths are not checked.
struct LessonContext
{
    QStringList baseDirs;
};

// Reads a lesson from bytes. Never throws and never crashes, whatever the bytes. Every problem becomes a
// LessonError naming sourceName and the step:
// - not JSON, or no "steps" array: no steps;
// - a step that is not an object, has no or an unknown panel, or names a missing model or file: the step is left
//   out, the others load;
// - an unknown option, or an option of the wrong type or out of range: the option is left out of its step;
// - a formula the notation cannot parse, a question without an answer, a step without a title: reported; the
//   step is kept as written.
LessonParseResult parseLesson(const QByteArray& bytes, const QString& sourceName, const LessonContext& context = {});
// Reads a file (sourceName: its file name); a file that cannot be read is one error.
LessonParseResult readLessonFile(const QString& path, const LessonContext& context = {});

// The lesson as a .attnlesson document (indented JSON, UTF-8); parseLesson(saveLesson(l)).lesson == l for every
// lesson parseLesson returned.
QByteArray saveLesson(const Lesson& lesson);
// Writes saveLesson(lesson) to path; returns the problem naming the file, or an empty string.
QString writeLessonFile(const Lesson& lesson, const QString& path);

// An error when the lesson has no step `step` (from 0), naming the source: "step 20: no such step (the lesson has
// steps 0 to 12)".
std::optional<LessonError> checkStepIndex(const Lesson& lesson, int step, const QString& sourceName);

// The lessons shipped in the application's resources (":/lessons/NAME.attnlesson"), sorted by name. The caller
// must have registered the resources (attn::initResources() in the app).
QStringList shippedLessonNames();
QString shippedLessonPath(const QString& name); // ":/lessons/NAME.attnlesson"
// `--lesson NAME|FILE`: an existing file is read as a file, otherwise a shipped lesson's name; neither is one
// error ("no lesson named 'x' and no such file; shipped lessons: attention-basics").
LessonParseResult openLesson(const QString& nameOrFile, const LessonContext& context = {});

} // namespace attn
