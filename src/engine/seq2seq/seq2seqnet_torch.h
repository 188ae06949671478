#pragma once
// Internal to src/engine/seq2seq (includes torch): the GRU encoder-decoder network shared by the model
// (loading, decoding) and the training loop.

#include "engine/corpus/vocabulary.h"
#include "engine/seq2seq/seq2seq.h"

#include <torch/torch.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <string>
#include <vector>

namespace attn::s2s {

inline constexpr int kMaxSource = 64; // location and myatt give one weight per source position, up to this many

struct NetImpl : torch::nn::Module
{
    NetImpl(std::string scoreName, int64_t srcVocab, int64_t tgtVocab, int64_t emb, int64_t hidden)
        : score(std::move(scoreName)), H(hidden),
          srcEmb(torch::nn::EmbeddingOptions(srcVocab, emb).padding_idx(0)),
          tgtEmb(torch::nn::EmbeddingOptions(tgtVocab, emb).padding_idx(0)),
          encoder(torch::nn::GRUOptions(emb, hidden / 2).batch_first(true).bidirectional(true)),
          bridge(hidden, hidden),
          // myatt is the tutorial's decoder: the GRU reads relu(attn_combine([embedding; applied])), no input feeding.
          decoder(torch::nn::GRUCellOptions(score == "myatt" ? hidden : emb + hidden, hidden)),
          combine(score == "myatt" ? emb + hidden : 2 * hidden, hidden), out(hidden, tgtVocab)
    {
        register_module("src_emb", srcEmb);
        register_module("tgt_emb", tgtEmb);
        register_module("encoder", encoder);
        register_module("bridge", bridge);
        register_module("decoder", decoder);
        register_module(score == "myatt" ? "attn_combine" : "combine", combine);
        register_module("out", out);
        // Only the parameters of the chosen scoring function exist, so every model has what its formula needs.
        if (score == "general") {
            W = register_module("W", torch::nn::Linear(torch::nn::LinearOptions(hidden, hidden).bias(false)));
        } else if (score == "concat_linear") {
            wq = register_module("w_q", torch::nn::Linear(hidden, 1));
            wk = register_module("w_k", torch::nn::Linear(torch::nn::LinearOptions(hidden, 1).bias(false)));
        } else if (score == "concat_tanh") {
            W = register_module("W", torch::nn::Linear(2 * hidden, hidden)); // W [q; k] + b, q first as in the notes
        } else if (score == "myatt") {
            // attn: Linear([embedding; hidden] -> positions), the notes' Linear(32 + 32 -> 32)
            W = register_module("attn", torch::nn::Linear(emb + hidden, kMaxSource));
        } else if (score == "additive") {
            W = register_module("W", torch::nn::Linear(torch::nn::LinearOptions(hidden, hidden).bias(false)));
            U = register_module("U", torch::nn::Linear(torch::nn::LinearOptions(hidden, hidden).bias(false)));
            v = register_module("v", torch::nn::Linear(torch::nn::LinearOptions(hidden, 1).bias(false)));
        } else if (score == "location") {
            W = register_module("W_a", torch::nn::Linear(hidden, kMaxSource));
        }
    }

    struct Encoded
    {
        torch::Tensor states; // (B, S, H)
        torch::Tensor mask;   // (B, S) true on real tokens
        torch::Tensor keys;   // (B, S, *) precomputed key side of the score
        torch::Tensor init;   // (B, H) first decoder state
        torch::Tensor summary; // (B, H) the fixed vector of the no-attention model
    };

    // src: (B, S) ids, 0 = pad
    Encoded encode(const torch::Tensor& src)
    {
        Encoded e;
        e.mask = src.ne(0);
        auto [states, last] = encoder->forward(srcEmb->forward(src)); // states (B, S, H), last (2, B, H/2)
        e.states = states;
        // The final state of each direction at the last real token (the backward one reads from the end).
        const auto lengths = e.mask.sum(1).clamp_min(1) - 1;                                  // (B)
        const auto idx = lengths.view({-1, 1, 1}).expand({-1, 1, H});                        // (B, 1, H)
        const auto fwd = states.gather(1, idx).squeeze(1).narrow(1, 0, H / 2);               // (B, H/2)
        const auto bwd = states.select(1, 0).narrow(1, H / 2, H / 2);                        // (B, H/2)
        e.summary = torch::cat({fwd, bwd}, 1);                                               // (B, H)
        e.init = torch::tanh(bridge->forward(e.summary));
        if (score == "general") {
            e.keys = W->forward(states); // W k (B, S, H): q^T W k
        } else if (score == "concat_linear") {
            e.keys = wk->forward(states).squeeze(2); // (B, S)
        } else if (score == "concat_tanh") {
            // W [q; k] = W_q q + W_k k: the key half once per sentence, (B, S, H)
            e.keys = torch::nn::functional::linear(states, W->weight.narrow(1, H, H));
        } else if (score == "additive") {
            e.keys = U->forward(states); // (B, S, H)
        }
        return e;
    }

