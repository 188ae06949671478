// The shipped seq2seq models (one per scoring function, one without attention): each card's numbers against a
// fresh evaluation on held-out sentences, the long-sentence gap, and the attention they report.
#include "engine/modelregistry.h"
#include "engine/seq2seq/seq2seq.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <map>

using namespace attn;

namespace {

QString modelDir(const QString& score)
{
    return QDir(QStringLiteral(ATTN_MODELS_DIR)).filePath(QStringLiteral("seq2seq-") + score);
}

// Every scoring function's model is committed: a missing one is a failure, never a skip.
::testing::AssertionResult shipped(const QString& score)
{
    if (QFileInfo::exists(modelDir(score) + QStringLiteral("/card.md"))) {
        return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure() << modelDir(score).toStdString() << "/card.md is missing: the shipped "
                                         << "seq2seq models are committed and this test checks each of them";
}

// What each model must reach on the held-out sentences, from its card (card.md, the "all" row and the 30+ row)
// rounded down by at least half a point: a retrained or damaged model that scores lower fails here even when its
// new card matches it. Card figures (token accuracy, exact match, 30+ token accuracy) in the comments.
struct Floor
{
    double tokenAccuracy, exactMatch, longTokenAccuracy;
};
const std::map<QString, Floor> kFloors = {
    {"additive", {0.91, 0.83, 0.88}},   // 92.4 %, 84.0 %, 89.1 %
    {"concat_linear", {0.31, 0.32, 0.15}}, // 32.1 %, 33.0 %, 15.5 %
    {"concat_tanh", {0.86, 0.71, 0.80}},   // 87.3 %, 72.0 %, 80.9 %
    {"myatt", {0.80, 0.51, 0.70}},         // 80.8 %, 51.5 %, 71.1 %
    {"cosine", {0.34, 0.36, 0.16}},     // 34.7 %, 36.5 %, 17.2 %
    {"dot", {0.91, 0.76, 0.90}},        // 92.5 %, 76.8 %, 90.8 %
    {"general", {0.91, 0.79, 0.88}},    // 92.0 %, 79.5 %, 88.7 %
    {"location", {0.99, 0.95, 0.99}},   // 99.7 %, 96.0 %, 99.6 %
    {"none", {0.29, 0.31, 0.12}},       // 30.1 %, 31.8 %, 13.2 %
    {"scaled_dot", {0.85, 0.81, 0.78}}, // 86.3 %, 82.2 %, 78.7 %
};

// Each model is evaluated once per run; the card test and the long-sentence test share the result.
Seq2SeqMetrics freshEvaluation(const Seq2SeqModel& model)
{
    static std::map<QString, Seq2SeqMetrics> cache;
    const auto hit = cache.find(model.score());
    if (hit != cache.end()) {
        return hit->second;
    }
    const QJsonObject c = model.config();
    const auto pairs = seq2seqEvalSentences(std::uint64_t(c.value("eval_seed").toInteger()),
                                            c.value("eval_sentences").toInt(), c.value("long_share").toDouble(),
                                            c.value("max_long_words").toInt());
    return cache[model.score()] = model.evaluate(pairs);
}

} // namespace

class ShippedSeq2Seq : public ::testing::TestWithParam<const char*>
{
};

TEST_P(ShippedSeq2Seq, CardMatchesAFreshEvaluationOnHeldOutSentences)
{
    const QString score = QString::fromLatin1(GetParam());
    ASSERT_TRUE(shipped(score));
    const auto model = Seq2SeqModel::open(modelDir(score));
    EXPECT_EQ(model->score(), score);
    // Held out: training drew the train split with its seed, the card's sentences are the test split of another.
    EXPECT_NE(model->config().value("eval_seed").toInteger(), model->config().value("train_seed").toInteger());
    const Seq2SeqMetrics card = Seq2SeqMetrics::fromCard(modelDir(score) + QStringLiteral("/card.md"));
    const Seq2SeqMetrics fresh = freshEvaluation(*model);
    ASSERT_EQ(card.buckets.size(), fresh.buckets.size());
    for (std::size_t b = 0; b < card.buckets.size(); ++b) {
        SCOPED_TRACE(card.buckets[b].name.toStdString());
        EXPECT_EQ(card.buckets[b].sentences, fresh.buckets[b].sentences);
        // The card prints percentages with one decimal.
        EXPECT_NEAR(card.buckets[b].tokenAccuracy(), fresh.buckets[b].tokenAccuracy(), 0.0006);
        EXPECT_NEAR(card.buckets[b].exactMatch(), fresh.buckets[b].exactMatch(), 0.0006);
    }
    EXPECT_EQ(card.all.sentences, fresh.all.sentences);
    EXPECT_NEAR(card.all.tokenAccuracy(), fresh.all.tokenAccuracy(), 0.0006);
    EXPECT_GT(fresh.buckets.back().sentences, 20) << "too few sentences of 30+ words to measure";

    // The word-order rows (sentences whose French order differs from the English, and the others).
    QString rows;
    for (const auto& b : fresh.order) {
        rows += QStringLiteral("| %1 | %2 | %3 % | %4 % |\n")
                    .arg(b.name)
                    .arg(b.sentences)
                    .arg(b.exactMatch() * 100.0, 0, 'f', 1)
                    .arg(b.tokenAccuracy() * 100.0, 0, 'f', 1);
    }
    rows += QString::fromUtf8(
        QJsonDocument(QJsonObject{{"word_order", fresh.toJson().value("word_order")}}).toJson(QJsonDocument::Compact));
    ASSERT_EQ(card.order.size(), fresh.order.size());
    for (std::size_t b = 0; b < card.order.size(); ++b) {
        SCOPED_TRACE(card.order[b].name.toStdString());
        ASSERT_GT(card.order[b].sentences, 0) << "the card has no word-order row '" << card.order[b].name.toStdString()
                                              << "'; a fresh evaluation gives:\n"
                                              << rows.toStdString();
        EXPECT_EQ(card.order[b].sentences, fresh.order[b].sentences) << rows.toStdString();
        EXPECT_NEAR(card.order[b].tokenAccuracy(), fresh.order[b].tokenAccuracy(), 0.0006) << rows.toStdString();
        EXPECT_NEAR(card.order[b].exactMatch(), fresh.order[b].exactMatch(), 0.0006) << rows.toStdString();
    }
    // The Trained scoring functions tab reads the metrics from config.json: the word-order rows must be there too.
    const Seq2SeqMetrics config = Seq2SeqMetrics::fromJson(model->config().value("metrics").toObject());
    for (std::size_t b = 0; b < config.order.size(); ++b) {
        SCOPED_TRACE("config.json " + config.order[b].name.toStdString());
        EXPECT_EQ(config.order[b].sentences, fresh.order[b].sentences) << rows.toStdString();
        EXPECT_NEAR(config.order[b].tokenAccuracy(), fresh.order[b].tokenAccuracy(), 0.0006);
    }
}

TEST_P(ShippedSeq2Seq, ReachesItsCardsAccuracyFloorOnHeldOutSentences)
{
    const QString score = QString::fromLatin1(GetParam());
    ASSERT_TRUE(shipped(score));
    ASSERT_EQ(kFloors.count(score), 1u) << "no accuracy floor for seq2seq-" << GetParam();
    const Floor floor = kFloors.at(score);
    const Seq2SeqMetrics fresh = freshEvaluation(*Seq2SeqModel::open(modelDir(score)));
    EXPECT_EQ(fresh.all.sentences, 400);
    EXPECT_GE(fresh.all.tokenAccuracy(), floor.tokenAccuracy);
    EXPECT_GE(fresh.all.exactMatch(), floor.exactMatch);
    EXPECT_GE(fresh.buckets.back().tokenAccuracy(), floor.longTokenAccuracy) << "sentences of 30+ words";
}

INSTANTIATE_TEST_SUITE_P(AllScores, ShippedSeq2Seq,
                         ::testing::Values("dot", "scaled_dot", "cosine", "general", "concat_linear", "concat_tanh",
                                           "additive", "location", "myatt", "none"));

TEST(Seq2Seq, EveryScoreNameHasAShippedModelInTheList)
{
    EXPECT_EQ(seq2seqScoreNames(), QStringList({"dot", "scaled_dot", "cosine", "general", "concat_linear",
                                                 "concat_tanh", "additive", "location", "myatt", "none"}));
}

TEST(Seq2Seq, FoldersTrainedAsConcatOpenAsConcatLinear)
{
    // The score was renamed; a folder written before the rename holds the same network (w_q, w_k).
    ASSERT_TRUE(shipped("concat_linear"));
    QTemporaryDir dir;
    for (const char* name : {"source.vocab", "target.vocab", "model.safetensors"}) {
        ASSERT_TRUE(QFile::copy(modelDir("concat_linear") + "/" + name, dir.filePath(name)));
    }
    QFile in(modelDir("concat_linear") + QStringLiteral("/config.json"));
    ASSERT_TRUE(in.open(QIODevice::ReadOnly));
    QJsonObject config = QJsonDocument::fromJson(in.readAll()).object();
    config.insert(QStringLiteral("score"), QStringLiteral("concat"));
    QFile out(dir.filePath(QStringLiteral("config.json")));
    ASSERT_TRUE(out.open(QIODevice::WriteOnly));
    out.write(QJsonDocument(config).toJson());
    out.close();
    const auto old = Seq2SeqModel::open(dir.path());
    EXPECT_EQ(old->score(), QStringLiteral("concat_linear"));
    const auto now = Seq2SeqModel::open(modelDir("concat_linear"));
    const QStringList sentence = {"the", "big", "dog", "sees", "the", "red", "car", "."};
    EXPECT_EQ(old->translate(sentence).attention, now->translate(sentence).attention);
}

TEST(Seq2Seq, MyAttAttendsByPositionOnly)
{
    // Rule 1 gives one weight per source position (rows sum to 1 in AttendGivesRowsThatSumToOne); it scores no
    // query against keys, so the scoring lab's model vectors are refused with a message saying why.
    ASSERT_TRUE(shipped("myatt"));
    const auto model = Seq2SeqModel::open(modelDir("myatt"));
    const auto tr = model->translate({"the", "big", "dog", "sees", "the", "red", "car", "."});
    EXPECT_EQ(tr.attention.size(), std::size_t(tr.target.size() * tr.source.size()));
    try {
        model->hiddenStates(QStringLiteral("the dog ."));
        FAIL() << "MyAtt has no query-key vectors for the lab";
    } catch (const ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("position"), std::string::npos) << e.what();
    }
}

