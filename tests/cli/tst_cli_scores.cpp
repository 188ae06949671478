// attnscope-cli scores and render, run as a user runs them: JSON on stdout, one-line errors on stderr.
#include "cli/clirun.h"

#include <QFile>
#include <QJsonArray>
#include <QSet>
#include <QJsonDocument>
#include <QJsonObject>
#include <QImage>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <cmath>

using attn::test::CliRun;
using attn::test::cli;

namespace {

std::vector<double> softmax(std::vector<double> s)
{
    double m = s[0], z = 0;
    for (double v : s) m = std::max(m, v);
    for (double& v : s) z += (v = std::exp(v - m));
    for (double& v : s) v /= z;
    return s;
}

void expectWeights(const QJsonObject& fn, const std::vector<double>& expected)
{
    const QJsonArray w = fn.value("weights").toArray();
    ASSERT_EQ(std::size_t(w.size()), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_NEAR(w[int(i)].toDouble(), expected[i], 1e-6);
    }
}

// A bad input: non-zero exit, nothing on stdout, exactly one line on stderr that contains `phrase`.
void expectOneLineError(const QStringList& args, const QString& phrase)
{
    const CliRun r = cli(args);
    EXPECT_NE(r.code, 0) << args.join(' ').toStdString();
    EXPECT_NE(r.code, -99) << "crashed: " << args.join(' ').toStdString();
    EXPECT_TRUE(r.out.isEmpty());
    const QString err = r.err.trimmed();
    EXPECT_EQ(err.count('\n'), 0) << err.toStdString();
    EXPECT_TRUE(err.contains(phrase, Qt::CaseInsensitive)) << err.toStdString() << " lacks " << phrase.toStdString();
}

} // namespace

TEST(CliScores, AllFunctionsAndTextbookFormulas)
{
    const CliRun r = cli({"scores", "--query", "1,0", "--keys", "1,0;0,1;-1,0", "--function", "all"});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    const QJsonObject fns = QJsonDocument::fromJson(r.out).object().value("functions").toObject();
    for (const char* name : {"dot", "scaled_dot", "cosine", "general", "concat", "additive", "location"}) {
        ASSERT_TRUE(fns.contains(name)) << name;
        double sum = 0;
        for (const auto& v : fns.value(name).toObject().value("weights").toArray()) sum += v.toDouble();
        EXPECT_NEAR(sum, 1.0, 1e-9) << name;
    }
    // q = (1,0), keys (1,0), (0,1), (-1,0): dot = (1, 0, -1); scaled dot = dot / sqrt(2); cosine = dot here.
    expectWeights(fns.value("dot").toObject(), softmax({1, 0, -1}));
    expectWeights(fns.value("scaled_dot").toObject(), softmax({1 / std::sqrt(2.0), 0, -1 / std::sqrt(2.0)}));
    expectWeights(fns.value("cosine").toObject(), softmax({1, 0, -1}));
}

TEST(CliScores, CosineDiffersFromDotForLongVectors)
{
    const CliRun r = cli({"scores", "--query", "2,0", "--keys", "3,0;0,1", "--function", "cosine"});
    ASSERT_EQ(r.code, 0);
    const QJsonObject fns = QJsonDocument::fromJson(r.out).object().value("functions").toObject();
    EXPECT_EQ(fns.size(), 1);
    expectWeights(fns.value("cosine").toObject(), softmax({1, 0}));
}

TEST(CliScores, ModesAndTemperature)
{
    const CliRun hard = cli({"scores", "--query", "1,0", "--keys", "1,0;0,1;-1,0", "--function", "dot", "--mode", "hard"});
    ASSERT_EQ(hard.code, 0);
    expectWeights(QJsonDocument::fromJson(hard.out).object()["functions"].toObject()["dot"].toObject(), {1, 0, 0});
    const CliRun cold = cli({"scores", "--query", "1,0", "--keys", "1,0;0,1;-1,0", "--function", "dot", "--temperature",
                          "0.5"});
    expectWeights(QJsonDocument::fromJson(cold.out).object()["functions"].toObject()["dot"].toObject(),
                  softmax({2, 0, -2}));
    const CliRun local = cli({"scores", "--query", "1,0", "--keys", "1,0;0,1;-1,0;1,1;2,2", "--function", "dot", "--mode",
                           "local", "--window", "1", "--centre", "3"});
    ASSERT_EQ(local.code, 0);
    const QJsonArray w = QJsonDocument::fromJson(local.out).object()["functions"].toObject()["dot"].toObject()["weights"].toArray();
    EXPECT_EQ(w[0].toDouble(), 0.0);
    EXPECT_EQ(w[1].toDouble(), 0.0);
    EXPECT_GT(w[3].toDouble(), 0.0);
}

