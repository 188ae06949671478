// attnscope-cli render --view head|matrix|model|compare from an attention JSON (synthetic) and, when the shipped
// coreference model is present, on the canonical pair.
#include "cli/clirun.h"

#include "core/attentionanalysis.h"
#include "core/attentionjson.h"
#include "core/syntheticattention.h"

#include <QDir>
#include <QFile>
#include <QtEndian>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace attn;

using attn::test::CliRun;
using attn::test::cli;

namespace {

// A PNG's width from its IHDR chunk (this test group links no image library); 0 when not a PNG.
int pngWidth(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return 0;
    }
    const QByteArray head = f.read(24);
    if (head.size() < 24 || !head.startsWith("\x89PNG")) {
        return 0;
    }
    return int(qFromBigEndian<quint32>(head.constData() + 16));
}

QJsonObject readJson(const QString& path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(f.readAll()).object();
}

class RenderText : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        m_set = syntheticAttentionSet(3, 4, 8, 21, true, {"The", "animal", "was", "tired", "so", "it", "slept", "."});
        m_second = syntheticAttentionSet(3, 4, 8, 22, true, {"The", "street", "was", "wide", "so", "it", "slept", "."});
        write(m_set, "a.json");
        write(m_second, "b.json");
    }
    void write(const AttentionSet& set, const QString& name)
    {
        QFile f(m_dir.filePath(name));
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(attentionSetToJson(set)).toJson());
    }
    QString path(const QString& name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
    AttentionSet m_set;
    AttentionSet m_second;
};

} // namespace

TEST_F(RenderText, HeadViewDrawsTheSelectedTokensLines)
{
    const CliRun r = cli({"render", "--view", "head", "--attention", path("a.json"), "--layer", "1", "--head", "2",
                       "--select", "it", "--scene", path("head.json"), "--out", path("head.png")});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_GT(pngWidth(path("head.png")), 1000);
    const QJsonObject scene = readJson(path("head.json"));
    EXPECT_EQ(scene["selected_query"].toInt(), 5);
    const auto* enc = m_set.block("encoder_self");
    int strongest = 0;
    for (int k = 1; k < enc->keys; ++k)
        strongest = enc->at(1, 2, 5, k) > enc->at(1, 2, 5, strongest) ? k : strongest;
    const QJsonObject best = scene["strongest_from_query"].toObject()["5"].toObject();
    EXPECT_EQ(best["key"].toInt(), strongest);
    EXPECT_EQ(best["head"].toInt(), 2); // --head shows that head alone
    EXPECT_NEAR(best["weight"].toDouble(), enc->at(1, 2, 5, strongest), 1e-6);
    for (const auto& v : scene["lines"].toArray()) {
        EXPECT_EQ(v.toObject()["query"].toInt(), 5);
        EXPECT_EQ(v.toObject()["head"].toInt(), 2);
    }
}

TEST_F(RenderText, MatrixFromAttentionWithRolloutAndFilter)
{
    const CliRun r = cli({"render", "--view", "matrix", "--attention", path("a.json"), "--aggregation", "rollout",
                       "--layer", "2", "--scene", path("m.json"), "--out", path("m.svg")});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_TRUE(QFile(path("m.svg")).size() > 1000);
    const QJsonObject scene = readJson(path("m.json"));
    const AttentionMap roll = rollout(*m_set.block("encoder_self"), 2);
    const QJsonArray argmax = scene["strongest_key_per_query"].toArray();
    ASSERT_EQ(argmax.size(), roll.queries);
    for (int q = 0; q < roll.queries; ++q) {
        int best = 0;
        for (int k = 1; k < roll.keys; ++k)
            best = roll.at(q, k) > roll.at(q, best) ? k : best;
        EXPECT_EQ(argmax[q].toString(), roll.keyLabels[best]);
    }
    EXPECT_TRUE(scene["title"].toString().contains("rollout"));

    const CliRun f = cli({"render", "--view", "matrix", "--attention", path("a.json"), "--hide", "punctuation,The",
                       "--scene", path("f.json"), "--out", path("f.png")});
    ASSERT_EQ(f.code, 0) << f.err.toStdString();
    const QJsonObject filtered = readJson(path("f.json"));
    EXPECT_EQ(filtered["key_tokens"].toArray().size(), 6);
    EXPECT_TRUE(filtered["title"].toString().contains("renormalised"));
}

