// render --lesson: the handout PDF has one page per step; one step renders as PNG; bad requests give one line.
#include "cli/clirun.h"

#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using attn::test::CliRun;
using attn::test::cli;

namespace {

int shippedStepCount(const QString& name)
{
    const CliRun r = cli({"lessons"});
    EXPECT_EQ(r.code, 0) << r.err.toStdString();
    for (const auto& l : QJsonDocument::fromJson(r.out).object().value("lessons").toArray()) {
        if (l.toObject().value("name").toString() == name) {
            return int(l.toObject().value("steps").toArray().size());
        }
    }
    return -1;
}

// Pages of a PDF: its "/Type /Page" objects (not "/Type /Pages").
int pdfPages(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return -1;
    }
    const QString bytes = QString::fromLatin1(f.readAll());
    return int(bytes.count(QRegularExpression(QStringLiteral("/Type\\s*/Page(?!s)"))));
}

} // namespace

TEST(RenderLesson, HandoutHasOnePagePerStep)
{
    const int steps = shippedStepCount("attention-basics");
    ASSERT_GE(steps, 12);
    QTemporaryDir dir;
    for (const char* lang : {"en", "zh_CN"}) {
        const QString out = dir.filePath(QStringLiteral("handout-%1.pdf").arg(lang));
        const CliRun r = cli({"render", "--lesson", "attention-basics", "--present", "--lang", lang, "--out", out}, 600000);
        ASSERT_EQ(r.code, 0) << r.err.toStdString();
        EXPECT_EQ(pdfPages(out), steps) << lang;
    }
}

TEST(RenderLesson, OneStepAsPicture)
{
    QTemporaryDir dir;
    const QString out = dir.filePath("step.png");
    const CliRun r = cli({"render", "--lesson", "attention-basics", "--step", "10", "--present", "--size", "1280x720",
                          "--out", out}, 300000);
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    const QImage image(out);
    EXPECT_EQ(image.size(), QSize(1280, 720));
}

TEST(RenderLesson, BadRequestsGiveOneLine)
{
    QTemporaryDir dir;
    auto oneLine = [](const CliRun& r, const char* needle) {
        EXPECT_NE(r.code, 0);
        EXPECT_TRUE(r.err.contains(needle)) << r.err.toStdString();
    };
    oneLine(cli({"render", "--lesson", "no-such-lesson", "--out", dir.filePath("x.pdf")}), "no-such-lesson");
    oneLine(cli({"render", "--lesson", "attention-basics", "--step", "99", "--out", dir.filePath("x.png")}),
            "--step 99");
    oneLine(cli({"render", "--lesson", "attention-basics", "--out", dir.filePath("x.png")}), "--step N");
    oneLine(cli({"render", "--lesson", "attention-basics", "--size", "big", "--out", dir.filePath("x.pdf")}),
            "--size big");
    QFile junk(dir.filePath("junk.attnlesson"));
    ASSERT_TRUE(junk.open(QIODevice::WriteOnly));
    junk.write("\x89PNG not a lesson");
    junk.close();
    oneLine(cli({"render", "--lesson", junk.fileName(), "--out", dir.filePath("x.pdf")}), "junk.attnlesson");
}
