// Greedy decoding, evaluation and forced alignment of a seq2seq Net (see seq2seqdecode_torch.h).
#include "engine/seq2seq/seq2seqdecode_torch.h"

#include <algorithm>

namespace attn::s2s {

std::vector<std::vector<int64_t>> greedyDecode(NetImpl& net, const torch::Tensor& srcIds, int maxSteps,
                                               std::vector<std::vector<float>>* weights,
                                               std::vector<std::vector<float>>* states)
{
    torch::NoGradGuard noGrad;
    const auto B = srcIds.size(0);
    auto e = net.encode(srcIds);
    auto state = e.init;
    auto feed = torch::zeros({B, net.H});
    auto prev = torch::full({B}, Vocabulary::kBos, torch::kLong);
    std::vector<std::vector<int64_t>> outIds(static_cast<std::size_t>(B));
    std::vector<bool> done(static_cast<std::size_t>(B), false);
    for (auto* rows : {weights, states}) {
        if (rows) {
            rows->assign(std::size_t(B), {});
        }
    }
    const auto append = [](std::vector<float>& to, const torch::Tensor& row) {
        const auto c = row.contiguous();
        to.insert(to.end(), c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
    };
    for (int t = 0; t < maxSteps; ++t) {
        auto r = net.step(prev, state, feed, e);
        state = r.state;
        feed = r.feed;
        prev = r.logits.argmax(1);
        auto p = prev.accessor<int64_t, 1>();
        bool all = true;
        for (int64_t b = 0; b < B; ++b) {
            if (done[std::size_t(b)]) {
                continue;
            }
            if (p[b] == Vocabulary::kEos) {
                done[std::size_t(b)] = true;
                continue;
            }
            outIds[std::size_t(b)].push_back(p[b]);
            if (weights && r.weights.defined()) {
                append((*weights)[std::size_t(b)], r.weights[b]);
            }
            if (states) {
                append((*states)[std::size_t(b)], r.state[b]);
            }
            all = false;
        }
        if (all) {
            break;
        }
    }
    return outIds;
}

Seq2SeqMetrics evaluateNet(NetImpl& net, const Vocabulary& src, const Vocabulary& tgt,
                           const std::vector<SentencePair>& pairs)
{
    Seq2SeqMetrics m = emptySeq2SeqMetrics();
    constexpr std::size_t kBatch = 64;
    for (std::size_t at = 0; at < pairs.size(); at += kBatch) {
        std::vector<std::vector<int64_t>> rows;
        std::size_t longest = 0;
        for (std::size_t i = at; i < std::min(pairs.size(), at + kBatch); ++i) {
            rows.push_back(sourceIds(src, pairs[i].source));
            longest = std::max(longest, rows.back().size());
        }
        const auto out = greedyDecode(net, padBatch(rows), int(longest * 2 + 8));
        for (std::size_t i = 0; i < out.size(); ++i) {
            addSentence(m, int(pairs[at + i].source.size()), tgt.decode(out[i]), pairs[at + i].target,
                        frenchOrderDiffers(pairs[at + i]) ? 1 : 0);
        }
    }
    return m;
}

std::vector<float> forcedAlignment(NetImpl& net, const Vocabulary& src, const Vocabulary& tgt,
                                   const std::vector<std::string>& source, const std::vector<std::string>& target)
{
    torch::NoGradGuard noGrad;
    std::vector<float> attention;
    auto e = net.encode(padBatch({sourceIds(src, source)}));
    auto state = e.init;
    auto feed = torch::zeros({1, net.H});
    int64_t prev = Vocabulary::kBos;
    for (const std::string& word : target) {
        auto r = net.step(torch::full({1}, prev, torch::kLong), state, feed, e);
        state = r.state;
        feed = r.feed;
        if (r.weights.defined()) {
            const auto row = r.weights[0].contiguous();
            attention.insert(attention.end(), row.data_ptr<float>(), row.data_ptr<float>() + row.numel());
        }
        prev = tgt.id(word);
    }
    return attention;
}

} // namespace attn::s2s
