// Held-out evaluation of a captioner: exact match, word accuracy and where its attention peaks.
#include "engine/caption/captionscene.h"
#include "engine/caption/captiontrainer.h"

#include "core/imagemap.h"

#include <algorithm>
#include <cmath>

namespace attn {

CaptionMetrics evaluateCaptioner(const CaptionModel& model, std::uint64_t seed, int count, int beam)
{
    const int size = model.config().imageSize;
    const std::vector<CaptionScene> scenes = generateScenes(seed, count, size);
    CaptionMetrics m;
    m.scenes = count;
    long exact = 0, wordsRight = 0, wordsTotal = 0;
    long hits[4] = {0, 0, 0, 0}, totals[4] = {0, 0, 0, 0}, placed[4] = {0, 0, 0, 0};
    QPointF offsets[4];
    long sizedHits[4][2] = {}, sizedTotals[4][2] = {}; // [role][object size]
    double contentBeta = 0.0, functionBeta = 0.0;
    long contentN = 0, functionN = 0;
    for (const CaptionScene& scene : scenes) {
        const CaptionResult r = model.captionPixels(scene.rgb, beam);
        exact += r.words == scene.words ? 1 : 0;
        for (int i = 0; i < scene.words.size(); ++i) {
            ++wordsTotal;
            const bool right = i < r.words.size() && r.words[i] == scene.words[i];
            wordsRight += right ? 1 : 0;
            const int role = int(scene.wordRole[size_t(i)]);
            if (role == int(SceneRole::Other)) {
                continue;
            }
            const SceneObject& object = scene.objects[size_t(scene.wordObject[size_t(i)])];
            ++totals[role];
            ++sizedTotals[role][object.size];
            if (!right) {
                continue;
            }
            const Eigen::MatrixXf map = expandAttention(r.alphas[size_t(i)], size, size);
            const MapPeak peak = mapPeak(map);
            const QRect& box = object.box;
            const long hit = box.contains(peak.col, peak.row) ? 1 : 0;
            hits[role] += hit;
            sizedHits[role][object.size] += hit;
            // QRect's right() and bottom() are the last pixels inside, so the centre is their mean with left, top.
            offsets[role] += QPointF(peak.col - 0.5 * (box.left() + box.right()), peak.row - 0.5 * (box.top() + box.bottom()));
            ++placed[role];
        }
        for (int t = 0; t < r.steps(); ++t) {
            m.worstAlphaSumError = std::max(m.worstAlphaSumError, std::abs(double(r.alphas[size_t(t)].cast<double>().sum()) - 1.0));
            const QString& w = r.words[t];
            const bool function = w == QLatin1String("a") || w == QLatin1String("left") || w == QLatin1String("of") ||
                                  w == QLatin1String("above");
            (function ? functionBeta : contentBeta) += r.betas[size_t(t)];
            ++(function ? functionN : contentN);
        }
    }
    const auto frac = [](long a, long b) { return b > 0 ? double(a) / double(b) : 0.0; };
    m.exactMatch = frac(exact, count);
    m.wordAccuracy = frac(wordsRight, wordsTotal);
    m.sizePeakInBox = frac(hits[int(SceneRole::Size)], totals[int(SceneRole::Size)]);
    m.colourPeakInBox = frac(hits[int(SceneRole::Colour)], totals[int(SceneRole::Colour)]);
    m.shapePeakInBox = frac(hits[int(SceneRole::Shape)], totals[int(SceneRole::Shape)]);
    m.colourPeakInSmallBox = frac(sizedHits[int(SceneRole::Colour)][0], sizedTotals[int(SceneRole::Colour)][0]);
    m.colourPeakInLargeBox = frac(sizedHits[int(SceneRole::Colour)][1], sizedTotals[int(SceneRole::Colour)][1]);
    m.shapePeakInSmallBox = frac(sizedHits[int(SceneRole::Shape)][0], sizedTotals[int(SceneRole::Shape)][0]);
    m.shapePeakInLargeBox = frac(sizedHits[int(SceneRole::Shape)][1], sizedTotals[int(SceneRole::Shape)][1]);
    const auto meanOffset = [&](SceneRole role) {
        const int r = int(role);
        return placed[r] > 0 ? offsets[r] / double(placed[r]) : QPointF();
    };
    m.sizePeakOffset = meanOffset(SceneRole::Size);
    m.colourPeakOffset = meanOffset(SceneRole::Colour);
    m.shapePeakOffset = meanOffset(SceneRole::Shape);
    m.meanContentBeta = contentN > 0 ? contentBeta / contentN : 0.0;
    m.meanFunctionBeta = functionN > 0 ? functionBeta / functionN : 0.0;
    return m;
}

QString formatMetrics(const CaptionMetrics& m)
{
    const auto offset = [](const QPointF& p) {
        return QStringLiteral("(%1, %2)").arg(p.x(), 0, 'f', 1).arg(p.y(), 0, 'f', 1);
    };
    const auto split = [](double small, double large) {
        return QStringLiteral("%1 / %2").arg(small, 0, 'f', 3).arg(large, 0, 'f', 3);
    };
    return QStringLiteral("scenes %1, exact match %2, word accuracy %3, peak in box: colour %4, shape %5, size %6, "
                          "worst |sum(alpha) - 1| %7, mean beta: content words %8, function words %9; mean peak offset "
                          "from the box centre (x, y px): colour %10, shape %11, size %12; peak in box for small / large "
                          "objects: colour %13, shape %14")
        .arg(m.scenes)
        .arg(m.exactMatch, 0, 'f', 3)
        .arg(m.wordAccuracy, 0, 'f', 3)
        .arg(m.colourPeakInBox, 0, 'f', 3)
        .arg(m.shapePeakInBox, 0, 'f', 3)
        .arg(m.sizePeakInBox, 0, 'f', 3)
        .arg(m.worstAlphaSumError, 0, 'g', 3)
        .arg(m.meanContentBeta, 0, 'f', 3)
        .arg(m.meanFunctionBeta, 0, 'f', 3)
        .arg(offset(m.colourPeakOffset), offset(m.shapePeakOffset), offset(m.sizePeakOffset),
             split(m.colourPeakInSmallBox, m.colourPeakInLargeBox), split(m.shapePeakInSmallBox, m.shapePeakInLargeBox));
}

} // namespace attn
