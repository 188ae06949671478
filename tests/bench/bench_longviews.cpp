// Redraws at 4,096 tokens (issue 18's goal: each under 16 ms, one frame at 60 Hz), with the same run's baseline:
// repainting a plain widget of the same size.
//   matrix: a full redraw of one 4,096 x 4,096 head (level of detail: one bin per pixel), and the reduction that
//           runs when data, zoom or size change (off the paint path);
//   head view: scrolled to a new place in a scroll area (labels, lines and edge bundles remade), and a hover;
//   model grid: 24 x 16 heads with every thumbnail cached, and the first paint that pools them;
//   token text: a repaint with a focused token, and a focus change (a row of weights, the mass threshold).
#include "views/exporter.h"
#include "views/headview.h"
#include "views/heatmapview.h"
#include "views/matrixreducer.h"
#include "views/modelgridview.h"
#include "views/tokentextcanvas.h"
#include "views/tokentextview.h"

#include <QApplication>
#include <QPainter>
#include <QScrollArea>
#include <QScrollBar>

#include <benchmark/benchmark.h>
#include <cmath>

using namespace attn;

namespace {

constexpr int kTokens = 4096;

QStringList tokenLabels(int n)
{
    static const char* words[] = {"Ġthe", "Ġmodel", "Ġattends", "Ġto", "Ġevery", "Ġtoken", ",", "Ġand",
                                  "Ġlong",  "Ġinputs",  "Ġneed", "Ġcare", ".",      "Ċ"};
    QStringList out;
    for (int i = 0; i < n; ++i) {
        out << QString::fromUtf8(words[(i * 7 + i / 13) % 14]);
    }
    return out;
}

// A head as long-context models have them: a local window, a sink on the first token, one long link per row.
AttentionMap longHead(int n, int head)
{
    AttentionMap m;
    m.queries = m.keys = n;
    m.weights.assign(std::size_t(n) * n, 0.0f);
    for (int q = 0; q < n; ++q) {
        float* row = m.weights.data() + std::size_t(q) * n;
        double sum = 0.0;
        for (int d = 0; d < 6 && q - d >= 0; ++d) {
            row[q - d] += 0.5f / float(1 + d + head % 3);
        }
        row[0] += 0.3f;
        row[(q * 31 + 977 * (head + 1)) % n] += 0.2f;
        for (int k = 0; k < n; ++k) {
            sum += row[k];
        }
        for (int k = 0; k < n; ++k) {
            row[k] = float(row[k] / sum);
        }
    }
    m.queryLabels = m.keyLabels = tokenLabels(n);
    return m;
}

const AttentionMap& head0()
{
    static const AttentionMap m = longHead(kTokens, 0);
    return m;
}

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
    layoutOffscreen(&w, QSize(1200, 800));
    for (auto _ : state) {
        w.repaint();
    }
}
BENCHMARK(BM_BaselineRepaint)->Unit(benchmark::kMillisecond);

void BM_MatrixRedraw4096(benchmark::State& state)
{
    HeatmapView view;
    const AttentionMap& m = head0();
    view.setMatrix(m.weights, m.queries, m.keys, m.queryLabels, m.keyLabels);
    layoutOffscreen(&view, QSize(1200, 800));
    view.redraw();
    for (auto _ : state) {
        view.redraw();
    }
    state.counters["bins"] = double(view.levelOfDetail().rows) * view.levelOfDetail().cols;
}
BENCHMARK(BM_MatrixRedraw4096)->Unit(benchmark::kMillisecond);

void BM_MatrixReduce4096(benchmark::State& state)
{
    // What a resize, a zoom or new data cost once (not per frame): every cell read once.
    const AttentionMap& m = head0();
    for (auto _ : state) {
        benchmark::DoNotOptimize(
            reduceMatrix(m.weights.data(), kTokens, kTokens, {0, kTokens, 0, kTokens}, 700, 1000, PoolMode::Max));
    }
}
BENCHMARK(BM_MatrixReduce4096)->Unit(benchmark::kMillisecond);

std::vector<HeadLines> longHeads(int heads)
{
    std::vector<HeadLines> out;
    for (int h = 0; h < heads; ++h) {
        out.push_back({h == 0 ? head0() : longHead(kTokens, h), QStringLiteral("H%1").arg(h), HeadView::headColor(h)});
    }
    return out;
}

void BM_HeadViewScrolledRedraw4096(benchmark::State& state)
{
    QScrollArea area;
    area.setWidgetResizable(true);
    auto* view = new HeadView;
    area.setWidget(view);
    view->setHeads(longHeads(4));
    layoutOffscreen(&area, QSize(1200, 800));
    QScrollBar* bar = area.verticalScrollBar();
    int step = 0;
    for (auto _ : state) {
        // A new place each time: the frame's labels, lines and bundles are made anew, nothing comes from a cache.
        step = (step + 1) % 20;
        bar->setValue(bar->maximum() * step / 20);
        area.viewport()->repaint();
    }
    state.counters["lines"] = double(view->drawnLines().size());
    state.counters["bundles"] = double(view->drawnBundles().size());
    state.counters["heads"] = view->headCount();
}
BENCHMARK(BM_HeadViewScrolledRedraw4096)->Unit(benchmark::kMillisecond);

