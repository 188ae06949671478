// Why the llama2.c engine's forward pass is hand-written: LibTorch operations against the engine's pass on
// stories260K, one thread, 256 positions with every head's attention kept (formerly printed by
// tst_llama2torchreference). The ratio of the two timings is the figure to read.
#include "../engine/llama2torchreference.h"
#include "engine/llama2/llama2transformer.h"

#include <QFileInfo>
#include <benchmark/benchmark.h>
#include <algorithm>
#include <memory>

namespace {

const QString kCheckpoint = QStringLiteral(ATTN_SHARED_DATA_DIR "/tinystories/stories260K.bin");
constexpr int kPositions = 256;

std::shared_ptr<const attn::Llama2Checkpoint> checkpoint(benchmark::State& state)
{
    if (!QFileInfo::exists(kCheckpoint)) {
        state.SkipWithError("TinyStories data not found (../shared/data/tinystories)");
        return nullptr;
    }
    torch::set_num_threads(1);
    return std::make_shared<const attn::Llama2Checkpoint>(attn::Llama2Checkpoint::read(kCheckpoint));
}

void BM_TorchOpsGreedy256(benchmark::State& state)
{
    const auto ckpt = checkpoint(state);
    if (!ckpt) {
        return;
    }
    torch::NoGradGuard noGrad;
    for (auto _ : state) {
        attn::test::TorchLlama reference(*ckpt);
        int token = 1;
        for (int pos = 0; pos < kPositions; ++pos) {
            torch::Tensor att;
            token = int(reference.forward(token, pos, &att).argmax().item<std::int64_t>());
        }
        benchmark::DoNotOptimize(token);
    }
    state.counters["tokens_per_second"] =
        benchmark::Counter(double(state.iterations()) * kPositions, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TorchOpsGreedy256)->Unit(benchmark::kMillisecond);

void BM_EngineGreedy256(benchmark::State& state)
{
    const auto ckpt = checkpoint(state);
    if (!ckpt) {
        return;
    }
    const attn::Llama2Config& c = ckpt->config();
    std::vector<float> rows(std::size_t(c.layers) * c.heads * kPositions);
    for (auto _ : state) {
        attn::Llama2Transformer engine(ckpt, kPositions);
        int token = 1;
        for (int pos = 0; pos < kPositions; ++pos) {
            const float* logits = engine.forward(token, pos, rows.data());
            token = int(std::max_element(logits, logits + c.vocabSize) - logits);
        }
        benchmark::DoNotOptimize(token);
    }
    state.counters["tokens_per_second"] =
        benchmark::Counter(double(state.iterations()) * kPositions, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_EngineGreedy256)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
