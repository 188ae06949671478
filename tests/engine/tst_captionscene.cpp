// The synthetic captioned world: deterministic, varied, captions that follow from the scene.
#include "core/random.h"
#include "engine/caption/captionscene.h"

#include <gtest/gtest.h>

#include <QSet>

using namespace attn;

TEST(CaptionScene, SameSeedSameScenesOtherSeedOtherScenes)
{
    const auto a = generateScenes(5, 20);
    const auto b = generateScenes(5, 20);
    const auto c = generateScenes(6, 20);
    int differ = 0;
    for (int i = 0; i < 20; ++i) {
        EXPECT_EQ(a[i].rgb, b[i].rgb);
        EXPECT_EQ(a[i].words, b[i].words);
        differ += a[i].words != c[i].words ? 1 : 0;
    }
    EXPECT_GT(differ, 10);
}

TEST(CaptionScene, CaptionsNameEveryObjectAndItsRelation)
{
    const auto scenes = generateScenes(11, 400);
    QSet<int> counts;
    QSet<QString> relations, words;
    for (const auto& s : scenes) {
        const int n = int(s.objects.size());
        ASSERT_GE(n, 1);
        ASSERT_LE(n, 3);
        counts.insert(n);
        ASSERT_EQ(s.words.size(), int(s.wordObject.size()));
        ASSERT_EQ(s.words.size(), int(s.wordRole.size()));
        const bool horizontal = s.words.contains("left");
        EXPECT_EQ(s.words.size(), 4 * n + (n - 1) * (horizontal ? 2 : 1));
        for (int i = 0; i < s.words.size(); ++i) {
            words.insert(s.words[i]);
            const int o = s.wordObject[size_t(i)];
            if (s.wordRole[size_t(i)] == SceneRole::Colour) {
                EXPECT_EQ(s.words[i], sceneColourNames()[s.objects[size_t(o)].colour]);
            }
            if (s.wordRole[size_t(i)] == SceneRole::Shape) {
                EXPECT_EQ(s.words[i], sceneShapeNames()[s.objects[size_t(o)].shape]);
            }
        }
        // Objects are named left to right (or top to bottom), boxes inside the image and apart.
        for (int i = 0; i < n; ++i) {
            const QRect box = s.objects[size_t(i)].box;
            EXPECT_TRUE(QRect(0, 0, s.size, s.size).contains(box)) << box.x() << "," << box.y();
            EXPECT_GE(box.width(), 7);
            if (i > 0) {
                const QRect prev = s.objects[size_t(i - 1)].box;
                EXPECT_FALSE(prev.intersects(box));
                if (horizontal) {
                    EXPECT_LT(prev.center().x(), box.center().x());
                } else {
                    EXPECT_LT(prev.center().y(), box.center().y());
                }
            }
        }
        if (n > 1) {
            relations.insert(horizontal ? "left of" : "above");
        }
    }
    EXPECT_EQ(counts.size(), 3);
    EXPECT_EQ(relations.size(), 2);
    EXPECT_EQ(words.size(), sceneVocabulary().size()); // every word of the vocabulary is used
}

TEST(CaptionScene, ObjectPixelsCarryTheirColour)
{
    const auto scenes = generateScenes(3, 50);
    for (const auto& s : scenes) {
        for (const auto& o : s.objects) {
            const QPoint c = o.box.center();
            const float* p = &s.rgb[size_t((c.y() * s.size + c.x()) * 3)];
            const float r = p[0], g = p[1], b = p[2];
            switch (o.colour) {
            case 0: EXPECT_GT(r, g + 0.3f); break;            // red
            case 1: EXPECT_GT(g, r + 0.25f); break;           // green
            case 2: EXPECT_GT(b, r + 0.3f); break;            // blue
            case 3: EXPECT_GT(std::min(r, g), b + 0.3f); break; // yellow
            default: EXPECT_GT(std::min(r, b), g + 0.2f); break; // purple
            }
        }
    }
}

TEST(CaptionScene, ImageMatchesPixels)
{
    const auto s = generateScenes(1, 1).front();
    const QImage image = sceneToImage(s);
    ASSERT_EQ(image.size(), QSize(64, 64));
    const QColor c = image.pixelColor(10, 20);
    EXPECT_NEAR(c.redF(), s.rgb[size_t((20 * 64 + 10) * 3)], 1.0 / 255.0);
}
