#include "engine/classify/pairnet_torch.h"

#include "engine/moduleweights_torch.h"

#include <cmath>

namespace attn::classify {

namespace {

constexpr float kMasked = -1e9f;

// x: (B, N, C), mask: (B, N) -> (B, C), the maximum over the real positions
torch::Tensor maskedMax(const torch::Tensor& x, const torch::Tensor& mask)
{
    return x.masked_fill(mask.logical_not().unsqueeze(-1), kMasked).amax(1);
}

// s: (B, Q, K), keyMask: (B, K) -> (B, Q, K), softmax over the real keys
torch::Tensor maskedSoftmax(const torch::Tensor& s, const torch::Tensor& keyMask)
{
    return s.masked_fill(keyMask.logical_not().unsqueeze(1), kMasked).softmax(-1);
}

} // namespace

PairNetImpl::PairNetImpl(const PairNetConfig& c) : config(c)
{
    const bool ap = c.variant == QLatin1String("attentive-pooling");
    const bool before = c.variant == QLatin1String("abcnn-1");
    embed = register_module(
        "embed", torch::nn::Embedding(torch::nn::EmbeddingOptions(c.vocab, c.embedding).padding_idx(/*pad=*/0)));
    // abcnn-1 convolves [word; attended counterpart; their product]
    conv = register_module("conv",
                           torch::nn::Conv1d(torch::nn::Conv1dOptions(before ? 3 * c.embedding : c.embedding, c.filters,
                                                                      /*kernel_size=*/c.kernel)
                                                 .padding(c.kernel / 2)));
    const int queryIn = before ? c.embedding : ap ? 2 * c.hidden : c.filters;
    const int keyIn = before ? c.embedding : c.filters;
    query = register_module("query", torch::nn::Linear(torch::nn::LinearOptions(queryIn, c.attention).bias(false)));
    key = register_module("key", torch::nn::Linear(torch::nn::LinearOptions(keyIn, c.attention).bias(false)));
    if (!before) {
        compare = register_module("compare", torch::nn::Linear(4 * c.filters, c.filters));
    }
    if (ap) {
        gru = register_module(
            "gru", torch::nn::GRU(torch::nn::GRUOptions(c.embedding, c.hidden).batch_first(true).bidirectional(true)));
        poolQuery = register_module("pool_query",
                                    torch::nn::Linear(torch::nn::LinearOptions(2 * c.hidden, c.attention).bias(false)));
        poolKey = register_module("pool_key",
                                  torch::nn::Linear(torch::nn::LinearOptions(c.filters, c.attention).bias(false)));
    }
    hidden = register_module("hidden", torch::nn::Linear(2 * c.filters, c.filters));
    out = register_module("out", torch::nn::Linear(c.filters, c.classes));
}

// h: (B, Nh, *), p: (B, Np, *) -> (B, Nh, Np)
torch::Tensor PairNetImpl::scores(const torch::Tensor& h, const torch::Tensor& p)
{
    return torch::bmm(query(h), key(p).transpose(1, 2)) / std::sqrt(double(config.attention));
}

// x: (B, Nh, E), lengths: (B) -> states (B, Nh, 2H); sentence (B, 2H): the last state of each direction
torch::Tensor PairNetImpl::hypothesisStates(const torch::Tensor& x, const torch::Tensor& lengths,
                                            torch::Tensor& sentence)
{
    namespace rnn = torch::nn::utils::rnn;
    const auto packed = rnn::pack_padded_sequence(x, lengths, /*batch_first=*/true, /*enforce_sorted=*/false);
    auto [output, last] = gru->forward_with_packed_input(packed);
    // last: (2, B, H): forward direction's final state, backward direction's final state (at word 0)
    sentence = torch::cat({last[0], last[1]}, -1);
    return std::get<0>(rnn::pad_packed_sequence(output, /*batch_first=*/true, /*padding_value=*/0.0,
                                                /*total_length=*/x.size(1)));
}

PairOutput PairNetImpl::forward(const torch::Tensor& premise, const torch::Tensor& hypothesis)
{
    const auto mp = premise.ne(0), mh = hypothesis.ne(0); // (B, Np), (B, Nh)
    const auto fp = mp.unsqueeze(-1).to(torch::kFloat32), fh = mh.unsqueeze(-1).to(torch::kFloat32);
    const auto xp = embed(premise), xh = embed(hypothesis);               // (B, Np, E), (B, Nh, E)
    auto convolve = [&](const torch::Tensor& x, const torch::Tensor& f) { // (B, N, C) -> (B, N, F)
        return torch::tanh(conv((x * f).transpose(1, 2))).transpose(1, 2) * f;
    };
    // c: (B, N, F), a: its attended counterpart (B, N, F) -> (B, N, F)
    auto compared = [&](const torch::Tensor& c, const torch::Tensor& a) {
        return torch::relu(compare(torch::cat({c, a, c * a, c - a}, -1)));
    };
    PairOutput o;
    torch::Tensor vh, vp; // (B, F) each
    if (config.variant == QLatin1String("abcnn-1")) {
        const auto s = scores(xh, xp);                                          // (B, Nh, Np)
        o.attention = maskedSoftmax(s, mp);                                     // hypothesis -> premise
        const auto back = maskedSoftmax(s.transpose(1, 2), mh);                 // (B, Np, Nh) premise -> hypothesis
        const auto ah = torch::bmm(o.attention, xp), ap = torch::bmm(back, xh); // attended counterparts
        vh = maskedMax(convolve(torch::cat({xh, ah, xh * ah}, -1), fh), mh);
        vp = maskedMax(convolve(torch::cat({xp, ap, xp * ap}, -1), fp), mp);
    } else if (config.variant == QLatin1String("abcnn-2")) {
        const auto ch = convolve(xh, fh), cp = convolve(xp, fp); // (B, Nh, F), (B, Np, F)
        const auto s = scores(ch, cp);
        o.attention = maskedSoftmax(s, mp);
        const auto back = maskedSoftmax(s.transpose(1, 2), mh);
        vh = maskedMax(compared(ch, torch::bmm(o.attention, cp)), mh);
        vp = maskedMax(compared(cp, torch::bmm(back, ch)), mp);
    } else {
        torch::Tensor sentence;                                                          // (B, 2H)
        const auto states = hypothesisStates(xh, mh.sum(1).to(torch::kInt64), sentence); // (B, Nh, 2H)
        const auto features = convolve(xp, fp);                                          // (B, Np, F): keys and values
        o.attention = maskedSoftmax(scores(states, features), mp);
        // each hypothesis word's own features (the same convolution) against the premise features it pooled
        vh = maskedMax(compared(convolve(xh, fh), torch::bmm(o.attention, features)), mh);
        // the premise pooled by the sentence vector's attention instead of max pooling
        const auto ps = torch::bmm(poolQuery(sentence).unsqueeze(1), poolKey(features).transpose(1, 2)) /
                        std::sqrt(double(config.attention)); // (B, 1, Np)
        const auto beta = maskedSoftmax(ps, mp);
        o.premisePooling = beta.squeeze(1);         // (B, Np)
        vp = torch::bmm(beta, features).squeeze(1); // (B, F)
    }
    o.logits = out(torch::relu(hidden(torch::cat({vh, vp}, -1))));
    return o;
}

void savePairNet(PairNet& net, const std::string& path)
{
    saveModuleWeights(*net, "attnscope-pair-cnn-1", path);
}

void loadPairNet(PairNet& net, const std::string& path)
{
    loadModuleWeights(*net, path);
}

} // namespace attn::classify
