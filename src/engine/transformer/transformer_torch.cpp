#include "engine/transformer/transformer_torch.h"
#include "core/canceltoken.h"

#include "engine/corpus/vocabulary.h"

#include <algorithm>
#include <cmath>
#include <torch/torch.h>

namespace attn {

MultiHeadAttentionImpl::MultiHeadAttentionImpl(int d, int h) : dModel(d), heads(h)
{
    in_proj_weight = register_parameter("in_proj_weight", torch::empty({3 * d, d}));
    in_proj_bias = register_parameter("in_proj_bias", torch::zeros({3 * d}));
    out_proj = register_module("out_proj", torch::nn::Linear(d, d));
    torch::nn::init::xavier_uniform_(in_proj_weight);
    torch::nn::init::zeros_(out_proj->bias);
}

std::pair<torch::Tensor, torch::Tensor> MultiHeadAttentionImpl::forward(const torch::Tensor& query,
                                                                        const torch::Tensor& key,
                                                                        const torch::Tensor& value,
                                                                        const torch::Tensor& keyPadding, bool causal)
{
    const auto B = query.size(0), Tq = query.size(1), Tk = key.size(1);
    const int hd = dModel / heads;
    // (B, T, d) -> (B, H, T, hd)
    auto split = [&](const torch::Tensor& x, int64_t T) { return x.reshape({B, T, heads, hd}).transpose(1, 2); };
    torch::Tensor q, k, v;
    // One matrix product where inputs coincide: tiny products cost their call more than their arithmetic.
    if (query.is_same(key) && key.is_same(value)) {
        const auto qkv =
            torch::nn::functional::linear(query, in_proj_weight, in_proj_bias).chunk(3, -1); // 3 x (B, T, d)
        q = qkv[0], k = qkv[1], v = qkv[2];
    } else {
        q = torch::nn::functional::linear(query, in_proj_weight.narrow(0, 0, dModel),
                                          in_proj_bias.narrow(0, 0, dModel));
        if (key.is_same(value)) {
            const auto kv = torch::nn::functional::linear(key, in_proj_weight.narrow(0, dModel, 2 * dModel),
                                                          in_proj_bias.narrow(0, dModel, 2 * dModel))
                                .chunk(2, -1);
            k = kv[0], v = kv[1];
        } else {
            k = torch::nn::functional::linear(key, in_proj_weight.narrow(0, dModel, dModel),
                                              in_proj_bias.narrow(0, dModel, dModel));
            v = torch::nn::functional::linear(value, in_proj_weight.narrow(0, 2 * dModel, dModel),
                                              in_proj_bias.narrow(0, 2 * dModel, dModel));
        }
    }
    q = split(q, Tq) / std::sqrt(double(hd));
    k = split(k, Tk);
    v = split(v, Tk);
    auto scores = torch::matmul(q, k.transpose(-2, -1)); // (B, H, Tq, Tk)
    const double ninf = -std::numeric_limits<double>::infinity();
    if (keyPadding.defined()) {
        scores = scores.masked_fill(keyPadding.view({B, 1, 1, Tk}), ninf);
    }
    if (causal) {
        const auto future = torch::ones({Tq, Tk}, torch::kBool).triu(1); // (Tq, Tk)
        scores = scores.masked_fill(future, ninf);
    }
    const auto weights = torch::softmax(scores, -1);                                         // (B, H, Tq, Tk)
    const auto context = torch::matmul(weights, v).transpose(1, 2).reshape({B, Tq, dModel}); // (B, Tq, d)
    return {out_proj(context), weights};
}

EncoderLayerImpl::EncoderLayerImpl(const TransformerConfig& c)
    : norm1(register_module("norm1", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.dModel})))),
      norm2(register_module("norm2", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.dModel})))),
      self_attn(register_module("self_attn", MultiHeadAttention(c.dModel, c.heads))),
      ff1(register_module("ff1", torch::nn::Linear(c.dModel, c.dFF))),
      ff2(register_module("ff2", torch::nn::Linear(c.dFF, c.dModel))),
      dropout(register_module("dropout", torch::nn::Dropout(c.dropout)))
{
}

torch::Tensor EncoderLayerImpl::forward(const torch::Tensor& x, const torch::Tensor& srcPadding, torch::Tensor* weights)
{
    const auto h = norm1(x);
    auto [attended, w] = self_attn(h, h, h, srcPadding, /*causal=*/false);
    if (weights) {
        *weights = w;
    }
    auto y = x + dropout(attended);
    return y + dropout(ff2(torch::relu(ff1(norm2(y)))));
}

