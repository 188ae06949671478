// Lessons (core/lesson.h): the shipped lesson, saving and loading, and every kind of bad input.
#include "core/formula.h"
#include "core/lesson.h"
#include "core/lessonpanels.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <random>

using namespace attn;

namespace {

const QString kShippedFile = QStringLiteral(ATTN_SOURCE_DIR "/resources/lessons/attention-basics.attnlesson");

LessonContext repoContext()
{
    return LessonContext{{QStringLiteral(ATTN_SOURCE_DIR)}};
}

QByteArray shippedBytes()
{
    QFile f(kShippedFile);
    EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << kShippedFile.toStdString() << " is missing";
    return f.readAll();
}

// A lesson file with the given steps (JSON text of an array's items).
QByteArray lessonWithSteps(const QString& steps)
{
    return QStringLiteral("{\"name\": \"t\", \"title\": \"T\", \"steps\": [%1]}").arg(steps).toUtf8();
}

const QString kGoodStep = QStringLiteral(R"({"title": "ok", "panel": "scoring-lab", "options": {"mode": "hard"}})");

int sentences(const QString& text, bool chinese)
{
    QString t = text;
    t.remove(QStringLiteral("et al.")); // an abbreviation, not a sentence end
    static const QRegularExpression en(QStringLiteral("[.!?](\\s|$)"));
    static const QRegularExpression zh(QStringLiteral("[。！？]"));
    return int(t.count(chinese ? zh : en));
}

std::string str(const QStringList& l)
{
    return l.join(QLatin1Char('\n')).toStdString();
}

} // namespace

TEST(ShippedLesson, LoadsWithoutProblemsAndFollowsTheCourseOrder)
{
    const LessonParseResult r = parseLesson(shippedBytes(), "attention-basics.attnlesson", repoContext());
    EXPECT_TRUE(r.ok()) << str(r.messages());
    EXPECT_EQ(r.lesson.name, "attention-basics");
    const QStringList panels = {
        "seq2seq-compare", "kernel-regression", "three-steps", "qkv-rules", "scoring-lab", "scoring-lab",
        "alignment",       "train-seq2seq",     "text",        "text",      "text",        "image",
        "generate",        "classifiers",       "classifiers"};
    ASSERT_EQ(int(r.lesson.steps.size()), int(panels.size()));
    for (int i = 0; i < int(panels.size()); ++i) {
        EXPECT_EQ(r.lesson.steps[size_t(i)].panel, panels[i]) << "step " << i;
    }
}

TEST(ShippedLesson, EveryStepIsCompleteInBothLanguages)
{
    const Lesson lesson = parseLesson(shippedBytes(), "attention-basics.attnlesson").lesson;
    ASSERT_FALSE(lesson.title.en.isEmpty());
    ASSERT_FALSE(lesson.title.zh.isEmpty());
    int questions = 0;
    for (int i = 0; i < int(lesson.steps.size()); ++i) {
        const LessonStep& s = lesson.steps[size_t(i)];
        for (const LessonText* t : {&s.title, &s.text}) {
            EXPECT_FALSE(t->en.isEmpty()) << "step " << i;
            EXPECT_FALSE(t->zh.isEmpty()) << "step " << i;
            EXPECT_NE(t->en, t->zh) << "step " << i << ": not translated";
        }
        const int enCount = sentences(s.text.en, false), zhCount = sentences(s.text.zh, true);
        EXPECT_TRUE(enCount >= 2 && enCount <= 5) << "step " << i << ": " << enCount << " English sentences";
        EXPECT_TRUE(zhCount >= 2 && zhCount <= 5) << "step " << i << ": " << zhCount << " Chinese sentences";
        for (const QString& f : {s.formula.en, s.formula.zh}) {
            ASSERT_FALSE(f.isEmpty()) << "step " << i << " has no formula";
            EXPECT_TRUE(parseFormula(f).ok()) << "step " << i << ": " << parseFormula(f).error.toStdString();
        }
        if (s.hasQuestion()) {
            ++questions;
            EXPECT_FALSE(s.question.zh.isEmpty() || s.question.en.isEmpty()) << "step " << i;
            EXPECT_FALSE(s.answer.zh.isEmpty() || s.answer.en.isEmpty()) << "step " << i;
        }
    }
    EXPECT_GE(questions, 10);
}

