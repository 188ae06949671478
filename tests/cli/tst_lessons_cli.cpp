// attnscope-cli lessons: the shipped lessons as JSON, and --check on good and bad lesson files.
#include "clirun.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using attn::test::cli;

namespace {

QJsonObject json(const QByteArray& out)
{
    QJsonParseError e;
    const QJsonDocument doc = QJsonDocument::fromJson(out, &e);
    EXPECT_EQ(e.error, QJsonParseError::NoError) << out.toStdString();
    return doc.object();
}

QJsonObject shippedLesson(const QJsonObject& listing, const QString& name)
{
    for (const auto& l : listing.value("lessons").toArray()) {
        if (l.toObject().value("name").toString() == name) {
            return l.toObject();
        }
    }
    ADD_FAILURE() << "no lesson " << name.toStdString() << " in the listing";
    return {};
}

} // namespace

TEST(LessonsCli, ListsTheShippedLessonInEnglish)
{
    const auto r = cli({"lessons"});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    const QJsonObject lesson = shippedLesson(json(r.out), "attention-basics");
    EXPECT_EQ(lesson.value("title").toString(), "Attention, from the bottleneck to multi-head attention");
    const QJsonArray steps = lesson.value("steps").toArray();
    ASSERT_GE(steps.size(), 13);
    EXPECT_EQ(steps.at(0).toObject().value("title").toString(), "The bottleneck");
    EXPECT_EQ(steps.at(0).toObject().value("panel").toString(), "seq2seq-compare");
    EXPECT_EQ(steps.at(12).toObject().value("panel").toString(), "generate");
    EXPECT_EQ(steps.at(0).toObject().keys(), (QStringList{"panel", "title"}));
}

TEST(LessonsCli, ListsTheShippedLessonInChinese)
{
    const auto r = cli({"lessons", "--lang", "zh_CN"});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    const QJsonObject lesson = shippedLesson(json(r.out), "attention-basics");
    EXPECT_EQ(lesson.value("title").toString(), QString::fromUtf8("注意力机制：从瓶颈到多头注意力"));
    EXPECT_EQ(lesson.value("steps").toArray().at(0).toObject().value("title").toString(),
              QString::fromUtf8("瓶颈问题"));
}

TEST(LessonsCli, ChecksTheShippedLessonByNameAndByFile)
{
    for (const QString& target : {QStringLiteral("attention-basics"),
                                  QStringLiteral(ATTN_SOURCE_DIR "/resources/lessons/attention-basics.attnlesson")}) {
        const auto r = cli({"lessons", "--check", target});
        EXPECT_EQ(r.code, 0) << target.toStdString() << ": " << r.err.toStdString() << r.out.toStdString();
        const QJsonObject o = json(r.out);
        EXPECT_TRUE(o.value("errors").toArray().isEmpty()) << r.out.toStdString();
        EXPECT_GE(o.value("steps").toInt(), 13);
    }
}

TEST(LessonsCli, CheckReportsEveryProblemAndFails)
{
    QTemporaryDir dir;
    const QString path = dir.filePath("bad.attnlesson");
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(R"({"name": "bad", "title": "Bad", "steps": [
        {"title": "fine", "panel": "qkv-rules", "options": {"rule": 2}},
        {"title": "what", "panel": "heatmap"},
        {"title": "gone", "panel": "text", "options": {"model": "models/not-there", "layer": "one"}}]})");
    f.close();
    const auto r = cli({"lessons", "--check", path});
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.err.count('\n'), 1) << r.err.toStdString(); // one line on stderr
    EXPECT_TRUE(r.err.contains(path + ": step 1: unknown panel 'heatmap'")) << r.err.toStdString();
    const QJsonObject o = json(r.out);
    EXPECT_EQ(o.value("steps").toInt(), 1); // the good step still loads
    QStringList messages;
    for (const auto& e : o.value("errors").toArray()) {
        messages << e.toObject().value("message").toString();
    }
    ASSERT_EQ(messages.size(), 3) << messages.join('\n').toStdString();
    EXPECT_TRUE(messages[1].startsWith(path + ": step 2: option 'layer' must be a whole number from 0"))
        << messages[1].toStdString();
    EXPECT_TRUE(messages[2].startsWith(path + ": step 2: model 'models/not-there' not found"))
        << messages[2].toStdString();
}

TEST(LessonsCli, CheckOfNothingAndBadUsage)
{
    QTemporaryDir dir;
    const QString path = dir.filePath("not-json.attnlesson");
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("steps: 1");
    f.close();
    auto r = cli({"lessons", "--check", path});
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(r.err.contains(path + ": not JSON")) << r.err.toStdString();

    r = cli({"lessons", "--check", dir.filePath("missing.attnlesson")});
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(r.err.contains("no lesson of that name and no such file")) << r.err.toStdString();

    r = cli({"lessons", "--lang", "fr"});
    EXPECT_EQ(r.code, 2);
    EXPECT_TRUE(r.err.contains("--lang")) << r.err.toStdString();
}
