#pragma once

#include <QImage>
#include <QRect>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace attn {

class SeededRandom;

// A synthetic captioned world, since no captioned photo set can be had here: RGB scenes with one to three
// shapes on a textured, noisy background and a caption that names them and their relations, e.g.
// "a small red circle left of a large blue square". The caption is a function of the scene (objects are named
// left to right or top to bottom, so only "left of" and "above" are needed), which makes exact match a fair
// metric. Bounding boxes are kept so tests can check where the model looked.
enum class SceneRole
{
    Other,
    Size,
    Colour,
    Shape
};

struct SceneObject
{
    int shape = 0;  // index into sceneShapeNames()
    int colour = 0; // index into sceneColourNames()
    int size = 0;   // 0 small, 1 large
    QRect box;      // pixels the shape covers by at least half, in scene coordinates
};

struct CaptionScene
{
    int size = 64;
    std::vector<float> rgb; // (size, size, 3) row-major, values in [0, 1]
    std::vector<SceneObject> objects; // in caption order
    QStringList words;                // without start / end tokens
    std::vector<int> wordObject;      // per word: index into objects, or -1
    std::vector<SceneRole> wordRole;  // per word
};

const QStringList& sceneShapeNames();
const QStringList& sceneColourNames();
// Every word a caption can use, in a fixed order (the captioner's vocabulary after its special tokens).
QStringList sceneVocabulary();

// A scene drawn from rng; the same seed gives the same scenes on every machine.
CaptionScene generateScene(SeededRandom& rng, int size = 64);
// count scenes from seed; training, validation and test use different seeds.
std::vector<CaptionScene> generateScenes(std::uint64_t seed, int count, int size = 64);

QImage sceneToImage(const CaptionScene& scene);

} // namespace attn
