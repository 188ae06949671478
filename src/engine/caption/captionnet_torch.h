#pragma once

// Internal to the engine: the torch modules of the captioner. Include only from src/engine/caption/*.cpp.
#include "engine/caption/captionmodel.h"

#include <torch/torch.h>

namespace attn {

struct CaptionStep
{
    torch::Tensor logits; // (B, V)
    torch::Tensor alpha;  // (B, L)
    torch::Tensor beta;   // (B, 1)
    torch::Tensor h, c;   // (B, H)
};

// The encoder's grid: what each cell holds (the values the decoder reads) and the attention keys.
struct CaptionEncoding
{
    torch::Tensor feats; // (B, L, D): the cell's features, then its (x, y)
    torch::Tensor proj;  // (B, L, A): U k_i, from the cell's own colour features and its (x, y)
};

struct CaptionNetImpl : torch::nn::Module
{
    explicit CaptionNetImpl(const CaptionConfig& config);

    // images: (B, 3, S, S) in [0, 1] -> grid of L = grid^2 cells, row-major; D = 2 * channels + 2
    CaptionEncoding encode(const torch::Tensor& images);
    // feats: (B, L, D), featsProj: (B, L, A), prev: (B) token ids, h, c: (B, H)
    CaptionStep step(const torch::Tensor& feats, const torch::Tensor& featsProj, const torch::Tensor& prev,
                     const torch::Tensor& h, const torch::Tensor& c);

    CaptionConfig config;
    torch::nn::Conv2d conv1, conv2, conv3, conv4, conv5;
    // Two 1 x 1 layers on each cell's mean colour: the keys, and the colour half of the values.
    torch::nn::Sequential cellKeys{nullptr};
    torch::nn::Embedding embed;
    torch::nn::LSTMCell lstm;
    torch::nn::Linear encAtt, decAtt, fullAtt, betaGate, outH, outZ, outProj;
    torch::nn::Dropout outDropout;
    bool gateHeldOpen = false; // training warm-up: beta = 1
    torch::Tensor h0, c0;    // (1, H): learned, so every fact about the image comes in through attention
    torch::Tensor coords;    // (1, 2, S, S) in [-1, 1], not saved
    torch::Tensor gridCoords; // (1, L, 2), not saved
};
TORCH_MODULE(CaptionNet);

struct CaptionModel::Impl
{
    CaptionConfig config;
    CaptionNet net{nullptr};
};

// rgb images (B, S, S, 3) floats -> (B, 3, S, S)
torch::Tensor imagesToTensor(const std::vector<const std::vector<float>*>& images, int size);

enum : int
{
    kPadToken = 0,
    kStartToken = 1,
    kEndToken = 2
};

} // namespace attn
