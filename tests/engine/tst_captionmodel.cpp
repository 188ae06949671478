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

// The one design left is the shipped model's: opening and saving it gives back its files byte for byte.
TEST(CaptionModel, SavingTheShippedModelWritesItsFilesByteForByte)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    shipped().save(dir.path());
    const auto bytes = [](const QString& path) {
        QFile f(path);
        EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << path.toStdString();
        return f.readAll();
    };
    for (const char* name : {"config.json", "model.safetensors"}) {
        EXPECT_EQ(bytes(QDir(dir.path()).filePath(name)), bytes(QDir(kModelDir).filePath(name))) << name;
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

// The design keys of config.json: the captioner has one design left, the shipped one. A key that asks for a
// removed design (another former choice, or a missing key whose absence meant one) gets one line naming the key
// and saying so; a value that never was a design is refused as out of range; the kept values load.
TEST(CaptionModel, ConfigAskingForARemovedDesignGetsOneLineNamingTheKey)
{
    QTemporaryDir dir;
    shipped().save(dir.path());
    const QString configPath = QDir(dir.path()).filePath("config.json");
    QFile file(configPath);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QJsonObject good = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    const auto openWith = [&](const QString& key, const QJsonValue& value) -> std::string {
        QJsonObject json = good;
        if (value.isUndefined()) {
            json.remove(key);
        } else {
            json.insert(key, value);
        }
        QFile out(configPath);
        EXPECT_TRUE(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(QJsonDocument(json).toJson());
        out.close();
        try {
            CaptionModel::open(dir.path());
        } catch (const ModelError& e) {
            EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << e.what();
            return e.what();
        } catch (...) {
            ADD_FAILURE() << key.toStdString() << ": not a ModelError";
        }
        return {};
    };
    const auto removed = [](const char* key, const char* asked, const char* kept) {
        return QStringLiteral("\"%1\" %2: this design was removed (only %3 is left); retrain with attnscope-cli "
                              "train caption")
            .arg(QLatin1String(key), QLatin1String(asked), QLatin1String(kept))
            .toStdString();
    };
    const QJsonValue absent(QJsonValue::Undefined);
    const struct
    {
        const char* key;
        QJsonValue value;
        std::string message;
    } cases[] = {
        {"colour_from_cell", false, removed("colour_from_cell", "false", "true")},
        {"colour_from_cell", absent, removed("colour_from_cell", "is missing, which meant false", "true")},
        {"colour_from_cell", "yes", "\"colour_from_cell\" must be true"},
        {"value_field", 17, removed("value_field", "17", "25")},
        {"value_field", 9, removed("value_field", "9", "25")},
        {"value_field", 12, "\"value_field\" must be 25"},
        {"key_field", 9, removed("key_field", "9", "4")},
        {"key_field", 25, removed("key_field", "25", "4")},
        {"key_field", absent, removed("key_field", "is missing, which meant 25", "4")},
        {"key_field", 4.5, "\"key_field\" must be 4"},
        {"key_context", 2, removed("key_context", "2", "0")},
        {"key_context", -1, "\"key_context\" must be 0"},
        {"local_values", true, removed("local_values", "true", "false")},
        {"centred_cells", true, removed("centred_cells", "true", "false")},
        {"centred_cells", 1, "\"centred_cells\" must be false"},
        {"where_gradient", true, removed("where_gradient", "true", "false")},
        {"where_gradient", absent, removed("where_gradient", "is missing, which meant true", "false")},
        {"where_gradient", "no", "\"where_gradient\" must be false"},
        {"output_sees_where", true, removed("output_sees_where", "true", "false")},
        {"output_sees_where", absent, removed("output_sees_where", "is missing, which meant true", "false")},
    };
    for (const auto& c : cases) {
        const std::string error = openWith(QLatin1String(c.key), c.value);
        EXPECT_NE(error.find(c.message), std::string::npos) << c.key << ": " << error;
        EXPECT_EQ(error.rfind(configPath.toStdString() + ": ", 0), 0u) << error;
    }
    // The kept design, written out or (where absence meant it) left out, loads.
    for (const char* key : {"value_field", "key_field", "key_context", "local_values", "centred_cells",
                            "where_gradient", "output_sees_where", "colour_from_cell"}) {
        EXPECT_EQ(openWith(QLatin1String(key), good.value(QLatin1String(key))), std::string()) << key;
    }
    for (const char* key : {"value_field", "key_context", "local_values", "centred_cells"}) {
        EXPECT_EQ(openWith(QLatin1String(key), absent), std::string()) << key;
    }
    // A size that is allowed but not the weights': the shapes disagree.
    EXPECT_NE(openWith("channels", 32).find("model.safetensors"), std::string::npos);
}

TEST(CaptionModel, BadInputsThrow)
{
    EXPECT_THROW(shipped().captionPixels(std::vector<float>(10), 3), ModelError);
    EXPECT_THROW(shipped().captionPixels(std::vector<float>(64 * 64 * 3), 0), ModelError);
    EXPECT_THROW(shipped().caption(QImage(), 3), ModelError);
}
