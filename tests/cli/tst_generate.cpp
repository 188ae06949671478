// attnscope-cli generate and attend with a llama2.c checkpoint, run as a user would.
#include "cli/clirun.h"
#include "cli/generatejsoncheck.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <cmath>
#include <gtest/gtest.h>

using attn::test::cli;
using attn::test::CliRun;
using attn::test::rowSum;

namespace {

const QString kData = QStringLiteral(ATTN_SHARED_DATA_DIR "/tinystories");

class GenerateCli : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(QFileInfo::exists(kData + "/stories260K.bin"))
            << "TinyStories data not found in " << kData.toStdString()
            << " (scripts/setup.sh says where it comes from)";
    }
    const QString m_model = kData + "/stories260K.bin";
};

} // namespace

TEST_F(GenerateCli, PrintsTheGreedyContinuation)
{
    const CliRun r = cli({"generate", "--model", m_model, "--prompt", "Once upon a time", "--steps", "56"});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_EQ(r.out.trimmed().toStdString(),
              "Once upon a time, there was a little girl named Lily. She loved to play outside in the park. "
              "One day, she saw a big, red ball. She wanted to play with it, but it was too high");
}

TEST_F(GenerateCli, JsonHoldsEachStepsAttention)
{
    const CliRun r = cli({"generate", "--model", m_model, "--tokenizer", kData + "/tok512.bin", "--prompt",
                          "Once upon a time", "--steps", "8", "--temperature", "0.8", "--seed", "7", "--json"});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    const QJsonObject json = QJsonDocument::fromJson(r.out).object();
    EXPECT_EQ(json["model"].toString().toStdString(), "stories260K");
    EXPECT_EQ(json["prompt_tokens"].toInt(), 5);
    const QJsonArray steps = json["steps"].toArray();
    ASSERT_EQ(steps.size(), 8);
    EXPECT_EQ(json["tokens"].toArray().size(), 13);
    attn::test::expectGenerateSteps(json, /*prompt=*/5, /*layers=*/5, /*heads=*/8);
    // The same seed gives the same text.
    const CliRun again = cli({"generate", "--model", m_model, "--prompt", "Once upon a time", "--steps", "8",
                              "--temperature", "0.8", "--seed", "7"});
    EXPECT_EQ(again.out.trimmed().toStdString(), json["text"].toString().toStdString());
}

TEST_F(GenerateCli, AttendGivesEveryLayerAndQueryHead)
{
    const CliRun r = cli({"attend", "--model", m_model, "--text", "Lily. She"});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    const QJsonObject json = QJsonDocument::fromJson(r.out).object();
    EXPECT_EQ(json["source_tokens"], json["target_tokens"]);
    const QJsonArray block = json["attention"].toObject()["decoder_self"].toArray();
    ASSERT_EQ(block.size(), 5);
    ASSERT_EQ(block[0].toArray().size(), 8);
    const QJsonArray map = block[4].toArray()[7].toArray();
    ASSERT_EQ(map.size(), 4); // <s>, " Lily", ".", " She"
    for (int q = 0; q < 4; ++q) {
        EXPECT_NEAR(rowSum(map[q].toArray()), 1.0, 1e-5);
        for (int k = q + 1; k < 4; ++k) {
            EXPECT_EQ(map[q].toArray()[k].toDouble(), 0.0);
        }
    }
}

TEST_F(GenerateCli, BadInputGivesOneLineAndAStatus)
{
    QTemporaryDir dir;
    const CliRun noPrompt = cli({"generate", "--model", m_model});
    EXPECT_EQ(noPrompt.code, 2);
    EXPECT_TRUE(noPrompt.err.contains("--prompt is required")) << noPrompt.err.toStdString();
    const CliRun badSteps = cli({"generate", "--model", m_model, "--prompt", "x", "--steps", "many"});
    EXPECT_EQ(badSteps.code, 2);
    const CliRun badTemp = cli({"generate", "--model", m_model, "--prompt", "x", "--temperature", "-1"});
    EXPECT_EQ(badTemp.code, 2);
    const CliRun missing = cli({"generate", "--model", dir.filePath("none.bin"), "--prompt", "x"});
    EXPECT_EQ(missing.code, 1);
    EXPECT_TRUE(missing.err.contains("none.bin")) << missing.err.toStdString();
    const CliRun wrongTokenizer = cli({"generate", "--model", m_model, "--tokenizer", m_model, "--prompt", "x"});
    EXPECT_EQ(wrongTokenizer.code, 1);
    EXPECT_TRUE(wrongTokenizer.err.contains("tokenizer")) << wrongTokenizer.err.toStdString();
    EXPECT_EQ(wrongTokenizer.err.count('\n'), 1) << wrongTokenizer.err.toStdString();
    // attend passes --tokenizer through to the checkpoint format.
    const CliRun attendWrongTokenizer = cli({"attend", "--model", m_model, "--tokenizer", m_model, "--text", "x"});
    EXPECT_EQ(attendWrongTokenizer.code, 1);
    EXPECT_TRUE(attendWrongTokenizer.err.contains("stories260K.bin: not a llama2.c tokenizer") ||
                attendWrongTokenizer.err.contains("tokens but the model's vocabulary"))
        << attendWrongTokenizer.err.toStdString();
    const CliRun notCheckpoint = cli({"attend", "--model", kData + "/tok512.bin", "--text", "x"});
    EXPECT_EQ(notCheckpoint.code, 1);
    EXPECT_TRUE(notCheckpoint.err.contains("not a llama2.c checkpoint")) << notCheckpoint.err.toStdString();
}

TEST_F(GenerateCli, RendersTheStepThroughPanel)
{
    QTemporaryDir dir;
    const QString out = dir.filePath("step.png");
    const CliRun r = cli({"render", "--view", "generate", "--model", m_model, "--prompt", "Lily. She", "--steps", "5",
                          "--token", "3", "--layer", "4", "--head", "7", "--out", out}); // the last ones (from 0)
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    QFile png(out);
    ASSERT_TRUE(png.open(QIODevice::ReadOnly));
    EXPECT_EQ(png.read(4), QByteArray("\x89PNG"));
    EXPECT_GT(png.size(), 20000);
    const CliRun badHead =
        cli({"render", "--view", "generate", "--model", m_model, "--prompt", "x", "--head", "8", "--out", out});
    EXPECT_EQ(badHead.code, 1);
    EXPECT_TRUE(badHead.err.contains("--head 0..7")) << badHead.err.toStdString();
}

// The shipped folder (config.json naming the checkpoint and tokenizer) opens as the checkpoint itself does.
TEST(GenerateCliFolder, TheShippedFolderOpensLikeItsCheckpoint)
{
    const QString folder = QStringLiteral(ATTN_MODELS_DIR "/stories260K");
    ASSERT_TRUE(QFile::exists(folder + "/stories260K.bin")) << "scripts/setup.sh installs models/stories260K";
    const CliRun byFolder = cli({"attend", "--model", folder, "--text", "Once upon a time"});
    const CliRun byFile = cli({"attend", "--model", folder + "/stories260K.bin", "--text", "Once upon a time"});
    ASSERT_EQ(byFolder.code, 0) << byFolder.err.toStdString();
    ASSERT_EQ(byFile.code, 0) << byFile.err.toStdString();
    EXPECT_EQ(QJsonDocument::fromJson(byFolder.out).object().value("attention"),
              QJsonDocument::fromJson(byFile.out).object().value("attention"));
}
