// Nothing waits on the GUI thread: during the longest job of each panel (opening its model and running it, the
// caption, a 300-token generation, the lab's model run, eight models side by side, training inside the app) the
// event loop keeps running: a zero-interval timer (one tick per pass of the event loop) fires while the job is busy.
// A job run on the GUI thread would be over before the first pass.
#include "gui/comparepanel.h"
#include "gui/generatepanel.h"
#include "gui/generatesession.h"
#include "gui/imagepanel.h"
#include "gui/labpanel.h"
#include "gui/lessonteachingsteps.h"
#include "gui/modelfolders.h"
#include "gui/scorescompare.h"
#include "gui/textpanel.h"
#include "gui/textsession.h"
#include "views/trainingview.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTimer>
#include <QtTest>

#include <functional>

using namespace attn;

namespace {

struct Watch
{
    int ticksWhileBusy = 0;
    qint64 longestGapMs = 0;
};

// Starts the job, then runs the event loop until done() holds, counting the timer's ticks while busy() holds.
Watch watch(const std::function<void()>& start, const std::function<bool()>& busy, const std::function<bool()>& done)
{
    Watch w;
    QElapsedTimer gap;
    QTimer timer;
    timer.setInterval(0);
    QObject::connect(&timer, &QTimer::timeout, [&] {
        if (busy()) {
            ++w.ticksWhileBusy;
        }
        w.longestGapMs = std::max(w.longestGapMs, gap.restart());
    });
    start();
    gap.start();
    timer.start();
    QTest::qWaitFor(done, 180000);
    return w;
}

} // namespace

class TestPanelsResponsive : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void textPanel()
    {
        TextPanel panel;
        panel.setPersistent(false);
        QSignalSpy updated(&panel, &TextPanel::viewsUpdated);
        const Watch w = watch(
            [&] {
                panel.openModel(QStringLiteral(ATTN_MODELS_DIR "/coref-en-fr"));
                panel.setSentence(canonicalSentence(), canonicalSecondSentence());
                panel.run();
            },
            [&] { return panel.session()->isBusy(); }, [&] { return updated.count() > 0; });
        QVERIFY(panel.hasAttention());
        QVERIFY2(w.ticksWhileBusy > 0, "the event loop did not run while the text model opened and ran");
    }

    void imagePanel()
    {
        ImagePanel panel;
        QSignalSpy ready(&panel, &ImagePanel::captionReady);
        const Watch w = watch(
            [&] {
                panel.setModelDir(QStringLiteral(ATTN_MODELS_DIR "/caption-shapes"));
                panel.openImage(QStringLiteral(":/examples/caption/three-in-a-row.png"));
            },
            [&] { return panel.isBusy(); }, [&] { return ready.count() > 0; });
        QVERIFY(panel.caption().steps() > 0);
        QVERIFY2(w.ticksWhileBusy > 0, "the event loop did not run while the captioner loaded and captioned");
    }

    void generatePanel()
    {
        const QString checkpoint = GenerateSession::shippedCheckpoint();
        QVERIFY2(!checkpoint.isEmpty(), "models/stories260K is not installed (scripts/setup.sh installs it)");
        GeneratePanel panel;
        panel.setModelFiles(checkpoint);
        panel.setPrompt(QStringLiteral("Once upon a time"));
        panel.setDecoding(300, 0.0, 0);
        QSignalSpy finished(&panel, &GeneratePanel::generationFinished);
        const Watch w = watch([&] { panel.generate(); }, [&] { return panel.isBusy(); },
                              [&] { return finished.count() > 0; });
        QVERIFY(panel.generation().tokens.size() > 100);
        QVERIFY2(w.ticksWhileBusy > 0, "the event loop did not run during generation");
    }

    void labPanel()
    {
        LabPanel panel;
        QSignalSpy finished(&panel, &LabPanel::modelRunFinished);
        const Watch w = watch(
            [&] {
                // The longest sentence the model reads (60 words): its longest job.
                panel.loadFromModel(QStringLiteral(ATTN_MODELS_DIR "/seq2seq-additive"),
                                    QStringLiteral("the black cat chases the small mouse and ").repeated(7) +
                                        QStringLiteral("the dog sleeps ."));
            },
            [&] { return panel.isModelRunning(); }, [&] { return finished.count() > 0; });
        QCOMPARE(finished.first().first().toBool(), true);
        QVERIFY2(w.ticksWhileBusy > 0, "the event loop did not run during the lab's model run");
    }

    void comparePanel()
    {
        ComparePanel panel;
        QSignalSpy finished(&panel, &ComparePanel::finished);
        const Watch w = watch([&] { panel.showSentence(defaultCompareSentence()); }, [&] { return panel.isBusy(); },
                              [&] { return finished.count() > 0; });
        QVERIFY2(w.ticksWhileBusy > 0, "the event loop did not run while the eight models ran");
    }

    void trainingInTheApp()
    {
        TrainLessonStep step;
        step.apply(QJsonObject{{"score", "additive"}});
        QVERIFY(QTest::qWaitFor([&step] { return step.isReady(); }, 60000));
        const Watch w = watch([&] { step.start(); }, [&] { return step.isRunning(); },
                              [&] { return step.view()->points().size() >= 5; });
        step.cancel();
        step.runner().waitForIdle();
        QVERIFY2(w.ticksWhileBusy > 0, "the event loop did not run during training");
    }
};

QTEST_MAIN(TestPanelsResponsive)
#include "tst_panelsresponsive.moc"
