#pragma once
// Internal to src/engine/seq2seq (includes torch): the training loop of the GRU encoder-decoders as an object
// that is stepped, so that the CLI recipe (trainSeq2Seq) and the live trainer of the lessons run the same code.

#include "engine/corpus/encorpus.h"
#include "engine/corpus/vocabulary.h"
#include "engine/seq2seq/seq2seq.h"
#include "engine/seq2seq/seq2seqnet_torch.h"

#include <random>
#include <vector>

namespace attn::s2s {

class Trainer
{
public:
    // Seeds torch with options.seed and builds the vocabularies, the network, Adam and the corpus, in the order
    // the shipped models were trained with (their weights depend on it). Throws ModelError for an unknown score.
    explicit Trainer(const Seq2SeqTrainOptions& options);

    struct StepResult
    {
        double loss = 0.0;     // this batch's cross-entropy per target token
        double accuracy = 0.0; // this batch's teacher-forced token accuracy
    };
    // One batch: forward with teacher forcing, backward, clipped Adam step. Puts the net in training mode.
    StepResult step();

    long steps() const { return m_steps; } // steps taken so far
    // Exponential moving averages (0.95) of loss and accuracy, as the progress bar shows them.
    double smoothedLoss() const { return m_avgLoss; }
    double smoothedAccuracy() const { return m_avgAcc; }

    NetImpl& net() { return *m_net; }
    const Net& netHolder() const { return m_net; }
    const Vocabulary& source() const { return m_src; }
    const Vocabulary& target() const { return m_tgt; }
    const Seq2SeqTrainOptions& options() const { return m_options; }

private:
    std::vector<SentencePair> nextBatch();

    Seq2SeqTrainOptions m_options;
    Vocabulary m_src, m_tgt;
    Net m_net{nullptr};
    std::unique_ptr<torch::optim::Adam> m_optim;
    std::unique_ptr<EnFrCorpus> m_corpus;
    std::vector<std::vector<SentencePair>> m_queue;
    std::mt19937_64 m_order;
    long m_steps = 0;
    double m_avgLoss = 0.0;
    double m_avgAcc = 0.0;
};

} // namespace attn::s2s
