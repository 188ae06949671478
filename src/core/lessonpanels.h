#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <vector>

namespace attn {

// The value types a lesson step's options may have (README, "Lessons").
enum class LessonOptionType
{
    String,  // any text
    Integer, // a whole number in [min, max]
    Number,  // a finite number in [min, max]; exclusiveMin: above min
    Boolean,
    Choice, // one of choices (a string)
    Vector, // an array of finite numbers: [1, 0]
    Matrix, // an array of arrays of finite numbers, all of one length: [[1, 0], [0, 1]]
    Token,  // a token or word: its text, or its position as a whole number from 0
    Model,  // a model folder or model file, relative to the lesson's base folder; must exist
    File,   // a file (an image), relative to the lesson's base folder; must exist
};

struct LessonOptionSpec
{
    QString key;
    LessonOptionType type = LessonOptionType::String;
    QStringList choices;       // Choice
    double min = -1e300;       // Integer, Number
    double max = 1e300;        // Integer, Number
    bool exclusiveMin = false; // Number: strictly above min
};

// A panel a step can open and the options it takes.
struct LessonPanelSpec
{
    QString id;      // "kernel-regression"
    QString summary; // what the panel shows, for --help and the README
    std::vector<LessonOptionSpec> options;
};

// Every panel a lesson may name: one table (lessonpanels.cpp). Adding a panel is one entry there.
const std::vector<LessonPanelSpec>& lessonPanels();
// The panel with this id, or nullptr.
const LessonPanelSpec* findLessonPanel(const QString& id);
// The option's spec on that panel, or nullptr.
const LessonOptionSpec* findLessonOption(const LessonPanelSpec& panel, const QString& key);
// "a number above 0", "one of average, gaussian, learned": what a value must be, for messages and the README.
QString describeOptionType(const LessonOptionSpec& spec);

// Checks value against spec; returns the problem ("must be one of soft, hard, local; got \"warm\"") or an empty
// string. Model and File values are checked only for their type here; see resolveLessonPath.
QString checkOptionValue(const LessonOptionSpec& spec, const QJsonValue& value);

// Where a Model or File path of a lesson is: an absolute path as it is; a relative one inside the first of
// baseDirs that has it, or, for "resources/..." paths, the same file in the application's resources (":/...").
// Returns the path found, or an empty string.
QString resolveLessonPath(const QString& path, const QStringList& baseDirs);

} // namespace attn