TEST(Seq2Seq, BestAttentionBeatsNoAttentionOnLongSentences)
{
    ASSERT_TRUE(shipped("none"));
    const double none = freshEvaluation(*Seq2SeqModel::open(modelDir("none"))).buckets.back().tokenAccuracy();
    double best = -1.0;
    QString bestName;
    for (const QString& score : seq2seqScoreNames()) {
        ASSERT_TRUE(shipped(score));
        if (score != QLatin1String("none")) {
            const double acc = freshEvaluation(*Seq2SeqModel::open(modelDir(score))).buckets.back().tokenAccuracy();
            if (acc > best) {
                best = acc;
                bestName = score;
            }
        }
    }
    EXPECT_GE(best - none, 0.20) << bestName.toStdString() << " " << best << " vs none " << none;
}

TEST(Seq2Seq, AttendGivesRowsThatSumToOne)
{
    for (const QString& score : seq2seqScoreNames()) {
        SCOPED_TRACE(score.toStdString());
        ASSERT_TRUE(shipped(score));
        const auto model = openTextModel(modelDir(score));
        const AttentionSet set = model->attend(QStringLiteral("the big dog sees the red car ."));
        EXPECT_FALSE(set.targetTokens.isEmpty());
        if (score == QLatin1String("none")) {
            EXPECT_TRUE(set.blocks.empty()); // nothing to validate: the model has no attention
            EXPECT_FALSE(set.notices.isEmpty());
        } else {
            set.validate(); // rows sum to 1
            ASSERT_NE(set.block(QStringLiteral("cross")), nullptr);
            EXPECT_EQ(set.block(QStringLiteral("cross"))->keys, set.sourceTokens.size());
        }
        // Forced alignment on given French words: one row per word.
        const auto s2s = Seq2SeqModel::open(modelDir(score));
        const auto aligned = s2s->align({"the", "dog", "."}, {"le", "chien", "."});
        EXPECT_EQ(aligned.attention.size(), score == QLatin1String("none") ? 0u : 9u);
    }
}

