// Attention files at length (issue 18). The benchmark writes its own file: a 24-layer x 16-head x 4,096-token
// float16 .npy (12.9 GB of real softmax rows) in $ATTN_BENCH_DIR (default /tmp), and deletes it at the end.
// - BM_OpenFirstMatrix4096: from nothing (the file's pages dropped from the page cache) to the first matrix drawn:
//   open (header + sampled rows), read one head (32 MB), HeatmapView drawn. Goal: under 1 s, resident set under
//   500 MB; counters: peak_rss_mb (VmHWM, reset before the first iteration), rss_mb after.
// - BM_SwitchHeadMatrix4096: another head's matrix, drawn (goal: under 200 ms), cold pages.
// - BM_PooledThumbnail4096: one model-grid thumbnail (64 x 64, max) streamed from a head.
// - BM_OpenFirstMatrixNpy: the same for a file named by $ATTN_BENCH_NPY (tests/bench/bertviz_compare.py).
#include "../core/attentionfilewriter.h"

#include "core/attentionfile.h"
#include "core/attentionsourcemaps.h"
#include "views/exporter.h"
#include "views/heatmapview.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <benchmark/benchmark.h>

#include <fcntl.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <random>

using namespace attn;

namespace {

constexpr int kLayers = 24, kHeads = 16, kTokens = 4096;

double statusMb(const char* key)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith(key))
            return line.mid(int(std::strlen(key))).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return -1;
}

void resetPeakRss()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    if (f.open(QIODevice::WriteOnly))
        f.write("5");
}

void dropFromPageCache(const QString& path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY);
    if (fd >= 0) {
        posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
        ::close(fd);
    }
}

// Writes the big file once per process; returns its path or an empty string (with the reason) when it cannot.
QString bigFile(QString* why)
{
    static QString path;
    static QString reason;
    static bool tried = false;
    if (tried) {
        *why = reason;
        return path;
    }
    tried = true;
    const QString dir = qEnvironmentVariable("ATTN_BENCH_DIR", QStringLiteral("/tmp"));
    const QString file = dir + QStringLiteral("/attnscope-bench-24x16x4096.npy");
    const std::uint64_t headBytes = std::uint64_t(kTokens) * kTokens * 2;
    const std::uint64_t need = headBytes * kLayers * kHeads + 4096;
    struct statvfs fs{};
    if (statvfs(QFile::encodeName(dir).constData(), &fs) != 0 ||
        std::uint64_t(fs.f_bavail) * fs.f_frsize < need + (std::uint64_t(2) << 30)) {
        reason = QStringLiteral("not enough free disk in %1 for 12.9 GB (+2 GB spare)").arg(dir);
        *why = reason;
        return {};
    }
    // One head's worth of real rows (peaked random distributions, normalised in float, rounded to float16). Each
    // head takes the rows in another rotation, so no two heads are the same matrix.
    std::vector<std::uint16_t> rows(std::size_t(kTokens) * kTokens);
    std::mt19937 rng(18);
    std::uniform_real_distribution<float> u(0.f, 1.f);
    std::vector<float> row(kTokens);
    for (int q = 0; q < kTokens; ++q) {
        double sum = 0;
        for (int k = 0; k < kTokens; ++k) {
            const float x = u(rng);
            const float near = std::exp(-std::abs(q - k) / 8.f); // a local band, as many heads have
            sum += (row[std::size_t(k)] = x * x * x * x * x * x * x * x + near);
        }
        for (int k = 0; k < kTokens; ++k)
            rows[std::size_t(q) * kTokens + std::size_t(k)] = floatToHalf(float(row[std::size_t(k)] / sum));
    }
    QFile out(file);
    if (!out.open(QIODevice::WriteOnly)) {
        reason = QStringLiteral("cannot write %1").arg(file);
        *why = reason;
        return {};
    }
    out.write(testfiles::npyHeader({kLayers, kHeads, kTokens, kTokens}, "<f2"));
    for (int h = 0; h < kLayers * kHeads; ++h) {
        const std::size_t shift = std::size_t(h * 131) % kTokens;
        const char* data = reinterpret_cast<const char*>(rows.data());
        const std::size_t rowBytes = std::size_t(kTokens) * 2;
        out.write(data + shift * rowBytes, qint64((kTokens - shift) * rowBytes));
        out.write(data, qint64(shift * rowBytes));
    }
    out.close();
    if (std::uint64_t(QFileInfo(file).size()) < headBytes * kLayers * kHeads) {
        QFile::remove(file);
        reason = QStringLiteral("writing %1 failed (disk full?)").arg(file);
        *why = reason;
        return {};
    }
    path = file;
    std::atexit([] { QFile::remove(path); });
    return path;
}