DecoderLayerImpl::DecoderLayerImpl(const TransformerConfig& c)
    : norm1(register_module("norm1", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.dModel})))),
      norm2(register_module("norm2", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.dModel})))),
      norm3(register_module("norm3", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.dModel})))),
      self_attn(register_module("self_attn", MultiHeadAttention(c.dModel, c.heads))),
      cross_attn(register_module("cross_attn", MultiHeadAttention(c.dModel, c.heads))),
      ff1(register_module("ff1", torch::nn::Linear(c.dModel, c.dFF))),
      ff2(register_module("ff2", torch::nn::Linear(c.dFF, c.dModel))),
      dropout(register_module("dropout", torch::nn::Dropout(c.dropout)))
{
}

torch::Tensor DecoderLayerImpl::forward(const torch::Tensor& y, const torch::Tensor& memory,
                                        const torch::Tensor& srcPadding, torch::Tensor* selfWeights,
                                        torch::Tensor* crossWeights)
{
    auto h = norm1(y);
    auto [s, sw] = self_attn(h, h, h, torch::Tensor(), /*causal=*/true);
    auto x = y + dropout(s);
    h = norm2(x);
    auto [c, cw] = cross_attn(h, memory, memory, srcPadding, /*causal=*/false);
    x = x + dropout(c);
    if (selfWeights) {
        *selfWeights = sw;
    }
    if (crossWeights) {
        *crossWeights = cw;
    }
    return x + dropout(ff2(torch::relu(ff1(norm3(x)))));
}