    // s: (B, H) decoder state -> scores (B, S)
    torch::Tensor scores(const torch::Tensor& s, const Encoded& e)
    {
        const auto S = e.states.size(1);
        if (score == "dot") {
            return torch::bmm(e.states, s.unsqueeze(2)).squeeze(2);
        }
        if (score == "scaled_dot") {
            return torch::bmm(e.states, s.unsqueeze(2)).squeeze(2) / std::sqrt(double(H));
        }
        if (score == "cosine") {
            const auto dots = torch::bmm(e.states, s.unsqueeze(2)).squeeze(2);
            const auto norms = e.states.norm(2, 2) * s.norm(2, 1).unsqueeze(1);
            // A zero-length vector's cosine is 0, as in core/scoring.cpp.
            return torch::where(norms > 0, dots / norms.clamp_min(1e-12), torch::zeros_like(dots));
        }
        if (score == "general") {
            return torch::bmm(e.keys, s.unsqueeze(2)).squeeze(2);
        }
        if (score == "concat_linear") {
            return e.keys + wq->forward(s); // w_k . k + w_q . q + b
        }
        if (score == "concat_tanh") {
            const auto q = torch::nn::functional::linear(s, W->weight.narrow(1, 0, H), W->bias); // (B, H)
            return torch::tanh(e.keys + q.unsqueeze(1)).sum(2);                                 // (B, S)
        }
        if (score == "additive") {
            return v->forward(torch::tanh(e.keys + W->forward(s).unsqueeze(1))).squeeze(2);
        }
        // location: (W_a q)_i for the first S positions
        return W->forward(s).narrow(1, 0, S);
    }

    struct Step
    {
        torch::Tensor logits;  // (B, V)
        torch::Tensor weights; // (B, S) or undefined
        torch::Tensor state;   // (B, H)
        torch::Tensor feed;    // (B, H) attentional vector fed to the next step
    };

    // The course notes' MyAtt in the tutorial's decoder: Q = the embedding of the previous word (B, E), K = the
    // previous state (B, H), V = the encoder states (B, S, H). Positions past a sentence's end are masked.
    Step myattStep(const torch::Tensor& prev, const torch::Tensor& state, const Encoded& e)
    {
        Step r;
        const auto S = e.states.size(1);
        const auto q = tgtEmb->forward(prev);                                   // (B, E)
        const auto logits = W->forward(torch::cat({q, state}, 1)).narrow(1, 0, S); // (B, kMaxSource) -> (B, S)
        r.weights = torch::softmax(logits.masked_fill(e.mask.logical_not(), -1e9), 1);
        const auto applied = torch::bmm(r.weights.unsqueeze(1), e.states).squeeze(1); // (B, 1, S) x (B, S, H)
        const auto combined = torch::relu(combine->forward(torch::cat({q, applied}, 1))); // (B, E + H) -> (B, H)
        r.state = decoder->forward(combined, state);
        r.feed = r.state;
        r.logits = out->forward(r.state);
        return r;
    }

    // prev: (B) previous target ids
    Step step(const torch::Tensor& prev, const torch::Tensor& state, const torch::Tensor& feed, const Encoded& e)
    {
        if (score == "myatt") {
            return myattStep(prev, state, e);
        }
        Step r;
        r.state = decoder->forward(torch::cat({tgtEmb->forward(prev), feed}, 1), state);
        torch::Tensor context;
        if (score == "none") {
            context = e.summary; // the fixed vector, the same at every step
        } else {
            const auto sc = scores(r.state, e).masked_fill(e.mask.logical_not(), -1e9);
            r.weights = torch::softmax(sc, 1);
            context = torch::bmm(r.weights.unsqueeze(1), e.states).squeeze(1); // (B, H)
        }
        r.feed = torch::tanh(combine->forward(torch::cat({context, r.state}, 1)));
        r.logits = out->forward(r.feed);
        return r;
    }

    std::string score;
    int64_t H;
    torch::nn::Embedding srcEmb, tgtEmb;
    torch::nn::GRU encoder;
    torch::nn::Linear bridge;
    torch::nn::GRUCell decoder;
    torch::nn::Linear combine, out;
    torch::nn::Linear W{nullptr}, U{nullptr}, v{nullptr}, wq{nullptr}, wk{nullptr};
};
TORCH_MODULE(Net);

// rows of ids -> (B, L) padded with 0
inline torch::Tensor padBatch(const std::vector<std::vector<int64_t>>& rows)
{
    std::size_t longest = 1;
    for (const auto& r : rows) {
        longest = std::max(longest, r.size());
    }
    auto t = torch::zeros({int64_t(rows.size()), int64_t(longest)}, torch::kLong);
    auto a = t.accessor<int64_t, 2>();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        for (std::size_t j = 0; j < rows[i].size(); ++j) {
            a[int64_t(i)][int64_t(j)] = rows[i][j];
        }
    }
    return t;
}

inline std::vector<int64_t> sourceIds(const Vocabulary& v, const std::vector<std::string>& words)
{
    auto ids = v.encode(words);
    if (ids.size() > std::size_t(kMaxSource)) {
        ids.resize(kMaxSource);
    }
    return ids;
}

inline QJsonObject readJson(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        throw ModelError(path.toStdString() + ": cannot read");
    }
    const auto doc = QJsonDocument::fromJson(f.readAll());
    if (!doc.isObject()) {
        throw ModelError(path.toStdString() + ": not a JSON object");
    }
    return doc.object();
}

inline void writeJson(const QString& path, const QJsonObject& o)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        throw ModelError(path.toStdString() + ": cannot write");
    }
    f.write(QJsonDocument(o).toJson());
}


} // namespace attn::s2s
