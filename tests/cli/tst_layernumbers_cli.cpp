// The model's layer numbers on the command line (issue 16, memory): a tiny random BERT of 4 layers whose attention
// at 160 tokens does not fit in ATTNSCOPE_ATTENTION_LIMIT_MB=1 keeps its last two layers; attend's JSON says which,
// render --layer names the model's layer (from the model or from attend's JSON), a layer that was not kept is named
// with the reason, and --merge-pieces says "Words" on stderr in render as in attend.
#include "cli/clirun.h"
#include "cli/hftinybert.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using attn::test::cli;
using attn::test::CliRun;

namespace {

QString longSentence()
{
    const QStringList cycle = {"the", "cat", "sat", "on", "the", "mat", "."};
    QStringList words;
    for (int i = 0; i < 158; ++i) {
        words << cycle[i % cycle.size()];
    }
    return words.join(QLatin1Char(' ')); // 158 tokens, 160 with [CLS] and [SEP]
}

class LayerNumbersCli : public ::testing::Test
{
protected:
    void SetUp() override
    {
        attn::tinybert::Spec spec;
        spec.layers = 4;
        spec.heads = 4;
        spec.maxPositions = 200;
        m_model = m_tmp.filePath("tiny-bert-4");
        ASSERT_TRUE(attn::tinybert::write(m_model, spec));
        m_small = m_tmp.filePath("tiny-bert");
        ASSERT_TRUE(attn::tinybert::write(m_small));
        // 4 heads x 160 x 160 floats = 400 KiB a layer: 1 MiB keeps two of the four.
        qputenv("ATTNSCOPE_ATTENTION_LIMIT_MB", "1");
    }
    void TearDown() override { qunsetenv("ATTNSCOPE_ATTENTION_LIMIT_MB"); }
    QTemporaryDir m_tmp;
    QString m_model;
    QString m_small;
};

} // namespace

TEST_F(LayerNumbersCli, AttendAndRenderNameTheModelsLayers)
{
    const CliRun attend = cli({"attend", "--model", m_model, "--text", longSentence()});
    ASSERT_EQ(attend.code, 0) << attend.err.toStdString();
    const QJsonObject json = QJsonDocument::fromJson(attend.out).object();
    EXPECT_EQ(json.value("layers").toArray(), (QJsonArray{2, 3}));
    EXPECT_EQ(json.value("attention").toObject().value("encoder_self").toArray().size(), 2);
    EXPECT_TRUE(attend.err.contains("only layers 2 to 3 are kept (choose layers with --layers"))
        << attend.err.toStdString();
    EXPECT_TRUE(attend.err.contains("above the limit of 1.0 MiB")) << attend.err.toStdString();
    EXPECT_FALSE(attend.err.contains("shown here as")) << attend.err.toStdString();

    const QString file = m_tmp.filePath("attend.json");
    {
        QFile f(file);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(attend.out);
    }
    // From the model: --layer is the model's number; a layer the limit dropped is named, with the reason.
    const CliRun fromModel = cli({"render", "--view", "matrix", "--model", m_model, "--text", longSentence(), "--layer",
                                  "2", "--out", m_tmp.filePath("l2.png")});
    EXPECT_EQ(fromModel.code, 0) << fromModel.err.toStdString();
    EXPECT_TRUE(fromModel.err.contains("only layers 2 to 3 are kept")) << fromModel.err.toStdString();
    const CliRun dropped = cli({"render", "--view", "matrix", "--model", m_model, "--text", longSentence(), "--layer",
                                "0", "--out", m_tmp.filePath("l0.png")});
    EXPECT_NE(dropped.code, 0);
    EXPECT_TRUE(dropped.err.contains("--layer 0 was not kept: the run kept layers 2,3 (the attention memory limit"))
        << dropped.err.toStdString();
    // From attend's JSON: its "layers" number the blocks' layers.
    const QString scene = m_tmp.filePath("scene.json");
    const CliRun fromFile = cli({"render", "--view", "model", "--attention", file, "--layer", "3", "--head", "1",
                                 "--out", m_tmp.filePath("grid.png"), "--scene", scene});
    EXPECT_EQ(fromFile.code, 0) << fromFile.err.toStdString();
    QFile s(scene);
    ASSERT_TRUE(s.open(QIODevice::ReadOnly));
    const QJsonObject drawn = QJsonDocument::fromJson(s.readAll()).object();
    EXPECT_EQ(drawn.value("layers").toInt(), 2);
    EXPECT_EQ(drawn.value("selected").toArray(), (QJsonArray{1, 1})); // the second row holds layer 3
    const CliRun notInFile =
        cli({"render", "--view", "matrix", "--attention", file, "--layer", "1", "--out", m_tmp.filePath("f1.png")});
    EXPECT_NE(notInFile.code, 0);
    EXPECT_TRUE(notInFile.err.contains("layer 1 was not kept: 'encoder_self' holds layers 2, 3"))
        << notInFile.err.toStdString();
}

TEST_F(LayerNumbersCli, MergePiecesSaysWordsInRenderAsInAttend)
{
    const CliRun attend = cli({"attend", "--model", m_small, "--text", "Playing cards", "--merge-pieces"});
    ASSERT_EQ(attend.code, 0) << attend.err.toStdString();
    EXPECT_TRUE(attend.err.contains("notice: Words:")) << attend.err.toStdString();
    const CliRun render = cli({"render", "--view", "matrix", "--model", m_small, "--text", "Playing cards",
                               "--merge-pieces", "--out", m_tmp.filePath("words.png")});
    ASSERT_EQ(render.code, 0) << render.err.toStdString();
    EXPECT_TRUE(render.err.contains("notice: Words:")) << render.err.toStdString();
    const CliRun pieces = cli({"render", "--view", "matrix", "--model", m_small, "--text", "Playing cards", "--out",
                               m_tmp.filePath("pieces.png")});
    ASSERT_EQ(pieces.code, 0) << pieces.err.toStdString();
    EXPECT_FALSE(pieces.err.contains("Words")) << pieces.err.toStdString();
}
