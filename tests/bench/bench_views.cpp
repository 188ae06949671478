// Speed of the text views on a synthetic 12-layer, 12-head set (goal: each under 16 ms, one frame at 60 Hz).
//   model view full redraw at 128 tokens, head view hover update at 512 tokens, matrix redraw at 512 tokens.
// A baseline in the same run: repainting a plain widget of the same size (what any redraw costs at least).
#include "core/attentionanalysis.h"
#include "core/syntheticattention.h"
#include "views/exporter.h"
#include "views/headview.h"
#include "views/heatmapview.h"
#include "views/modelgridview.h"

#include <QApplication>
#include <QPainter>
#include <QScrollArea>

#include <benchmark/benchmark.h>

using namespace attn;

namespace {

const AttentionSet& set128()
{
    static const AttentionSet s = syntheticAttentionSet(12, 12, 128, 1);
    return s;
}

const AttentionSet& set512()
{
    static const AttentionSet s = syntheticAttentionSet(12, 12, 512, 2);
    return s;
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

void BM_ModelViewFullRedraw128(benchmark::State& state)
{
    ModelGridView view;
    view.setBlock(set128().blocks[0]);
    layoutOffscreen(&view, QSize(1200, 800));
    for (auto _ : state) {
        view.redraw(); // rebuilds all 144 thumbnails from the weights, then paints the grid
    }
    state.counters["thumbnails"] = view.layers() * view.heads();
}
BENCHMARK(BM_ModelViewFullRedraw128)->Unit(benchmark::kMillisecond);

void BM_HeadViewHoverUpdate512(benchmark::State& state)
{
    // As in the panel: the tall view sits in a scroll area, and a hover repaints what is visible.
    QScrollArea area;
    area.setWidgetResizable(true);
    auto* view = new HeadView;
    area.setWidget(view);
    view->setLayer(set512().blocks[0], 5);
    layoutOffscreen(&area, QSize(1200, 800));
    view->setHoveredToken(HeadView::Side::Query, 0);
    view->repaint(); // first paint builds the label cache
    int token = 0;
    for (auto _ : state) {
        token = (token + 7) % 40; // tokens in the visible part of the view
        view->setHoveredToken(HeadView::Side::Query, token);
        view->repaint();
    }
    state.counters["lines"] = double(view->drawnLines().size());
}
BENCHMARK(BM_HeadViewHoverUpdate512)->Unit(benchmark::kMillisecond);

void BM_MatrixRedraw512(benchmark::State& state)
{
    HeatmapView view;
    const AttentionMap map = headMap(set512().blocks[0], 5, 3);
    view.setMatrix(map.weights, map.queries, map.keys, map.queryLabels, map.keyLabels);
    layoutOffscreen(&view, QSize(1200, 800));
    for (auto _ : state) {
        view.redraw();
    }
}
BENCHMARK(BM_MatrixRedraw512)->Unit(benchmark::kMillisecond);

} // namespace

#include "guibenchmain.h"
