// attnscope-cli with the CNN + attention pair models (issue 15): classify on a pair, data --task pairs fed back
// through classify --input, and bad input (one text, an empty one, unknown words, too long) as one line on stderr.
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

void expectRowsSumToOne(const QJsonArray& matrix)
{
    for (const auto& row : matrix) {
        double s = 0;
        for (const auto& v : row.toArray()) {
            s += v.toDouble();
        }
        EXPECT_NEAR(s, 1.0, 1e-5);
    }
}

} // namespace

TEST(PairCli, ClassifyAPair)
{
    const auto r = cli({"classify", "--model", kModels + "/pair-abcnn2", "--text",
                        "The big dog sold a cheap car near the old house.", "--text2", "the large hound sold the car"});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    EXPECT_EQ(o.value("label").toString(), QStringLiteral("entails"));
    EXPECT_EQ(o.value("model").toString(), QStringLiteral("pair-abcnn2"));
    const QJsonArray tokens = o.value("tokens").toArray();
    ASSERT_EQ(tokens.size(), 2);
    EXPECT_EQ(tokens[0].toArray().size(), 11); // premise, "." dropped
    EXPECT_EQ(tokens[1].toArray().size(), 6);  // hypothesis
    const QJsonArray matrix = o.value("attention").toObject().value("matrix").toArray();
    ASSERT_EQ(matrix.size(), 6);
    EXPECT_EQ(matrix[0].toArray().size(), 11);
    expectRowsSumToOne(matrix);
}

TEST(PairCli, DataPairsThroughClassifyInput)
{
    const auto data = cli({"data", "--task", "pairs", "--seed", "77", "--count", "30"});
    ASSERT_EQ(data.code, 0) << data.err.toStdString();
    EXPECT_EQ(data.out, cli({"data", "--task", "pairs", "--seed", "77", "--count", "30"}).out);
    const auto pairs = jsonLines(data.out);
    ASSERT_EQ(pairs.size(), 30);
    for (const auto& p : pairs) {
        EXPECT_FALSE(p.value("premise").toString().isEmpty());
        EXPECT_FALSE(p.value("hypothesis").toString().isEmpty());
        EXPECT_TRUE(p.value("aligned").isArray());
    }
    QTemporaryDir dir;
    QFile file(dir.filePath("pairs.jsonl"));
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(data.out);
    file.close();
    const auto run = cli({"classify", "--model", kModels + "/pair-attentive-pooling", "--input", file.fileName()});
    ASSERT_EQ(run.code, 0) << run.err.toStdString();
    const auto results = jsonLines(run.out);
    ASSERT_EQ(results.size(), 30);
    int right = 0;
    for (int i = 0; i < 30; ++i) {
        right += results[i].value("label") == pairs[i].value("label");
        expectRowsSumToOne(results[i].value("attention").toObject().value("matrix").toArray());
    }
    EXPECT_GE(right, 26); // the card says about 98 %
}

TEST(PairCli, BadInputIsOneLine)
{
    const QString model = kModels + "/pair-abcnn1";
    const QString premise = QStringLiteral("the big dog sold a cheap car");
    const std::vector<std::pair<QStringList, QString>> cases = {
        {{"--text", premise}, "a pair model needs two texts: the premise (--text) and the hypothesis (--text2)"},
        {{"--text", premise, "--text2", " ! "}, "the hypothesis is empty"},
        {{"--text", premise, "--text2", "the zebra sold a car"}, "unknown word 'zebra' in the hypothesis"},
        {{"--text", QStringList(41, QStringLiteral("dog")).join(' '), "--text2", premise},
         "the premise has 41 words; this model reads at most 40"},
    };
    for (const auto& [args, expected] : cases) {
        const auto r = cli(QStringList{"classify", "--model", model} + args);
        EXPECT_NE(r.code, 0) << expected.toStdString();
        EXPECT_TRUE(r.err.contains(expected)) << "got: " << r.err.toStdString();
        EXPECT_EQ(r.err.trimmed().count(QLatin1Char('\n')), 0) << r.err.toStdString();
        EXPECT_TRUE(r.out.isEmpty());
    }
}
