// Generation with a Hugging Face decoder folder at GPT-2-small size (12 layers x 12 heads, 768, vocabulary 50257,
// 1024 positions; random F32 weights and GPT-2's real tokenizer, written once to a temporary folder): 256 new
// tokens with every token's attention kept, as the Generate tab and `generate --json` run them (issue 16's goal: at
// least 30 tokens per second), at 1 and 2 BLAS threads. The same run measures the engine's bare steps (the baseline:
// what generation adds is the ratio) and the labelling of 260 tokens from the tokenizer's decode.
#include "../engine/hfgeneratefolders.h"
#include "engine/generation.h"
#include "engine/hf/hfgenerator.h"
#include "engine/hf/hfops.h"

#include <QTemporaryDir>
#include <algorithm>
#include <benchmark/benchmark.h>
#include <memory>

namespace {

using namespace attn;

const QString kPrompt = QStringLiteral("Once upon a time");
constexpr int kSteps = 256;

// One model for every benchmark of the run (writing 500 MB of weights takes a few seconds).
const hf::HfGenerator& gpt2Small()
{
    static QTemporaryDir dir;
    static std::unique_ptr<hf::HfGenerator> model = [] {
        const QString path = test::writeGenerateFolder(dir.path() + QStringLiteral("/gpt2-small"), test::smallGpt2());
        // Random weights may choose <|endoftext|> early: without an EOS every run makes all 256 tokens.
        test::editGenerateConfig(path, QStringLiteral("eos_token_id"), QJsonValue());
        return std::make_unique<hf::HfGenerator>(path);
    }();
    return *model;
}

bool haveTokenizer(benchmark::State& state)
{
    const QString missing = test::missingGenerateTokenizers();
    if (!missing.isEmpty()) {
        state.SkipWithError(missing.toStdString().c_str());
    }
    return missing.isEmpty();
}

void generate256(benchmark::State& state, bool capture)
{
    if (!haveTokenizer(state)) {
        return;
    }
    const hf::HfGenerator& model = gpt2Small();
    hf::ops::setThreads(int(state.range(0)));
    GenerationOptions options;
    options.steps = kSteps;
    options.captureAttention = capture;
    std::int64_t tokens = 0;
    for (auto _ : state) {
        const Generation gen = model.generate(kPrompt, options);
        benchmark::DoNotOptimize(gen.rows.data());
        tokens += std::int64_t(gen.tokens.size()) - gen.promptLength;
    }
    state.counters["tokens_per_second"] = benchmark::Counter(double(tokens), benchmark::Counter::kIsRate);
    hf::ops::setThreads(0);
}

// The goal: 256 new tokens, every token's attention kept (12 x 12 rows each), labels and pieces included.
void BM_HfGenerate256WithAttention(benchmark::State& state)
{
    generate256(state, true);
}
BENCHMARK(BM_HfGenerate256WithAttention)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_HfGenerate256WithoutAttention(benchmark::State& state)
{
    generate256(state, false);
}
BENCHMARK(BM_HfGenerate256WithoutAttention)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// The baseline: the network's own steps (prompt at once, then one token a step, attention kept), greedy, no
// tokenizer, no copies into Generation.
void BM_EngineSteps256(benchmark::State& state)
{
    if (!haveTokenizer(state)) {
        return;
    }
    const hf::HfGenerator& model = gpt2Small();
    hf::ops::setThreads(int(state.range(0)));
    const std::vector<int> prompt = model.promptIds(kPrompt);
    std::vector<float> attention;
    for (auto _ : state) {
        const auto seq = model.network().begin(int(prompt.size()) + kSteps);
        const std::vector<float>* logits = &seq->step(prompt, &attention);
        for (int i = 0; i < kSteps; ++i) {
            const int next = int(std::max_element(logits->begin(), logits->end()) - logits->begin());
            logits = &seq->step({next}, &attention);
            benchmark::DoNotOptimize(attention.data());
        }
    }
    state.counters["tokens_per_second"] =
        benchmark::Counter(double(state.iterations()) * kSteps, benchmark::Counter::kIsRate);
    hf::ops::setThreads(0);
}
BENCHMARK(BM_EngineSteps256)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// Labels and pieces of 260 tokens (each piece decodes the text so far: quadratic, so measured on its own).
void BM_LabelTokens260(benchmark::State& state)
{
    if (!haveTokenizer(state)) {
        return;
    }
    const hf::HfGenerator& model = gpt2Small();
    Generation gen;
    gen.tokens = model.promptIds(kPrompt);
    for (int i = 0; i < kSteps; ++i) {
        gen.tokens.push_back((i * 7919 + 13) % 50000);
    }
    for (auto _ : state) {
        hf::HfGenerator::labelTokens(model.tokenizer(), gen);
        benchmark::DoNotOptimize(gen.pieces.data());
    }
}
BENCHMARK(BM_LabelTokens260)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
