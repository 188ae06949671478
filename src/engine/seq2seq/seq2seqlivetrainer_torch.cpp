// LiveSeq2SeqTrainer: the stepped s2s::Trainer on a worker thread, with pause, cancel and progress updates.
#include "engine/seq2seq/seq2seqlivetrainer.h"

#include "engine/seq2seq/seq2seqdecode_torch.h"
#include "engine/seq2seq/seq2seqtrainer_torch.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>

namespace attn {

using namespace s2s;

namespace {

using Clock = std::chrono::steady_clock;

// A paused loop also wakes this often to look at the caller's token, which has no way to notify.
constexpr auto kPausePoll = std::chrono::milliseconds(50);

Seq2SeqTrainOptions trainOptions(const LiveTrainingConfig& c)
{
    Seq2SeqTrainOptions o;
    o.score = c.score;
    o.steps = c.steps;
    o.batch = c.batch;
    o.seed = c.seed;
    o.evalSeed = c.evalSeed;
    o.embedding = c.embedding;
    o.hidden = c.hidden;
    o.learningRate = c.learningRate;
    o.finalLearningRateShare = c.finalLearningRateShare;
    o.longShare = c.longShare;
    o.minLongWords = c.minLongWords;
    o.maxLongWords = c.maxLongWords;
    return o;
}

} // namespace

SentencePair LiveTrainingConfig::defaultProbe()
{
    SentencePair p;
    p.source = {"the", "big", "dog", "chases", "the", "black", "cat", "while", "the", "red", "car", "is", "slow", "."};
    p.target = {"le",  "grand", "chien",   "chasse", "le",  "chat",  "noir", "pendant",
                "que", "la",    "voiture", "rouge",  "est", "lente", "."};
    return p;
}

struct LiveSeq2SeqTrainer::Impl
{
    LiveTrainingConfig config;
    SentencePair probe;
    std::vector<SentencePair> heldOut;
    std::unique_ptr<Trainer> trainer; // built on first use: run() or evaluate()
    mutable std::mutex trainerMutex;  // evaluate() against run()'s first use
    std::mutex mutex;                 // with wake: pause, resume and cancel
    std::condition_variable wake;
    std::atomic<bool> paused{false};
    std::atomic<bool> cancelled{false};
    std::atomic<LiveTrainingState> state{LiveTrainingState::Ready};

    Trainer& ensureTrainer()
    {
        if (!trainer) {
            trainer = std::make_unique<Trainer>(trainOptions(config));
        }
        return *trainer;
    }

    bool stopRequested(const CancelToken& token) const
    {
        return cancelled.load() || token.isCancelled() || cancelRequested();
    }

    // Blocks while paused; true when the run must stop.
    bool waitWhilePaused(const CancelToken& token)
    {
        if (!paused.load()) {
            return stopRequested(token);
        }
        state = LiveTrainingState::Paused;
        std::unique_lock<std::mutex> lock(mutex);
        while (paused.load() && !stopRequested(token)) {
            wake.wait_for(lock, kPausePoll);
        }
        state = LiveTrainingState::Running;
        return stopRequested(token);
    }

    LiveTrainingUpdate update(long step, bool evaluateHeldOut, double seconds)
    {
        Trainer& t = *trainer;
        LiveTrainingUpdate u;
        u.step = step;
        u.total = config.steps;
        u.loss = step > 0 ? t.smoothedLoss() : 0.0;
        u.tokenAccuracy = step > 0 ? t.smoothedAccuracy() : 0.0;
        u.seconds = seconds;
        u.sourceTokens = probe.source;
        u.targetTokens = probe.target;
        t.net().eval();
        const auto weights = forcedAlignment(t.net(), t.source(), t.target(), probe.source, probe.target);
        if (!weights.empty()) {
            const auto cols = Eigen::Index(weights.size() / probe.target.size());
            u.sourceTokens.resize(std::size_t(cols)); // a probe longer than the model reads is cut
            u.alignment = Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
                weights.data(), Eigen::Index(probe.target.size()), cols);
        }
        if (evaluateHeldOut && !heldOut.empty()) {
            u.heldOutAccuracy = evaluateNet(t.net(), t.source(), t.target(), heldOut).all.tokenAccuracy();
        }
        return u;
    }
};

