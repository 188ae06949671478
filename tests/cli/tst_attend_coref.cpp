// `attnscope-cli attend` on models/coref-en-fr, run as a user runs it: the JSON of DESIGN.md section 3 on
// stdout, notices and one-line errors on stderr, non-zero exit status on bad input.
#include "cli/clirun.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <gtest/gtest.h>

using attn::test::CliRun;
using attn::test::cli;

namespace {

const QString kModelDir = QDir(QStringLiteral(ATTN_MODELS_DIR)).filePath(QStringLiteral("coref-en-fr"));

} // namespace

TEST(AttendCoref, PrintsEveryBlockWithTheDesignShapes)
{
    const CliRun r =
        cli({"attend", "--model", kModelDir, "--text", "The animal didn't cross the street because it was too tired."});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    const QJsonObject json = QJsonDocument::fromJson(r.out).object();
    EXPECT_EQ(json.value("model").toString(), QStringLiteral("coref-en-fr"));
    const QJsonArray source = json.value("source_tokens").toArray();
    const QJsonArray target = json.value("target_tokens").toArray();
    ASSERT_EQ(source.size(), 12);
    EXPECT_EQ(source.at(1).toString(), QStringLiteral("animal"));
    EXPECT_TRUE(target.contains(QStringLiteral("il"))) << r.out.toStdString().substr(0, 300);
    const QJsonObject attention = json.value("attention").toObject();
    auto dims = [&](const char* name) {
        QJsonArray a = attention.value(name).toArray();
        std::vector<int> d;
        while (!a.isEmpty()) {
            d.push_back(int(a.size()));
            a = a.at(0).toArray();
        }
        return d;
    };
    const int S = int(source.size()), T = int(target.size());
    EXPECT_EQ(dims("encoder_self"), (std::vector<int>{3, 4, S, S}));
    EXPECT_EQ(dims("decoder_self"), (std::vector<int>{3, 4, T, T}));
    EXPECT_EQ(dims("cross"), (std::vector<int>{3, 4, T, S}));
    double sum = 0;
    for (const auto& w : attention.value("cross").toArray().at(2).toArray().at(0).toArray().at(T - 1).toArray()) {
        sum += w.toDouble();
    }
    EXPECT_NEAR(sum, 1.0, 1e-5);
}

TEST(AttendCoref, UnknownWordsGiveANoticeOnStderr)
{
    const CliRun r = cli({"attend", "--model", kModelDir, "--text", "the zebra sees the cat ."});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains("unknown word 'zebra' shown as <unk>")) << r.err.toStdString();
    EXPECT_TRUE(QJsonDocument::fromJson(r.out).object().value("source_tokens").toArray().contains("<unk>"));
}

TEST(AttendCoref, BadInputFailsWithOneLineNamingTheProblem)
{
    const std::vector<std::pair<QStringList, QByteArray>> cases = {
        {{"attend", "--model", kModelDir, "--text", ""}, "empty"},
        {{"attend", "--model", kModelDir, "--text", "?!."}, "only punctuation"},
        {{"attend", "--model", kModelDir, "--text", QString("the dog sees the cat and ").repeated(20)}, "at most"},
        {{"attend", "--model", kModelDir + "/missing", "--text", "the dog ."}, "no such model folder"},
        {{"attend", "--model", kModelDir}, "--text is required"},
    };
    for (const auto& [args, expected] : cases) {
        const CliRun r = cli(args);
        EXPECT_NE(r.code, 0) << expected.toStdString();
        EXPECT_TRUE(r.err.contains(expected)) << r.err.toStdString();
        EXPECT_EQ(r.err.trimmed().count('\n'), 0) << r.err.toStdString();
        EXPECT_TRUE(r.out.isEmpty());
    }
}
