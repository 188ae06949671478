// classify plus attention for one (premise, hypothesis) pair with each shipped CNN + attention model (issue 15's
// goal: under 5 ms), one intra-op thread. Baseline in the same run: opening the model folder.
#include "engine/classify/classifiermodel.h"
#include "engine/torchscoring.h"

#include <QDir>
#include <benchmark/benchmark.h>

namespace {

const char* const kModels[] = {"pair-abcnn1", "pair-abcnn2", "pair-attentive-pooling"};

QString modelDir(std::int64_t index)
{
    return QDir(QStringLiteral(ATTN_MODELS_DIR)).filePath(QString::fromLatin1(kModels[index]));
}

const QString kPremise = QStringLiteral("yesterday the big dog sold a cheap car while the happy child opened an old bag");
const QString kHypothesis = QStringLiteral("the large hound sold the inexpensive automobile");

void BM_PairClassify(benchmark::State& state)
{
    attn::setEngineThreads(1);
    const auto model = attn::ClassifierModel::open(modelDir(state.range(0)));
    state.SetLabel(kModels[state.range(0)]);
    for (auto _ : state) {
        const attn::ClassificationResult r = model->classify(kPremise, kHypothesis);
        benchmark::DoNotOptimize(r.pairAttention.data());
    }
}
BENCHMARK(BM_PairClassify)->DenseRange(0, 2)->Unit(benchmark::kMillisecond);

void BM_PairOpen(benchmark::State& state)
{
    attn::setEngineThreads(1);
    state.SetLabel(kModels[state.range(0)]);
    for (auto _ : state) {
        benchmark::DoNotOptimize(attn::ClassifierModel::open(modelDir(state.range(0))).get());
    }
}
BENCHMARK(BM_PairOpen)->DenseRange(0, 2)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