double drawFirstMatrix(const QString& path, int layer, int head)
{
    const auto source = openAttentionFile(path);
    const AttentionMap map = sourceHeadMap(*source, 0, layer, head);
    HeatmapView view;
    view.setMatrix(map.weights, map.queries, map.keys, map.queryLabels, map.keyLabels);
    layoutOffscreen(&view, QSize(1200, 800));
    const QImage image = view.grab().toImage();
    return image.isNull() ? 0.0 : double(map.keys);
}

void openFirstMatrix(benchmark::State& state, const QString& path)
{
    resetPeakRss();
    for (auto _ : state) {
        state.PauseTiming();
        dropFromPageCache(path);
        state.ResumeTiming();
        benchmark::DoNotOptimize(drawFirstMatrix(path, kLayers - 1, 0));
    }
    state.counters["peak_rss_mb"] = statusMb("VmHWM:");
    state.counters["rss_mb"] = statusMb("VmRSS:");
}

void BM_OpenFirstMatrix4096(benchmark::State& state)
{
    QString why;
    const QString path = bigFile(&why);
    if (path.isEmpty()) {
        state.SkipWithError(qPrintable(why));
        return;
    }
    openFirstMatrix(state, path);
}
BENCHMARK(BM_OpenFirstMatrix4096)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

void BM_SwitchHeadMatrix4096(benchmark::State& state)
{
    QString why;
    const QString path = bigFile(&why);
    if (path.isEmpty()) {
        state.SkipWithError(qPrintable(why));
        return;
    }
    const auto source = openAttentionFile(path);
    HeatmapView view;
    layoutOffscreen(&view, QSize(1200, 800));
    int i = 0;
    for (auto _ : state) {
        const int layer = (i * 7) % kLayers, head = (i * 5 + 3) % kHeads;
        ++i;
        const AttentionMap map = sourceHeadMap(*source, 0, layer, head);
        view.setMatrix(map.weights, map.queries, map.keys, map.queryLabels, map.keyLabels);
        view.redraw();
    }
    state.counters["rss_mb"] = statusMb("VmRSS:");
}
BENCHMARK(BM_SwitchHeadMatrix4096)->Unit(benchmark::kMillisecond)->Iterations(8)->UseRealTime();

void BM_PooledThumbnail4096(benchmark::State& state)
{
    QString why;
    const QString path = bigFile(&why);
    if (path.isEmpty()) {
        state.SkipWithError(qPrintable(why));
        return;
    }
    const auto source = openAttentionFile(path);
    int i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(source->pooled(0, i % kLayers, (i / kLayers) % kHeads, 64, PoolMode::Max).sum());
        ++i;
    }
}
BENCHMARK(BM_PooledThumbnail4096)->Unit(benchmark::kMillisecond)->Iterations(8)->UseRealTime();

void BM_OpenFirstMatrixNpy(benchmark::State& state)
{
    const QString path = qEnvironmentVariable("ATTN_BENCH_NPY");
    if (path.isEmpty()) {
        state.SkipWithError("set ATTN_BENCH_NPY to an .npy file (tests/bench/bertviz_compare.py does)");
        return;
    }
    resetPeakRss();
    for (auto _ : state) {
        state.PauseTiming();
        dropFromPageCache(path);
        state.ResumeTiming();
        const auto source = openAttentionFile(path);
        const AttentionBlockInfo& info = source->blockInfo(0);
        const AttentionMap map = sourceHeadMap(*source, 0, info.layers - 1, 0);
        HeatmapView view;
        view.setMatrix(map.weights, map.queries, map.keys, map.queryLabels, map.keyLabels);
        layoutOffscreen(&view, QSize(1200, 800));
        benchmark::DoNotOptimize(view.grab().toImage().width());
    }
    state.counters["peak_rss_mb"] = statusMb("VmHWM:");
}
BENCHMARK(BM_OpenFirstMatrixNpy)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();

} // namespace

#include "guibenchmain.h"
