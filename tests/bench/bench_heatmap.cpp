// Full redraw of a 512 x 512 heatmap (goal: under 16 ms), against a 64 x 64 baseline in the same run.
#include "views/heatmapview.h"

#include <QApplication>
#include <benchmark/benchmark.h>

#include <random>

namespace {

void redraw(benchmark::State& state)
{
    const int n = int(state.range(0));
    std::mt19937 rng(1);
    std::uniform_real_distribution<float> u(0, 1);
    std::vector<float> values(std::size_t(n) * n);
    for (auto& v : values) v = u(rng);
    QStringList labels;
    for (int i = 0; i < n; ++i) labels << QStringLiteral("token%1").arg(i);
    attn::HeatmapView view;
    view.resize(1000, 900);
    view.show();
    QApplication::processEvents();
    view.setMatrix(values, n, n, labels, labels);
    for (auto _ : state) {
        // A full redraw: new data into the colour map, labels, and an immediate replot.
        view.setMatrix(values, n, n, labels, labels);
        view.redraw();
    }
    state.SetLabel(std::to_string(n) + "x" + std::to_string(n));
}

} // namespace

BENCHMARK(redraw)->Arg(64)->Arg(512)->Unit(benchmark::kMillisecond);

#include "guibenchmain.h"
