// The live seq2seq trainer of the lesson step "Watch attention learn": the lesson's run reaches 90% token accuracy
// on held-out sentences of 10-19 words while its probe alignment goes from uniform to the word alignment; pause,
// resume and the three ways to cancel (cancel(), the caller's token, the thread's CancelScope) stop it early.
#include "engine/seq2seq/seq2seqlivetrainer.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <gtest/gtest.h>
#include <mutex>
#include <thread>

using namespace attn;

namespace {

// A run long enough that only a cancel can end it in a test's time.
LiveTrainingConfig endlessConfig()
{
    LiveTrainingConfig c;
    c.steps = 1000000;
    c.reportEvery = 2;
    c.evalEvery = 0;
    c.batch = 8;
    return c;
}

// Counts callbacks and lets the test thread wait for the n-th.
struct UpdateCounter
{
    std::mutex mutex;
    std::condition_variable changed;
    int count = 0;
    long lastStep = -1;

    void add(const LiveTrainingUpdate& u)
    {
        std::lock_guard<std::mutex> lock(mutex);
        ++count;
        lastStep = u.step;
        changed.notify_all();
    }
    // False when n callbacks did not come within a generous minute (the run is broken, not slow).
    bool waitFor(int n)
    {
        std::unique_lock<std::mutex> lock(mutex);
        return changed.wait_for(lock, std::chrono::minutes(1), [&] { return count >= n; });
    }
    int current()
    {
        std::lock_guard<std::mutex> lock(mutex);
        return count;
    }
};

} // namespace

