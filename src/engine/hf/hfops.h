#pragma once
// The operations every Hugging Face architecture is built from (issue 16, "one engine kit"), on Eigen with the
// large products through OpenBLAS's sgemm (runtime-dispatched AVX2/AVX-512 kernels; Eigen alone compiles for
// the baseline x86-64 and would be several times slower). One implementation for all engines: encoders, GPT-2,
// the Llama family and ViT call these and nothing of their own for the shared maths.
// layerNorm, addLayerNorm, the GeluErf activation and attention's softmax run 8 wide (AVX2 + FMA, hfsimd.h) when
// the CPU has it, else on Eigen's portable packets: results then differ in the last bits between such machines.

#include "engine/hf/hfcheckpoint.h"

#include <QString>
#include <vector>

namespace attn::hf::ops {

using ConstRef = Eigen::Ref<const Matrix>;

// Threads OpenBLAS may use (benchmarks set it to compare with PyTorch at the same count). 0: OpenBLAS's default.
void setThreads(int threads);
int threads();

// y (n, out) = x (n, in) * w^T + b, w stored (out, in) as torch.nn.Linear. bias may be null.
void linear(const ConstRef& x, const MatrixMap& weight, const VectorMap* bias, Matrix& y);
// GPT-2's Conv1D: w stored (in, out): y = x * w + b.
void conv1d(const ConstRef& x, const MatrixMap& weight, const VectorMap* bias, Matrix& y);

// Rotary position embeddings: hfrope.h.

// Row-wise, in place.
void layerNorm(Matrix& x, const VectorMap& weight, const VectorMap& bias, float eps);
// x = layerNorm(x + residual) (post-norm layers), the add in the norm's first pass over each row.
void addLayerNorm(Matrix& x, const ConstRef& residual, const VectorMap& weight, const VectorMap& bias, float eps);
void rmsNorm(Matrix& x, const VectorMap& weight, float eps); // Llama: x / sqrt(mean(x^2) + eps) * weight

enum class Activation
{
    GeluErf,  // "gelu" (BERT, ViT, DistilBERT)
    GeluTanh, // "gelu_new", "gelu_pytorch_tanh", "gelu_fast" (GPT-2)
    Relu,
    Silu // "silu", "swish" (Llama family)
};
// Throws ModelError "<configPath>: hidden_act 'x' is not supported (gelu, gelu_new, ...)".
Activation activationByName(const QString& name, const QString& configPath);
void activate(Matrix& x, Activation activation);

// Scaled dot-product attention of n queries over m keys for every head. q (n, heads * headDim); k, v
// (m, kvHeads * headDim): query head h reads key/value head h / (heads / kvHeads). Query i sits at position
// queryStart + i, key j at position j. causal: keys after the query are masked. slidingWindow > 0: keys at or
// before position - slidingWindow are masked too (Mistral). probs, when not null, receives the softmax weights
// (heads, n, m), masked entries 0. context is resized to (n, heads * headDim).
// Without probs, the scores of at most attentionScratchFloats() are held at once (queries in blocks of rows):
// the same results as one block, with bounded memory for long inputs.
void attention(const ConstRef& q, const ConstRef& k, const ConstRef& v, int heads, int kvHeads, int headDim,
               bool causal, int queryStart, int slidingWindow, float* probs, Matrix& context);

// Tests: the scratch bound of attention() without probs, in floats; 0 restores the default (16 M floats, 64 MB).
void setAttentionScratchFloats(std::size_t floats);
std::size_t attentionScratchFloats();

} // namespace attn::hf::ops