TEST(CliScores, BadInputGivesOneClearLine)
{
    expectOneLineError({"scores", "--query", "1,x", "--keys", "1,0"}, "'x' is not a number");
    expectOneLineError({"scores", "--query", "1,0", "--keys", "1,0;0,1,2"}, "key 1 has 3 values");
    expectOneLineError({"scores", "--query", "1,0,0", "--keys", "1,0;0,1", "--function", "dot"}, "equal sizes");
    expectOneLineError({"scores", "--query", "1,0", "--keys", ""}, "empty");
    expectOneLineError({"scores", "--query", "1,0", "--keys", ";"}, "empty");
    expectOneLineError({"scores", "--query", "nan,0", "--keys", "1,0"}, "NaN");
    expectOneLineError({"scores", "--query", "1,0", "--keys", "inf,0"}, "infinite");
    expectOneLineError({"scores", "--query", "1,0", "--keys", "1,0", "--function", "bogus"}, "unknown function 'bogus'");
    expectOneLineError({"scores", "--query", "1,0", "--keys", "1,0", "--mode", "weird"}, "unknown mode");
    expectOneLineError({"scores", "--query", "1,0", "--keys", "1,0", "--temperature", "0"}, "temperature");
    expectOneLineError({"scores", "--keys", "1,0"}, "--query is required");
    expectOneLineError({"scores", "--query", "1,0", "--keys", "1,0", "--frobnicate"}, "frobnicate");
    expectOneLineError({"frobnicate"}, "unknown command");
}

TEST(CliScores, HelpAndVersion)
{
    const CliRun v = cli({"--version"});
    EXPECT_EQ(v.code, 0);
    EXPECT_TRUE(v.out.startsWith("attnscope-cli "));
    for (const char* cmd : {"scores", "render", "attend", "train"}) {
        const CliRun h = cli({cmd, "--help"});
        EXPECT_EQ(h.code, 0) << cmd;
        EXPECT_TRUE(h.out.contains("Usage: attnscope-cli")) << cmd;
    }
}

TEST(CliRender, MatrixWritesPngSvgAndPdf)
{
    QTemporaryDir dir;
    for (const char* ext : {"png", "svg", "pdf"}) {
        const QString out = dir.filePath(QStringLiteral("m.%1").arg(ext));
        const CliRun r = cli({"render", "--view", "matrix", "--query", "1,0", "--keys", "1,0;0,1;-1,0", "--out", out});
        ASSERT_EQ(r.code, 0) << r.err.toStdString();
        QFile f(out);
        ASSERT_TRUE(f.open(QIODevice::ReadOnly)) << ext;
        EXPECT_GT(f.size(), 1000) << ext;
    }
    const QImage img(dir.filePath("m.png"));
    ASSERT_FALSE(img.isNull());
    QSet<QRgb> colours;
    for (int y = 0; y < img.height(); y += 7)
        for (int x = 0; x < img.width(); x += 7)
            colours.insert(img.pixel(x, y));
    EXPECT_GT(colours.size(), 20); // a drawn heatmap, not a blank page
    expectOneLineError({"render", "--view", "matrix", "--query", "1,0", "--keys", "1,0", "--out", dir.filePath("x.bmp")},
                       "use a .png, .svg or .pdf");
    expectOneLineError({"render", "--view", "nope", "--out", dir.filePath("x.png")}, "unknown view");
    expectOneLineError({"render", "--view", "matrix", "--query", "1,0", "--keys", "1,0;1", "--out", dir.filePath("y.png")},
                       "key 1 has 1 values"); // keys count from 0
}

// scores --model: the vectors of a trained model; its own function (trained parameters) gives its own weights.
TEST(CliScores, VectorsFromAModel)
{
    const QString models = QStringLiteral(ATTN_MODELS_DIR);
    for (const char* score : {"dot", "additive", "location"}) {
        const QString dir = models + "/seq2seq-" + score;
        ASSERT_TRUE(QFile::exists(dir + "/model.safetensors")) << dir.toStdString() << " is missing: it is committed";
        const CliRun r = cli({"scores", "--model", dir, "--text", "the black cat chases the small mouse .",
                              "--step", "2"});
        ASSERT_EQ(r.code, 0) << r.err.toStdString();
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        const QJsonObject model = o.value("model").toObject();
        EXPECT_EQ(model.value("step").toInt(), 2);
        EXPECT_EQ(model.value("key_tokens").toArray().size(), 8);
        EXPECT_EQ(model.value("query_token").toString(), model.value("output_tokens").toArray()[2].toString()); // steps count from 0
        EXPECT_TRUE(model.value("trained_params").toBool() || QString(score) == "dot");
        const QJsonArray own = model.value("model_weights").toArray();
        const QJsonArray lab = o.value("functions").toObject().value(score).toObject().value("weights").toArray();
        ASSERT_EQ(own.size(), 8);
        ASSERT_EQ(lab.size(), 8);
        for (int i = 0; i < 8; ++i) {
            EXPECT_NEAR(lab[i].toDouble(), own[i].toDouble(), 1e-5) << score << " key " << i;
        }
    }
    const QString dot = models + "/seq2seq-dot";
    expectOneLineError({"scores", "--model", dot, "--text", " "}, "empty");
    expectOneLineError({"scores", "--model", dot}, "--text");
    expectOneLineError({"scores", "--model", dot, "--text", "the dog .", "--step", "99"}, "--step 99");
    expectOneLineError({"scores", "--model", dot, "--text", "the dog .", "--step", "zero"}, "--step");
    expectOneLineError({"scores", "--model", dot, "--text", "the dog .", "--query", "1,0"}, "drop --query");
    expectOneLineError({"scores", "--model", "/nonexistent/m", "--text", "the dog ."}, "/nonexistent/m");
}