TEST(ShippedLesson, ChineseUsesTheTermsOfD2l)
{
    const Lesson lesson = parseLesson(shippedBytes(), "attention-basics.attnlesson").lesson;
    QString all;
    for (const auto& s : lesson.steps) {
        all += s.title.zh + s.text.zh + s.question.zh + s.answer.zh;
    }
    for (const char* term : {"查询", "键", "值", "注意力汇聚", "注意力评分函数", "加性注意力", "缩放点积注意力",
                             "多头注意力", "自注意力", "词元"}) {
        EXPECT_TRUE(all.contains(QString::fromUtf8(term))) << term;
    }
    EXPECT_FALSE(all.contains(QString::fromUtf8("令牌")));
}

TEST(LessonFile, SaveThenLoadGivesTheSameLesson)
{
    const Lesson shipped = parseLesson(shippedBytes(), "a.attnlesson").lesson;
    const LessonParseResult again = parseLesson(saveLesson(shipped), "b.attnlesson");
    EXPECT_TRUE(again.ok()) << str(again.messages());
    EXPECT_EQ(again.lesson, shipped);

    Lesson mine;
    mine.name = "mine";
    mine.title = {"Mine", ""};
    LessonStep s;
    s.title = {"Only English", ""};
    s.text = {"", "只有中文。"};
    s.formula = {"x^2", "x^2"};
    s.question = {"Q?", "问？"};
    s.answer = {"A.", "答。"};
    s.panel = "three-steps";
    s.options = QJsonObject{{"query", QJsonArray{1, 0.25}}, {"keys", QJsonArray{QJsonArray{1, 2}}}, {"stage", 2}};
    mine.steps = {s, s};
    mine.steps[1].panel = "text";
    mine.steps[1].options = QJsonObject{{"select", 3}, {"view", "compare"}};
    QTemporaryDir dir;
    const QString path = dir.filePath("mine.attnlesson");
    ASSERT_EQ(writeLessonFile(mine, path), QString());
    const LessonParseResult read = readLessonFile(path);
    EXPECT_TRUE(read.ok()) << str(read.messages());
    EXPECT_EQ(read.lesson, mine);
    EXPECT_EQ(read.lesson.steps[0].text.text("zh_CN"), "只有中文。");
    EXPECT_EQ(read.lesson.steps[0].text.text("en"), "只有中文。"); // no English: the Chinese rather than nothing
    EXPECT_EQ(read.lesson.steps[0].title.text("zh_CN"), "Only English");
}

TEST(LessonFile, NotJsonIsOneErrorNamingTheFile)
{
    for (const QByteArray bytes :
         {QByteArray("not json"), QByteArray("[1, 2]"), QByteArray(""), QByteArray("{\"steps\": 3}")}) {
        const LessonParseResult r = parseLesson(bytes, "bad.attnlesson");
        ASSERT_FALSE(r.ok());
        EXPECT_TRUE(r.lesson.steps.empty());
        EXPECT_EQ(r.errors.front().step, -1);
        EXPECT_TRUE(r.errors.front().message().startsWith("bad.attnlesson: "))
            << r.errors.front().message().toStdString();
    }
    EXPECT_TRUE(parseLesson("{oops", "bad.attnlesson").errors.front().message().contains("not JSON"));
}

TEST(LessonFile, UnknownPanelLeavesTheStepOutAndKeepsTheOthers)
{
    const LessonParseResult r = parseLesson(
        lessonWithSteps(kGoodStep + R"(, {"title": "x", "panel": "heatmap"}, )" + kGoodStep), "my.attnlesson");
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].step, 1);
    EXPECT_TRUE(r.errors[0].message().startsWith("my.attnlesson: step 1: unknown panel 'heatmap'"))
        << r.errors[0].message().toStdString();
    ASSERT_EQ(r.lesson.steps.size(), 2u);
    EXPECT_EQ(r.fileIndex, (std::vector<int>{0, 2}));
}