TEST(Seq2Seq, BadFoldersNameTheProblem)
{
    EXPECT_THROW(Seq2SeqModel::open(QStringLiteral("/nonexistent/seq2seq")), ModelError);
    QTemporaryDir dir;
    QFile f(dir.filePath(QStringLiteral("config.json")));
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(R"({"architecture": "seq2seq-gru", "score": "telepathy"})");
    f.close();
    try {
        Seq2SeqModel::open(dir.path());
        FAIL() << "an unknown score must be refused";
    } catch (const ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("telepathy"), std::string::npos);
    }
    EXPECT_THROW(Seq2SeqMetrics::fromCard(dir.filePath(QStringLiteral("card.md"))), ModelError);
}

TEST(Seq2Seq, SizesOutOfRangeAreRefusedBeforeTheNetworkIsBuilt)
{
    // A "hidden" of 30000 would have torch allocate about 11 GB (3 x 30000 x 30000 floats per GRU) first.
    ASSERT_TRUE(shipped("dot"));
    const std::pair<const char*, QJsonValue> cases[] = {
        {"hidden", 30000}, {"embedding", -3}, {"hidden", 12.5}, {"embedding", "64"}, {"hidden", QJsonValue()}};
    for (const auto& [key, value] : cases) {
        SCOPED_TRACE(key);
        QTemporaryDir dir;
        for (const char* name : {"source.vocab", "target.vocab", "model.safetensors"}) {
            ASSERT_TRUE(QFile::copy(modelDir("dot") + "/" + name, dir.filePath(name)));
        }
        QJsonObject config{{"architecture", "seq2seq-gru"}, {"score", "dot"}, {"embedding", 64}, {"hidden", 128}};
        config.insert(QLatin1String(key), value);
        QFile f(dir.filePath(QStringLiteral("config.json")));
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(config).toJson());
        f.close();
        try {
            Seq2SeqModel::open(dir.path());
            FAIL() << "the size must be refused";
        } catch (const ModelError& e) {
            EXPECT_NE(std::string(e.what()).find("must be a whole number from 1 to 4096"), std::string::npos)
                << e.what();
        }
    }
}

