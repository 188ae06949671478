// The scoring lab's "From a model": the vectors a seq2seq model scored, replayed with the core's scoring
// functions, give the model's own attention rows; bad input and bad folders are refused with a message.
#include "core/modelvectors.h"
#include "core/normaliser.h"
#include "core/scoring.h"
#include "engine/modelregistry.h"
#include "engine/seq2seq/seq2seq.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace attn;

namespace {

QString modelDir(const QString& name)
{
    return QDir(QStringLiteral(ATTN_MODELS_DIR)).filePath(name);
}

bool shipped(const QString& name)
{
    return QFileInfo::exists(modelDir(name) + QStringLiteral("/model.safetensors"));
}

const QStringList kSentences = {
    QStringLiteral("the black cat chases the small mouse ."),
    QStringLiteral("the big dog sees the red car and the old horse likes the green field ."),
    QStringLiteral("we like the slow turtle because it was too tired ."),
};

std::string messageOf(const QString& dir, const QString& text)
{
    try {
        readModelVectors(dir, text);
    } catch (const ModelError& e) {
        return e.what();
    }
    return "(no error)";
}

} // namespace

class ModelVectorsOfScore : public ::testing::TestWithParam<const char*>
{
};

// The strongest check of the lab: query = decoder state at step t, keys = encoder states, parameters = the
// model's trained ones, softmax at T = 1 -> the model's own attention row t, for every step of several sentences.
TEST_P(ModelVectorsOfScore, CoreScoringReproducesTheModelsAttention)
{
    const QString scoreName = QString::fromLatin1(GetParam());
    const QString name = QStringLiteral("seq2seq-") + scoreName;
    ASSERT_TRUE(shipped(name)) << name.toStdString() << " is missing: the shipped models are committed";
    const ScoreFunction fn = *scoreFunctionFromName(scoreName.toStdString());
    const auto model = Seq2SeqModel::open(modelDir(name));
    for (const QString& sentence : kSentences) {
        SCOPED_TRACE(sentence.toStdString());
        const ModelVectors v = model->hiddenStates(sentence);
        EXPECT_EQ(v.model, name);
        EXPECT_EQ(v.score, scoreName);
        ASSERT_GT(v.steps(), 0);
        ASSERT_EQ(v.keys.rows(), v.keyTokens.size());
        ASSERT_EQ(v.queries.rows(), v.queryTokens.size());
        ASSERT_EQ(v.attention.rows(), v.steps());
        ASSERT_EQ(v.attention.cols(), v.keys.rows());
        EXPECT_EQ(v.keys.cols(), model->config().value("hidden").toInt());
        EXPECT_EQ(v.hasTrainedParams, fn != ScoreFunction::Dot && fn != ScoreFunction::ScaledDot &&
                                          fn != ScoreFunction::Cosine);
        // The same run as translate(): same words, same attention.
        QStringList words = sentence.split(QLatin1Char(' '));
        const auto tr = model->translate(words);
        EXPECT_EQ(v.queryTokens, tr.target);
        const ScoreParams params = withTrainedParams(ScoreParams::random(int(v.queries.cols()), int(v.keys.cols()),
                                                                         int(v.keys.cols()), 64, 0),
                                                     v);
        for (int t = 0; t < v.steps(); ++t) {
            SCOPED_TRACE("step " + std::to_string(t + 1) + " " + v.queryTokens[t].toStdString());
            const LabVectors lab = modelLabVectors(v, t);
            EXPECT_EQ(lab.queryLabel, v.queryTokens[t]);
            EXPECT_EQ(lab.keyLabels, v.keyTokens);
            const Eigen::VectorXd weights = softmax(score(fn, lab.query, lab.keys, params), 1.0);
            const Eigen::VectorXd own = v.attention.row(t).transpose();
            EXPECT_NEAR(own.sum(), 1.0, 1e-5);
            EXPECT_LT((weights - own).cwiseAbs().maxCoeff(), 1e-5);
            for (Eigen::Index s = 0; s < own.size(); ++s) {
                EXPECT_NEAR(own(s), tr.attention[std::size_t(t * own.size() + s)], 1e-6);
            }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(AllScores, ModelVectorsOfScore,
                         ::testing::Values("dot", "scaled_dot", "cosine", "general", "concat_linear", "concat_tanh",
                                           "additive", "location"));

TEST(ModelVectors, DrawnParametersDoNotReproduceTheModel)
{
    ASSERT_TRUE(shipped("seq2seq-additive")) << "seq2seq-additive is missing: the shipped models are committed";
    const ModelVectors v = readModelVectors(modelDir("seq2seq-additive"), kSentences[0]);
    const LabVectors lab = modelLabVectors(v, 0);
    const ScoreParams drawn = ScoreParams::random(int(lab.query.size()), int(lab.keys.cols()), int(lab.keys.cols()),
                                                  64, 0);
    const Eigen::VectorXd weights = softmax(score(ScoreFunction::Additive, lab.query, lab.keys, drawn), 1.0);
    EXPECT_GT((weights - v.attention.row(0).transpose()).cwiseAbs().maxCoeff(), 1e-3);
    // withTrainedParams leaves the other functions' drawn parameters alone.
    const ScoreParams mixed = withTrainedParams(drawn, v);
    EXPECT_EQ(mixed.general, drawn.general);
    EXPECT_EQ(mixed.location, drawn.location);
    EXPECT_NE(mixed.additiveW, drawn.additiveW);
}

TEST(ModelVectors, NoAttentionModelGivesStatesButNoRows)
{
    ASSERT_TRUE(shipped("seq2seq-none")) << "seq2seq-none is missing: the shipped models are committed";
    const ModelVectors v = readModelVectors(modelDir("seq2seq-none"), kSentences[0]);
    EXPECT_EQ(v.score, QStringLiteral("none"));
    EXPECT_GT(v.steps(), 0);
    EXPECT_EQ(v.attention.size(), 0);
    EXPECT_FALSE(v.hasTrainedParams);
    EXPECT_EQ(v.keys.rows(), 8);
}

TEST(ModelVectors, UnknownWordsRunAsUnk)
{
    ASSERT_TRUE(shipped("seq2seq-dot")) << "seq2seq-dot is missing: the shipped models are committed";
    const ModelVectors v = readModelVectors(modelDir("seq2seq-dot"), QStringLiteral("The zebra sees the Car."));
    EXPECT_EQ(v.keyTokens, QStringList({"the", "<unk>", "sees", "the", "car", "."}));
    EXPECT_EQ(v.unknownWords, QStringList({"zebra"}));
    EXPECT_GT(v.steps(), 0);
}

TEST(ModelVectors, BadInputIsRefusedWithAMessage)
{
    ASSERT_TRUE(shipped("seq2seq-dot")) << "seq2seq-dot is missing: the shipped models are committed";
    const QString dot = modelDir("seq2seq-dot");
    EXPECT_NE(messageOf(dot, QString()).find("empty"), std::string::npos);
    EXPECT_NE(messageOf(dot, QStringLiteral("   ")).find("empty"), std::string::npos);
    QStringList many;
    for (int i = 0; i < Seq2SeqModel::maxSourceTokens() + 1; ++i) {
        many << QStringLiteral("dog");
    }
    EXPECT_NE(messageOf(dot, many.join(' ')).find("at most 64"), std::string::npos);
    // Exactly the limit is fine.
    many.removeLast();
    EXPECT_EQ(readModelVectors(dot, many.join(' ')).keys.rows(), Seq2SeqModel::maxSourceTokens());
    EXPECT_THROW(modelLabVectors(readModelVectors(dot, kSentences[0]), 99), std::invalid_argument);
}

TEST(ModelVectors, BadFoldersNameTheProblem)
{
    EXPECT_NE(messageOf(QStringLiteral("/nonexistent/model"), kSentences[0]).find("/nonexistent/model"),
              std::string::npos);
    QTemporaryDir empty;
    EXPECT_NE(messageOf(empty.path(), kSentences[0]).find("config.json"), std::string::npos);
    ASSERT_TRUE(shipped("seq2seq-dot")) << "seq2seq-dot is missing: the shipped models are committed";
    // A copy whose weights file is cut short.
    QTemporaryDir dir;
    for (const QString& file : {"config.json", "source.vocab", "target.vocab", "model.safetensors"}) {
        ASSERT_TRUE(QFile::copy(QDir(modelDir("seq2seq-dot")).filePath(file), dir.filePath(file)));
    }
    QFile weights(dir.filePath("model.safetensors"));
    ASSERT_TRUE(weights.open(QIODevice::ReadWrite));
    ASSERT_TRUE(weights.resize(weights.size() / 2));
    weights.close();
    EXPECT_NE(messageOf(dir.path(), kSentences[0]).find("model.safetensors"), std::string::npos);
    // A missing vocabulary.
    QFile::remove(dir.filePath("source.vocab"));
    EXPECT_NE(messageOf(dir.path(), kSentences[0]).find("source.vocab"), std::string::npos);
    // A config that is not JSON.
    QFile config(dir.filePath("config.json"));
    ASSERT_TRUE(config.open(QIODevice::WriteOnly | QIODevice::Truncate));
    config.write("{not json");
    config.close();
    EXPECT_NE(messageOf(dir.path(), kSentences[0]).find("config.json"), std::string::npos);
    // An architecture without vectors.
    ASSERT_TRUE(shipped("coref-en-fr")) << "coref-en-fr is missing: the shipped models are committed";
    EXPECT_NE(messageOf(modelDir("coref-en-fr"), kSentences[0]).find("gives no vectors"), std::string::npos);
}
