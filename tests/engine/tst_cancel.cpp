// Cancel reaches the engine: a job's CancelToken, installed as the thread's CancelScope, stops a long generation,
// a caption beam search and a training run part-way, from another thread, as the GUI's Cancel button does.
#include "core/canceltoken.h"
#include "engine/caption/captiontrainer.h"
#include "engine/llama2/llama2model.h"

#include <QTemporaryDir>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

using namespace attn;

namespace {

const QString kStories = QStringLiteral(ATTN_MODELS_DIR "/stories260K/stories260K.bin");

// Runs body on a worker thread under token's scope; returns true when it ended with Cancelled.
template <typename Body>
bool runCancellable(const CancelToken& token, Body body)
{
    bool cancelled = false;
    std::thread worker([&] {
        const CancelScope scope(token);
        try {
            body();
        } catch (const Cancelled&) {
            cancelled = true;
        }
    });
    worker.join();
    return cancelled;
}

} // namespace

TEST(Cancel, TokenOutsideAnyScopeIsNeverCancelled)
{
    EXPECT_FALSE(cancelRequested());
    CancelToken token;
    token.cancel();
    EXPECT_NO_THROW(checkCancelled()); // not installed on this thread
    {
        const CancelScope scope(token);
        EXPECT_THROW(checkCancelled(), Cancelled);
        CancelToken inner;
        const CancelScope nested(inner);
        EXPECT_NO_THROW(checkCancelled());
    }
    EXPECT_NO_THROW(checkCancelled());
}

TEST(Cancel, StopsALongGenerationBeforeItsEnd)
{
    ASSERT_TRUE(QFile::exists(kStories)) << kStories.toStdString()
                                         << " is missing: scripts/setup.sh installs it from shared/data";
    const Llama2Model model(kStories, QString());
    CancelToken token;
    std::atomic<int> produced{0};
    GenerationOptions options;
    options.steps = 400;
    // Cancelled from another thread, as the GUI does, once a few tokens exist; the progress callback itself
    // does not look at the token, so only the engine's own checks can stop the run.
    options.progress = [&produced](int done, int) {
        produced = done;
        return true;
    };
    std::thread canceller([&] {
        while (produced.load() < 5) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        token.cancel();
    });
    const bool cancelled = runCancellable(token, [&] { model.generate(QStringLiteral("Once upon a time"), options); });
    canceller.join();
    EXPECT_TRUE(cancelled);
    EXPECT_LT(produced.load(), options.steps);
}

TEST(Cancel, StopsATrainingRunBeforeItsEnd)
{
    QTemporaryDir dir;
    CaptionTrainOptions options;
    options.outDir = dir.path();
    options.steps = 100000; // hours if it ran to its end
    options.batch = 4;
    options.checkpointEvery = 0;
    CancelToken token;
    std::atomic<long> reached{0};
    std::thread canceller([&] {
        while (reached.load() < 2) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        token.cancel();
    });
    const bool cancelled = runCancellable(token, [&] {
        trainCaptioner(options, [&reached](long step, long, double, double) { reached = step; });
    });
    canceller.join();
    EXPECT_TRUE(cancelled);
    EXPECT_LT(reached.load(), options.steps);
}