LiveSeq2SeqTrainer::LiveSeq2SeqTrainer(LiveTrainingConfig config) : d(std::make_unique<Impl>())
{
    if (!seq2seqScoreNames().contains(QString::fromStdString(config.score))) {
        throw ModelError("live training: unknown scoring function '" + config.score + "' (choose " +
                         seq2seqScoreNames().join(", ").toStdString() + ")");
    }
    if (config.steps < 1 || config.batch < 1 || config.embedding < 1 || config.hidden < 2 || config.hidden % 2 != 0 ||
        config.reportEvery < 1 || config.evalEvery < 0 || config.evalSentences < 0 || config.learningRate <= 0.0 ||
        config.finalLearningRateShare < 0.0) {
        throw ModelError("live training: steps, batch, embedding and reportEvery must be positive, hidden even, "
                         "evalEvery and evalSentences not negative, the learning rate positive");
    }
    if (config.probeSource.empty() != config.probeTarget.empty()) {
        throw ModelError("live training: the probe needs both its source and its target tokens");
    }
    d->probe = LiveTrainingConfig::defaultProbe();
    if (!config.probeSource.empty()) {
        d->probe.source = config.probeSource;
        d->probe.target = config.probeTarget;
    }
    d->config = std::move(config);
}

LiveSeq2SeqTrainer::~LiveSeq2SeqTrainer() = default;

const LiveTrainingConfig& LiveSeq2SeqTrainer::config() const
{
    return d->config;
}

LiveSeq2SeqTrainer::Result LiveSeq2SeqTrainer::run(const Callback& onUpdate, const CancelToken& token)
{
    LiveTrainingState expected = LiveTrainingState::Ready;
    if (!d->state.compare_exchange_strong(expected, LiveTrainingState::Running)) {
        throw ModelError("live training: run() was already called on this trainer");
    }
    Result result;
    double seconds = 0.0;
    try {
        torch::set_num_threads(std::max(1, d->config.threads));
        if (d->config.evalEvery > 0 && d->config.evalSentences > 0) {
            d->heldOut = heldOutSentences(d->config.evalSeed, d->config.evalSentences, 10, 19, d->config);
        }
        Trainer* trainer = nullptr;
        {
            std::lock_guard<std::mutex> lock(d->trainerMutex);
            trainer = &d->ensureTrainer();
        }
        const auto report = [&](long step) {
            if (!onUpdate) {
                return;
            }
            const bool eval = d->config.evalEvery > 0 && (step % d->config.evalEvery == 0 || step == d->config.steps);
            const auto start = Clock::now();
            const LiveTrainingUpdate u = d->update(step, eval, seconds);
            seconds += std::chrono::duration<double>(Clock::now() - start).count();
            onUpdate(u);
        };
        report(0);
        for (long step = 1; step <= d->config.steps; ++step) {
            if (d->waitWhilePaused(token)) {
                throw Cancelled();
            }
            checkCancelled();
            const auto start = Clock::now();
            trainer->step();
            seconds += std::chrono::duration<double>(Clock::now() - start).count();
            result.steps = step;
            if (step % d->config.reportEvery == 0 || step == d->config.steps) {
                report(step);
            }
        }
        result.state = LiveTrainingState::Finished;
    } catch (const Cancelled&) {
        result.state = LiveTrainingState::Cancelled;
    } catch (const c10::Error& e) {
        d->state = LiveTrainingState::Failed;
        throw ModelError(std::string("live training: ") + e.what_without_backtrace());
    } catch (...) {
        d->state = LiveTrainingState::Failed;
        throw;
    }
    if (d->trainer) {
        d->trainer->net().eval();
    }
    result.seconds = seconds;
    d->state = result.state;
    return result;
}