TEST_F(RenderText, ModelAndCompareViews)
{
    CliRun r = cli({"render", "--view", "model", "--attention", path("a.json"), "--kind", "cross", "--scene",
                 path("g.json"), "--out", path("g.png"), "--width", "640", "--height", "480"});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_EQ(pngWidth(path("g.png")), 1280);
    EXPECT_EQ(readJson(path("g.json"))["layers"].toInt(), 3);

    r = cli({"render", "--view", "compare", "--attention", path("a.json"), "--attention2", path("b.json"), "--head",
             "1", "--select", "it", "--scene", path("c.json"), "--out", path("c.pdf")});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    const QJsonObject scene = readJson(path("c.json"));
    EXPECT_TRUE(scene["difference"].toBool());
    EXPECT_EQ(scene["b"].toObject()["query_tokens"].toArray()[1].toString(), "street");
    EXPECT_EQ(scene["b"].toObject()["selected_query"].toInt(), 5);
    const QJsonObject largest = scene["largest_difference"].toObject();
    const int q = largest["query"].toInt(), k = largest["key"].toInt();
    const float expected = m_set.block("encoder_self")->at(2, 1, q, k) - m_second.block("encoder_self")->at(2, 1, q, k);
    EXPECT_NEAR(largest["value"].toDouble(), expected, 1e-6);
}

TEST_F(RenderText, BadInputGetsOneLineNamingTheProblem)
{
    struct Case
    {
        QStringList args;
        QString expected;
    };
    const std::vector<Case> cases = {
        {{"--view", "head", "--attention", path("a.json"), "--kind", "image"}, "image"},
        {{"--view", "head", "--attention", path("a.json"), "--layer", "9"}, "layer 9"},
        {{"--view", "head", "--attention", path("a.json"), "--head", "x"}, "--head"},
        {{"--view", "head", "--attention", path("a.json"), "--select", "zebra"}, "zebra"},
        {{"--view", "matrix", "--attention", path("a.json"), "--aggregation", "median"}, "median"},
        {{"--view", "matrix", "--attention", path("a.json"), "--kind", "cross", "--aggregation", "rollout"}, "rollout"},
        {{"--view", "compare", "--attention", path("a.json")}, "--attention2"},
        {{"--view", "head", "--attention", path("missing.json")}, "missing.json"},
        {{"--view", "head", "--model", path("no-model")}, "no-model"},
        {{"--view", "model"}, "--model"},
    };
    for (const auto& c : cases) {
        const CliRun r = cli(QStringList{"render"} + c.args + QStringList{"--out", path("x.png")});
        EXPECT_NE(r.code, 0) << c.args.join(' ').toStdString();
        const QString line = r.err.split('\n', Qt::SkipEmptyParts).filter("error").value(0);
        EXPECT_TRUE(line.contains(c.expected)) << c.args.join(' ').toStdString() << " -> " << r.err.toStdString();
    }
}

TEST_F(RenderText, ScoresMatrixStillWorks)
{
    const CliRun r = cli({"render", "--view", "matrix", "--query", "1,0", "--keys", "1,0;0,1;-1,0", "--out", path("s.png")});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_GT(pngWidth(path("s.png")), 0);
}

// The Tensor2Tensor picture, rendered from the shipped model: the referent head (the model folder names it) sends
// the strongest line from "it" to "animal" when tired and to "street" when wide.
TEST_F(RenderText, CanonicalPairWithTheShippedModel)
{
    const QString model = QDir(ATTN_MODELS_DIR).filePath("coref-en-fr");
    ASSERT_TRUE(QFile::exists(QDir(model).filePath("config.json")))
        << "models/coref-en-fr is missing: it is committed, and the canonical render check needs it";
    const CliRun r = cli({"render", "--view", "compare", "--model", model, "--select", "it", "--scene", path("pair.json"),
                       "--out", path("pair.png")});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    const QJsonObject scene = readJson(path("pair.json"));
    const auto strongestFromIt = [](const QJsonObject& view) {
        const int it = view["selected_query"].toInt();
        return view["strongest_from_query"].toObject()[QString::number(it)].toObject()["key_token"].toString();
    };
    EXPECT_EQ(normalisedToken(strongestFromIt(scene["a"].toObject())), "animal");
    EXPECT_EQ(normalisedToken(strongestFromIt(scene["b"].toObject())), "street");

    for (const auto& [text, expected] : {std::pair{"tired", "animal"}, std::pair{"wide", "street"}}) {
        const QString sentence = QStringLiteral("The animal didn't cross the street because it was too %1.").arg(text);
        const CliRun h = cli({"render", "--view", "head", "--model", model, "--text", sentence, "--select", "it",
                           "--scene", path("h.json"), "--out", path("h.png")});
        ASSERT_EQ(h.code, 0) << h.err.toStdString();
        EXPECT_EQ(normalisedToken(strongestFromIt(readJson(path("h.json")))), expected) << text;
    }
}