TEST(LiveSeq2Seq, LessonRunLearnsTheAlignmentAndReachesNinetyPercentOnHeldOutSentences)
{
    LiveSeq2SeqTrainer trainer; // the lesson's configuration
    const LiveTrainingConfig& c = trainer.config();
    std::vector<LiveTrainingUpdate> updates;
    const auto result = trainer.run([&](const LiveTrainingUpdate& u) { updates.push_back(u); });
    ASSERT_EQ(result.state, LiveTrainingState::Finished);
    EXPECT_EQ(trainer.state(), LiveTrainingState::Finished);
    EXPECT_EQ(result.steps, c.steps);

    // One update before the first step, then every reportEvery steps.
    ASSERT_EQ(updates.size(), std::size_t(c.steps / c.reportEvery + 1));
    for (std::size_t i = 0; i < updates.size(); ++i) {
        EXPECT_EQ(updates[i].step, long(i) * c.reportEvery);
        EXPECT_EQ(updates[i].total, c.steps);
        EXPECT_EQ(updates[i].heldOutAccuracy >= 0.0, updates[i].step % c.evalEvery == 0) << updates[i].step;
    }
    const LiveTrainingUpdate& first = updates.front();
    const LiveTrainingUpdate& last = updates.back();
    const SentencePair probe = LiveTrainingConfig::defaultProbe();
    ASSERT_EQ(first.alignment.rows(), Eigen::Index(probe.target.size()));
    ASSERT_EQ(first.alignment.cols(), Eigen::Index(probe.source.size()));
    EXPECT_EQ(first.sourceTokens, probe.source);
    EXPECT_EQ(last.targetTokens, probe.target);
    for (const auto* u : {&first, &last}) {
        for (Eigen::Index r = 0; r < u->alignment.rows(); ++r) {
            EXPECT_NEAR(u->alignment.row(r).sum(), 1.0f, 1e-4f) << "step " << u->step << " row " << r;
        }
    }
    // Untrained: nearly uniform (every weight within 0.05 of 1/14).
    const float uniform = 1.0f / float(probe.source.size());
    EXPECT_LT((first.alignment.array() - uniform).abs().maxCoeff(), 0.05f);

    // Trained: each content word of the French probe attends most to the English word it translates. Articles are
    // left out: they may look at their noun, which decides le or la.
    // le grand chien chasse le chat noir pendant que la voiture rouge est lente .
    // the big dog chases the black cat while the red car is slow .
    const std::vector<std::pair<int, int>> aligned = {{1, 1},   {2, 2},  {3, 3},   {5, 6},   {6, 5},  {7, 7},
                                                      {10, 10}, {11, 9}, {12, 11}, {13, 12}, {14, 13}};
    int hits = 0;
    for (const auto& [row, col] : aligned) {
        Eigen::Index best = -1;
        last.alignment.row(row).maxCoeff(&best);
        hits += best == col ? 1 : 0;
    }
    EXPECT_GE(hits, int(aligned.size()) - 1) << "the final alignment is not the word alignment";

    // The loss falls and the training accuracy rises.
    EXPECT_LT(last.loss, updates[1].loss / 10.0);
    EXPECT_GT(last.tokenAccuracy, 0.95);
    EXPECT_GE(last.heldOutAccuracy, 0.90);

    // The acceptance figure: held-out sentences of 10-19 words from another seed than training (and than the
    // monitoring set), greedy decoding, token accuracy.
    const std::uint64_t testSeed = 2002;
    ASSERT_NE(testSeed, c.seed);
    ASSERT_NE(testSeed, c.evalSeed);
    const auto heldOut = LiveSeq2SeqTrainer::heldOutSentences(testSeed, 400);
    ASSERT_EQ(heldOut.size(), 400u);
    for (const auto& p : heldOut) {
        ASSERT_GE(p.source.size(), 10u);
        ASSERT_LE(p.source.size(), 19u);
        ASSERT_EQ(EnFrCorpus::splitOf(p), Split::Test);
    }
    const Seq2SeqMetrics m = trainer.evaluate(heldOut);
    EXPECT_EQ(m.buckets[1].sentences, 400);
    EXPECT_GE(m.all.tokenAccuracy(), 0.90) << "exact match " << m.all.exactMatch();
    std::printf("held-out 10-19 words: token accuracy %.4f, exact match %.4f, %.1f s\n", m.all.tokenAccuracy(),
                m.all.exactMatch(), result.seconds);

    // A sentence typed after training: translated greedily, with one attention row per output word.
    const auto typed = trainer.translate({"the", "small", "cow", "is", "tired", "."});
    EXPECT_EQ(typed.target, (std::vector<std::string>{"la", "petite", "vache", "est", "fatiguée", "."}));
    EXPECT_EQ(typed.attention.rows(), Eigen::Index(typed.target.size()));
    EXPECT_EQ(typed.attention.cols(), 6);
    EXPECT_TRUE(typed.unknownWords.empty());
    EXPECT_EQ(trainer.translate({"the", "zeppelin", "."}).unknownWords, std::vector<std::string>{"zeppelin"});

    EXPECT_THROW(trainer.run({}), ModelError) << "a trainer runs once";
}

TEST(LiveSeq2Seq, CancelFromAnotherThreadStopsTheRunEarly)
{
    LiveSeq2SeqTrainer trainer(endlessConfig());
    UpdateCounter counter;
    LiveSeq2SeqTrainer::Result result;
    std::thread worker([&] { result = trainer.run([&](const LiveTrainingUpdate& u) { counter.add(u); }); });
    const bool arrived = counter.waitFor(3);
    trainer.cancel();
    worker.join();
    ASSERT_TRUE(arrived);
    EXPECT_EQ(result.state, LiveTrainingState::Cancelled);
    EXPECT_EQ(trainer.state(), LiveTrainingState::Cancelled);
    EXPECT_GE(result.steps, 4);
    EXPECT_LT(result.steps, trainer.config().steps);
}