void LiveSeq2SeqTrainer::pause()
{
    std::lock_guard<std::mutex> lock(d->mutex);
    d->paused = true;
}

void LiveSeq2SeqTrainer::resume()
{
    {
        std::lock_guard<std::mutex> lock(d->mutex);
        d->paused = false;
    }
    d->wake.notify_all();
}

void LiveSeq2SeqTrainer::cancel()
{
    {
        std::lock_guard<std::mutex> lock(d->mutex);
        d->cancelled = true;
    }
    d->wake.notify_all();
}

bool LiveSeq2SeqTrainer::isPaused() const
{
    return d->paused.load();
}

LiveTrainingState LiveSeq2SeqTrainer::state() const
{
    return d->state.load();
}

Seq2SeqMetrics LiveSeq2SeqTrainer::evaluate(const std::vector<SentencePair>& pairs) const
{
    std::lock_guard<std::mutex> lock(d->trainerMutex);
    try {
        Trainer& t = d->ensureTrainer();
        t.net().eval();
        return evaluateNet(t.net(), t.source(), t.target(), pairs);
    } catch (const c10::Error& e) {
        throw ModelError(std::string("live training: ") + e.what_without_backtrace());
    }
}

LiveSeq2SeqTrainer::Translation LiveSeq2SeqTrainer::translate(const std::vector<std::string>& source) const
{
    std::lock_guard<std::mutex> lock(d->trainerMutex);
    Translation tr;
    try {
        Trainer& t = d->ensureTrainer();
        t.net().eval();
        const auto ids = sourceIds(t.source(), source);
        tr.source.assign(source.begin(), source.begin() + std::ptrdiff_t(ids.size()));
        for (const auto& w : tr.source) {
            if (!t.source().contains(w)) {
                tr.unknownWords.push_back(w);
            }
        }
        if (ids.empty()) {
            return tr;
        }
        std::vector<std::vector<float>> weights;
        const auto out = greedyDecode(t.net(), padBatch({ids}), int(ids.size() * 2 + 8), &weights);
        tr.target = t.target().decode(out[0]);
        if (!weights[0].empty()) {
            tr.attention = Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
                weights[0].data(), Eigen::Index(tr.target.size()), Eigen::Index(ids.size()));
        }
    } catch (const c10::Error& e) {
        throw ModelError(std::string("live training: ") + e.what_without_backtrace());
    }
    return tr;
}

std::vector<SentencePair> LiveSeq2SeqTrainer::heldOutSentences(std::uint64_t seed, int count, int minWords,
                                                               int maxWords, const LiveTrainingConfig& config)
{
    CorpusOptions options;
    options.seed = seed;
    options.longShare = config.longShare;
    options.minLongWords = std::min(config.minLongWords, config.maxLongWords);
    options.maxLongWords = config.maxLongWords;
    EnFrCorpus corpus(options);
    std::vector<SentencePair> out;
    std::set<std::string> seen;
    // Sentences of the wanted lengths are a good share of the corpus; the cap only guards against a range it
    // cannot supply.
    for (long tries = 0; int(out.size()) < count && tries < 200L * count + 10000; ++tries) {
        SentencePair p = corpus.next();
        const int n = int(p.source.size());
        if (n < minWords || n > maxWords || EnFrCorpus::splitOf(p) != Split::Test ||
            !seen.insert(p.sourceText()).second) {
            continue;
        }
        out.push_back(std::move(p));
    }
    if (int(out.size()) < count) {
        throw ModelError("live training: the corpus gave only " + std::to_string(out.size()) + " test sentences of " +
                         std::to_string(minWords) + "-" + std::to_string(maxWords) + " words");
    }
    return out;
}

} // namespace attn
