// attnscope-cli classify and data (issue 15): the JSON a user gets from the shipped classifiers and the generators.
#include "cli/clirun.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using attn::test::cli;

namespace {

const QString kModels = QStringLiteral(ATTN_MODELS_DIR);

QList<QJsonObject> jsonLines(const QByteArray& out)
{
    QList<QJsonObject> objects;
    for (const QByteArray& line : out.split('\n')) {
        if (!line.trimmed().isEmpty()) {
            objects << QJsonDocument::fromJson(line).object();
        }
    }
    return objects;
}

double sum(const QJsonArray& a)
{
    double s = 0.0;
    for (const auto& v : a) {
        s += v.toDouble();
    }
    return s;
}

} // namespace

TEST(ClassifyCli, DataIsDeterministicWithDecisivePositions)
{
    const auto a = cli({"data", "--task", "reviews", "--seed", "7", "--count", "20"});
    const auto b = cli({"data", "--task", "reviews", "--seed", "7", "--count", "20"});
    ASSERT_EQ(a.code, 0) << a.err.toStdString();
    EXPECT_EQ(a.out, b.out);
    const auto reviews = jsonLines(a.out);
    ASSERT_EQ(reviews.size(), 20);
    for (const auto& r : reviews) {
        EXPECT_TRUE(r.value("label") == "positive" || r.value("label") == "negative");
        EXPECT_FALSE(r.value("decisive").toArray().isEmpty());
        EXPECT_FALSE(r.value("text").toString().isEmpty());
    }
    const auto docs = cli({"data", "--task", "documents", "--seed", "7", "--count", "5"});
    ASSERT_EQ(docs.code, 0);
    for (const auto& d : jsonLines(docs.out)) {
        EXPECT_GE(d.value("decisive_sentence").toInt(-1), 0);
        EXPECT_FALSE(d.value("decisive").toArray().isEmpty());
    }
    EXPECT_NE(cli({"data", "--task", "poems"}).code, 0);
    EXPECT_NE(cli({"data", "--task", "reviews", "--count", "0"}).code, 0);
}

TEST(ClassifyCli, ClassifyPrintsLabelProbabilitiesTokensAndAttention)
{
    const auto r = cli({"classify", "--model", kModels + "/pooling-attention", "--text",
                        "the actor arrives in june. it had not good acting. there was great popcorn."});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    EXPECT_EQ(o.value("model").toString(), "pooling-attention");
    EXPECT_EQ(o.value("label").toString(), "negative");
    EXPECT_NEAR(o.value("probabilities").toObject().value("negative").toDouble() +
                    o.value("probabilities").toObject().value("positive").toDouble(),
                1.0, 1e-5);
    const QJsonArray tokens = o.value("tokens").toArray();
    const QJsonArray words = o.value("attention").toObject().value("words").toArray();
    ASSERT_EQ(tokens.size(), words.size());
    EXPECT_NEAR(sum(words), 1.0, 1e-4);
    int top = 0;
    for (int i = 1; i < words.size(); ++i) {
        top = words[i].toDouble() > words[top].toDouble() ? i : top;
    }
    const QString topWord = tokens[top].toString();
    EXPECT_TRUE(topWord == "not" || topWord == "good" || topWord == "acting") << topWord.toStdString();

    const auto d = cli({"classify", "--model", kModels + "/han-documents", "--text",
                        "the actor arrives. it had dull acting. there was great popcorn."});
    ASSERT_EQ(d.code, 0) << d.err.toStdString();
    const QJsonObject doc = QJsonDocument::fromJson(d.out).object();
    EXPECT_EQ(doc.value("label").toString(), "negative");
    EXPECT_EQ(doc.value("tokens").toArray().size(), 3);
    EXPECT_NEAR(sum(doc.value("attention").toObject().value("sentences").toArray()), 1.0, 1e-4);
}

TEST(ClassifyCli, InputFileGivesOneObjectPerLine)
{
    QTemporaryDir dir;
    const auto data = cli({"data", "--task", "reviews", "--seed", "99", "--count", "6"});
    ASSERT_EQ(data.code, 0);
    QFile f(dir.filePath("reviews.jsonl"));
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(data.out);
    f.close();
    const auto r = cli({"classify", "--model", kModels + "/pooling-mean", "--input", f.fileName()});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_EQ(jsonLines(r.out).size(), 6);

    QFile bad(dir.filePath("bad.jsonl"));
    ASSERT_TRUE(bad.open(QIODevice::WriteOnly));
    bad.write("{\"text\": \"it had good acting\"}\n{\"txt\": 1}\n");
    bad.close();
    const auto e = cli({"classify", "--model", kModels + "/pooling-mean", "--input", bad.fileName()});
    EXPECT_NE(e.code, 0);
    EXPECT_TRUE(e.err.contains("bad.jsonl:2: no \"text\"")) << e.err.toStdString();
}

TEST(ClassifyCli, TrainRecipesWriteAFolderThatClassifies)
{
    QTemporaryDir dir;
    for (const QStringList& recipe : {QStringList{"pooling", "--pooling", "attention"}, QStringList{"han"}}) {
        const QString out = dir.filePath(recipe.first());
        const auto t = cli(QStringList{"train"} + recipe + QStringList{"--out", out, "--steps", "3", "--seed", "2"});
        ASSERT_EQ(t.code, 0) << t.err.toStdString();
        for (const char* file : {"config.json", "model.safetensors", "vocabulary.txt", "card.md", "metrics.json"}) {
            EXPECT_TRUE(QFile::exists(out + "/" + file)) << file;
        }
        QFile card(out + "/card.md");
        ASSERT_TRUE(card.open(QIODevice::ReadOnly));
        EXPECT_TRUE(card.readAll().contains(QStringLiteral("attnscope-cli train %1").arg(recipe.join(' ')).toUtf8()));
        const auto r = cli({"classify", "--model", out, "--text", "it had good acting. the actor arrives."});
        EXPECT_EQ(r.code, 0) << r.err.toStdString();
    }
}
