// ClassificationResult: validation and the `classify` JSON of issue 15 for the three kinds.
#include "core/classification.h"

#include <QJsonArray>

#include <gtest/gtest.h>

using namespace attn;

namespace {

ClassificationResult single()
{
    ClassificationResult r;
    r.modelName = "pooling-attention";
    r.labelNames = {"negative", "positive"};
    r.probabilities = {0.2f, 0.8f};
    r.predicted = 1;
    r.tokens = {"the", "food", "was", "not", "bad"};
    r.wordWeights = {0.05f, 0.1f, 0.05f, 0.4f, 0.4f};
    return r;
}

ClassificationResult document()
{
    ClassificationResult r;
    r.kind = ClassificationResult::Kind::Document;
    r.modelName = "han-documents";
    r.labelNames = {"negative", "positive"};
    r.probabilities = {0.9f, 0.1f};
    r.predicted = 0;
    r.sentences = {{"we", "came"}, {"it", "was", "awful"}};
    r.sentenceWordWeights = {{0.5f, 0.5f}, {0.1f, 0.1f, 0.8f}};
    r.sentenceWeights = {0.25f, 0.75f};
    return r;
}

ClassificationResult pair()
{
    ClassificationResult r;
    r.kind = ClassificationResult::Kind::Pair;
    r.modelName = "abcnn-2";
    r.labelNames = {"contradicts", "entails", "unrelated"};
    r.probabilities = {0.1f, 0.7f, 0.2f};
    r.predicted = 1;
    r.premiseTokens = {"a", "big", "dog"};
    r.hypothesisTokens = {"large", "dog"};
    r.pairAttention.resize(2, 3);
    r.pairAttention << 0.1f, 0.8f, 0.1f, 0.0f, 0.0f, 1.0f;
    r.extraVectors.insert("premise_pooling", {0.2f, 0.3f, 0.5f});
    return r;
}

} // namespace

TEST(Classification, SingleRoundTripsInTheIssueShape)
{
    const ClassificationResult r = single();
    ASSERT_NO_THROW(r.validate());
    const QJsonObject json = r.toJson();
    EXPECT_EQ(json.keys(), (QStringList{"attention", "label", "model", "probabilities", "tokens"}));
    EXPECT_EQ(json["label"].toString(), "positive");
    EXPECT_DOUBLE_EQ(json["probabilities"].toObject()["positive"].toDouble(), double(0.8f));
    EXPECT_EQ(json["tokens"].toArray().size(), 5);
    EXPECT_EQ(json["attention"].toObject().keys(), QStringList{"words"});
    const ClassificationResult back = ClassificationResult::fromJson(json);
    EXPECT_EQ(back.kind, ClassificationResult::Kind::Single);
    EXPECT_EQ(back.tokens, r.tokens);
    EXPECT_EQ(back.wordWeights, r.wordWeights);
    EXPECT_EQ(back.label(), "positive");
    EXPECT_FLOAT_EQ(back.probabilityOf("negative"), 0.2f);
    EXPECT_NO_THROW(back.validate());
}

TEST(Classification, DocumentRoundTrips)
{
    const ClassificationResult r = document();
    ASSERT_NO_THROW(r.validate());
    const QJsonObject json = r.toJson();
    EXPECT_EQ(json["attention"].toObject().keys(), (QStringList{"sentences", "words"}));
    EXPECT_EQ(json["tokens"].toArray()[1].toArray()[2].toString(), "awful");
    const ClassificationResult back = ClassificationResult::fromJson(json);
    EXPECT_EQ(back.kind, ClassificationResult::Kind::Document);
    EXPECT_EQ(back.sentences, r.sentences);
    EXPECT_EQ(back.sentenceWordWeights, r.sentenceWordWeights);
    EXPECT_EQ(back.sentenceWeights, r.sentenceWeights);
    EXPECT_EQ(back.label(), "negative");
}

