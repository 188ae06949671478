// Built only into the light attnscope-cli, which does not link LibTorch (issue 18: LibTorch costs every process
// about 0.85 s at start). Each function below stands in for one defined in a src/engine *_torch.cpp file and
// called from torch-free code. When a command reaches one, the command needs LibTorch after all (a torch-only
// model, beam search, training): the process replaces itself with attnscope-cli-torch, built beside it from the
// same command objects plus LibTorch, on the same command line. Nothing has been written by then but what the
// command printed before opening its model, which the commands do not do.
//
// Adding a call from torch-free code to a *_torch.cpp function makes the light link fail with "undefined
// reference to attn::X": add X here as one more line that calls runWithTorch (see src/engine/CMakeLists.txt).

#include "engine/caption/captionmodel.h"
#include "engine/caption/captiontrainer.h"
#include "engine/classify/classifiertraining.h"
#include "engine/classify/pairtrainer.h"
#include "engine/seq2seq/seq2seq.h"
#include "engine/seq2seq/seq2seqlivetrainer.h"
#include "engine/torchscoring.h"
#include "engine/transformer/coreftorch.h"
#include "engine/transformer/coreftraining.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace {

// The executable's own path, from the kernel (argv[0] may be a bare name found on PATH).
std::string selfPath()
{
    std::vector<char> buffer(4096);
    const ssize_t n = readlink("/proc/self/exe", buffer.data(), buffer.size() - 1);
    return n > 0 ? std::string(buffer.data(), std::size_t(n)) : std::string();
}

// The process's own command line, as it was started (main's argv is not reachable from here).
std::vector<std::string> selfArguments()
{
    std::ifstream in("/proc/self/cmdline", std::ios::binary);
    const std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<std::string> args;
    std::string::size_type start = 0;
    while (start < all.size()) {
        const auto end = all.find('\0', start);
        args.push_back(all.substr(start, end == std::string::npos ? std::string::npos : end - start));
        start = end == std::string::npos ? all.size() : end + 1;
    }
    return args;
}

[[noreturn]] void runWithTorch(const char* what)
{
    // For tests that prove a command stays light: fail instead of loading LibTorch.
    if (std::getenv("ATTN_NO_TORCH_FALLBACK")) {
        std::fprintf(stderr, "attnscope-cli: error: %s needs LibTorch (ATTN_NO_TORCH_FALLBACK is set)\n", what);
        std::fflush(stderr);
        std::_Exit(3);
    }
    const std::string self = selfPath();
    const std::string torch = self.substr(0, self.rfind('/') + 1) + "attnscope-cli-torch";
    std::vector<std::string> args = selfArguments();
    if (args.empty()) {
        args.push_back(torch);
    }
    args.front() = torch;
    std::vector<char*> argv;
    for (auto& a : args) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    // What stdout holds unflushed is dropped with this image; the new one prints the whole result.
    execv(torch.c_str(), argv.data());
    std::fprintf(stderr, "attnscope-cli: error: %s needs LibTorch, but %s cannot run: %s\n", what, torch.c_str(),
                 std::strerror(errno));
    std::fflush(stderr);
    std::_Exit(1);
}

} // namespace

namespace attn {

// The pimpls are never made here (every way to make one runs LibTorch); these empty ones let the destructors
// compile.
struct CaptionModel::Impl
{
};
struct Seq2SeqModel::Impl
{
};
struct LiveSeq2SeqTrainer::Impl
{
};

// caption/captionmodel
std::unique_ptr<CaptionModel> CaptionModel::open(const QString&) { runWithTorch("a captioning model"); }
CaptionModel::~CaptionModel() = default;
const CaptionConfig& CaptionModel::config() const { runWithTorch("a captioning model"); }
CaptionResult CaptionModel::caption(const QImage&, int) const { runWithTorch("a captioning model"); }
CaptionResult CaptionModel::captionPixels(const std::vector<float>&, int) const { runWithTorch("a captioning model"); }
void trainCaptioner(const CaptionTrainOptions&, const CaptionProgress&) { runWithTorch("training"); }

// seq2seq
std::unique_ptr<Seq2SeqModel> Seq2SeqModel::open(const QString&) { runWithTorch("a seq2seq model"); }
Seq2SeqModel::~Seq2SeqModel() = default;
QString Seq2SeqModel::score() const { runWithTorch("a seq2seq model"); }
bool Seq2SeqModel::hasAttention() const { runWithTorch("a seq2seq model"); }
const QJsonObject& Seq2SeqModel::config() const { runWithTorch("a seq2seq model"); }
Seq2SeqModel::Translation Seq2SeqModel::translate(const QStringList&) const { runWithTorch("a seq2seq model"); }
Seq2SeqModel::Translation Seq2SeqModel::align(const QStringList&, const QStringList&) const
{
    runWithTorch("a seq2seq model");
}
std::unique_ptr<TextModel> openSeq2SeqTextModel(const QString&, const QJsonObject&) { runWithTorch("a seq2seq model"); }
ModelVectors seq2seqModelVectors(const QString&, const QString&) { runWithTorch("a seq2seq model"); }
Seq2SeqMetrics trainSeq2Seq(const Seq2SeqTrainOptions&, const std::function<void(long, long, double, double)>&)
{
    runWithTorch("training");
}
void setEngineThreads(int) { runWithTorch("training"); }

// seq2seq/seq2seqlivetrainer
LiveSeq2SeqTrainer::LiveSeq2SeqTrainer(LiveTrainingConfig) { runWithTorch("live training"); }
LiveSeq2SeqTrainer::~LiveSeq2SeqTrainer() = default;
LiveSeq2SeqTrainer::Result LiveSeq2SeqTrainer::run(const Callback&, const CancelToken&) { runWithTorch("live training"); }
void LiveSeq2SeqTrainer::pause() { runWithTorch("live training"); }
void LiveSeq2SeqTrainer::resume() { runWithTorch("live training"); }
void LiveSeq2SeqTrainer::cancel() { runWithTorch("live training"); }
bool LiveSeq2SeqTrainer::isPaused() const { runWithTorch("live training"); }
LiveTrainingState LiveSeq2SeqTrainer::state() const { runWithTorch("live training"); }
LiveSeq2SeqTrainer::Translation LiveSeq2SeqTrainer::translate(const std::vector<std::string>&) const
{
    runWithTorch("live training");
}
SentencePair LiveTrainingConfig::defaultProbe() { runWithTorch("live training"); }

// transformer (coreference)
std::unique_ptr<CorefTorch> openCorefTorch(const QString&, const TransformerConfig&)
{
    runWithTorch("beam search or the reference path");
}
CorefTrainReport trainCorefModel(const CorefTrainOptions&) { runWithTorch("training"); }

} // namespace attn

namespace attn::classify {

// classify
PairTrainReport trainPairModel(const PairTrainOptions&) { runWithTorch("training"); }
ClassifierMetrics trainClassifier(const ClassifierTrainOptions&, const std::function<void(long, long, double, double)>&)
{
    runWithTorch("training");
}

} // namespace attn::classify
