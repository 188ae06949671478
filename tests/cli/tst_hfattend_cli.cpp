// attend and render with a Hugging Face folder (issue 16): a tiny random BERT written by the test (hftinybert.h)
// through the command line as a user runs it: the JSON's tokens, ids, rows; --ids without a tokenizer;
// --merge-pieces; --layers; the memory limit's notice; render's views.
#include "cli/clirun.h"
#include "cli/hftinybert.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using attn::test::cli;
using attn::test::CliRun;

namespace {

QStringList strings(const QJsonValue& v)
{
    QStringList out;
    for (const auto& x : v.toArray()) {
        out << x.toString();
    }
    return out;
}

QJsonObject parse(const CliRun& r)
{
    EXPECT_EQ(r.code, 0) << r.err.toStdString();
    const auto doc = QJsonDocument::fromJson(r.out);
    EXPECT_TRUE(doc.isObject()) << r.out.left(200).toStdString();
    return doc.object();
}

// (layers, heads, queries, keys) from the JSON, checking that every row sums to 1.
std::vector<int> shapeAndRows(const QJsonValue& block)
{
    const QJsonArray layers = block.toArray();
    std::vector<int> shape = {int(layers.size()), 0, 0, 0};
    for (const auto& l : layers) {
        shape[1] = int(l.toArray().size());
        for (const auto& h : l.toArray()) {
            shape[2] = int(h.toArray().size());
            for (const auto& row : h.toArray()) {
                shape[3] = int(row.toArray().size());
                double sum = 0;
                for (const auto& w : row.toArray()) {
                    sum += w.toDouble();
                }
                EXPECT_NEAR(sum, 1.0, 1e-5);
            }
        }
    }
    return shape;
}

class HfAttendCli : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_model = m_tmp.filePath("tiny-bert");
        ASSERT_TRUE(attn::tinybert::write(m_model));
    }
    QTemporaryDir m_tmp;
    QString m_model;
};

} // namespace

TEST_F(HfAttendCli, AttendPrintsTheVocabularysTokensIdsAndRowsThatSumToOne)
{
    const QJsonObject json = parse(cli({"attend", "--model", m_model, "--text", "Playing cards."}));
    EXPECT_EQ(json.value("model").toString(), QString("tiny-bert"));
    EXPECT_EQ(strings(json.value("source_tokens")),
              (QStringList{"[CLS]", "play", "##ing", "card", "##s", ".", "[SEP]"}));
    EXPECT_EQ(json.value("ids").toArray(), (QJsonArray{2, 10, 11, 13, 12, 15, 3}));
    EXPECT_TRUE(json.value("target_tokens").toArray().isEmpty());
    EXPECT_FALSE(json.contains("layers")); // every layer kept
    const QJsonObject attention = json.value("attention").toObject();
    EXPECT_EQ(attention.keys(), QStringList{"encoder_self"});
    EXPECT_EQ(shapeAndRows(attention.value("encoder_self")), (std::vector<int>{2, 2, 7, 7}));
}

TEST_F(HfAttendCli, IdsRunWithoutATokenizer)
{
    QFile::remove(m_model + "/vocab.txt");
    const CliRun text = cli({"attend", "--model", m_model, "--text", "the cat"});
    EXPECT_EQ(text.code, 1);
    EXPECT_TRUE(text.err.contains("no tokenizer: looked for tokenizer.json, vocab.txt")) << text.err.toStdString();
    const QJsonObject json = parse(cli({"attend", "--model", m_model, "--ids", "2,5,6,3"}));
    EXPECT_EQ(strings(json.value("source_tokens")), (QStringList{"2", "5", "6", "3"}));
    EXPECT_EQ(shapeAndRows(json.value("attention").toObject().value("encoder_self")), (std::vector<int>{2, 2, 4, 4}));
    // --ids only means something for Hugging Face folders; --text and --ids together are refused.
    const CliRun both = cli({"attend", "--model", m_model, "--ids", "2,3", "--text", "x"});
    EXPECT_EQ(both.code, 2);
    EXPECT_TRUE(both.err.contains("either --text or --ids")) << both.err.toStdString();
}

