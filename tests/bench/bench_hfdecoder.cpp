// The GPT-2 engine at GPT-2-small size (12 layers x 12 heads, 768, vocab 50257, 1024 positions; random F32 weights
// written once to a temporary folder): 256 greedy tokens through the key/value cache with every layer's attention
// kept (issue 16's goal: at least 30 tokens per second), at 1 and 2 BLAS threads; and the whole-sequence forward
// of 256 tokens for comparison. Engine level only: the Generate tab's benchmark (with the tokenizer) is the
// generation helper's.
#include "../engine/hfdecodertestmodel.h"
#include "engine/hf/hfnetwork.h"
#include "engine/hf/hfops.h"

#include <QTemporaryDir>
#include <algorithm>
#include <benchmark/benchmark.h>
#include <memory>

namespace {

using namespace attn;

// One model for every benchmark of the run (writing 500 MB of weights takes a few seconds).
const hf::DecoderNetwork& gpt2Small()
{
    static QTemporaryDir dir;
    static std::unique_ptr<hf::Network> network = [] {
        test::DecoderSpec s;
        s.modelType = "gpt2";
        s.hidden = 768;
        s.layers = 12;
        s.heads = 12;
        s.inner = 4 * 768;
        s.vocab = 50257;
        s.maxPositions = 1024;
        const QString path = dir.path() + QStringLiteral("/gpt2-small");
        test::writeDecoderFolder(path, s, test::decoderTensors(s, 1, 0.02f), "transformer.");
        return hf::openNetwork(path);
    }();
    return dynamic_cast<const hf::DecoderNetwork&>(*network);
}

// 256 tokens: a one-token prompt, then 255 greedy steps, each keeping (layers, heads, p + 1) attention rows.
void BM_Gpt2SmallGenerate256(benchmark::State& state)
{
    const hf::DecoderNetwork& net = gpt2Small();
    hf::ops::setThreads(int(state.range(0)));
    const int steps = 256;
    std::int64_t tokens = 0;
    std::vector<float> attention;
    for (auto _ : state) {
        std::unique_ptr<hf::DecoderState> seq = net.begin(steps);
        int next = 464;
        for (int i = 0; i < steps; ++i) {
            const std::vector<float>& logits = seq->step({next}, &attention);
            next = int(std::max_element(logits.begin(), logits.end()) - logits.begin());
            benchmark::DoNotOptimize(attention.data());
        }
        tokens += steps;
    }
    state.counters["tokens_per_second"] = benchmark::Counter(double(tokens), benchmark::Counter::kIsRate);
    hf::ops::setThreads(0);
}
BENCHMARK(BM_Gpt2SmallGenerate256)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// The whole 256-token sequence at once (as `attend` runs it), every layer's attention kept.
void BM_Gpt2SmallForward256(benchmark::State& state)
{
    const hf::DecoderNetwork& net = gpt2Small();
    hf::ops::setThreads(int(state.range(0)));
    std::vector<int> ids(256);
    for (int i = 0; i < 256; ++i) {
        ids[std::size_t(i)] = (i * 7919) % 50257;
    }
    for (auto _ : state) {
        const hf::ForwardResult r = net.forward(ids, hf::Capture{});
        benchmark::DoNotOptimize(r.attention.data());
    }
    state.counters["tokens_per_second"] =
        benchmark::Counter(double(state.iterations()) * 256.0, benchmark::Counter::kIsRate);
    hf::ops::setThreads(0);
}
BENCHMARK(BM_Gpt2SmallForward256)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
