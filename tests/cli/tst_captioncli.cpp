// attnscope-cli caption / render --view overlay|overlay-grid / scenes, run as a user would.
#include "cli/clirun.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <cmath>

using attn::test::CliRun;
using attn::test::cli;

namespace {

const QString kModel = QStringLiteral(ATTN_MODELS_DIR "/caption-shapes");
const QString kExample = QStringLiteral(ATTN_SOURCE_DIR "/resources/examples/caption/three-in-a-row.png");

} // namespace

TEST(CaptionCli, PrintsExactlyTheDesignJson)
{
    const CliRun r = cli({"caption", "--model", kModel, "--image", kExample, "--beam", "3"});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    const QJsonObject json = QJsonDocument::fromJson(r.out).object();
    EXPECT_EQ(json.keys(), (QStringList{"alphas", "betas", "grid", "model", "words"}));
    EXPECT_EQ(json["model"].toString(), "caption-shapes");
    const QJsonArray words = json["words"].toArray();
    const QJsonArray alphas = json["alphas"].toArray();
    const QJsonArray betas = json["betas"].toArray();
    ASSERT_GT(words.size(), 3);
    EXPECT_EQ(alphas.size(), words.size());
    EXPECT_EQ(betas.size(), words.size());
    EXPECT_EQ(json["grid"].toArray(), (QJsonArray{16, 16}));
    for (const auto& map : alphas) {
        double sum = 0.0;
        ASSERT_EQ(map.toArray().size(), 16);
        for (const auto& row : map.toArray()) {
            ASSERT_EQ(row.toArray().size(), 16);
            for (const auto& v : row.toArray()) {
                sum += v.toDouble();
            }
        }
        EXPECT_NEAR(sum, 1.0, 1e-5);
    }
    // The example is "a large purple circle left of a large green circle left of a small yellow diamond".
    EXPECT_TRUE(words.contains("left")) << r.out.toStdString();
}

TEST(CaptionCli, BadInputsGiveOneLineAndNonZeroStatus)
{
    QTemporaryDir dir;
    QFile junk(dir.filePath("junk.png"));
    ASSERT_TRUE(junk.open(QIODevice::WriteOnly));
    junk.write("not a png at all");
    junk.close();
    const QList<QStringList> cases{
        {"caption", "--model", kModel, "--image", dir.filePath("junk.png")},
        {"caption", "--model", kModel, "--image", dir.filePath("absent.png")},
        {"caption", "--model", dir.filePath("nomodel"), "--image", kExample},
        {"caption", "--model", kModel, "--image", kExample, "--beam", "0"},
        {"caption", "--image", kExample},
    };
    for (const auto& args : cases) {
        const CliRun r = cli(args);
        EXPECT_NE(r.code, 0) << args.join(' ').toStdString();
        EXPECT_TRUE(r.out.isEmpty());
        EXPECT_EQ(r.err.trimmed().count('\n'), 0) << r.err.toStdString();
        EXPECT_TRUE(r.err.startsWith("attnscope-cli")) << r.err.toStdString();
    }
    const CliRun junkRun = cli(cases.first());
    EXPECT_TRUE(junkRun.err.contains("junk.png")) << junkRun.err.toStdString();
}

// train caption has one design, the shipped one: the flags that chose the removed designs are unknown options now
// (one line naming the flag, nothing written), and the recipe's own flags are checked before any training starts.
TEST(CaptionCli, RemovedDesignFlagsAndBadValuesAreRefusedUpFront)
{
    QTemporaryDir dir;
    const QString out = dir.filePath("never-written");
    const QList<QPair<QStringList, QString>> cases{
        {{"--field", "25"}, "Unknown option 'field'"},
        {{"--key-field", "4"}, "Unknown option 'key-field'"},
        {{"--key-context", "0"}, "Unknown option 'key-context'"},
        {{"--colour-from", "cell"}, "Unknown option 'colour-from'"},
        {{"--centred"}, "Unknown option 'centred'"},
        {{"--local-values"}, "Unknown option 'local-values'"},
        {{"--attention-dropout", "0"}, "Unknown option 'attention-dropout'"},
        {{"--lambda", "-1"}, "--lambda"},
        {{"--batch", "0"}, "--batch"},
    };
    for (const auto& [flags, named] : cases) {
        const CliRun r = cli(QStringList{"train", "caption", "--out", out, "--steps", "1"} + flags);
        EXPECT_NE(r.code, 0) << flags.join(' ').toStdString();
        EXPECT_EQ(r.err.trimmed().count('\n'), 0) << r.err.toStdString();
        EXPECT_TRUE(r.err.startsWith("attnscope-cli")) << r.err.toStdString();
        EXPECT_TRUE(r.err.contains(named)) << r.err.toStdString();
        EXPECT_FALSE(QFileInfo::exists(out)) << flags.join(' ').toStdString();
    }
    // The help lists only the flags that remain.
    const CliRun help = cli({"train", "--help"});
    ASSERT_EQ(help.code, 0);
    for (const char* removed : {"--field", "--key-field", "--key-context", "--colour-from", "--centred",
                                "--local-values", "--attention-dropout"}) {
        EXPECT_FALSE(help.out.contains(removed)) << removed;
    }
    EXPECT_TRUE(help.out.contains("--lambda"));
}

