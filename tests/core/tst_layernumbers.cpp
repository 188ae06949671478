// The model's layer numbers of a block that kept only some layers (issue 16, memory): validate() takes an
// increasing list of one number per layer and refuses others; the selection, its description, the CSV and JSON
// exports and the word view speak in the model's numbers, and a layer that was not kept is named as such.
#include "core/attentionexport.h"
#include "core/attentionjson.h"
#include "core/attentionselection.h"
#include "core/wordpieces.h"

#include <QJsonArray>
#include <gtest/gtest.h>
#include <stdexcept>

using namespace attn;

namespace {

// Two kept layers of a model, 2 heads, 3 tokens; each row puts its weight on one key that depends on the layer,
// so a test can tell which kept layer a map came from.
AttentionBlock twoKeptLayers(std::vector<int> numbers = {4, 7})
{
    AttentionBlock b(QStringLiteral("encoder_self"), 2, 2, {"[CLS]", "play", "##ing"}, {"[CLS]", "play", "##ing"});
    for (int l = 0; l < 2; ++l)
        for (int h = 0; h < 2; ++h)
            for (int q = 0; q < 3; ++q)
                b.at(l, h, q, l == 0 ? 0 : 2) = 1.0f;
    b.layerNumbers = std::move(numbers);
    return b;
}

std::string validateError(const AttentionBlock& b)
{
    try {
        b.validate();
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "(valid)";
}

} // namespace

TEST(LayerNumbers, EmptyMeansZeroToLayersLess1)
{
    AttentionBlock b = twoKeptLayers({});
    EXPECT_NO_THROW(b.validate());
    EXPECT_EQ(b.layerNumber(0), 0);
    EXPECT_EQ(b.layerNumber(1), 1);
    EXPECT_EQ(b.layerIndex(1), 1);
    EXPECT_EQ(b.layerIndex(2), -1);
    EXPECT_EQ(b.layerIndex(-1), -1);
}

TEST(LayerNumbers, KeptLayersMapBothWays)
{
    const AttentionBlock b = twoKeptLayers();
    EXPECT_NO_THROW(b.validate());
    EXPECT_EQ(b.layerNumber(0), 4);
    EXPECT_EQ(b.layerNumber(1), 7);
    EXPECT_EQ(b.layerIndex(4), 0);
    EXPECT_EQ(b.layerIndex(7), 1);
    EXPECT_EQ(b.layerIndex(0), -1);
    EXPECT_EQ(b.layerIndex(5), -1);
}

TEST(LayerNumbers, BadListsAreRefusedByName)
{
    EXPECT_NE(validateError(twoKeptLayers({4})).find("1 layer numbers for 2 layers"), std::string::npos);
    EXPECT_NE(validateError(twoKeptLayers({4, 7, 9})).find("3 layer numbers for 2 layers"), std::string::npos);
    EXPECT_NE(validateError(twoKeptLayers({7, 4})).find("layer number 4 at position 1"), std::string::npos);
    EXPECT_NE(validateError(twoKeptLayers({4, 4})).find("not above the one before"), std::string::npos);
    EXPECT_NE(validateError(twoKeptLayers({-1, 4})).find("layer number -1 at position 0"), std::string::npos);
    EXPECT_NE(validateError(twoKeptLayers({-1, 4})).find("encoder_self"), std::string::npos);
}

TEST(LayerNumbers, TheSelectionNamesTheModelsLayer)
{
    AttentionSet set;
    set.sourceTokens = {"[CLS]", "play", "##ing"};
    set.blocks.push_back(twoKeptLayers());
    AttentionSelection sel;
    sel.layer = 7;
    EXPECT_EQ(selectedLayer(set.blocks.front(), sel), 1);
    EXPECT_FLOAT_EQ(selectedMap(set, sel).weights[2], 1.0f); // the second kept layer's map
    EXPECT_EQ(describeSelection(set, sel), QStringLiteral("encoder self-attention, layer 7, head 0"));
    sel.layer = -1; // the last kept layer
    EXPECT_EQ(selectedLayer(set.blocks.front(), sel), 1);
    sel.layer = 1; // an index, not a kept layer's number
    try {
        selectedLayer(set.blocks.front(), sel);
        FAIL() << "layer 1 was not kept";
    } catch (const std::invalid_argument& e) {
        EXPECT_STREQ(e.what(), "layer 1 was not kept: 'encoder_self' holds layers 4, 7");
    }
    sel.layer = 7;
    sel.aggregation = Aggregation::Rollout;
    EXPECT_EQ(describeSelection(set, sel),
              QStringLiteral("encoder self-attention, layer 7, rollout of the kept layers 4 to 7"));
}

TEST(LayerNumbers, ExportsCarryTheModelsNumbers)
{
    AttentionSet set;
    set.modelName = QStringLiteral("tiny");
    set.sourceTokens = {"[CLS]", "play", "##ing"};
    set.blocks.push_back(twoKeptLayers());
    const QByteArray csv = attentionSetToCsv(set);
    EXPECT_TRUE(csv.contains("encoder_self,7,1,2,##ing,2,##ing,1\n")) << csv.left(400).toStdString();
    EXPECT_FALSE(csv.contains("encoder_self,1,")) << "rows must carry the model's numbers, not positions";

    const QJsonObject json = attentionSetToJson(set);
    EXPECT_EQ(json.value("layers").toArray(), (QJsonArray{4, 7}));
    const AttentionSet back = attentionSetFromJson(json);
    EXPECT_EQ(back.blocks.front().layerNumbers, (std::vector<int>{4, 7}));
    EXPECT_NO_THROW(back.validate());
    // Every layer kept: no "layers" key, no numbers.
    set.blocks.front().layerNumbers.clear();
    EXPECT_FALSE(attentionSetToJson(set).contains("layers"));
    // A bad list in a file is refused by validate(), naming it.
    QJsonObject bad = json;
    bad.insert("layers", QJsonArray{7, 4});
    EXPECT_THROW(attentionSetFromJson(bad).validate(), std::invalid_argument);
}

TEST(LayerNumbers, TheWordViewKeepsThem)
{
    AttentionSet set;
    set.sourceTokens = {"[CLS]", "play", "##ing"};
    set.blocks.push_back(twoKeptLayers());
    const AttentionSet words = mergeWordPieces(set);
    ASSERT_EQ(words.blocks.front().queries, 2);
    EXPECT_EQ(words.blocks.front().layerNumbers, (std::vector<int>{4, 7}));
    EXPECT_NO_THROW(words.validate());
}
