// Generation speed of stories260K with attention capture: the goal is at least 1000 tokens per second on one thread.
#include "engine/llama2/llama2model.h"

#include <QFileInfo>
#include <benchmark/benchmark.h>
#include <memory>

namespace {

const QString kCheckpoint = QStringLiteral(ATTN_SHARED_DATA_DIR "/tinystories/stories260K.bin");

std::unique_ptr<attn::Llama2Model> loadModel(benchmark::State& state)
{
    if (!QFileInfo::exists(kCheckpoint)) {
        state.SkipWithError("TinyStories data not found (../shared/data/tinystories)");
        return nullptr;
    }
    return std::make_unique<attn::Llama2Model>(kCheckpoint, QString());
}

// 256 new tokens from "Once upon a time"; counters report tokens per second (every forward position counts).
void generate256(benchmark::State& state, bool capture)
{
    const auto model = loadModel(state);
    if (!model) {
        return;
    }
    attn::GenerationOptions options;
    options.steps = 256;
    options.captureAttention = capture;
    std::int64_t tokens = 0;
    for (auto _ : state) {
        const attn::Generation gen = model->generate(QStringLiteral("Once upon a time"), options);
        benchmark::DoNotOptimize(gen.rows.data());
        tokens += std::int64_t(gen.tokens.size()) - gen.promptLength;
    }
    state.counters["tokens_per_second"] = benchmark::Counter(double(tokens), benchmark::Counter::kIsRate);
}

void BM_Generate256WithAttention(benchmark::State& state)
{
    generate256(state, true);
}
BENCHMARK(BM_Generate256WithAttention)->Unit(benchmark::kMillisecond);

// The same without capture: the cost of keeping every head's attention is the ratio of the two.
void BM_Generate256WithoutAttention(benchmark::State& state)
{
    generate256(state, false);
}
BENCHMARK(BM_Generate256WithoutAttention)->Unit(benchmark::kMillisecond);

// The whole AttentionSet (5 x 8 x 261 x 261) that `attend` would return for the same run.
void BM_Generate256ToAttentionSet(benchmark::State& state)
{
    const auto model = loadModel(state);
    if (!model) {
        return;
    }
    attn::GenerationOptions options;
    options.steps = 256;
    std::int64_t tokens = 0;
    for (auto _ : state) {
        const attn::Generation gen = model->generate(QStringLiteral("Once upon a time"), options);
        const attn::AttentionSet set = gen.toAttentionSet(model->name());
        benchmark::DoNotOptimize(set.blocks.data());
        tokens += std::int64_t(gen.tokens.size()) - gen.promptLength;
    }
    state.counters["tokens_per_second"] = benchmark::Counter(double(tokens), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Generate256ToAttentionSet)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
