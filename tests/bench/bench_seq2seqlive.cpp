// The live seq2seq trainer of lesson step 8 ("Watch attention learn"), one intra-op thread: the time per training
// step of the lesson's configuration, with updates every 100 steps (nearly the bare loop) and every 10 steps (the
// lesson's rate: the probe alignment plus a held-out evaluation every 100 steps), and one full lesson run with its
// held-out token accuracy on 400 sentences of 10-19 words (seed 2002). s_per_step is per CPU second; Time is the wall
// clock, which is longer when other processes share the two cores.
#include "engine/seq2seq/seq2seqlivetrainer.h"

#include <benchmark/benchmark.h>
#include <chrono>

namespace {

// range(0): report every N steps. Each iteration trains a fresh model for 200 steps; the steps counter makes
// Google Benchmark print the time per step.
void BM_LiveTrainingStep(benchmark::State& state)
{
    constexpr long kSteps = 200;
    for (auto _ : state) {
        attn::LiveTrainingConfig c;
        c.steps = kSteps;
        c.reportEvery = int(state.range(0));
        c.evalEvery = state.range(0) >= 100 ? 0 : 100;
        attn::LiveSeq2SeqTrainer trainer(c);
        const auto result = trainer.run([](const attn::LiveTrainingUpdate& u) { benchmark::DoNotOptimize(u.loss); });
        benchmark::DoNotOptimize(result.steps);
    }
    // Inverted rate: seconds per step (printed with an SI prefix, e.g. 15m = 15 ms).
    state.counters["s_per_step"] = benchmark::Counter(double(state.iterations() * kSteps),
                                                      benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_LiveTrainingStep)->Arg(100)->Arg(10)->Unit(benchmark::kMillisecond)->MinTime(5.0);

// The whole lesson run, as the app trains it.
void BM_LessonRun(benchmark::State& state)
{
    for (auto _ : state) {
        attn::LiveSeq2SeqTrainer trainer;
        double held = -1.0;
        const auto result = trainer.run([&](const attn::LiveTrainingUpdate& u) {
            if (u.heldOutAccuracy >= 0.0) {
                held = u.heldOutAccuracy;
            }
        });
        state.PauseTiming();
        const auto metrics = trainer.evaluate(attn::LiveSeq2SeqTrainer::heldOutSentences(2002, 400));
        state.counters["steps"] = double(result.steps);
        state.counters["ms_per_step"] = 1000.0 * result.seconds / double(result.steps);
        state.counters["monitor_acc"] = held;
        state.counters["heldout_10_19_acc"] = metrics.all.tokenAccuracy();
        state.ResumeTiming();
    }
}
BENCHMARK(BM_LessonRun)->Iterations(1)->Unit(benchmark::kSecond);

} // namespace

BENCHMARK_MAIN();
