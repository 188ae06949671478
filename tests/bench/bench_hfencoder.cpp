// Issue 16's encoder goal: a BERT-base-sized model (12 layers x 12 heads, hidden 768, intermediate 3072, vocab
// 30522, random weights) at 128 tokens with every layer's attention kept, one thread, against eager PyTorch
// (bench_hfencoder.py: the same file, modules as transformers' modeling_bert, output_attentions) in the same run.
// Read the counter ours_over_pytorch of BM_BertBaseOursVsPyTorch/128: our median CPU time over PyTorch's, both
// measured in alternating batches (goal <= 1); /512 is the same at 512 tokens. BM_EngineBertBase times our pass
// alone.
// BM_BertBase512OpenAndAttend opens the folder and runs 512 tokens in a fresh process (this executable with
// --open-and-attend DIR), so its peak RSS is the open and the pass alone, not the writing of the model.
#include "../engine/hfencodertestmodel.h"
#include "engine/hf/hfnetwork.h"
#include "engine/hf/hfops.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <algorithm>
#include <benchmark/benchmark.h>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <time.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

attn::test::EncoderSpec bertBase()
{
    attn::test::EncoderSpec s;
    s.hidden = 768;
    s.layers = 12;
    s.heads = 12;
    s.inner = 3072;
    s.vocab = 30522;
    s.maxPositions = 512;
    return s;
}

// Written once per run and dtype; 0.02 is BERT's initializer range (attention stays spread, as in a trained model).
const QString& bertBaseFolder(attn::DType dtype = attn::DType::F32)
{
    static std::map<attn::DType, std::pair<std::unique_ptr<QTemporaryDir>, QString>> folders;
    auto& [dir, path] = folders[dtype];
    if (!dir) {
        dir = std::make_unique<QTemporaryDir>();
        attn::hftest::TestModel model = attn::test::encoderModel(bertBase(), 1, 0.02f);
        model.prefix = "bert.";
        model.dtype = dtype;
        model.write(dir->path());
        path = dir->path();
    }
    return path;
}

std::vector<int> benchIds(int tokens, int vocab)
{
    std::vector<int> ids(std::size_t(tokens), 0);
    for (int i = 0; i < tokens; ++i) {
        ids[std::size_t(i)] = int((std::int64_t(i) * 7919 + 101) % vocab);
    }
    return ids;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

double minimum(const std::vector<double>& v)
{
    return v.empty() ? 0.0 : *std::min_element(v.begin(), v.end());
}

double threadCpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
}

// Timings of one side. At one thread, CPU time is the work itself; wall time also holds whatever else the shared
// machine ran meanwhile, so the ratio is read on CPU medians (and on the fastest wall times as a check).
struct Timings
{
    std::vector<double> wall, cpu;

    // One pass over ids with every layer's attention kept, its wall and CPU time added.
    void forward(const attn::hf::Network& network, const std::vector<int>& ids)
    {
        const auto start = Clock::now();
        const double cpuStart = threadCpuSeconds();
        attn::hf::ForwardResult result = network.forward(ids, attn::hf::Capture{});
        benchmark::DoNotOptimize(result.attention.data());
        cpu.push_back(threadCpuSeconds() - cpuStart);
        wall.push_back(std::chrono::duration<double>(Clock::now() - start).count());
    }
};

std::vector<double> numbers(const QJsonValue& value)
{
    std::vector<double> out;
    for (const QJsonValue& v : value.toArray()) {
        out.push_back(v.toDouble());
    }
    return out;
}

void BM_EngineBertBase(benchmark::State& state)
{
    attn::hf::ops::setThreads(1);
    const auto network = attn::hf::openNetwork(bertBaseFolder());
    const std::vector<int> ids = benchIds(int(state.range(0)), bertBase().vocab);
    network->forward(ids, attn::hf::Capture{}); // warm-up
    Timings ours;
    for (auto _ : state) {
        ours.forward(*network, ids);
    }
    state.counters["cpu_median_ms"] = median(ours.cpu) * 1e3;
    state.counters["wall_min_ms"] = minimum(ours.wall) * 1e3;
}
BENCHMARK(BM_EngineBertBase)->Arg(128)->Arg(512)->Unit(benchmark::kMillisecond)->MinTime(5.0);

// A line of JSON from the Python server (bench_hfencoder.py ... serve); empty on failure.
QJsonObject readReport(QProcess& python)
{
    while (!python.canReadLine()) {
        if (!python.waitForReadyRead(-1)) {
            return {};
        }
    }
    return QJsonDocument::fromJson(python.readLine().trimmed()).object();
}