void BM_HeadViewHover4096(benchmark::State& state)
{
    QScrollArea area;
    area.setWidgetResizable(true);
    auto* view = new HeadView;
    area.setWidget(view);
    view->setHeads(longHeads(4));
    layoutOffscreen(&area, QSize(1200, 800));
    area.verticalScrollBar()->setValue(area.verticalScrollBar()->maximum() / 2);
    const auto [first, end] = view->visibleRows();
    int token = first;
    for (auto _ : state) {
        token = first + (token - first + 7) % std::max(1, end - first);
        view->setHoveredToken(HeadView::Side::Query, token);
        view->repaint();
    }
    state.counters["lines"] = double(view->drawnLines().size() + view->drawnBundles().size());
}
BENCHMARK(BM_HeadViewHover4096)->Unit(benchmark::kMillisecond);

// Thumbnails of an analytic long-context pattern, pooled at the requested side without any full matrix: the max
// of a block is the window's weight where the block meets the diagonal, the sink's in the first column.
Eigen::MatrixXf pooledPattern(int layer, int head, int side, PoolMode)
{
    const int b = (kTokens + side - 1) / side;
    const int n = (kTokens + b - 1) / b;
    Eigen::MatrixXf out = Eigen::MatrixXf::Constant(n, n, 0.0005f);
    for (int i = 0; i < n; ++i) {
        out(i, i) = 0.25f + 0.05f * float((layer + head) % 5);
        out(i, 0) = 0.3f;
        out(i, (i * (head + 3) + layer) % n) = 0.15f;
    }
    return out;
}

void BM_ModelGridCachedRedraw4096(benchmark::State& state)
{
    ModelGridView view;
    view.setProvider(&pooledPattern, 24, 16, kTokens, kTokens);
    layoutOffscreen(&view, QSize(1200, 1100));
    view.repaint(); // pools every thumbnail once
    const int calls = view.providerCalls();
    for (auto _ : state) {
        view.repaint();
    }
    state.counters["thumbnails"] = view.cachedThumbnails();
    state.counters["pooled_in_loop"] = view.providerCalls() - calls; // 0: every repaint used the cache
}
BENCHMARK(BM_ModelGridCachedRedraw4096)->Unit(benchmark::kMillisecond);

void BM_ModelGridFirstPaint4096(benchmark::State& state)
{
    ModelGridView view;
    view.setProvider(&pooledPattern, 24, 16, kTokens, kTokens);
    layoutOffscreen(&view, QSize(1200, 1100));
    for (auto _ : state) {
        view.redraw(); // forgets the thumbnails and asks the provider for all 384 again
    }
    state.counters["thumbnail_side"] = view.thumbnailSide();
}
BENCHMARK(BM_ModelGridFirstPaint4096)->Unit(benchmark::kMillisecond);

TokenTextView::WeightProvider rowsOf(const AttentionMap& m)
{
    return [&m](int token, TokenTextView::Direction direction, int) {
        std::vector<float> out(std::size_t(m.keys));
        for (int i = 0; i < m.keys; ++i) {
            out[std::size_t(i)] = direction == TokenTextView::Direction::From ? m.at(token, i) : m.at(i, token);
        }
        return out;
    };
}

void BM_TokenTextRedraw4096(benchmark::State& state)
{
    TokenTextView view;
    view.setTokens(head0().keyLabels);
    view.setProvider(rowsOf(head0()), {QStringLiteral("H0")});
    layoutOffscreen(&view, QSize(1200, 800));
    view.setPinnedToken(kTokens / 2);
    view.canvas()->ensureVisible(kTokens / 2);
    for (auto _ : state) {
        view.canvas()->viewport()->repaint();
    }
    state.counters["painted_tokens"] = view.canvas()->lastPaintedCount();
}
BENCHMARK(BM_TokenTextRedraw4096)->Unit(benchmark::kMillisecond);

void BM_TokenTextFocusChange4096(benchmark::State& state)
{
    TokenTextView view;
    view.setTokens(head0().keyLabels);
    view.setProvider(rowsOf(head0()), {QStringLiteral("H0")});
    view.setMassShown(0.9);
    layoutOffscreen(&view, QSize(1200, 800));
    view.canvas()->ensureVisible(kTokens / 2);
    const auto [first, end] = view.canvas()->visibleTokens();
    int token = first;
    for (auto _ : state) {
        token = first + (token - first + 5) % std::max(1, end - first);
        view.setHoveredToken(token); // a row of weights, the top 90% of the mass, the shading
        view.canvas()->viewport()->repaint();
    }
    state.counters["shown_tokens"] = double(view.shownTokens().size());
}
BENCHMARK(BM_TokenTextFocusChange4096)->Unit(benchmark::kMillisecond);

} // namespace

#include "guibenchmain.h"
