// Speed of the captioner and its overlays. Goals: caption + attention for one image on one thread < 50 ms;
// redraw of one overlay at 1024 x 1024 < 16 ms. Baselines in the same run: drawing the bare image.
#include "engine/caption/captionmodel.h"
#include "engine/caption/captionscene.h"
#include "views/exporter.h"
#include "views/imageoverlayview.h"

#include <QApplication>
#include <QPainter>

#include <benchmark/benchmark.h>

using namespace attn;

namespace {

const QString kModelDir = QStringLiteral(ATTN_MODELS_DIR "/caption-shapes");

void BM_CaptionOneImage(benchmark::State& state)
{
    setCaptionThreads(1);
    const auto model = CaptionModel::open(kModelDir);
    const auto scenes = generateScenes(99, 16);
    size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(model->captionPixels(scenes[i++ % scenes.size()].rgb, int(state.range(0))));
    }
}
BENCHMARK(BM_CaptionOneImage)->Arg(1)->Arg(3)->Unit(benchmark::kMillisecond);

CaptionResult captionOf(const CaptionModel& model)
{
    return model.captionPixels(generateScenes(99, 1).front().rgb, 3);
}

QImage bigImage()
{
    return sceneToImage(generateScenes(99, 1).front()).scaled(1024, 1024, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
}

// Baseline: the image alone, drawn at 1024 x 1024.
void BM_DrawImage1024(benchmark::State& state)
{
    const QImage image = bigImage();
    QImage target(1024, 1024, QImage::Format_RGB32);
    for (auto _ : state) {
        QPainter painter(&target);
        painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
        painter.drawImage(QRect(0, 0, 1024, 1024), image);
    }
}
BENCHMARK(BM_DrawImage1024)->Unit(benchmark::kMillisecond);

// A redraw of the overlay view (window resize, repaint): image and cached attention layer at 1024 x 1024.
void BM_OverlayRedraw1024(benchmark::State& state)
{
    const auto model = CaptionModel::open(kModelDir);
    ImageOverlayView view;
    view.setTitleVisible(false);
    view.setImage(bigImage());
    view.setCaption(captionOf(*model));
    view.setWord(2);
    layoutOffscreen(&view, QSize(1032, 1032));
    QImage target(view.size(), QImage::Format_RGB32);
    for (auto _ : state) {
        view.render(&target);
    }
}
BENCHMARK(BM_OverlayRedraw1024)->Unit(benchmark::kMillisecond);

// Choosing another word: the layer is upsampled, blurred and coloured again, then drawn.
void BM_OverlayNewWord1024(benchmark::State& state)
{
    const auto model = CaptionModel::open(kModelDir);
    ImageOverlayView view;
    view.setTitleVisible(false);
    view.setImage(bigImage());
    const CaptionResult caption = captionOf(*model);
    view.setCaption(caption);
    layoutOffscreen(&view, QSize(1032, 1032));
    QImage target(view.size(), QImage::Format_RGB32);
    int word = 0;
    for (auto _ : state) {
        view.setWord(word++ % caption.steps());
        view.render(&target);
    }
}
BENCHMARK(BM_OverlayNewWord1024)->Unit(benchmark::kMillisecond);

} // namespace

#include "guibenchmain.h"
