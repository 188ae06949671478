#pragma once

// The main() of the benchmarks that draw widgets: a QApplication (off-screen unless QT_QPA_PLATFORM says
// otherwise) around Google Benchmark. Include once, from a benchmark's .cpp, in place of its own main().
#include <QApplication>

#include <benchmark/benchmark.h>

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