TEST_F(HfAttendCli, MergePiecesGivesWordsAndSaysHowPiecesMapToThem)
{
    const QJsonObject pieces = parse(cli({"attend", "--model", m_model, "--text", "Playing cards"}));
    const QJsonObject json = parse(cli({"attend", "--model", m_model, "--text", "Playing cards", "--merge-pieces"}));
    EXPECT_EQ(strings(json.value("source_tokens")), (QStringList{"[CLS]", "playing", "cards", "[SEP]"}));
    EXPECT_EQ(strings(json.value("tokens")), (QStringList{"[CLS]", "play", "##ing", "card", "##s", "[SEP]"}));
    EXPECT_EQ(json.value("words").toArray(), (QJsonArray{0, 1, 1, 2, 2, 3}));
    const QJsonValue words = json.value("attention").toObject().value("encoder_self");
    EXPECT_EQ(shapeAndRows(words), (std::vector<int>{2, 2, 4, 4}));
    // playing -> cards in layer 1, head 0: the mean over play, ##ing of the sum over card, ##s.
    const QJsonArray p = pieces.value("attention").toObject().value("encoder_self")[1][0].toArray();
    double expected = 0;
    for (int q : {1, 2}) {
        expected += (p[q][3].toDouble() + p[q][4].toDouble()) / 2;
    }
    EXPECT_NEAR(words[1][0][1][2].toDouble(), expected, 1e-6);
}

TEST_F(HfAttendCli, LayersAndTheMemoryLimit)
{
    const QJsonObject json = parse(cli({"attend", "--model", m_model, "--text", "the cat", "--layers", "1"}));
    EXPECT_EQ(json.value("layers").toArray(), (QJsonArray{1}));
    EXPECT_EQ(shapeAndRows(json.value("attention").toObject().value("encoder_self"))[0], 1);
    qputenv("ATTNSCOPE_ATTENTION_LIMIT_MB", "0"); // ignored: not a positive number
    EXPECT_EQ(cli({"attend", "--model", m_model, "--text", "the cat"}).code, 0);
    qunsetenv("ATTNSCOPE_ATTENTION_LIMIT_MB");
    const CliRun bad = cli({"attend", "--model", m_model, "--text", "the cat", "--layers", "2"});
    EXPECT_EQ(bad.code, 1);
    EXPECT_TRUE(bad.err.contains("layer 2 out of range: tiny-bert has layers 0 to 1")) << bad.err.toStdString();
}

TEST_F(HfAttendCli, RenderDrawsTheViewsOfAFolderWithWordsAndIds)
{
    for (const QString view : {"matrix", "head", "model"}) {
        const QString out = m_tmp.filePath(view + ".png");
        const CliRun r = cli(
            {"render", "--view", view, "--model", m_model, "--text", "Playing cards", "--merge-pieces", "--out", out});
        EXPECT_EQ(r.code, 0) << view.toStdString() << ": " << r.err.toStdString();
        EXPECT_GT(QFileInfo(out).size(), 1000) << view.toStdString();
    }
    const QString scene = m_tmp.filePath("scene.json");
    const CliRun r = cli({"render", "--view", "head", "--model", m_model, "--ids", "2,10,11,3", "--out",
                          m_tmp.filePath("ids.png"), "--scene", scene});
    EXPECT_EQ(r.code, 0) << r.err.toStdString();
    QFile f(scene);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    EXPECT_TRUE(f.readAll().contains("##ing"));
}

TEST_F(HfAttendCli, RenderLayerNamesTheModelsLayerWhenLayersAreKept)
{
    const CliRun r = cli({"render", "--view", "matrix", "--model", m_model, "--text", "the cat", "--layers", "1",
                          "--layer", "1", "--out", m_tmp.filePath("l1.png")});
    EXPECT_EQ(r.code, 0) << r.err.toStdString();
    const CliRun bad = cli({"render", "--view", "matrix", "--model", m_model, "--text", "the cat", "--layers", "1",
                            "--layer", "0", "--out", m_tmp.filePath("l0.png")});
    EXPECT_NE(bad.code, 0);
    EXPECT_TRUE(bad.err.contains("--layer 0 was not kept: the run kept layers 1 (--layers)")) << bad.err.toStdString();
}
