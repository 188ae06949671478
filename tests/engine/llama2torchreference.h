#pragma once
// An independent llama2.c forward pass written with LibTorch operations (grouped heads by repeat_interleave,
// softmax by torch): the reference tst_llama2torchreference checks the engine's hand-written pass against, and
// the baseline bench_llama2torch measures it against.

#include "engine/llama2/llama2checkpoint.h"

#include <cmath>
#include <torch/torch.h>
#include <vector>

namespace attn::test {

inline torch::Tensor weight(const float* data, std::int64_t rows, std::int64_t cols)
{
    return torch::from_blob(const_cast<float*>(data), {rows, cols}, torch::kFloat32);
}

// One sequence through torch ops, a token at a time with a key/value cache.
class TorchLlama
{
public:
    explicit TorchLlama(const Llama2Checkpoint& ckpt) : m_ckpt(ckpt), m_c(ckpt.config()) {}

    // Returns logits: (vocab); attention: (layers, heads, pos + 1).
    torch::Tensor forward(int token, int pos, torch::Tensor* attention)
    {
        const std::int64_t dim = m_c.dim, hs = m_c.headSize(), kvDim = m_c.kvDim();
        torch::Tensor x = weight(m_ckpt.tokenEmbedding(), m_c.vocabSize, dim)[token].clone(); // (dim)
        const auto half = torch::arange(0, hs / 2, torch::kFloat32);
        const auto freq = 1.0 / torch::pow(10000.0, 2.0 * half / double(hs));
        const auto angle = double(pos) * freq; // (hs / 2)
        const auto cos = torch::cos(angle), sin = torch::sin(angle);
        auto rope = [&](const torch::Tensor& v, std::int64_t heads) { // v: (heads * hs) -> same, rotated
            const auto pairs = v.view({heads, hs / 2, 2});
            const auto a = pairs.select(2, 0), b = pairs.select(2, 1);
            return torch::stack({a * cos - b * sin, a * sin + b * cos}, 2).reshape({heads * hs});
        };
        auto rmsnorm = [](const torch::Tensor& v, const torch::Tensor& w) {
            return w * (v * torch::rsqrt(v.pow(2).mean() + 1e-5));
        };
        std::vector<torch::Tensor> maps;
        for (int l = 0; l < m_c.layers; ++l) {
            const auto h = rmsnorm(x, torch::from_blob(const_cast<float*>(m_ckpt.rmsAttention(l)), {dim}));
            const auto q = rope(torch::mv(weight(m_ckpt.wq(l), dim, dim), h), m_c.heads).view({m_c.heads, 1, hs});
            const auto k = rope(torch::mv(weight(m_ckpt.wk(l), kvDim, dim), h), m_c.kvHeads).view({m_c.kvHeads, 1, hs});
            const auto v = torch::mv(weight(m_ckpt.wv(l), kvDim, dim), h).view({m_c.kvHeads, 1, hs});
            if (int(m_keys.size()) <= l) {
                m_keys.push_back(k);
                m_values.push_back(v);
            } else {
                m_keys[std::size_t(l)] = torch::cat({m_keys[std::size_t(l)], k}, 1);
                m_values[std::size_t(l)] = torch::cat({m_values[std::size_t(l)], v}, 1);
            }
            // (kvHeads, T, hs) -> (heads, T, hs): query head i reads key/value head i / group.
            const auto keys = m_keys[std::size_t(l)].repeat_interleave(m_c.kvGroup(), 0);
            const auto values = m_values[std::size_t(l)].repeat_interleave(m_c.kvGroup(), 0);
            const auto att =
                torch::softmax(torch::bmm(q, keys.transpose(1, 2)) / std::sqrt(double(hs)), -1); // (H, 1, T)
            maps.push_back(att.squeeze(1));
            const auto out = torch::bmm(att, values).reshape({dim});
            x = x + torch::mv(weight(m_ckpt.wo(l), dim, dim), out);
            const auto f = rmsnorm(x, torch::from_blob(const_cast<float*>(m_ckpt.rmsFfn(l)), {dim}));
            const auto gate = torch::silu(torch::mv(weight(m_ckpt.w1(l), m_c.hiddenDim, dim), f));
            const auto up = torch::mv(weight(m_ckpt.w3(l), m_c.hiddenDim, dim), f);
            x = x + torch::mv(weight(m_ckpt.w2(l), dim, m_c.hiddenDim), gate * up);
        }
        x = rmsnorm(x, torch::from_blob(const_cast<float*>(m_ckpt.rmsFinal()), {dim}));
        if (attention) {
            *attention = torch::stack(maps, 0); // (layers, heads, pos + 1)
        }
        return torch::mv(weight(m_ckpt.classifier(), m_c.vocabSize, dim), x);
    }

private:
    const Llama2Checkpoint& m_ckpt;
    Llama2Config m_c;
    std::vector<torch::Tensor> m_keys, m_values; // per layer (kvHeads, T, hs)
};

} // namespace attn::test