TEST(Classification, PairRoundTripsWithExtras)
{
    const ClassificationResult r = pair();
    ASSERT_NO_THROW(r.validate());
    const QJsonObject json = r.toJson();
    const QJsonObject attention = json["attention"].toObject();
    EXPECT_EQ(attention.keys(), (QStringList{"matrix", "premise_pooling"}));
    EXPECT_EQ(attention["matrix"].toArray().size(), 2);            // hypothesis rows
    EXPECT_EQ(attention["matrix"].toArray()[0].toArray().size(), 3); // premise columns
    EXPECT_EQ(json["tokens"].toArray()[0].toArray().size(), 3);     // premise first
    const ClassificationResult back = ClassificationResult::fromJson(json);
    EXPECT_EQ(back.kind, ClassificationResult::Kind::Pair);
    EXPECT_EQ(back.premiseTokens, r.premiseTokens);
    EXPECT_EQ(back.hypothesisTokens, r.hypothesisTokens);
    EXPECT_TRUE(back.pairAttention.isApprox(r.pairAttention));
    ASSERT_TRUE(back.extraVectors.contains("premise_pooling"));
    EXPECT_EQ(back.extraVectors["premise_pooling"], r.extraVectors["premise_pooling"]);
    EXPECT_EQ(back.label(), "entails");
}

TEST(Classification, RowsThatDoNotSumToOneAreRejectedByName)
{
    ClassificationResult r = pair();
    r.pairAttention(1, 2) = 0.9f;
    EXPECT_NEAR(maxRowSumError(r.pairAttention), 0.1, 1e-6);
    try {
        r.validate();
        FAIL() << "a row summing to 0.9 must be rejected";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("row 1 ('dog')"), std::string::npos) << e.what();
    }
    r = single();
    r.wordWeights[0] = 0.06f;
    EXPECT_THROW(r.validate(), std::invalid_argument);
    r.wordWeights[0] = 0.05005f; // within the tolerance (1e-4)
    EXPECT_NO_THROW(r.validate());
    r = document();
    r.sentenceWeights = {0.5f, 0.6f};
    EXPECT_THROW(r.validate(), std::invalid_argument);
    r = document();
    r.sentenceWordWeights[1].pop_back();
    EXPECT_THROW(r.validate(), std::invalid_argument);
}

TEST(Classification, OtherProblemsAreRejected)
{
    ClassificationResult r = single();
    r.predicted = 2;
    EXPECT_THROW(r.validate(), std::invalid_argument);
    r = single();
    r.probabilities = {0.5f, 0.6f};
    EXPECT_THROW(r.validate(), std::invalid_argument);
    r = single();
    r.wordWeights[0] = -0.05f;
    r.wordWeights[1] = 0.2f;
    EXPECT_THROW(r.validate(), std::invalid_argument);
    r = single();
    r.tokens.clear();
    r.wordWeights.clear();
    EXPECT_THROW(r.validate(), std::invalid_argument);
    r = pair();
    r.pairAttention.resize(3, 2);
    r.pairAttention.setConstant(0.5f);
    EXPECT_THROW(r.validate(), std::invalid_argument); // transposed: premise x hypothesis
    r = pair();
    r.extraVectors.insert("matrix", {1.0f});
    EXPECT_THROW(r.validate(), std::invalid_argument);

    EXPECT_THROW(ClassificationResult::fromJson(QJsonObject{{"model", "x"}}), std::invalid_argument);
    QJsonObject json = single().toJson();
    json["label"] = "neutral";
    EXPECT_THROW(ClassificationResult::fromJson(json), std::invalid_argument);
    json = pair().toJson();
    json["tokens"] = QJsonArray{QJsonArray{"a"}};
    EXPECT_THROW(ClassificationResult::fromJson(json), std::invalid_argument);
    json = pair().toJson();
    QJsonObject attention = json["attention"].toObject();
    attention["matrix"] = QJsonArray{QJsonArray{1.0, 0.0, 0.0}, QJsonArray{1.0}};
    json["attention"] = attention;
    EXPECT_THROW(ClassificationResult::fromJson(json), std::invalid_argument);
}