TEST(LessonFile, UnknownOrMistypedOptionsAreLeftOutOfTheirStep)
{
    const LessonParseResult r = parseLesson(lessonWithSteps(R"({"title": "x", "panel": "scoring-lab",
                            "options": {"mode": "warm", "temperature": -1, "colour": "red", "query": [1, "a"],
                                        "keys": [[1, 0], [1]], "example": "vectors"}})"),
                                            "my.attnlesson");
    ASSERT_EQ(r.lesson.steps.size(), 1u);
    EXPECT_EQ(r.lesson.steps[0].options, (QJsonObject{{"example", "vectors"}}));
    const QString all = r.messages().join('\n');
    ASSERT_EQ(r.errors.size(), 5u) << all.toStdString();
    for (const auto& e : r.errors) {
        EXPECT_TRUE(e.message().startsWith("my.attnlesson: step 0: ")) << e.message().toStdString();
    }
    EXPECT_TRUE(all.contains("option 'mode' must be one of soft, hard, sampled, local; got \"warm\""))
        << all.toStdString();
    EXPECT_TRUE(all.contains("option 'temperature' must be a number above 0")) << all.toStdString();
    EXPECT_TRUE(all.contains("unknown option 'colour' for panel 'scoring-lab'")) << all.toStdString();
    EXPECT_TRUE(all.contains("option 'query' must be an array of numbers")) << all.toStdString();
    EXPECT_TRUE(all.contains("option 'keys' must be an array of arrays")) << all.toStdString();
}

TEST(LessonFile, MissingModelOrFileLeavesTheStepOut)
{
    const LessonParseResult r =
        parseLesson(lessonWithSteps(R"({"title": "a", "panel": "text", "options": {"model": "models/nothing-here"}},
                           {"title": "b", "panel": "image", "options": {"image": "resources/examples/caption/none.png"}},
                           {"title": "c", "panel": "image", "options": {"model": "models/caption-shapes",
                            "image": "resources/examples/caption/blue-diamond.png"}})"),
                    "my.attnlesson", repoContext());
    ASSERT_EQ(r.errors.size(), 2u) << str(r.messages());
    EXPECT_TRUE(r.errors[0].message().startsWith("my.attnlesson: step 0: model 'models/nothing-here' not found"))
        << r.errors[0].message().toStdString();
    EXPECT_TRUE(r.errors[1].message().startsWith("my.attnlesson: step 1: file 'resources/examples/caption/none.png'"))
        << r.errors[1].message().toStdString();
    ASSERT_EQ(r.lesson.steps.size(), 1u);
    EXPECT_EQ(r.lesson.steps[0].title.en, "c");
    // Without base folders paths are not checked (a lesson opened for editing on another machine).
    EXPECT_EQ(parseLesson(lessonWithSteps(R"({"title": "a", "panel": "text", "options": {"model": "x"}})"), "m")
                  .errors.size(),
              0u);
}

TEST(LessonFile, StepOutOfRangeNamesTheRange)
{
    const Lesson lesson = parseLesson(shippedBytes(), "attention-basics.attnlesson").lesson;
    EXPECT_FALSE(checkStepIndex(lesson, 0, "attention-basics").has_value());
    EXPECT_FALSE(checkStepIndex(lesson, 12, "attention-basics").has_value());
    const auto e = checkStepIndex(lesson, 20, "attention-basics");
    ASSERT_TRUE(e.has_value());
    EXPECT_EQ(e->message(), "attention-basics: step 20: no such step (the lesson has steps 0 to 14)");
    EXPECT_TRUE(checkStepIndex(lesson, -1, "x").has_value());
}

