#pragma once
// Checks of `attnscope-cli generate --json` that hold for every model kind (llama2.c checkpoints, Hugging Face
// decoder folders): tst_generate and tst_generate_hf.

#include <QJsonArray>
#include <QJsonObject>
#include <gtest/gtest.h>

namespace attn::test {

inline double rowSum(const QJsonArray& row)
{
    double sum = 0.0;
    for (const auto& v : row) {
        sum += v.toDouble();
    }
    return sum;
}

// Step s of json["steps"] is the token at position prompt + s (its id as json["token_ids"] has it), with layers x
// heads rows of attention over itself and every token before it, each summing to 1.
inline void expectGenerateSteps(const QJsonObject& json, int prompt, int layers, int heads)
{
    const QJsonArray steps = json["steps"].toArray();
    for (int s = 0; s < steps.size(); ++s) {
        const QJsonObject step = steps[s].toObject();
        EXPECT_EQ(step["position"].toInt(), prompt + s);
        EXPECT_EQ(step["id"].toInt(), json["token_ids"].toArray()[prompt + s].toInt());
        const QJsonArray layerRows = step["attention"].toArray();
        ASSERT_EQ(layerRows.size(), layers);
        for (const auto& layer : layerRows) {
            ASSERT_EQ(layer.toArray().size(), heads);
            for (const auto& head : layer.toArray()) {
                ASSERT_EQ(head.toArray().size(), prompt + s + 1); // over itself and every token before it
                EXPECT_NEAR(rowSum(head.toArray()), 1.0, 1e-5);
            }
        }
    }
}

} // namespace attn::test