Seq2SeqTransformerImpl::Seq2SeqTransformerImpl(const TransformerConfig& c)
    : config(c), src_embed(register_module("src_embed", torch::nn::Embedding(c.sourceVocab, c.dModel))),
      tgt_embed(register_module("tgt_embed", torch::nn::Embedding(c.targetVocab, c.dModel))),
      encoder(register_module("encoder", torch::nn::ModuleList())),
      decoder(register_module("decoder", torch::nn::ModuleList())),
      encoder_norm(register_module("encoder_norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.dModel})))),
      decoder_norm(register_module("decoder_norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.dModel})))),
      generator(register_module("generator", torch::nn::Linear(c.dModel, c.targetVocab))),
      form_head(register_module("form_head", torch::nn::Linear(c.dModel, c.targetVocab))),
      dropout(register_module("dropout", torch::nn::Dropout(c.dropout)))
{
    for (int i = 0; i < c.encoderLayers; ++i) {
        encoder->push_back(EncoderLayer(c));
    }
    for (int i = 0; i < c.decoderLayers; ++i) {
        decoder->push_back(DecoderLayer(c));
    }
    torch::nn::init::normal_(src_embed->weight, 0.0, 1.0 / std::sqrt(double(c.dModel)));
    torch::nn::init::normal_(tgt_embed->weight, 0.0, 1.0 / std::sqrt(double(c.dModel)));
    // Sinusoidal positions (Vaswani et al. 2017): PE(p, 2i) = sin(p / 10000^(2i/d)), PE(p, 2i+1) = cos(...)
    const int n = std::max(c.maxSourceLength, c.maxTargetLength) + 2;
    const auto pos = torch::arange(n, torch::kFloat32).unsqueeze(1); // (n, 1)
    const auto div = torch::exp(torch::arange(0, c.dModel, 2, torch::kFloat32) * (-std::log(10000.0) / c.dModel));
    positions = torch::zeros({n, c.dModel});
    positions.index_put_({torch::indexing::Slice(), torch::indexing::Slice(0, torch::indexing::None, 2)},
                         torch::sin(pos * div));
    positions.index_put_({torch::indexing::Slice(), torch::indexing::Slice(1, torch::indexing::None, 2)},
                         torch::cos(pos * div).narrow(1, 0, c.dModel / 2));
}

torch::Tensor Seq2SeqTransformerImpl::embed(torch::nn::Embedding& table, const torch::Tensor& ids)
{
    const auto T = ids.size(1);
    return dropout(table(ids) * std::sqrt(double(config.dModel)) + positions.narrow(0, 0, T).unsqueeze(0));
}

torch::Tensor Seq2SeqTransformerImpl::encode(const torch::Tensor& src, AttentionCapture* capture)
{
    const auto padding = src.eq(Vocabulary::kPad); // (B, S)
    auto x = embed(src_embed, src);
    for (const auto& m : *encoder) {
        torch::Tensor w;
        x = m->as<EncoderLayer>()->forward(x, padding, capture ? &w : nullptr);
        if (capture) {
            capture->encoderSelf.push_back(w);
        }
    }
    return encoder_norm(x);
}

torch::Tensor Seq2SeqTransformerImpl::formLogits(const torch::Tensor& memory)
{
    return form_head(memory);
}

torch::Tensor Seq2SeqTransformerImpl::decode(const torch::Tensor& tgtIn, const torch::Tensor& memory,
                                             const torch::Tensor& src, AttentionCapture* capture)
{
    const auto padding = src.eq(Vocabulary::kPad);
    auto y = embed(tgt_embed, tgtIn);
    for (const auto& m : *decoder) {
        torch::Tensor sw, cw;
        y = m->as<DecoderLayer>()->forward(y, memory, padding, capture ? &sw : nullptr, capture ? &cw : nullptr);
        if (capture) {
            capture->decoderSelf.push_back(sw);
            capture->cross.push_back(cw);
        }
    }
    return generator(decoder_norm(y));
}

std::vector<std::vector<std::int64_t>> Seq2SeqTransformerImpl::greedy(const torch::Tensor& src, int maxLength,
                                                                      AttentionCapture* capture)
{
    const torch::NoGradGuard noGrad;
    const auto B = src.size(0);
    if (B == 1) {
        return {greedyOne(src, maxLength, capture)};
    }
    const auto memory = encode(src);
    auto ys = torch::full({B, 1}, Vocabulary::kBos, torch::kLong); // (B, t)
    auto finished = torch::zeros({B}, torch::kBool);
    for (int step = 0; step < maxLength; ++step) {
        checkCancelled();
        const auto logits = decode(ys, memory, src).select(1, ys.size(1) - 1); // (B, Vt)
        auto next = logits.argmax(-1);                                         // (B)
        next = torch::where(finished, torch::full_like(next, Vocabulary::kPad), next);
        ys = torch::cat({ys, next.unsqueeze(1)}, 1);
        finished = finished.logical_or(next.eq(Vocabulary::kEos));
        if (finished.all().item<bool>()) {
            break;
        }
    }
    auto out = std::vector<std::vector<std::int64_t>>(std::size_t(B));
    const auto acc = ys.accessor<std::int64_t, 2>();
    for (int64_t b = 0; b < B; ++b) {
        for (int64_t t = 1; t < ys.size(1); ++t) {
            const auto id = acc[b][t];
            if (id == Vocabulary::kEos || id == Vocabulary::kPad) {
                break;
            }
            out[std::size_t(b)].push_back(id);
        }
    }
    return out;
}

std::vector<std::int64_t> Seq2SeqTransformerImpl::greedyOne(const torch::Tensor& src, int maxLength,
                                                            AttentionCapture* capture)
{
    if (capture) {
        *capture = AttentionCapture{};
    }
    const auto memory = encode(src, capture); // (1, S, d)
    std::vector<std::int64_t> in{Vocabulary::kBos};
    AttentionCapture last; // the maps of the latest step
    for (int step = 0; step < maxLength; ++step) {
        checkCancelled();
        last = AttentionCapture{};
        const auto tgtIn = torch::from_blob(in.data(), {1, int64_t(in.size())}, torch::kLong); // (1, t)
        const auto logits = decode(tgtIn, memory, src, capture ? &last : nullptr);             // (1, t, Vt)
        const auto next = logits[0][int64_t(in.size()) - 1].argmax().item<std::int64_t>();
        if (next == Vocabulary::kEos) {
            break;
        }
        in.push_back(next);
    }
    std::vector<std::int64_t> ids(in.begin() + 1, in.end());
    if (capture && !ids.empty()) {
        // The latest step saw <bos> y1 .. yT (or y1 .. y(T-1) at maxLength). Its first T positions are exactly
        // the positions that emitted y1 .. yT: by the causal mask nothing later changes them, and they put zero
        // weight on the one later key, so keeping T rows and T keys is the translation's map, not an edit.
        const auto T = int64_t(ids.size());
        for (std::size_t l = 0; l < last.decoderSelf.size(); ++l) {
            capture->decoderSelf.push_back(last.decoderSelf[l].narrow(2, 0, T).narrow(3, 0, T)); // (1, H, T, T)
            capture->cross.push_back(last.cross[l].narrow(2, 0, T));                             // (1, H, T, S)
        }
    }
    return ids;
}

std::vector<std::int64_t> Seq2SeqTransformerImpl::beam(const torch::Tensor& src, int beamSize, int maxLength,
                                                       AttentionCapture* capture)
{
    const torch::NoGradGuard noGrad;
    const auto memory = encode(src); // (1, S, d)
    struct Hyp
    {
        std::vector<std::int64_t> ids; // without <bos>
        double logProb = 0.0;
    };
    std::vector<Hyp> live{Hyp{}};
    std::vector<Hyp> done;
    auto score = [](const Hyp& h) { return h.logProb / double(h.ids.size() + 1); };
    for (int step = 0; step < maxLength && !live.empty() && int(done.size()) < beamSize; ++step) {
        checkCancelled();
        const auto K = int64_t(live.size());
        auto tgt = torch::full({K, step + 1}, Vocabulary::kBos, torch::kLong); // (K, t)
        for (int64_t k = 0; k < K; ++k) {
            for (int t = 0; t < step; ++t) {
                tgt[k][t + 1] = live[std::size_t(k)].ids[std::size_t(t)];
            }
        }
        const auto logp = torch::log_softmax(
            decode(tgt, memory.expand({K, -1, -1}), src.expand({K, -1})).select(1, step), -1); // (K, Vt)
        const auto top = logp.topk(beamSize, -1);                                              // (K, beam)
        const auto values = std::get<0>(top).accessor<float, 2>();
        const auto indices = std::get<1>(top).accessor<std::int64_t, 2>();
        std::vector<Hyp> candidates;
        for (int64_t k = 0; k < K; ++k) {
            for (int j = 0; j < beamSize; ++j) {
                Hyp h = live[std::size_t(k)];
                h.logProb += values[k][j];
                h.ids.push_back(indices[k][j]);
                candidates.push_back(std::move(h));
            }
        }
        std::sort(candidates.begin(), candidates.end(),
                  [](const Hyp& a, const Hyp& b) { return a.logProb > b.logProb; });
        live.clear();
        for (auto& h : candidates) {
            if (int(live.size()) + int(done.size()) >= beamSize) {
                break;
            }
            if (h.ids.back() == Vocabulary::kEos) {
                h.ids.pop_back();
                done.push_back(std::move(h));
            } else {
                live.push_back(std::move(h));
            }
        }
    }
    done.insert(done.end(), live.begin(), live.end()); // unfinished at maxLength still compete
    const auto best =
        std::max_element(done.begin(), done.end(), [&](const Hyp& a, const Hyp& b) { return score(a) < score(b); });
    std::vector<std::int64_t> ids = best == done.end() ? std::vector<std::int64_t>{} : best->ids;
    if (capture) {
        captureTranslation(src, ids, capture);
    }
    return ids;
}

void Seq2SeqTransformerImpl::captureTranslation(const torch::Tensor& src, const std::vector<std::int64_t>& ids,
                                                AttentionCapture* capture)
{
    // One teacher-forced pass over <bos> y1 .. y(T-1): position t is the one that emitted y(t+1), so row t of
    // decoder_self and cross belongs to target token t. The causal mask makes these the very maps of decoding.
    const torch::NoGradGuard noGrad;
    std::vector<std::int64_t> in{Vocabulary::kBos};
    in.insert(in.end(), ids.begin(), ids.end());
    in.pop_back(); // the last token emitted <eos>; it is no query of the translation
    *capture = AttentionCapture{};
    const auto memory = encode(src, capture);
    if (!in.empty()) {
        const auto tgtIn = torch::tensor(in, torch::kLong).unsqueeze(0); // (1, T)
        decode(tgtIn, memory, src, capture);
    }
}

namespace {

// L tensors of (1, H, Q, K) -> L x H x Q x K floats
std::vector<float> flatten(const std::vector<torch::Tensor>& layers)
{
    std::vector<float> out;
    for (const auto& t : layers) {
        const auto c = t.to(torch::kFloat32).contiguous();
        out.insert(out.end(), c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
    }
    return out;
}

} // namespace

CapturedTranslation translateWithMaps(Seq2SeqTransformer& model, const std::vector<std::int64_t>& src, int beamSize,
                                      int maxLength)
{
    const c10::InferenceMode inference;
    const auto ids = torch::tensor(src, torch::kLong).unsqueeze(0); // (1, S)
    AttentionCapture capture;
    CapturedTranslation out;
    out.ids = beamSize > 1 ? model->beam(ids, beamSize, maxLength, &capture)
                           : model->greedy(ids, maxLength, &capture).front();
    out.encoderSelf = flatten(capture.encoderSelf);
    out.decoderSelf = flatten(capture.decoderSelf);
    out.cross = flatten(capture.cross);
    return out;
}

} // namespace attn
