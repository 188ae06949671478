// The one job runner: work off the GUI thread, the latest request wins, cancel reaches the work through the
// token and the thread's CancelScope, errors become one message, progress reaches the GUI thread.
#include "core/canceltoken.h"
#include "gui/jobrunner.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QThread>
#include <QTimer>
#include <QtTest>

#include <atomic>
#include <stdexcept>

using namespace attn;

namespace {

// Work that "computes" for up to steps x 5 ms, checking the cancel token as an engine loop does.
struct SlowWork
{
    int steps = 400;
    std::shared_ptr<std::atomic<int>> done = std::make_shared<std::atomic<int>>(0);
    JobRunner::Delivery operator()(JobContext& job, std::function<void()> deliver) const
    {
        for (int i = 0; i < steps; ++i) {
            checkCancelled();
            QThread::msleep(5);
            done->store(i + 1);
            job.progress(i + 1, steps);
        }
        return deliver;
    }
};

} // namespace

class TestJobRunner : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void runsOffTheGuiThreadWhileTimersFire()
    {
        JobRunner runner;
        QThread* worker = nullptr;
        bool delivered = false;
        QThread* deliveredOn = nullptr;
        runner.start(QStringLiteral("work"), [&](JobContext&) -> JobRunner::Delivery {
            worker = QThread::currentThread();
            QThread::msleep(300);
            return [&] {
                delivered = true;
                deliveredOn = QThread::currentThread();
            };
        });
        QVERIFY(runner.isBusy());
        int ticks = 0;
        QTimer timer;
        connect(&timer, &QTimer::timeout, this, [&ticks] { ++ticks; });
        timer.start(10);
        QTRY_VERIFY_WITH_TIMEOUT(delivered, 10000);
        QVERIFY(ticks >= 3); // the GUI thread kept running its event loop during the job
        QVERIFY(worker != nullptr && worker != QThread::currentThread());
        QCOMPARE(deliveredOn, QThread::currentThread());
        QVERIFY(!runner.isBusy());
    }

    void theLatestRequestWins()
    {
        JobRunner runner;
        SlowWork first;
        int firstDelivered = 0, secondDelivered = 0;
        runner.start(QStringLiteral("first"),
                     [&](JobContext& job) { return first(job, [&] { ++firstDelivered; }); });
        QTRY_VERIFY_WITH_TIMEOUT(first.done->load() > 0, 10000);
        runner.start(QStringLiteral("second"), [&](JobContext&) -> JobRunner::Delivery {
            return [&] { ++secondDelivered; };
        });
        runner.waitForIdle();
        QCOMPARE(firstDelivered, 0);
        QCOMPARE(secondDelivered, 1);
        QVERIFY2(first.done->load() < first.steps, "the first job ran to its end although it was superseded");
        QVERIFY(!runner.isBusy());
    }

    void cancelStopsTheWorkBeforeItsEnd()
    {
        JobRunner runner;
        SlowWork work;
        int delivered = 0;
        QSignalSpy busy(&runner, &JobRunner::busyChanged);
        QSignalSpy failed(&runner, &JobRunner::failed);
        runner.start(QStringLiteral("long"), [&](JobContext& job) { return work(job, [&] { ++delivered; }); });
        QTRY_VERIFY_WITH_TIMEOUT(work.done->load() > 2, 10000);
        runner.cancel();
        QVERIFY(!runner.isBusy()); // the GUI is free at once
        runner.waitForIdle();
        QVERIFY(work.done->load() < work.steps);
        QCOMPARE(delivered, 0);
        QCOMPARE(failed.count(), 0); // a cancel is not an error
        QCOMPARE(busy.last().first().toBool(), false);
    }

    void errorsBecomeOneMessage()
    {
        JobRunner runner;
        QSignalSpy failed(&runner, &JobRunner::failed);
        runner.start(QStringLiteral("broken"), [](JobContext&) -> JobRunner::Delivery {
            throw std::runtime_error("model.safetensors: truncated header");
        });
        runner.waitForIdle();
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.first().first().toString(), QStringLiteral("model.safetensors: truncated header"));
        QVERIFY(!runner.isBusy());
    }

    void progressReachesTheGuiThread()
    {
        JobRunner runner;
        SlowWork work;
        work.steps = 60;
        QSignalSpy progress(&runner, &JobRunner::progressChanged);
        runner.start(QStringLiteral("progress"), [&](JobContext& job) { return work(job, [] {}); });
        runner.waitForIdle();
        QVERIFY(progress.count() >= 2);
        QVERIFY(progress.count() < 60); // throttled
        QCOMPARE(progress.last().at(0).toInt(), 60);
        QCOMPARE(progress.last().at(1).toInt(), 60);
    }

    void destroyingARunnerStopsItsJob()
    {
        SlowWork work;
        work.steps = 100000; // 500 s if it were not stopped
        {
            JobRunner runner;
            runner.start(QStringLiteral("endless"), [&](JobContext& job) { return work(job, [] {}); });
            QTRY_VERIFY_WITH_TIMEOUT(work.done->load() > 0, 10000);
        }
        QVERIFY(work.done->load() < work.steps);
    }
};

QTEST_MAIN(TestJobRunner)
#include "tst_jobrunner.moc"
