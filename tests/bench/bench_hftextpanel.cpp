// A BERT-base-sized Hugging Face folder (random F32 weights: 12 layers x 12 heads, hidden 768) at 512 tokens in the
// Text tab (issue 16, "a BERT-base model at 512 tokens must open and draw"), one thread:
//   open: HfTextModel::open (config, mapped weights, shape checks, the tokenizer);
//   attend: the run the Text tab makes (tokenizer, forward pass with all 144 maps kept, labels, the set);
//   words: the word view's merge of the whole set (what checking "Words" costs);
//   show: the panel given the set, then the matrix and the model grid drawn (grab).
// The engine alone against PyTorch is bench_hfencoder's.
#include "../cli/hftinybert.h"
#include "core/wordpieces.h"
#include "engine/hf/hftextmodel.h"
#include "gui/textpanel.h"
#include "views/heatmapview.h"
#include "views/modelgridview.h"

#include <QTemporaryDir>
#include <benchmark/benchmark.h>

using namespace attn;

namespace {

const QString& folder()
{
    static QTemporaryDir tmp;
    static const QString dir = [] {
        const QString d = tmp.filePath("bert-base-random");
        if (!tinybert::write(d, tinybert::bertBaseSized())) {
            qFatal("cannot write %s", qPrintable(d));
        }
        return d;
    }();
    return dir;
}

// 510 words, some split into pieces ("playing" = play ##ing), so the word view has work: 512 tokens with [CLS]/[SEP].
QString text512()
{
    QStringList words;
    for (int i = 0, tokens = 2; tokens < 512; ++i) {
        const bool pieces = i % 3 == 0 && tokens + 2 <= 512;
        words << (pieces ? QStringLiteral("playing") : QStringLiteral("cat"));
        tokens += pieces ? 2 : 1;
    }
    return words.join(QLatin1Char(' '));
}

void BM_Open(benchmark::State& state)
{
    folder(); // written once, before timing
    for (auto _ : state) {
        benchmark::DoNotOptimize(hf::HfTextModel::open(folder()));
    }
}

void BM_Attend512(benchmark::State& state)
{
    auto model = hf::HfTextModel::open(folder());
    const QString text = text512();
    int tokens = 0;
    for (auto _ : state) {
        const AttentionSet set = model->attend(text);
        tokens = set.blocks.front().queries;
    }
    state.counters["tokens"] = tokens;
}

void BM_Words512(benchmark::State& state)
{
    const AttentionSet set = hf::HfTextModel::open(folder())->attend(text512());
    for (auto _ : state) {
        benchmark::DoNotOptimize(mergeWordPieces(set));
    }
    state.counters["tokens"] = set.blocks.front().queries;
}

void BM_ShowAndDraw512(benchmark::State& state)
{
    const AttentionSet set = hf::HfTextModel::open(folder())->attend(text512());
    TextPanel panel;
    panel.setPersistent(false);
    panel.resize(1600, 900);
    panel.show();
    for (auto _ : state) {
        panel.showAttention(set);
        panel.setCurrentView(TextPanel::MatrixTab);
        benchmark::DoNotOptimize(panel.matrixView()->grab());
        panel.setCurrentView(TextPanel::ModelTab);
        benchmark::DoNotOptimize(panel.modelView()->grab());
    }
}

} // namespace

BENCHMARK(BM_Open)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Attend512)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_Words512)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ShowAndDraw512)->Unit(benchmark::kMillisecond)->Iterations(3);

#include "guibenchmain.h"
