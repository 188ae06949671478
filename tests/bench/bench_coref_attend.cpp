// attend on the canonical coreference sentence with models/coref-en-fr: translation plus every attention map,
// one intra-op thread. The default (fast) path runs greedy decoding on Eigen with an incremental decoder;
// baselines in the same run: the LibTorch reference path (whole prefix recomputed every step), beam search
// (LibTorch), and LibTorch's batched greedy translation without the maps.
#include "engine/modelregistry.h"
#include "engine/torchscoring.h"
#include "engine/transformer/corefmodel.h"

#include <QDir>
#include <benchmark/benchmark.h>

namespace {

attn::CorefModel& model()
{
    static std::unique_ptr<attn::TextModel> m = [] {
        attn::setEngineThreads(1);
        return attn::openTextModel(QDir(QStringLiteral(ATTN_MODELS_DIR)).filePath("coref-en-fr"));
    }();
    return dynamic_cast<attn::CorefModel&>(*m);
}

const QString kCanonical = QStringLiteral("The animal didn't cross the street because it was too tired.");

void BM_AttendCanonical(benchmark::State& state)
{
    model().setBeamSize(int(state.range(0)));
    for (auto _ : state) {
        const attn::AttentionSet set = model().attend(kCanonical);
        benchmark::DoNotOptimize(set.blocks.data());
    }
    model().setBeamSize(1);
}
BENCHMARK(BM_AttendCanonical)->Arg(1)->Arg(4)->Unit(benchmark::kMillisecond);

void BM_AttendCanonicalReference(benchmark::State& state)
{
    model().setPath(attn::CorefModel::Path::Reference);
    for (auto _ : state) {
        const attn::AttentionSet set = model().attend(kCanonical);
        benchmark::DoNotOptimize(set.blocks.data());
    }
    model().setPath(attn::CorefModel::Path::Fast);
}
BENCHMARK(BM_AttendCanonicalReference)->Unit(benchmark::kMillisecond);

void BM_TranslateOnlyCanonical(benchmark::State& state)
{
    const std::vector<std::vector<std::string>> src = {
        {"the", "animal", "didn't", "cross", "the", "street", "because", "it", "was", "too", "tired", "."}};
    for (auto _ : state) {
        benchmark::DoNotOptimize(model().translate(src));
    }
}
BENCHMARK(BM_TranslateOnlyCanonical)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
