// How quickly Cancel takes effect, how long the GUI thread is ever held up during inference, and how long a
// lesson takes from a key press to the next step drawn (goal: under 100 ms for every step after the first).
#include "core/lesson.h"
#include "gui/generatesession.h"
#include "gui/lessonplayer.h"
#include "gui/lessonstepview.h"
#include "gui/lessonteachingsteps.h"
#include "gui/modelfolders.h"
#include "gui/textsession.h"
#include "views/trainingview.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QKeyEvent>
#include <QTimer>

#include "guibenchmain.h"

using namespace attn;

namespace {

void spinUntil(const std::function<bool()>& done, int timeoutMs = 120000)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < timeoutMs) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
}

// The longest time between two ticks of a 1 ms timer while work runs (the GUI thread's longest stall).
template <typename Start, typename Done>
double longestStallMs(Start start, Done done)
{
    QElapsedTimer gap;
    qint64 longest = 0;
    QTimer timer;
    timer.setInterval(1);
    QObject::connect(&timer, &QTimer::timeout, [&] { longest = std::max(longest, gap.nsecsElapsed()); gap.restart(); });
    gap.start();
    timer.start();
    start();
    spinUntil(done);
    return double(longest) / 1e6;
}

} // namespace

// From Cancel to the worker's end reaching the GUI thread, during a 400-token generation.
static void BM_CancelLatencyGeneration(benchmark::State& state)
{
    GenerateSession session;
    GenerationOptions options;
    options.steps = 400;
    int progress = 0;
    QObject::connect(&session, &GenerateSession::progressChanged, [&progress](int done, int) { progress = done; });
    for (auto _ : state) {
        state.PauseTiming();
        progress = 0;
        session.generate(GenerateSession::shippedCheckpoint(), QString(), QStringLiteral("Once upon a time"), options);
        spinUntil([&] { return progress >= 5; });
        state.ResumeTiming();
        session.cancel();
        session.waitForIdle();
    }
}
BENCHMARK(BM_CancelLatencyGeneration)->Unit(benchmark::kMillisecond)->Iterations(10)->UseRealTime();

// From Cancel to the training loop's end reaching the GUI thread, during training inside the app.
static void BM_CancelLatencyTraining(benchmark::State& state)
{
    for (auto _ : state) {
        state.PauseTiming();
        TrainLessonStep step;
        step.apply(QJsonObject{{"score", "additive"}});
        spinUntil([&step] { return step.isReady(); });
        step.start();
        spinUntil([&step] { return step.view()->points().size() >= 3; });
        state.ResumeTiming();
        step.cancel();
        step.runner().waitForIdle();
    }
}
BENCHMARK(BM_CancelLatencyTraining)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

// The GUI thread's longest stall while the coreference model opens and runs, and during a generation.
static void BM_LongestGuiStallDuringInference(benchmark::State& state)
{
    double textStall = 0, generateStall = 0;
    for (auto _ : state) {
        TextSession text;
        bool finished = false;
        QObject::connect(&text, &TextSession::finished, [&finished] { finished = true; });
        textStall = std::max(textStall, longestStallMs(
                                            [&] {
                                                text.openModel(QStringLiteral(ATTN_MODELS_DIR "/coref-en-fr"));
                                                text.run(canonicalSentence(), canonicalSecondSentence());
                                            },
                                            [&] { return finished; }));
        GenerateSession generate;
        bool generated = false;
        QObject::connect(&generate, &GenerateSession::generated, [&generated] { generated = true; });
        GenerationOptions options;
        options.steps = 200;
        generateStall = std::max(generateStall, longestStallMs(
                                                    [&] {
                                                        generate.generate(GenerateSession::shippedCheckpoint(), {},
                                                                          QStringLiteral("Once upon a time"), options);
                                                    },
                                                    [&] { return generated; }));
    }
    state.counters["text_stall_ms"] = textStall;
    state.counters["generate_stall_ms"] = generateStall;
}
BENCHMARK(BM_LongestGuiStallDuringInference)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

// From the key press that leaves step (i - 1) to step i fully drawn (its view ready and the window repainted),
// for the shipped lesson at 1920 x 1080 in presentation mode. The lesson is opened (and its models loaded)
// before timing, as a teacher opens it before class.
static void BM_LessonNextStep(benchmark::State& state)
{
    static LessonPlayer* player = [] {
        auto* p = new LessonPlayer;
        p->resize(1920, 1080);
        p->show();
        p->setLesson(openLesson(QStringLiteral("attention-basics")).lesson);
        p->setPresentation(LessonPlayer::presentationPixels(1080));
        for (int i = 0; i < p->stepCount(); ++i) {
            spinUntil([p, i] { return p->stepView(i)->isReady(); });
        }
        return p;
    }();
    const int step = int(state.range(0));
    for (auto _ : state) {
        state.PauseTiming();
        player->goToStep(step - 1);
        player->reveal();
        player->repaint();
        state.ResumeTiming();
        QKeyEvent press(QEvent::KeyPress, Qt::Key_PageDown, Qt::NoModifier);
        QCoreApplication::sendEvent(player, &press);
        spinUntil([step] { return player->currentStep() == step && player->currentStepView()->isReady(); });
        player->repaint();
    }
    state.SetLabel(player->lesson().steps[size_t(step)].panel.toStdString());
}
BENCHMARK(BM_LessonNextStep)->DenseRange(1, 12)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();
