#include "engine/caption/captionscene.h"

#include "core/random.h"

#include <algorithm>
#include <cmath>

namespace attn {

namespace {

constexpr float kColours[5][3] = {
    {0.90f, 0.15f, 0.12f}, // red
    {0.15f, 0.75f, 0.20f}, // green
    {0.15f, 0.30f, 0.95f}, // blue
    {0.95f, 0.88f, 0.15f}, // yellow
    {0.68f, 0.20f, 0.82f}, // purple
};

double between(SeededRandom& rng, double lo, double hi)
{
    return lo + (hi - lo) * rng.uniform();
}

// Inside test for a shape of half-extent r centred at the origin.
bool inside(int shape, double x, double y, double r)
{
    switch (shape) {
    case 0: // circle
        return x * x + y * y <= r * r;
    case 1: // square
        return std::abs(x) <= 0.82 * r && std::abs(y) <= 0.82 * r;
    case 2: { // triangle pointing up: apex (0, -r), base y = 0.8 r from -r to r
        if (y < -r || y > 0.8 * r) {
            return false;
        }
        const double halfWidth = r * (y + r) / (1.8 * r);
        return std::abs(x) <= halfWidth;
    }
    default: // diamond
        return std::abs(x) + std::abs(y) <= r;
    }
}

void drawBackground(SeededRandom& rng, CaptionScene& scene)
{
    const int n = scene.size;
    const double base = between(rng, 0.18, 0.55);
    float tint[3];
    for (float& t : tint) {
        t = float(base + between(rng, -0.06, 0.06));
    }
    const int texture = int(rng.below(4));
    const double amp = between(rng, 0.05, 0.12);
    const double angle = between(rng, 0.0, M_PI);
    const double period = between(rng, 4.0, 12.0);
    const int cell = 3 + int(rng.below(8));
    for (int y = 0; y < n; ++y) {
        for (int x = 0; x < n; ++x) {
            double v = 0.0;
            switch (texture) {
            case 1:
                v = amp * std::sin(2.0 * M_PI * (x * std::cos(angle) + y * std::sin(angle)) / period);
                break;
            case 2:
                v = ((x / cell + y / cell) % 2 == 0) ? amp : -amp;
                break;
            case 3:
                v = 1.5 * amp * ((x * std::cos(angle) + y * std::sin(angle)) / n - 0.5);
                break;
            default:
                break;
            }
            for (int c = 0; c < 3; ++c) {
                scene.rgb[size_t((y * n + x) * 3 + c)] = float(tint[c] + v);
            }
        }
    }
}

// Draws with 3 x 3 supersampling so edges are soft; box = pixels covered by at least half.
void drawObject(SeededRandom& rng, CaptionScene& scene, SceneObject& object, double cx, double cy, double r)
{
    float colour[3];
    const double brightness = between(rng, 0.82, 1.05);
    for (int c = 0; c < 3; ++c) {
        colour[c] = float(std::clamp(kColours[object.colour][c] * brightness + between(rng, -0.06, 0.06), 0.0, 1.0));
    }
    const int n = scene.size;
    int x0 = n, y0 = n, x1 = -1, y1 = -1;
    for (int y = std::max(0, int(cy - r - 2)); y <= std::min(n - 1, int(cy + r + 2)); ++y) {
        for (int x = std::max(0, int(cx - r - 2)); x <= std::min(n - 1, int(cx + r + 2)); ++x) {
            int hits = 0;
            for (int sy = 0; sy < 3; ++sy) {
                for (int sx = 0; sx < 3; ++sx) {
                    hits += inside(object.shape, x + (sx + 0.5) / 3.0 - cx, y + (sy + 0.5) / 3.0 - cy, r) ? 1 : 0;
                }
            }
            if (hits == 0) {
                continue;
            }
            const float a = float(hits) / 9.0f;
            for (int c = 0; c < 3; ++c) {
                float& p = scene.rgb[size_t((y * n + x) * 3 + c)];
                p = (1.0f - a) * p + a * colour[c];
            }
            if (hits >= 5) {
                x0 = std::min(x0, x);
                y0 = std::min(y0, y);
                x1 = std::max(x1, x);
                y1 = std::max(y1, y);
            }
        }
    }
    object.box = QRect(QPoint(x0, y0), QPoint(x1, y1));
}

} // namespace

const QStringList& sceneShapeNames()
{
    static const QStringList kNames{"circle", "square", "triangle", "diamond"};
    return kNames;
}

const QStringList& sceneColourNames()
{
    static const QStringList kNames{"red", "green", "blue", "yellow", "purple"};
    return kNames;
}

QStringList sceneVocabulary()
{
    QStringList words{"a", "small", "large"};
    words << sceneColourNames() << sceneShapeNames() << "left" << "of" << "above";
    return words;
}

CaptionScene generateScene(SeededRandom& rng, int size)
{
    CaptionScene scene;
    scene.size = size;
    scene.rgb.assign(size_t(size * size * 3), 0.0f);
    drawBackground(rng, scene);

    const double u = rng.uniform();
    const int count = u < 0.25 ? 1 : (u < 0.62 ? 2 : 3);
    const bool horizontal = rng.below(2) == 0;
    const double scale = size / 64.0;
    scene.objects.resize(size_t(count));
    std::vector<double> radius(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i) {
        SceneObject& o = scene.objects[size_t(i)];
        o.shape = int(rng.below(4));
        o.colour = int(rng.below(5));
        o.size = int(rng.below(2));
        radius[size_t(i)] = scale * (o.size == 0 ? between(rng, 4.5, 5.5) : between(rng, 8.0, 9.5));
    }
    // Objects sit in slots along one axis, near a shared line across it, so the relation is never ambiguous.
    double maxR = *std::max_element(radius.begin(), radius.end());
    const double across = between(rng, maxR + 6 * scale, size - maxR - 6 * scale);
    const double slot = double(size) / count;
    for (int i = 0; i < count; ++i) {
        const double r = radius[size_t(i)];
        double along, off;
        if (count == 1) {
            along = between(rng, r + 1.0, size - r - 1.0);
            off = between(rng, r + 1.0, size - r - 1.0);
        } else {
            const double slack = std::clamp(slot / 2.0 - r - 1.0, 0.0, 6.0 * scale);
            along = slot * (i + 0.5) + between(rng, -slack, slack);
            off = std::clamp(across + between(rng, -5.0, 5.0) * scale, r + 1.0, size - r - 1.0);
        }
        const double cx = horizontal || count == 1 ? along : off;
        const double cy = horizontal || count == 1 ? off : along;
        drawObject(rng, scene, scene.objects[size_t(i)], cx, cy, r);
    }
    const double noise = between(rng, 0.02, 0.08);
    for (float& p : scene.rgb) {
        p = float(std::clamp(p + noise * rng.normal(), 0.0, 1.0));
    }

    for (int i = 0; i < count; ++i) {
        const SceneObject& o = scene.objects[size_t(i)];
        if (i > 0) {
            if (horizontal) {
                scene.words << "left" << "of";
                scene.wordObject.insert(scene.wordObject.end(), {-1, -1});
                scene.wordRole.insert(scene.wordRole.end(), {SceneRole::Other, SceneRole::Other});
            } else {
                scene.words << "above";
                scene.wordObject.push_back(-1);
                scene.wordRole.push_back(SceneRole::Other);
            }
        }
        scene.words << "a" << (o.size == 0 ? "small" : "large") << sceneColourNames()[o.colour]
                    << sceneShapeNames()[o.shape];
        scene.wordObject.insert(scene.wordObject.end(), {i, i, i, i});
        scene.wordRole.insert(scene.wordRole.end(),
                              {SceneRole::Other, SceneRole::Size, SceneRole::Colour, SceneRole::Shape});
    }
    return scene;
}

std::vector<CaptionScene> generateScenes(std::uint64_t seed, int count, int size)
{
    SeededRandom rng(seed);
    std::vector<CaptionScene> scenes;
    scenes.reserve(size_t(std::max(0, count)));
    for (int i = 0; i < count; ++i) {
        scenes.push_back(generateScene(rng, size));
    }
    return scenes;
}

QImage sceneToImage(const CaptionScene& scene)
{
    QImage image(scene.size, scene.size, QImage::Format_RGB888);
    for (int y = 0; y < scene.size; ++y) {
        uchar* line = image.scanLine(y);
        for (int x = 0; x < scene.size * 3; ++x) {
            line[x] = uchar(std::lround(255.0f * scene.rgb[size_t(y * scene.size * 3 + x)]));
        }
    }
    return image;
}

} // namespace attn