TEST(LiveSeq2Seq, PauseHoldsTheLoopResumeGoesOnAndTheTokenCancelsWhilePaused)
{
    LiveSeq2SeqTrainer trainer(endlessConfig());
    UpdateCounter counter;
    CancelToken token;
    LiveSeq2SeqTrainer::Result result;
    std::thread worker([&] { result = trainer.run([&](const LiveTrainingUpdate& u) { counter.add(u); }, token); });
    ASSERT_TRUE(counter.waitFor(2));
    trainer.pause();
    EXPECT_TRUE(trainer.isPaused());
    // The loop finishes the step it is in, then waits.
    for (int i = 0; i < 600 && trainer.state() != LiveTrainingState::Paused; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_EQ(trainer.state(), LiveTrainingState::Paused);
    const int whilePaused = counter.current();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_EQ(counter.current(), whilePaused) << "no step while paused";

    trainer.resume();
    EXPECT_FALSE(trainer.isPaused());
    EXPECT_TRUE(counter.waitFor(whilePaused + 2)) << "resume goes on";

    trainer.pause();
    for (int i = 0; i < 600 && trainer.state() != LiveTrainingState::Paused; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    token.cancel(); // the caller's token has no way to notify: the paused loop must still see it
    worker.join();
    EXPECT_EQ(result.state, LiveTrainingState::Cancelled);
    EXPECT_LT(result.steps, trainer.config().steps);
}

TEST(LiveSeq2Seq, TheThreadsCancelScopeStopsTheRun)
{
    LiveSeq2SeqTrainer trainer(endlessConfig());
    CancelToken token;
    CancelScope scope(token); // as the app's job runner runs jobs
    int seen = 0;
    const auto result = trainer.run([&](const LiveTrainingUpdate&) {
        if (++seen == 3) {
            token.cancel();
        }
    });
    EXPECT_EQ(result.state, LiveTrainingState::Cancelled);
    EXPECT_EQ(seen, 3);
    EXPECT_EQ(result.steps, 2 * trainer.config().reportEvery);
}

TEST(LiveSeq2Seq, ACustomProbeAndScoreAreReported)
{
    LiveTrainingConfig c;
    c.score = "dot";
    c.steps = 4;
    c.reportEvery = 2;
    c.evalEvery = 0;
    c.probeSource = {"the", "dog", "is", "slow", "."};
    c.probeTarget = {"le", "chien", "est", "lent", "."};
    LiveSeq2SeqTrainer trainer(c);
    std::vector<LiveTrainingUpdate> updates;
    const auto result = trainer.run([&](const LiveTrainingUpdate& u) { updates.push_back(u); });
    EXPECT_EQ(result.state, LiveTrainingState::Finished);
    ASSERT_EQ(updates.size(), 3u);
    EXPECT_EQ(updates.back().alignment.rows(), 5);
    EXPECT_EQ(updates.back().alignment.cols(), 5);
    EXPECT_LT(updates.back().heldOutAccuracy, 0.0) << "evalEvery 0: never measured";

    c.score = "none"; // no attention: nothing to show, but it trains
    LiveSeq2SeqTrainer plain(c);
    updates.clear();
    EXPECT_EQ(plain.run([&](const LiveTrainingUpdate& u) { updates.push_back(u); }).state, LiveTrainingState::Finished);
    ASSERT_FALSE(updates.empty());
    EXPECT_EQ(updates.back().alignment.size(), 0);
}

TEST(LiveSeq2Seq, BadConfigurationsNameTheProblem)
{
    LiveTrainingConfig c;
    c.score = "telepathy";
    try {
        LiveSeq2SeqTrainer t(c);
        FAIL() << "an unknown score must be refused";
    } catch (const ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("telepathy"), std::string::npos);
    }
    c = {};
    c.hidden = 63;
    EXPECT_THROW(LiveSeq2SeqTrainer{c}, ModelError);
    c = {};
    c.steps = 0;
    EXPECT_THROW(LiveSeq2SeqTrainer{c}, ModelError);
    c = {};
    c.probeSource = {"the", "dog", "."};
    EXPECT_THROW(LiveSeq2SeqTrainer{c}, ModelError);
    EXPECT_THROW(LiveSeq2SeqTrainer::heldOutSentences(1, 5, 60, 70), ModelError);
}
