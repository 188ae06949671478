// s2s::Trainer: one training step of the GRU encoder-decoders at a time (see seq2seqtrainer_torch.h).
#include "engine/seq2seq/seq2seqtrainer_torch.h"

#include <algorithm>

namespace attn::s2s {

Trainer::Trainer(const Seq2SeqTrainOptions& o) : m_options(o), m_order(o.seed)
{
    if (!seq2seqScoreNames().contains(QString::fromStdString(o.score))) {
        throw ModelError("--score: unknown scoring function '" + o.score + "' (choose " +
                         seq2seqScoreNames().join(", ").toStdString() + ")");
    }
    if (o.batch < 1 || o.embedding < 1 || o.hidden < 2 || o.hidden % 2 != 0) {
        throw ModelError("seq2seq training: batch and embedding must be positive and hidden even");
    }
    torch::manual_seed(o.seed);
    m_src = Vocabulary::build(EnFrCorpus::sourceWords());
    m_tgt = Vocabulary::build(EnFrCorpus::targetWords());
    m_net = Net(o.score, m_src.size(), m_tgt.size(), o.embedding, o.hidden);
    m_optim = std::make_unique<torch::optim::Adam>(m_net->parameters(), torch::optim::AdamOptions(o.learningRate));
    CorpusOptions copt;
    copt.seed = o.seed;
    copt.longShare = o.longShare;
    copt.minLongWords = std::min(o.minLongWords, o.maxLongWords);
    copt.maxLongWords = o.maxLongWords;
    m_corpus = std::make_unique<EnFrCorpus>(copt);
}

std::vector<SentencePair> Trainer::nextBatch()
{
    // Batches of similar lengths waste less time on padding: draw kPool batches at once, sort them by length, and
    // train on them in a shuffled order.
    constexpr int kPool = 8;
    const int batch = m_options.batch;
    if (m_queue.empty()) {
        auto pool = m_corpus->generate(Split::Train, batch * kPool);
        std::sort(pool.begin(), pool.end(),
                  [](const SentencePair& a, const SentencePair& b) { return a.target.size() < b.target.size(); });
        for (int k = 0; k < kPool; ++k) {
            m_queue.emplace_back(pool.begin() + k * batch, pool.begin() + (k + 1) * batch);
        }
        std::shuffle(m_queue.begin(), m_queue.end(), m_order);
    }
    std::vector<SentencePair> pairs = std::move(m_queue.back());
    m_queue.pop_back();
    return pairs;
}

Trainer::StepResult Trainer::step()
{
    m_net->train();
    if (m_options.finalLearningRateShare != 1.0 && m_options.steps > 1) {
        const double progress = std::min(1.0, double(m_steps) / double(m_options.steps - 1));
        const double lr = m_options.learningRate * (1.0 - (1.0 - m_options.finalLearningRateShare) * progress);
        for (auto& group : m_optim->param_groups()) {
            static_cast<torch::optim::AdamOptions&>(group.options()).lr(lr);
        }
    }
    const std::vector<SentencePair> pairs = nextBatch();
    std::vector<std::vector<int64_t>> srcRows, inRows, outRows;
    for (const auto& p : pairs) {
        srcRows.push_back(sourceIds(m_src, p.source));
        auto t = m_tgt.encode(p.target);
        std::vector<int64_t> in{Vocabulary::kBos};
        in.insert(in.end(), t.begin(), t.end());
        t.push_back(Vocabulary::kEos);
        inRows.push_back(in);
        outRows.push_back(t);
    }
    const auto srcT = padBatch(srcRows), inT = padBatch(inRows), outT = padBatch(outRows); // (B, S), (B, T)
    auto e = m_net->encode(srcT);
    auto state = e.init;
    auto feed = torch::zeros({srcT.size(0), int64_t(m_options.hidden)});
    std::vector<torch::Tensor> logits;
    for (int64_t t = 0; t < inT.size(1); ++t) {
        auto r = m_net->step(inT.select(1, t), state, feed, e);
        state = r.state;
        feed = r.feed;
        logits.push_back(r.logits);
    }
    const auto all = torch::stack(logits, 1); // (B, T, V)
    const auto loss =
        torch::nn::functional::cross_entropy(all.reshape({-1, all.size(2)}), outT.reshape({-1}),
                                             torch::nn::functional::CrossEntropyFuncOptions().ignore_index(0));
    m_optim->zero_grad();
    loss.backward();
    torch::nn::utils::clip_grad_norm_(m_net->parameters(), 1.0);
    m_optim->step();
    const auto mask = outT.ne(0);
    StepResult r;
    r.accuracy = (all.argmax(2).eq(outT) & mask).sum().item<double>() / mask.sum().item<double>();
    r.loss = loss.item<double>();
    ++m_steps;
    m_avgLoss = m_steps == 1 ? r.loss : 0.95 * m_avgLoss + 0.05 * r.loss;
    m_avgAcc = m_steps == 1 ? r.accuracy : 0.95 * m_avgAcc + 0.05 * r.accuracy;
    return r;
}

} // namespace attn::s2s
