#pragma once
// LiveSeq2SeqTrainer: trains a small GRU encoder-decoder with attention inside the app (lesson step "Watch
// attention learn"), reporting the loss, the token accuracy and the alignment of a fixed probe sentence as it
// learns. Runs the same training loop as `attnscope-cli train seq2seq`. Public header: no torch.
//
// Usage (on a worker thread, e.g. the app's job runner):
//   attn::LiveSeq2SeqTrainer trainer;                     // the lesson's configuration
//   auto result = trainer.run([](const attn::LiveTrainingUpdate& u) { /* queue u to the GUI */ }, token);
//   // from the GUI thread meanwhile: trainer.pause(); trainer.resume(); trainer.cancel();
//   if (result.state == attn::LiveTrainingState::Finished) trainer.evaluate(heldOut);

#include "core/canceltoken.h"
#include "engine/corpus/encorpus.h"
#include "engine/seq2seq/seq2seq.h"

#include <Eigen/Core>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace attn {

// The defaults are the lesson's run: about a minute on one core of this project's two-core machine (see
// tests/bench/bench_seq2seqlive.cpp), reaching more than 90% token accuracy on held-out sentences of 10-19 words.
struct LiveTrainingConfig
{
    std::string score = "additive"; // a name of seq2seqScoreNames()
    std::uint64_t seed = 1;
    long steps = 1000;
    int batch = 32;
    int embedding = 32;
    int hidden = 64;
    double learningRate = 5e-3;
    double finalLearningRateShare = 0.1; // linear decay to this share of learningRate at the last step
    double longShare = 0.5;              // share of sentences chained with and / while / because
    int minLongWords = 10;
    int maxLongWords = 19;
    int threads = 1;        // LibTorch intra-op threads (one is the fastest here for a model this small)
    int reportEvery = 10;   // the callback runs every reportEvery steps, before the first and after the last
    int evalEvery = 100;    // held-out greedy accuracy every evalEvery steps (0: never), on
    int evalSentences = 64; // this many test-split sentences of 10-19 words drawn with evalSeed
    std::uint64_t evalSeed = 1001;
    // The probe whose alignment is reported, with its reference translation (the decoder reads the reference, so
    // the rows stay the same words as the alignment changes). Empty: the lesson's sentence, defaultProbe().
    std::vector<std::string> probeSource;
    std::vector<std::string> probeTarget;

    // "the big dog chases the black cat while the red car is slow ." and its French: adjectives after the noun
    // and "while" -> "pendant que" make the diagonal bend where French word order differs.
    static SentencePair defaultProbe();
};

struct LiveTrainingUpdate
{
    long step = 0; // training steps done: 0 before the first, total after the last
    long total = 0;
    double loss = 0.0;          // smoothed cross-entropy per target token on training batches (0 at step 0)
    double tokenAccuracy = 0.0; // smoothed teacher-forced token accuracy on training batches (0 at step 0)
    // Greedy token accuracy on the held-out sentences, or a negative value when not measured at this update.
    double heldOutAccuracy = -1.0;
    Eigen::MatrixXf alignment; // (probe target, probe source); rows sum to 1; empty for score "none"
    std::vector<std::string> sourceTokens;
    std::vector<std::string> targetTokens;
    double seconds = 0.0; // time in run() so far (training and these updates), pauses excluded
};

enum class LiveTrainingState
{
    Ready, // constructed, run() not called yet
    Running,
    Paused,
    Finished,  // every step done
    Cancelled, // stopped early by cancel(), the token, or the thread's CancelScope
    Failed     // run() threw
};

class LiveSeq2SeqTrainer
{
public:
    // Throws ModelError for an unknown score or sizes that cannot train (nothing is built until run()).
    explicit LiveSeq2SeqTrainer(LiveTrainingConfig config = {});
    ~LiveSeq2SeqTrainer();
    LiveSeq2SeqTrainer(const LiveSeq2SeqTrainer&) = delete;
    LiveSeq2SeqTrainer& operator=(const LiveSeq2SeqTrainer&) = delete;

    const LiveTrainingConfig& config() const;

    using Callback = std::function<void(const LiveTrainingUpdate&)>;
    struct Result
    {
        LiveTrainingState state = LiveTrainingState::Ready;
        long steps = 0;       // steps done
        double seconds = 0.0; // time in run(), pauses excluded
    };
    // Trains on the calling thread, calling onUpdate there every reportEvery steps. Checks cancel() and token
    // (and attn::checkCancelled()) every step, also while paused; returns at once with state Cancelled. Call it
    // once; a second call throws ModelError. Throws ModelError when LibTorch fails.
    Result run(const Callback& onUpdate, const CancelToken& token = CancelToken());

    // Thread-safe, for the GUI while run() works on another thread. pause() holds the loop before its next step
    // until resume() or a cancel.
    void pause();
    void resume();
    void cancel();
    bool isPaused() const;
    LiveTrainingState state() const;

    // Greedy translations of pairs by the network as it is now (after run() returned, or before: untrained).
    Seq2SeqMetrics evaluate(const std::vector<SentencePair>& pairs) const;
    struct Translation
    {
        std::vector<std::string> source; // as read: cut to Seq2SeqModel::maxSourceTokens()
        std::vector<std::string> target;
        Eigen::MatrixXf attention;             // (target, source); empty for score "none"
        std::vector<std::string> unknownWords; // read as <unk>
    };
    // The greedy translation of English tokens (see tokenizeText) with its attention, for a sentence the teacher
    // types once the model is trained. Same threading rule as evaluate().
    Translation translate(const std::vector<std::string>& source) const;
    // The test split of the lesson corpus drawn with seed, keeping sentences of minWords..maxWords source tokens.
    static std::vector<SentencePair> heldOutSentences(std::uint64_t seed, int count, int minWords = 10,
                                                      int maxWords = 19, const LiveTrainingConfig& config = {});

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace attn