// A few steps of the recipe with its defaults write a model folder that captions an image (and whose design is
// the shipped model's), plus metrics.json.
TEST(CaptionCli, AShortTrainingRunWritesAWorkingModel)
{
    QTemporaryDir dir;
    const QString out = dir.filePath("tiny");
    const CliRun trained = cli({"train", "caption", "--out", out, "--steps", "3", "--seed", "9"});
    ASSERT_EQ(trained.code, 0) << trained.err.toStdString();
    const auto readJson = [](const QString& path) {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
    };
    const QJsonObject config = readJson(QDir(out).filePath("config.json"));
    const QJsonObject shipped = readJson(QDir(kModel).filePath("config.json"));
    for (const char* key :
         {"value_field", "key_field", "colour_from_cell", "where_gradient", "output_sees_where", "centred_cells"}) {
        EXPECT_EQ(config.value(QLatin1String(key)), shipped.value(QLatin1String(key))) << key;
    }
    const QJsonObject metrics = readJson(QDir(out).filePath("metrics.json"));
    EXPECT_EQ(metrics.value("steps").toInt(), 3);
    // The default penalty weight is the shipped recipe's too.
    EXPECT_EQ(metrics.value("lambda"), readJson(QDir(kModel).filePath("metrics.json")).value("lambda"));
    EXPECT_TRUE(metrics.contains("shape_peak_in_box_small_large"));
    const CliRun captioned = cli({"caption", "--model", out, "--image", kExample, "--beam", "1"});
    ASSERT_EQ(captioned.code, 0) << captioned.err.toStdString();
    EXPECT_FALSE(QJsonDocument::fromJson(captioned.out).object().value("alphas").toArray().isEmpty());
}

TEST(CaptionCli, RendersOverlaysInEveryFormat)
{
    QTemporaryDir dir;
    for (const QString& view : {QStringLiteral("overlay"), QStringLiteral("overlay-grid")}) {
        for (const QString& ext : {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")}) {
            const QString out = dir.filePath(view + "." + ext);
            const CliRun r = cli({"render", "--view", view, "--model", kModel, "--image", kExample, "--word", "3", "--out", out,
                               "--width", "600", "--height", "400"});
            EXPECT_EQ(r.code, 0) << r.err.toStdString();
            EXPECT_GT(QFileInfo(out).size(), 1000) << out.toStdString();
        }
    }
    const CliRun bad = cli({"render", "--view", "overlay", "--model", kModel, "--image", kExample, "--word", "zebra",
                         "--out", dir.filePath("x.png")});
    EXPECT_NE(bad.code, 0);
    EXPECT_TRUE(bad.err.contains("zebra")) << bad.err.toStdString();
}

TEST(CaptionCli, ScenesAreWrittenWithTheirCaptions)
{
    QTemporaryDir dir;
    const CliRun r = cli({"scenes", "--out", dir.path(), "--seed", "3", "--count", "2"});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    const QJsonArray scenes = QJsonDocument::fromJson(r.out).object()["scenes"].toArray();
    ASSERT_EQ(scenes.size(), 2);
    EXPECT_TRUE(QFile::exists(scenes[0].toObject()["file"].toString()));
    EXPECT_TRUE(scenes[0].toObject()["caption"].toString().startsWith("a "));
}
