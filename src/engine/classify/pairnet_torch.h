#pragma once
// Internal to the engine (includes torch): the three CNN + attention pair classifiers of issue 15, as the course
// notes place attention around a convolution (000 "CNN + Attention"). Every variant reads a premise and a
// hypothesis and gives three logits plus the hypothesis x premise attention matrix it actually used, each row a
// softmax over the premise's words (so rows sum to 1 with no renormalising for display).
//
//   abcnn-1            attention before the convolution: the matrix is computed between the two texts' word
//                      vectors; each word's attention-weighted counterpart x~ from the other text and the product
//                      x * x~ are concatenated to its own vector x as extra input channels of the convolution;
//                      max pooling; MLP.
//   abcnn-2            attention after the convolution: the matrix is computed between the two texts' convolution
//                      outputs; each output is combined with its attended counterpart from the other text
//                      ([c, a, c*a, c-a] -> linear -> relu) before max pooling; MLP.
//   attentive-pooling  attention in place of max pooling: a BiGRU reads the hypothesis; its state at each word is
//                      the query over the premise's CNN feature matrix (one row of the matrix per hypothesis word),
//                      whose weighted sum is compared with that word's own features (the same convolution) before
//                      max pooling over the hypothesis; the hypothesis's sentence vector (last states of both
//                      directions) is the query of one more attention over the same features, which pools the
//                      premise instead of max pooling.
// Scores are scaled dot products of learned projections: s_ij = (Wq h_i) . (Wk p_j) / sqrt(d).
// Ids: 0 = padding (masked everywhere), as in engine/corpus/vocabulary.h.

#include "engine/classify/pairconfig.h"

#include <torch/torch.h>

namespace attn::classify {

struct PairOutput
{
    torch::Tensor logits;         // (B, classes)
    torch::Tensor attention;      // (B, Nh, Np), rows sum to 1 over the real premise words
    torch::Tensor premisePooling; // (B, Np), attentive-pooling only (undefined otherwise)
};

struct PairNetImpl : torch::nn::Module
{
    explicit PairNetImpl(const PairNetConfig& config);
    // premise: (B, Np) ids, hypothesis: (B, Nh) ids, 0 = padding; every row holds at least one word.
    PairOutput forward(const torch::Tensor& premise, const torch::Tensor& hypothesis);

    PairNetConfig config;
    torch::nn::Embedding embed{nullptr};
    torch::nn::Conv1d conv{nullptr};
    torch::nn::Linear query{nullptr}, key{nullptr};         // the matrix's scores
    torch::nn::Linear compare{nullptr};                     // abcnn-2, attentive-pooling
    torch::nn::GRU gru{nullptr};                            // attentive-pooling
    torch::nn::Linear poolQuery{nullptr}, poolKey{nullptr}; // attentive-pooling: the sentence-level attention
    torch::nn::Linear hidden{nullptr}, out{nullptr};        // the MLP

private:
    torch::Tensor scores(const torch::Tensor& h, const torch::Tensor& p); // (B, Nh, Np)
    torch::Tensor hypothesisStates(const torch::Tensor& x, const torch::Tensor& lengths, torch::Tensor& sentence);
};
TORCH_MODULE(PairNet);

// Weights to and from a safetensors file; load checks names, shapes and finiteness (ModelError naming the file).
void savePairNet(PairNet& net, const std::string& path);
void loadPairNet(PairNet& net, const std::string& path);

} // namespace attn::classify
