// The shipped Show, Attend and Tell captioner (models/caption-shapes), measured on held-out scenes from a seed
// that neither training (1) nor validation (1001) used, against the acceptance of its card.
#include "engine/caption/captionmodel.h"
#include "engine/caption/captionscene.h"
#include "engine/caption/captiontrainer.h"
#include "engine/textmodel.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace attn;

namespace {

const QString kModelDir = QStringLiteral(ATTN_MODELS_DIR "/caption-shapes");
constexpr std::uint64_t kTestSeed = 424242;
constexpr int kTestScenes = 400;

const CaptionModel& shipped()
{
    static std::unique_ptr<CaptionModel> model = CaptionModel::open(kModelDir);
    return *model;
}

} // namespace

const CaptionMetrics& heldOut()
{
    static const CaptionMetrics metrics = [] {
        const CaptionMetrics m = evaluateCaptioner(shipped(), kTestSeed, kTestScenes, 3);
        std::printf("held-out (seed %llu): %s\n", static_cast<unsigned long long>(kTestSeed),
                    formatMetrics(m).toLocal8Bit().constData());
        return m;
    }();
    return metrics;
}

TEST(CaptionModel, ShippedModelWritesHeldOutCaptionsAsItsCardSays)
{
    const CaptionMetrics& m = heldOut();
    EXPECT_GE(m.exactMatch, 0.80);
    EXPECT_GE(m.wordAccuracy, 0.95);
    EXPECT_LE(m.worstAlphaSumError, 1e-5);
    // The gate opens for words read off the image and closes for words the grammar gives.
    EXPECT_GT(m.meanContentBeta, m.meanFunctionBeta);
}

// The issue's attention criterion: the peak of the upsampled map lies inside the named object for >= 85% of
// shape words and of colour words.
TEST(CaptionModel, ShapeWordsPeakInsideTheNamedObject)
{
    EXPECT_GE(heldOut().shapePeakInBox, 0.85);
}

TEST(CaptionModel, ColourWordsPeakInsideTheNamedObject)
{
    EXPECT_GE(heldOut().colourPeakInBox, 0.85);
}

TEST(CaptionModel, EveryMapIsADistributionOverTheGrid)
{
    const auto scenes = generateScenes(kTestSeed + 1, 20);
    for (int beam : {1, 3, 5}) {
        for (const auto& s : scenes) {
            const CaptionResult r = shipped().captionPixels(s.rgb, beam);
            ASSERT_GT(r.steps(), 0);
            EXPECT_EQ(r.gridRows, 16);
            EXPECT_NO_THROW(r.validate(1e-5)) << r.sentence().toStdString();
        }
    }
}

TEST(CaptionModel, SaveThenOpenGivesTheSameCaptionAndMaps)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    shipped().save(dir.path());
    const auto copy = CaptionModel::open(dir.path());
    const auto scene = generateScenes(kTestSeed + 2, 1).front();
    const CaptionResult a = shipped().captionPixels(scene.rgb, 3);
    const CaptionResult b = copy->captionPixels(scene.rgb, 3);
    EXPECT_EQ(a.words, b.words);
    for (int t = 0; t < a.steps(); ++t) {
        EXPECT_TRUE(a.alphas[size_t(t)].isApprox(b.alphas[size_t(t)], 1e-6f));
    }
}

TEST(CaptionModel, BadFoldersGiveMessagesNamingTheFile)
{
    QTemporaryDir dir;
    const auto expectError = [](const QString& path, const std::string& part) {
        try {
            CaptionModel::open(path);
            ADD_FAILURE() << "opened " << path.toStdString();
        } catch (const ModelError& e) {
            EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
        }
    };
    expectError(dir.filePath("missing"), "missing");
    shipped().save(dir.path());
    // Truncated weights.
    QFile weights(QDir(dir.path()).filePath("model.safetensors"));
    ASSERT_TRUE(weights.resize(weights.size() / 2));
    expectError(dir.path(), "model.safetensors");
    // Another architecture.
    QFile config(QDir(dir.path()).filePath("config.json"));
    ASSERT_TRUE(config.open(QIODevice::WriteOnly | QIODevice::Truncate));
    config.write(R"({"architecture": "transformer"})");
    config.close();
    expectError(dir.path(), "config.json");
}

// The design keys of config.json: a wrong value names the key; a change that alters the tensors' shapes is
// caught when the weights no longer fit.
TEST(CaptionModel, BadDesignKeysGiveMessagesNamingTheKey)
{
    QTemporaryDir dir;
    shipped().save(dir.path());
    const QString configPath = QDir(dir.path()).filePath("config.json");
    QFile file(configPath);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QJsonObject good = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    const auto openWithAll = [&](const QJsonObject& changes) -> std::string {
        QJsonObject json = good;
        for (auto it = changes.begin(); it != changes.end(); ++it) {
            json.insert(it.key(), it.value());
        }
        QFile out(configPath);
        EXPECT_TRUE(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(QJsonDocument(json).toJson());
        out.close();
        try {
            CaptionModel::open(dir.path());
        } catch (const ModelError& e) {
            return e.what();
        }
        return {};
    };
    const auto openWith = [&](const QString& key, const QJsonValue& value) { return openWithAll({{key, value}}); };
    EXPECT_NE(openWith("value_field", 12).find("\"value_field\" must be 9, 17 or 25"), std::string::npos);
    EXPECT_NE(openWith("key_context", -1).find("key_context"), std::string::npos);
    EXPECT_NE(openWith("key_field", 12).find("\"key_field\" must be 4, 9, 17 or 25"), std::string::npos);
    EXPECT_NE(openWith("key_field", shipped().config().valueField + 8).find("key_field"), std::string::npos);
    EXPECT_NE(openWith("where_gradient", "no").find("\"where_gradient\" must be true or false"), std::string::npos);
    EXPECT_NE(openWith("centred_cells", 1).find("centred_cells"), std::string::npos);
    EXPECT_NE(openWith("colour_from_cell", "yes").find("\"colour_from_cell\" must be true or false"), std::string::npos);
    EXPECT_NE(openWithAll({{"colour_from_cell", true}, {"key_field", 9}})
                  .find("\"colour_from_cell\" needs \"key_field\" 4"),
              std::string::npos);
    // Valid values, but not the ones the weights were trained with: the shapes disagree.
    const int otherField = shipped().config().valueField == 25 ? 9 : 25;
    EXPECT_NE(openWith("value_field", otherField).find("model.safetensors"), std::string::npos);
    EXPECT_NE(openWith("centred_cells", !shipped().config().centredCells).find("model.safetensors"), std::string::npos);
    EXPECT_EQ(openWith("value_field", shipped().config().valueField), std::string());
}

TEST(CaptionModel, BadInputsThrow)
{
    EXPECT_THROW(shipped().captionPixels(std::vector<float>(10), 3), ModelError);
    EXPECT_THROW(shipped().captionPixels(std::vector<float>(64 * 64 * 3), 0), ModelError);
    EXPECT_THROW(shipped().caption(QImage(), 3), ModelError);
}