TEST(Seq2Seq, MetricsCountTokensPositionByPosition)
{
    Seq2SeqMetrics m = emptySeq2SeqMetrics();
    addSentence(m, 5, {"le", "chien", "."}, {"le", "chien", "."});
    addSentence(m, 31, {"la", "chien"}, {"le", "chien", "dort", "."});
    EXPECT_DOUBLE_EQ(m.buckets[0].tokenAccuracy(), 1.0);
    EXPECT_DOUBLE_EQ(m.buckets[0].exactMatch(), 1.0);
    EXPECT_DOUBLE_EQ(m.buckets[3].tokenAccuracy(), 0.25);
    EXPECT_DOUBLE_EQ(m.buckets[3].exactMatch(), 0.0);
    EXPECT_EQ(m.all.sentences, 2);
    EXPECT_NEAR(m.all.tokenAccuracy(), 4.0 / 7.0, 1e-12);
    EXPECT_EQ(m.order[0].sentences, 0); // no word order given: no word-order row counts the sentence
    addSentence(m, 12, {"la", "zone", "verte", "."}, {"la", "zone", "verte", "."}, 1);
    addSentence(m, 25, {"le", "chien", "."}, {"le", "chat", "."}, 0);
    EXPECT_EQ(m.order[0].sentences, 1); // reordered
    EXPECT_EQ(m.order[1].sentences, 1); // same order
    EXPECT_EQ(m.order[2].sentences, 1); // reordered, 1-19
    EXPECT_EQ(m.order[3].sentences, 0); // same order, 1-19: the 25-word sentence is longer
    EXPECT_NEAR(m.order[1].tokenAccuracy(), 2.0 / 3.0, 1e-12);
}

TEST(Seq2Seq, WordOrderFollowsTheCorpusAlignment)
{
    SentencePair p;
    p.source = {"the", "green", "area", "."};
    p.target = {"la", "zone", "verte", "."};
    p.alignment = {0, 2, 1, 3};
    EXPECT_TRUE(frenchOrderDiffers(p));
    p.alignment = {0, -1, 1, 3}; // unaligned words do not count
    EXPECT_FALSE(frenchOrderDiffers(p));
    // The corpus's adjective phrases are mirrored: some held-out sentences differ, some do not.
    int differ = 0;
    const auto pairs = seq2seqEvalSentences(1001, 200, 0.0, 45);
    for (const auto& pair : pairs) {
        differ += frenchOrderDiffers(pair) ? 1 : 0;
    }
    EXPECT_GT(differ, 20);
    EXPECT_LT(differ, 180);
}