// Our passes and eager PyTorch's at range(0) tokens, in range(1) alternating batches of range(2) passes, so that
// both meet the same background load.
void BM_BertBaseOursVsPyTorch(benchmark::State& state)
{
    const int tokens = int(state.range(0));
    const int rounds = int(state.range(1));
    const int batch = int(state.range(2));
    attn::hf::ops::setThreads(1);
    const QString folder = bertBaseFolder();
    const auto network = attn::hf::openNetwork(folder);
    const std::vector<int> ids = benchIds(tokens, bertBase().vocab);
    attn::hf::Capture hidden;
    hidden.hidden = true;
    const attn::hf::ForwardResult check = network->forward(ids, hidden); // also the warm-up
    const std::size_t last = check.hidden.size() - std::size_t(tokens) * 768;

    QProcess python;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("OMP_NUM_THREADS"), QStringLiteral("1"));
    env.insert(QStringLiteral("OPENBLAS_NUM_THREADS"), QStringLiteral("1"));
    python.setProcessEnvironment(env);
    const QString script = QFileInfo(QStringLiteral(__FILE__)).absolutePath() + QStringLiteral("/bench_hfencoder.py");
    // Debian's interpreter: the one with python3-torch (DESIGN.md, traps).
    python.start(QStringLiteral("/usr/bin/python3"),
                 {script, folder, QString::number(tokens), QStringLiteral("serve")});
    const QJsonObject ready = readReport(python);
    if (!ready.value(QStringLiteral("ready")).toBool()) {
        python.kill();
        python.waitForFinished(-1);
        state.SkipWithError(("bench_hfencoder.py failed: " + python.readAllStandardError().toStdString()).c_str());
        return;
    }
    // Both compute the same function: the last hidden state's first values agree.
    double worst = 0.0;
    const QJsonArray row = ready.value(QStringLiteral("hidden_row0")).toArray();
    for (int i = 0; i < row.size() && i < 8; ++i) {
        worst = std::max(worst, std::abs(row[i].toDouble() - double(check.hidden[last + std::size_t(i)])));
    }

    Timings ours, torch;
    int threads = 0;
    for (auto _ : state) {
        for (int round = 0; round < rounds; ++round) {
            for (int i = 0; i < batch; ++i) {
                ours.forward(*network, ids);
            }
            python.write(QByteArray::number(batch) + '\n');
            const QJsonObject report = readReport(python);
            const std::vector<double> wall = numbers(report.value(QStringLiteral("seconds")));
            const std::vector<double> cpu = numbers(report.value(QStringLiteral("cpu_seconds")));
            if (wall.empty() || cpu.empty()) {
                state.SkipWithError("bench_hfencoder.py stopped answering");
                return;
            }
            torch.wall.insert(torch.wall.end(), wall.begin(), wall.end());
            torch.cpu.insert(torch.cpu.end(), cpu.begin(), cpu.end());
            threads = report.value(QStringLiteral("threads")).toInt();
        }
        state.SetIterationTime(median(ours.wall));
    }
    python.closeWriteChannel();
    python.waitForFinished(-1);
    state.counters["ours_cpu_median_ms"] = median(ours.cpu) * 1e3;
    state.counters["pytorch_cpu_median_ms"] = median(torch.cpu) * 1e3;
    state.counters["ours_over_pytorch"] = median(ours.cpu) / median(torch.cpu);
    state.counters["ours_over_pytorch_wall_min"] = minimum(ours.wall) / minimum(torch.wall);
    state.counters["pytorch_threads"] = threads;
    state.counters["max_diff_hidden"] = worst;
}
BENCHMARK(BM_BertBaseOursVsPyTorch)
    ->Args({128, 6, 5})
    ->Args({512, 3, 3})
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime()
    ->Iterations(1);

// The peak resident set of this process: VmHWM belongs to the address space, which exec replaces, so a child
// started by a benchmark that has just written 440 MB of weights starts from zero (ru_maxrss would not).
long peakRssKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:")) {
            return line.mid(6).trimmed().split(' ').value(0).toLong();
        }
    }
    return -1;
}

// Child mode: open DIR, run 512 tokens with all attention kept, print "open_s attend_s peak_rss_kb".
int openAndAttend(const char* dir)
{
    attn::hf::ops::setThreads(1);
    const auto start = Clock::now();
    const auto network = attn::hf::openNetwork(QString::fromLocal8Bit(dir));
    const auto opened = Clock::now();
    const attn::hf::ForwardResult result = network->forward(benchIds(512, network->config().vocabSize), {});
    const auto attended = Clock::now();
    std::printf("%f %f %ld %zu\n", std::chrono::duration<double>(opened - start).count(),
                std::chrono::duration<double>(attended - opened).count(), peakRssKb(), result.attention.size());
    return 0;
}

// range(0) 0: an F32 file (read in place from the mapping); 1: BF16 (every weight converted to float32 at open).
void BM_BertBase512OpenAndAttend(benchmark::State& state)
{
    const QString folder = bertBaseFolder(state.range(0) == 0 ? attn::DType::F32 : attn::DType::BF16);
    for (auto _ : state) {
        QProcess child;
        child.start(QStringLiteral("/proc/self/exe"), {QStringLiteral("--open-and-attend"), folder});
        if (!child.waitForFinished(-1) || child.exitCode() != 0) {
            state.SkipWithError(("open and attend failed: " + child.readAllStandardError().toStdString()).c_str());
            return;
        }
        const QStringList fields = QString::fromLocal8Bit(child.readAllStandardOutput()).split(QLatin1Char(' '));
        if (fields.size() < 4) {
            state.SkipWithError("open and attend printed no timings");
            return;
        }
        state.SetIterationTime(fields[0].toDouble() + fields[1].toDouble());
        state.counters["open_s"] = fields[0].toDouble();
        state.counters["attend_s"] = fields[1].toDouble();
        state.counters["peak_rss_mb"] = fields[2].toDouble() / 1024.0;
        state.counters["attention_mb"] = fields[3].toDouble() * 4.0 / (1024.0 * 1024.0);
    }
}
BENCHMARK(BM_BertBase512OpenAndAttend)
    ->ArgName("bf16")
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime()
    ->Iterations(1);

} // namespace

int main(int argc, char** argv)
{
    if (argc == 3 && std::strcmp(argv[1], "--open-and-attend") == 0) {
        try {
            return openAndAttend(argv[2]);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "%s\n", e.what());
            return 1;
        }
    }
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
