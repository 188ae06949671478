#pragma once
// A second implementation of GPT2LMHeadModel and LlamaForCausalLM / MistralForCausalLM / Qwen2ForCausalLM in
// LibTorch, written from transformers' modeling code (Conv1D, gelu_new, RMSNorm, rotate_half, repeat_kv, Mistral's
// sliding-window mask), independent of the engines: what tst_hfdecoder checks them against.
#include "engine/safetensors.h"
#include "hfdecodertestmodel.h"

#include <cmath>
#include <gtest/gtest.h>
#include <limits>
#include <map>
#include <string>
#include <torch/torch.h>
#include <vector>

namespace attn::test {

using Weights = std::map<std::string, torch::Tensor>;

// The tensors as torch sees them; values rounded to what the file stores when dtype is F16/BF16, so the reference
// computes on exactly the weights the engine reads.
inline Weights toTorch(const std::vector<DecoderTensor>& tensors, DType dtype = DType::F32)
{
    Weights w;
    for (const DecoderTensor& t : tensors) {
        torch::Tensor x = torch::from_blob(const_cast<float*>(t.values.data()), t.shape, torch::kFloat32).clone();
        if (dtype == DType::F16) {
            x = x.to(torch::kFloat16).to(torch::kFloat32);
        } else if (dtype == DType::BF16) {
            x = x.to(torch::kBFloat16).to(torch::kFloat32);
        }
        w[t.name] = x;
    }
    return w;
}

struct Reference
{
    torch::Tensor attention; // (layers, heads, T, T)
    torch::Tensor hidden;    // (layers + 1, T, hidden), the last after the final norm
    torch::Tensor logits;    // (T, vocab)
};

inline torch::Tensor causalMask(std::int64_t t, int window) // true where masked
{
    const auto i = torch::arange(t).unsqueeze(1), j = torch::arange(t).unsqueeze(0);
    auto mask = j > i;
    if (window > 0) {
        mask = mask.logical_or(j <= i - window); // Mistral: only the last `window` keys, the query's own included
    }
    return mask;
}

// q (H, T, D), k, v (H, T, D) -> probabilities (H, T, T) and context (T, H * D)
inline std::pair<torch::Tensor, torch::Tensor> attend(const torch::Tensor& q, const torch::Tensor& k,
                                                      const torch::Tensor& v, int window)
{
    const auto t = q.size(1);
    auto scores = torch::matmul(q, k.transpose(1, 2)) / std::sqrt(double(q.size(2)));
    scores = scores.masked_fill(causalMask(t, window), -std::numeric_limits<float>::infinity());
    const auto probs = torch::softmax(scores, -1);
    return {probs, torch::matmul(probs, v).transpose(0, 1).reshape({t, -1})};
}

inline torch::Tensor idsTensor(const std::vector<int>& ids)
{
    return torch::tensor(std::vector<std::int64_t>(ids.begin(), ids.end()));
}

// GPT2LMHeadModel as transformers writes it: Conv1D (x @ W + b), "gelu_new", ln_f, the head tied to wte (unless
// tie_word_embeddings is false).
inline Reference gpt2Reference(const DecoderSpec& s, Weights& w, const std::vector<int>& ids)
{
    const std::int64_t t = std::int64_t(ids.size()), d = s.hidden, hd = s.headDim();
    auto x = w["wte.weight"].index_select(0, idsTensor(ids)) + w["wpe.weight"].slice(0, 0, t);
    auto heads = [&](const torch::Tensor& m) { return m.view({t, s.heads, hd}).transpose(0, 1); };
    auto gelu = [](const torch::Tensor& v) {
        return 0.5 * v * (1.0 + torch::tanh(std::sqrt(2.0 / M_PI) * (v + 0.044715 * torch::pow(v, 3.0))));
    };
    std::vector<torch::Tensor> maps, hidden{x};
    for (int l = 0; l < s.layers; ++l) {
        const std::string p = "h." + std::to_string(l) + '.';
        auto h = torch::layer_norm(x, {d}, w[p + "ln_1.weight"], w[p + "ln_1.bias"], s.eps);
        const auto qkv = torch::addmm(w[p + "attn.c_attn.bias"], h, w[p + "attn.c_attn.weight"]).split(d, 1);
        auto [probs, context] = attend(heads(qkv[0]), heads(qkv[1]), heads(qkv[2]), 0);
        maps.push_back(probs);
        x = x + torch::addmm(w[p + "attn.c_proj.bias"], context, w[p + "attn.c_proj.weight"]);
        h = torch::layer_norm(x, {d}, w[p + "ln_2.weight"], w[p + "ln_2.bias"], s.eps);
        h = gelu(torch::addmm(w[p + "mlp.c_fc.bias"], h, w[p + "mlp.c_fc.weight"]));
        x = x + torch::addmm(w[p + "mlp.c_proj.bias"], h, w[p + "mlp.c_proj.weight"]);
        hidden.push_back(x);
    }
    x = torch::layer_norm(x, {d}, w["ln_f.weight"], w["ln_f.bias"], s.eps);
    hidden.back() = x;
    return {torch::stack(maps), torch::stack(hidden),
            torch::matmul(x, w[s.untiedGpt2 ? "lm_head.weight" : "wte.weight"].t())};
}

// transformers' modeling_rope_utils: _compute_default_rope_parameters (1 / theta^(arange(0, d, 2) / d)), then for
// "linear" _compute_linear_scaling_rope_parameters (inv_freq / factor) and for "llama3" _compute_llama3_parameters
// (wavelength 2 pi / inv_freq: above original / low_freq_factor divided by factor, below original /
// high_freq_factor kept, between (1 - smooth) * inv_freq / factor + smooth * inv_freq with smooth =
// (original / wavelength - low_freq_factor) / (high_freq_factor - low_freq_factor)).
inline torch::Tensor referenceInverseFrequencies(const DecoderSpec& s)
{
    const std::int64_t hd = s.headDim();
    const auto invFreq =
        1.0 / torch::pow(torch::tensor(s.ropeTheta, torch::kFloat32), torch::arange(0, hd, 2, torch::kFloat32) / hd);
    if (s.ropeScaling == "linear") {
        return invFreq / s.ropeFactor;
    }
    if (s.ropeScaling != "llama3") {
        return invFreq;
    }
    const double original = s.ropeOriginalMaxPositions;
    const double lowFreqWavelen = original / s.ropeLowFreqFactor, highFreqWavelen = original / s.ropeHighFreqFactor;
    const auto wavelen = 2 * M_PI / invFreq;
    const auto scaled = torch::where(wavelen > lowFreqWavelen, invFreq / s.ropeFactor, invFreq);
    const auto smooth = (original / wavelen - s.ropeLowFreqFactor) / (s.ropeHighFreqFactor - s.ropeLowFreqFactor);
    const auto smoothed = (1 - smooth) * scaled / s.ropeFactor + smooth * scaled;
    const auto medium = (wavelen < highFreqWavelen).logical_not().logical_and((wavelen > lowFreqWavelen).logical_not());
    return torch::where(medium, smoothed, scaled);
}

// LlamaForCausalLM / MistralForCausalLM / Qwen2ForCausalLM as transformers writes them: RMSNorm, rotate_half
// rotary embeddings, repeat_kv for grouped heads, SiLU-gated MLP.
inline Reference llamaReference(const DecoderSpec& s, Weights& w, const std::vector<int>& ids)
{
    const std::int64_t t = std::int64_t(ids.size()), hd = s.headDim();
    auto rms = [&](const torch::Tensor& v, const torch::Tensor& weight) {
        return weight * (v * torch::rsqrt(v.pow(2).mean(-1, true) + s.eps));
    };
    auto linear = [&](const torch::Tensor& v, const std::string& name) {
        const auto bias = w.count(name + ".bias") ? w[name + ".bias"] : torch::Tensor();
        return torch::nn::functional::linear(v, w[name + ".weight"], bias);
    };
    const auto invFreq = referenceInverseFrequencies(s);
    const auto freqs = torch::outer(torch::arange(t, torch::kFloat32), invFreq);
    const auto emb = torch::cat({freqs, freqs}, -1); // (T, D)
    const auto cos = emb.cos(), sin = emb.sin();
    auto rotate = [&](const torch::Tensor& v) { // (heads, T, D)
        const auto halves = v.chunk(2, -1);
        return v * cos + torch::cat({-halves[1], halves[0]}, -1) * sin;
    };
    auto heads = [&](const torch::Tensor& m, int n) { return m.view({t, n, hd}).transpose(0, 1); };
    const int window = s.modelType == "mistral" ? s.slidingWindow : 0;
    auto x = w["embed_tokens.weight"].index_select(0, idsTensor(ids));
    std::vector<torch::Tensor> maps, hidden{x};
    for (int l = 0; l < s.layers; ++l) {
        const std::string p = "layers." + std::to_string(l) + '.';
        auto h = rms(x, w[p + "input_layernorm.weight"]);
        const auto q = rotate(heads(linear(h, p + "self_attn.q_proj"), s.heads));
        const auto group = s.heads / s.kvHeads;
        const auto k = rotate(heads(linear(h, p + "self_attn.k_proj"), s.kvHeads)).repeat_interleave(group, 0);
        const auto v = heads(linear(h, p + "self_attn.v_proj"), s.kvHeads).repeat_interleave(group, 0);
        auto [probs, context] = attend(q, k, v, window);
        maps.push_back(probs);
        x = x + linear(context, p + "self_attn.o_proj");
        h = rms(x, w[p + "post_attention_layernorm.weight"]);
        x = x + linear(torch::silu(linear(h, p + "mlp.gate_proj")) * linear(h, p + "mlp.up_proj"), p + "mlp.down_proj");
        hidden.push_back(x);
    }
    x = rms(x, w["norm.weight"]);
    hidden.back() = x;
    const auto head = s.tie ? w["embed_tokens.weight"] : w["lm_head.weight"];
    return {torch::stack(maps), torch::stack(hidden), torch::matmul(x, head.t())};
}

inline Reference reference(const DecoderSpec& s, Weights& w, const std::vector<int>& ids)
{
    return s.isGpt2() ? gpt2Reference(s, w, ids) : llamaReference(s, w, ids);
}

inline float maxDiff(const std::vector<float>& got, const torch::Tensor& want)
{
    const auto flat = want.contiguous().view(-1);
    EXPECT_EQ(std::int64_t(got.size()), flat.numel());
    if (std::int64_t(got.size()) != flat.numel()) {
        return INFINITY;
    }
    const auto g = torch::from_blob(const_cast<float*>(got.data()), {flat.numel()}, torch::kFloat32);
    return (g - flat).abs().max().item<float>();
}

} // namespace attn::test
