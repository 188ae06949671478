// CaptionResult: validation and the `caption` JSON of DESIGN.md section 3.
#include "core/captionresult.h"

#include <QJsonArray>

#include <gtest/gtest.h>

using namespace attn;

namespace {

CaptionResult sample()
{
    CaptionResult r;
    r.modelName = "m";
    r.words = {"a", "red", "circle"};
    r.gridRows = 2;
    r.gridCols = 3;
    for (int t = 0; t < 3; ++t) {
        Eigen::MatrixXf a = Eigen::MatrixXf::Constant(2, 3, 1.0f / 6.0f);
        r.alphas.push_back(a);
        r.betas.push_back(0.25f * t);
    }
    return r;
}

} // namespace

TEST(CaptionResult, ValidatesAndRoundTripsThroughJson)
{
    const CaptionResult r = sample();
    EXPECT_NO_THROW(r.validate());
    const QJsonObject json = captionResultToJson(r);
    EXPECT_EQ(json.keys(), (QStringList{"alphas", "betas", "grid", "model", "words"}));
    EXPECT_EQ(json["grid"].toArray(), (QJsonArray{2, 3}));
    EXPECT_EQ(json["alphas"].toArray().size(), 3);
    EXPECT_EQ(json["alphas"].toArray()[0].toArray().size(), 2);
    EXPECT_EQ(json["alphas"].toArray()[0].toArray()[0].toArray().size(), 3);
    const CaptionResult back = captionResultFromJson(json);
    EXPECT_EQ(back.words, r.words);
    EXPECT_TRUE(back.alphas[1].isApprox(r.alphas[1]));
    EXPECT_FLOAT_EQ(back.betas[2], 0.5f);
}

TEST(CaptionResult, ValidateNamesTheProblem)
{
    CaptionResult r = sample();
    r.alphas[1](0, 0) += 0.01f;
    try {
        r.validate();
        FAIL() << "a map that does not sum to 1 must be rejected";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("'red'"), std::string::npos) << e.what();
    }
    r = sample();
    r.betas[0] = 1.5f;
    EXPECT_THROW(r.validate(), std::invalid_argument);
    r = sample();
    r.betas.pop_back();
    EXPECT_THROW(r.validate(), std::invalid_argument);
    EXPECT_THROW(captionResultFromJson(QJsonObject{{"model", "x"}}), std::invalid_argument);
}
