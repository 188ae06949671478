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
    for (const char* name :
         {"dot", "scaled_dot", "cosine", "general", "concat_linear", "concat_tanh", "additive", "location"}) {
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

TEST(CliScores, ConcatLinearGivesTheSameWeightsForEveryQuery)
{
    // w^T [q; k_i] + b = (w_q^T q + b) + w_k^T k_i: the softmax cancels the query's part. Same keys, same
    // parameters (--param-seed), very different queries: the same weights.
    const QString keys = QStringLiteral("1,0,2;-1,1,0;0.5,0.5,-2;3,-1,1");
    std::vector<QJsonArray> weights;
    for (const char* query : {"1,2,3", "-40,0.1,9", "0,0,0"}) {
        const CliRun r = cli({"scores", "--query", query, "--keys", keys, "--function", "concat_linear", "--param-seed",
                              "5"});
        ASSERT_EQ(r.code, 0) << r.err.toStdString();
        weights.push_back(
            QJsonDocument::fromJson(r.out).object()["functions"].toObject()["concat_linear"].toObject()["weights"].toArray());
        ASSERT_EQ(weights.back().size(), 4);
    }
    for (int i = 0; i < 4; ++i) {
        EXPECT_NEAR(weights[0][i].toDouble(), weights[1][i].toDouble(), 1e-12);
        EXPECT_NEAR(weights[0][i].toDouble(), weights[2][i].toDouble(), 1e-12);
    }
    // concat_tanh (rule 2) does depend on the query.
    const CliRun a = cli({"scores", "--query", "1,2,3", "--keys", keys, "--function", "concat_tanh"});
    const CliRun b = cli({"scores", "--query", "-4,0.1,9", "--keys", keys, "--function", "concat_tanh"});
    ASSERT_EQ(a.code, 0) << a.err.toStdString();
    const auto wa = QJsonDocument::fromJson(a.out).object()["functions"].toObject()["concat_tanh"].toObject()["weights"].toArray();
    const auto wb = QJsonDocument::fromJson(b.out).object()["functions"].toObject()["concat_tanh"].toObject()["weights"].toArray();
    double gap = 0;
    for (int i = 0; i < 4; ++i) {
        gap = std::max(gap, std::abs(wa[i].toDouble() - wb[i].toDouble()));
    }
    EXPECT_GT(gap, 0.01);
}

TEST(CliScores, MyAttIsRuleOneWithTheNotesShapes)
{
    // Q [1,32], K [1,32], V [32,64] -> weights [1,32], applied [1,64], output [1,32]
    const auto vector = [](int n, double start) {
        QStringList v;
        for (int i = 0; i < n; ++i) {
            v << QString::number(start + 0.01 * i);
        }
        return v.join(',');
    };
    QStringList rowsOfV;
    for (int r = 0; r < 32; ++r) {
        rowsOfV << vector(64, r * 0.1);
    }
    const CliRun r = cli({"scores", "--function", "myatt", "--query", vector(32, 0.5), "--keys", vector(32, -0.2),
                          "--values", rowsOfV.join(';')});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    const QJsonObject fn = QJsonDocument::fromJson(r.out).object()["functions"].toObject()["myatt"].toObject();
    EXPECT_EQ(fn["positions"].toInt(), 32);
    EXPECT_EQ(fn["weights"].toArray().size(), 32);
    EXPECT_EQ(fn["applied"].toArray().size(), 64);
    EXPECT_EQ(fn["output"].toArray().size(), 32);
    EXPECT_EQ(fn["masked_positions"].toInt(), 0);
    // Fewer rows than positions: masked, with a notice; the weights still sum to 1.
    const CliRun few = cli({"scores", "--function", "myatt", "--query", "1,0", "--keys", "0.5,1", "--values",
                            "1,0;0,1;2,2", "--positions", "5"});
    ASSERT_EQ(few.code, 0) << few.err.toStdString();
    const QJsonObject f = QJsonDocument::fromJson(few.out).object()["functions"].toObject()["myatt"].toObject();
    EXPECT_EQ(f["masked_positions"].toInt(), 2);
    EXPECT_EQ(f["notices"].toArray().size(), 1);
    double sum = 0;
    for (const auto& w : f["weights"].toArray()) sum += w.toDouble();
    EXPECT_NEAR(sum, 1.0, 1e-12);
    expectOneLineError({"scores", "--function", "myatt", "--query", "1,0", "--keys", "0.5,1;1,1", "--values", "1,0"},
                       "takes one K");
    expectOneLineError({"scores", "--function", "myatt", "--query", "1,0", "--keys", "0.5,1"}, "--values");
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
    expectOneLineError({"scores", "--query", "1,0", "--keys", "1,0", "--function", "concat"}, "now called concat_linear");
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
