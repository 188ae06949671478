// attnscope-cli stats --attention FILE and render --attention FILE --view matrix|head|model (issue 18), on the
// numpy-written fixtures and on files written here.
#include "cli/clirun.h"
#include "core/attentionfilewriter.h"

#include <QImage>
#include <QSet>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using attn::test::CliRun;
using attn::test::cli;
using namespace attn::testfiles;

namespace {

const QString kFixtures = QStringLiteral(ATTN_FIXTURES_DIR "/attention/");

} // namespace

TEST(AttentionFilesCli, StatsOfEveryHead)
{
    const CliRun r = cli({"stats", "--attention", kFixtures + "seq2seq.npz", "--top", "2"});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_TRUE(r.err.isEmpty()) << r.err.toStdString();
    const QJsonObject json = QJsonDocument::fromJson(r.out).object();
    const QJsonArray blocks = json["blocks"].toArray();
    ASSERT_EQ(blocks.size(), 3);
    EXPECT_EQ(blocks[2].toObject()["kind"].toString(), "cross");
    const QJsonArray heads = blocks[0].toObject()["head_stats"].toArray();
    ASSERT_EQ(heads.size(), 4); // 2 layers x 2 heads
    const QJsonObject h = heads[3].toObject();
    EXPECT_EQ(h["layer"].toInt(), 1);
    EXPECT_EQ(h["head"].toInt(), 1);
    EXPECT_GT(h["entropy"].toDouble(), 0.0);
    EXPECT_LE(h["normalised_entropy"].toDouble(), 1.0);
    EXPECT_TRUE(h.contains("mean_distance"));
    EXPECT_FALSE(blocks[2].toObject()["head_stats"].toArray()[0].toObject().contains("mean_distance"));
    const QJsonArray top = h["top_targets"].toArray();
    ASSERT_EQ(top.size(), 2);
    const QStringList source{"the", "dog", "was", "tired", "."};
    EXPECT_EQ(top[0].toObject()["token"].toString(), source.value(top[0].toObject()["key"].toInt()));
    EXPECT_GE(top[0].toObject()["share"].toDouble(), top[1].toObject()["share"].toDouble());
}

TEST(AttentionFilesCli, StatsKnowsAHeadThatAttendsToThePreviousToken)
{
    QTemporaryDir dir;
    const int T = 8;
    std::vector<float> w(std::size_t(T) * T, 0.f);
    for (int q = 0; q < T; ++q)
        w[std::size_t(q) * T + std::size_t(q > 0 ? q - 1 : 0)] = 1.f;
    ASSERT_TRUE(writeBytes(dir.filePath("prev.npy"), npyBytes({T, T}, w, true)));
    const CliRun r = cli({"stats", "--attention", dir.filePath("prev.npy")});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains("positions shown as 0, 1, 2")) << r.err.toStdString();
    const QJsonObject h =
        QJsonDocument::fromJson(r.out).object()["blocks"].toArray()[0].toObject()["head_stats"].toArray()[0].toObject();
    EXPECT_DOUBLE_EQ(h["entropy"].toDouble(), 0.0);
    EXPECT_DOUBLE_EQ(h["mean_distance"].toDouble(), 7.0 / 8.0);
}

TEST(AttentionFilesCli, RenderEachViewOfAnNpz)
{
    QTemporaryDir dir;
    for (const QString view : {"matrix", "head", "model"}) {
        const QString out = dir.filePath(view + ".png");
        const CliRun r = cli({"render", "--attention", kFixtures + "seq2seq_compressed.npz", "--kind", "cross", "--view",
                              view, "--layer", "1", "--head", "0", "--out", out});
        ASSERT_EQ(r.code, 0) << view.toStdString() << ": " << r.err.toStdString();
        const QImage image(out);
        ASSERT_FALSE(image.isNull()) << view.toStdString();
        // Something was drawn: more than a handful of colours.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 4)
            for (int x = 0; x < image.width(); x += 4)
                colours.insert(image.pixel(x, y));
        EXPECT_GT(colours.size(), 20) << view.toStdString();
    }
}

TEST(AttentionFilesCli, RenderTheTokenTextView)
{
    QTemporaryDir dir;
    const QString out = dir.filePath("text.png");
    const CliRun r = cli({"render", "--attention", kFixtures + "gpt.npy", "--view", "text", "--layer", "1", "--select",
                          "cat", "--out", out});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_FALSE(QImage(out).isNull());
    const CliRun cross = cli({"render", "--attention", kFixtures + "seq2seq.npz", "--kind", "cross", "--view", "text",
                              "--out", out});
    EXPECT_NE(cross.code, 0);
    EXPECT_TRUE(cross.err.contains("--view text shows self-attention")) << cross.err.toStdString();
}

TEST(AttentionFilesCli, RenderNpyWithTokensAndErrors)
{
    QTemporaryDir dir;
    const int T = 5;
    ASSERT_TRUE(writeBytes(dir.filePath("a.npy"), npyBytes({2, T, T}, softmaxRows(std::size_t(2) * T * T, T, 9))));
    ASSERT_TRUE(writeBytes(dir.filePath("words.json"), R"(["one", "two", "three", "four", "five"])"));
    const CliRun ok = cli({"render", "--attention", dir.filePath("a.npy"), "--tokens", dir.filePath("words.json"),
                           "--view", "matrix", "--head", "1", "--out", dir.filePath("m.png")});
    EXPECT_EQ(ok.code, 0) << ok.err.toStdString();
    EXPECT_TRUE(ok.err.isEmpty()) << ok.err.toStdString();
    const CliRun head = cli({"render", "--attention", dir.filePath("a.npy"), "--view", "matrix", "--head", "2",
                             "--out", dir.filePath("m.png")});
    EXPECT_NE(head.code, 0);
    EXPECT_TRUE(head.err.contains("--head 2: attention has heads 0 to 1")) << head.err.toStdString();
    const CliRun kind = cli({"render", "--attention", dir.filePath("a.npy"), "--kind", "cross", "--view", "matrix",
                             "--out", dir.filePath("m.png")});
    EXPECT_TRUE(kind.err.contains("--kind cross: the file has attention")) << kind.err.toStdString();
}
