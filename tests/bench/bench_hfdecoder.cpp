// The GPT-2 engine at GPT-2-small size (12 layers x 12 heads, 768, vocab 50257, 1024 positions; random F32 weights
// written once to a temporary folder): 256 greedy tokens through the key/value cache with every layer's attention
// kept (issue 16's goal: at least 30 tokens per second), at 1 and 2 BLAS threads; a Llama of the same size (grouped
// heads, rotary embeddings); and the whole-sequence forward of 256 tokens for comparison. On a shared machine read
// the CPU column too: real time counts the time other processes held the cores. Engine level only: the Generate tab's
// benchmark (with the tokenizer) is the generation helper's.
#include "../engine/hfdecodertestmodel.h"
#include "engine/hf/hfnetwork.h"
#include "engine/hf/hfops.h"

#include <QTemporaryDir>
#include <algorithm>
#include <benchmark/benchmark.h>
#include <map>
#include <memory>

namespace {

using namespace attn;

// One model of each kind for every benchmark of the run (writing 500 MB of weights takes a few seconds).
const hf::DecoderNetwork& openModel(const test::DecoderSpec& s)
{
    static QTemporaryDir dir;
    static std::map<std::string, std::unique_ptr<hf::Network>> networks;
    std::unique_ptr<hf::Network>& network = networks[s.modelType];
    if (!network) {
        const QString path = dir.path() + QLatin1Char('/') + QString::fromStdString(s.modelType);
        test::writeDecoderFolder(path, s, test::decoderTensors(s, 1, 0.02f), s.isGpt2() ? "transformer." : "model.");
        network = hf::openNetwork(path);
    }
    return dynamic_cast<const hf::DecoderNetwork&>(*network);
}

const hf::DecoderNetwork& gpt2Small()
{
    return openModel(test::smallGpt2());
}

// A Llama of about the same size (124M parameters).
const hf::DecoderNetwork& llamaSmall()
{
    return openModel(test::smallLlama());
}

// 256 tokens: a one-token prompt, then 255 greedy steps, each keeping (layers, heads, p + 1) attention rows.
void generate256(benchmark::State& state, const hf::DecoderNetwork& net)
{
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

void BM_Gpt2SmallGenerate256(benchmark::State& state)
{
    generate256(state, gpt2Small());
}
BENCHMARK(BM_Gpt2SmallGenerate256)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_LlamaSmallGenerate256(benchmark::State& state)
{
    generate256(state, llamaSmall());
}
BENCHMARK(BM_LlamaSmallGenerate256)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

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
