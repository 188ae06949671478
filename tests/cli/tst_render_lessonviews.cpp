// attnscope-cli render --view kernel-regression and --view three-steps: files are written, options change the
// picture, bad options give one line naming the option.
#include "cli/clirun.h"

#include <QFile>
#include <QImage>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using attn::test::cli;
using attn::test::CliRun;

namespace {

class RenderLessonViews : public ::testing::Test
{
protected:
    void SetUp() override { ASSERT_TRUE(m_dir.isValid()); }
    QString path(const QString& name) const { return m_dir.filePath(name); }

    // Renders and reads the PNG back; fails the test when either goes wrong.
    QImage render(const QStringList& args, const QString& name)
    {
        const CliRun r = cli(QStringList{"render"} + args + QStringList{"--out", path(name)});
        EXPECT_EQ(r.code, 0) << r.err.toStdString();
        QImage image(path(name));
        EXPECT_FALSE(image.isNull()) << name.toStdString();
        return image.convertToFormat(QImage::Format_RGB32);
    }

    static int inked(const QImage& image)
    {
        int n = 0;
        for (int y = 0; y < image.height(); y += 2) {
            for (int x = 0; x < image.width(); x += 2) {
                n += qGray(image.pixel(x, y)) < 200 ? 1 : 0;
            }
        }
        return n;
    }

    QTemporaryDir m_dir;
};

TEST_F(RenderLessonViews, KernelRegressionDrawsEachKernelDifferently)
{
    const QImage gaussian = render({"--view", "kernel-regression", "--kernel-width", "0.3"}, "g.png");
    const QImage wide = render({"--view", "kernel-regression", "--kernel-width", "2"}, "w.png");
    const QImage average = render({"--view", "kernel-regression", "--kernel", "average"}, "a.png");
    const QImage learned =
        render({"--view", "kernel-regression", "--kernel", "learned", "--width", "1200", "--height", "600"}, "l.png");
    ASSERT_FALSE(gaussian.isNull());
    EXPECT_GT(inked(gaussian), gaussian.width() * gaussian.height() / 40);
    EXPECT_NE(gaussian, wide);
    EXPECT_NE(gaussian, average);
    EXPECT_EQ(learned.width(), 2400); // PNGs are written at twice the size
    for (const char* ext : {"svg", "pdf"}) {
        const CliRun r = cli({"render", "--view", "kernel-regression", "--out", path(QStringLiteral("k.") + ext)});
        EXPECT_EQ(r.code, 0) << r.err.toStdString();
        EXPECT_GT(QFile(path(QStringLiteral("k.") + ext)).size(), 1000);
    }
}

TEST_F(RenderLessonViews, ThreeStepsDrawsEachStageAndAnyInput)
{
    const QImage start = render({"--view", "three-steps", "--stage", "0.5"}, "s0.png");
    const QImage done = render({"--view", "three-steps"}, "s3.png");
    ASSERT_FALSE(start.isNull());
    EXPECT_NE(start, done);
    EXPECT_GT(inked(done), inked(start));
    const QImage other =
        render({"--view", "three-steps", "--query", "0.5,1,2", "--keys", "1,0,0;0,1,0;0,0,1", "--values", "1,2;3,4;5,6",
                "--function", "additive", "--temperature", "0.5", "--stage", "2.5"},
               "o.png");
    EXPECT_NE(other, done);
    EXPECT_NE(render({"--view", "three-steps", "--mode", "hard"}, "h.png"), done);
}

TEST_F(RenderLessonViews, BadOptionsNameTheProblem)
{
    struct Case
    {
        QStringList args;
        QString message;
    };
    const Case cases[] = {
        {{"--view", "kernel-regression", "--kernel", "rbf"}, "--kernel"},
        {{"--view", "kernel-regression", "--kernel-width", "0"}, "--kernel-width"},
        {{"--view", "kernel-regression", "--font-px", "x"}, "--font-px"},
        {{"--view", "three-steps", "--function", "magic"}, "--function"},
        {{"--view", "three-steps", "--stage", "4"}, "--stage"},
        {{"--view", "three-steps", "--mode", "warm"}, "--mode"},
        {{"--view", "three-steps", "--temperature", "0"}, "--temperature"},
        {{"--view", "three-steps", "--keys", "1,0;0,1", "--values", "1,2"}, "2 keys but 1 values"},
        {{"--view", "three-steps", "--query", "1,2,3"}, "size"},
    };
    for (const Case& c : cases) {
        const CliRun r = cli(QStringList{"render"} + c.args + QStringList{"--out", path("bad.png")});
        EXPECT_NE(r.code, 0) << c.args.join(' ').toStdString();
        EXPECT_TRUE(r.err.contains(c.message)) << r.err.toStdString();
        EXPECT_EQ(r.err.trimmed().count(QLatin1Char('\n')), 0) << r.err.toStdString();
    }
}

} // namespace
