// Speed of the kernel-regression and three-steps views (lesson steps 2 and 3; goal: the learned width fits in
// under 50 ms, and a slider move redraws in one frame, under 16 ms).
// Baseline in the same run: repainting a plain widget of the same size.
#include "core/kernelregression.h"
#include "views/exporter.h"
#include "views/kernelregressionview.h"
#include "views/threestepsview.h"

#include <QPainter>

#include <benchmark/benchmark.h>

using namespace attn;

namespace {

constexpr QSize kSize(1800, 700);

class Filled : public QWidget
{
protected:
    void paintEvent(QPaintEvent*) override
    {
        QPainter p(this);
        p.fillRect(rect(), Qt::white);
    }
};

void BM_BaselineRepaint(benchmark::State& state)
{
    Filled w;
    layoutOffscreen(&w, kSize);
    for (auto _ : state) {
        benchmark::DoNotOptimize(w.grab());
    }
}
BENCHMARK(BM_BaselineRepaint)->Unit(benchmark::kMillisecond);

void BM_FitKernelWidth(benchmark::State& state)
{
    const KernelData d = makeKernelData(int(state.range(0)), 50, 0.5, 0);
    for (auto _ : state) {
        benchmark::DoNotOptimize(fitKernelWidth(d.xTrain, d.yTrain).sigma);
    }
}
BENCHMARK(BM_FitKernelWidth)->Arg(50)->Arg(200)->Unit(benchmark::kMillisecond);

// One slider step: new weights and predictions, then a full redraw.
void BM_KernelViewWidthChange(benchmark::State& state)
{
    KernelRegressionView view;
    view.setFontPixelSize(22);
    layoutOffscreen(&view, kSize);
    double width = 0.3;
    for (auto _ : state) {
        width = width > 1.0 ? 0.3 : width * 1.1;
        view.setWidth(width);
        benchmark::DoNotOptimize(view.grab());
    }
}
BENCHMARK(BM_KernelViewWidthChange)->Unit(benchmark::kMillisecond);

// One animation frame of step three (the weighted sum on the plane).
void BM_ThreeStepsFrame(benchmark::State& state)
{
    ThreeStepsView view;
    view.setFontPixelSize(22);
    layoutOffscreen(&view, kSize);
    double stage = 2.0;
    for (auto _ : state) {
        stage = stage >= 3.0 ? 2.0 : stage + 0.05;
        view.setStage(stage);
        benchmark::DoNotOptimize(view.grab());
    }
}
BENCHMARK(BM_ThreeStepsFrame)->Unit(benchmark::kMillisecond);

} // namespace

#include "guibenchmain.h"