TEST(LessonFile, OtherProblemsAreReportedAndTheStepKept)
{
    const LessonParseResult r =
        parseLesson(lessonWithSteps(R"({"panel": "qkv-rules", "question": "Why?", "formula": "\\frac{a}", "extra": 1,
                            "title": {"en": "t", "fr": "t"}}, 7)"),
                    "my.attnlesson");
    ASSERT_EQ(r.lesson.steps.size(), 1u);
    const QString all = r.messages().join('\n');
    EXPECT_TRUE(all.contains("step 0: the question has no answer")) << all.toStdString();
    EXPECT_TRUE(all.contains("step 0: formula (en): missing argument")) << all.toStdString();
    EXPECT_TRUE(all.contains("step 0: unknown key 'extra'")) << all.toStdString();
    EXPECT_TRUE(all.contains("step 0: 'title' has the unknown language 'fr'")) << all.toStdString();
    EXPECT_TRUE(all.contains("step 1: a step must be a JSON object")) << all.toStdString();
}

TEST(LessonPanels, TheRegistryHoldsEveryPanelOfTheIssue)
{
    for (const char* id : {"seq2seq-compare", "kernel-regression", "three-steps", "scoring-lab", "qkv-rules",
                           "alignment", "train-seq2seq", "text", "image", "generate", "classifiers"}) {
        const LessonPanelSpec* p = findLessonPanel(id);
        ASSERT_NE(p, nullptr) << id;
        EXPECT_FALSE(p->summary.isEmpty());
        for (const auto& o : p->options) {
            EXPECT_FALSE(describeOptionType(o).isEmpty());
        }
    }
    const LessonPanelSpec* text = findLessonPanel("text");
    EXPECT_EQ(checkOptionValue(*findLessonOption(*text, "layer"), 2), QString());
    EXPECT_NE(checkOptionValue(*findLessonOption(*text, "layer"), 1.5), QString());
    EXPECT_NE(checkOptionValue(*findLessonOption(*text, "layer"), -1), QString());
    EXPECT_EQ(checkOptionValue(*findLessonOption(*text, "select"), "it"), QString());
    EXPECT_EQ(checkOptionValue(*findLessonOption(*text, "select"), 5), QString());
    EXPECT_EQ(findLessonPanel("nope"), nullptr);
}

TEST(LessonPanels, PathsResolveInBaseFolders)
{
    const QStringList base{QStringLiteral(ATTN_SOURCE_DIR)};
    EXPECT_EQ(resolveLessonPath("models/coref-en-fr", base), QDir::cleanPath(ATTN_SOURCE_DIR "/models/coref-en-fr"));
    EXPECT_EQ(resolveLessonPath("models/none", base), QString());
    EXPECT_EQ(resolveLessonPath(ATTN_SOURCE_DIR "/README.md", {}), QDir::cleanPath(ATTN_SOURCE_DIR "/README.md"));
    EXPECT_EQ(resolveLessonPath("", base), QString());
}

// Whatever the bytes, parsing returns; a lesson it accepts saves and loads back the same.
TEST(LessonFile, MangledBytesNeverBreakIt)
{
    const QByteArray good = shippedBytes();
    std::mt19937 rng(14);
    for (int i = 0; i < 1500; ++i) {
        QByteArray bytes = good;
        const int edits = 1 + int(rng() % 4);
        for (int k = 0; k < edits; ++k) {
            const int at = int(rng() % unsigned(bytes.size()));
            switch (rng() % 3) {
            case 0:
                bytes[at] = char(rng() % 256);
                break;
            case 1:
                bytes.remove(at, 1 + int(rng() % 40));
                break;
            default:
                bytes.insert(at, "{[\"\\"[rng() % 4]);
                break;
            }
        }
        const LessonParseResult r = parseLesson(bytes, "fuzz.attnlesson");
        const LessonParseResult again = parseLesson(saveLesson(r.lesson), "fuzz.attnlesson");
        ASSERT_EQ(again.lesson, r.lesson) << "edit round " << i;
    }
}
