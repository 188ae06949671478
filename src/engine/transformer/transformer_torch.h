#pragma once
// The LibTorch encoder-decoder Transformer behind the coreference model. Internal to src/engine: this header
// includes torch; the rest of the application sees it through corefmodel.h (torch-free).

#include "engine/transformer/eigentransformer.h"
#include "engine/transformer/transformerconfig.h"

#include <string>
#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/dropout.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/pimpl.h>
#include <vector>

namespace attn {

// Multi-head attention laid out like torch::nn::MultiheadAttention (in_proj_weight (3d, d), in_proj_bias (3d),
// out_proj), but batch-first and returning every head's weights instead of their mean.
struct MultiHeadAttentionImpl : torch::nn::Module
{
    MultiHeadAttentionImpl(int dModel, int heads);

    // query: (B, Tq, d), key/value: (B, Tk, d), keyPadding: (B, Tk) bool, true = padding (or undefined),
    // causal: query i sees keys 0..i. -> output (B, Tq, d), weights (B, H, Tq, Tk)
    std::pair<torch::Tensor, torch::Tensor> forward(const torch::Tensor& query, const torch::Tensor& key,
                                                    const torch::Tensor& value, const torch::Tensor& keyPadding,
                                                    bool causal);

    int dModel;
    int heads;
    torch::Tensor in_proj_weight; // (3d, d): query, key, value projections stacked
    torch::Tensor in_proj_bias;   // (3d)
    torch::nn::Linear out_proj{nullptr};
};
TORCH_MODULE(MultiHeadAttention);

// Pre-norm encoder layer: x + SelfAttn(LN(x)), then x + FF(LN(x)).
struct EncoderLayerImpl : torch::nn::Module
{
    EncoderLayerImpl(const TransformerConfig& config);
    // x: (B, S, d), srcPadding: (B, S) -> (B, S, d); weights: (B, H, S, S)
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& srcPadding, torch::Tensor* weights);

    torch::nn::LayerNorm norm1{nullptr}, norm2{nullptr};
    MultiHeadAttention self_attn{nullptr};
    torch::nn::Linear ff1{nullptr}, ff2{nullptr};
    torch::nn::Dropout dropout{nullptr};
};
TORCH_MODULE(EncoderLayer);

// Pre-norm decoder layer: causal self attention, cross attention over the encoder output, feed-forward.
struct DecoderLayerImpl : torch::nn::Module
{
    DecoderLayerImpl(const TransformerConfig& config);
    // y: (B, T, d), memory: (B, S, d), srcPadding: (B, S) -> (B, T, d); selfWeights: (B, H, T, T),
    // crossWeights: (B, H, T, S)
    torch::Tensor forward(const torch::Tensor& y, const torch::Tensor& memory, const torch::Tensor& srcPadding,
                          torch::Tensor* selfWeights, torch::Tensor* crossWeights);

    torch::nn::LayerNorm norm1{nullptr}, norm2{nullptr}, norm3{nullptr};
    MultiHeadAttention self_attn{nullptr}, cross_attn{nullptr};
    torch::nn::Linear ff1{nullptr}, ff2{nullptr};
    torch::nn::Dropout dropout{nullptr};
};
TORCH_MODULE(DecoderLayer);

// The attention maps of one forward pass, one tensor per layer.
struct AttentionCapture
{
    std::vector<torch::Tensor> encoderSelf; // each (B, H, S, S)
    std::vector<torch::Tensor> decoderSelf; // each (B, H, T, T)
    std::vector<torch::Tensor> cross;       // each (B, H, T, S)
};

struct Seq2SeqTransformerImpl : torch::nn::Module
{
    explicit Seq2SeqTransformerImpl(const TransformerConfig& config);

    // src: (B, S) ids -> memory (B, S, d); srcPadding is src == pad
    torch::Tensor encode(const torch::Tensor& src, AttentionCapture* capture = nullptr);
    // memory: (B, S, d) -> per-token French-form logits (B, S, Vt) (the auxiliary task)
    torch::Tensor formLogits(const torch::Tensor& memory);
    // tgtIn: (B, T) ids starting with <bos>, memory: (B, S, d), src: (B, S) -> logits (B, T, Vt)
    torch::Tensor decode(const torch::Tensor& tgtIn, const torch::Tensor& memory, const torch::Tensor& src,
                         AttentionCapture* capture = nullptr);

    // src: (B, S) -> up to maxLength target ids per sentence, <eos> excluded. When capture is given (B must
    // be 1), it holds the maps of the whole translation: row t of decoder_self and cross is the position that
    // emits target token t.
    std::vector<std::vector<std::int64_t>> greedy(const torch::Tensor& src, int maxLength,
                                                  AttentionCapture* capture = nullptr);
    // src: (1, S) -> target ids; the single-sentence path of greedy()
    std::vector<std::int64_t> greedyOne(const torch::Tensor& src, int maxLength, AttentionCapture* capture);
    // src: (1, S) -> the best of beam hypotheses (length-normalised log probability)
    std::vector<std::int64_t> beam(const torch::Tensor& src, int beamSize, int maxLength,
                                   AttentionCapture* capture = nullptr);

    TransformerConfig config;
    torch::nn::Embedding src_embed{nullptr}, tgt_embed{nullptr};
    torch::nn::ModuleList encoder{nullptr}, decoder{nullptr};
    torch::nn::LayerNorm encoder_norm{nullptr}, decoder_norm{nullptr};
    torch::nn::Linear generator{nullptr}; // decoder state -> target vocabulary
    torch::nn::Linear form_head{nullptr}; // encoder state -> the source token's French form
    torch::nn::Dropout dropout{nullptr};
    torch::Tensor positions; // (maxPositions, d) sinusoidal, not a parameter: never saved

private:
    // ids: (B, T) -> (B, T, d) scaled embedding + position
    torch::Tensor embed(torch::nn::Embedding& table, const torch::Tensor& ids);
    // memory (B, S, d), tgt (B, T) -> capture of the decoder pass whose last row emitted the final token
    void captureTranslation(const torch::Tensor& src, const std::vector<std::int64_t>& ids, AttentionCapture* capture);
};
TORCH_MODULE(Seq2SeqTransformer);

// The reference path of one sentence, in LibTorch: src (S) ids -> greedy (beamSize 1, recomputing the whole prefix
// at every step) or beam translation with every attention map, flattened.
CapturedTranslation translateWithMaps(Seq2SeqTransformer& model, const std::vector<std::int64_t>& src, int beamSize,
                                      int maxLength);

// The same weights (and position table) on Eigen, for the incremental decoder of eigentransformer.h.
EigenTransformer toEigen(Seq2SeqTransformer& model);

// Writes every parameter (named as in named_parameters(), float32) to a safetensors file, atomically.
void saveTransformer(Seq2SeqTransformer& model, const std::string& path);
// Copies the file's tensors into the model; throws ModelError naming the file and the tensor when one is
// missing, of another shape, not a float type, or unexpected.
void loadTransformer(Seq2SeqTransformer& model, const std::string& path);

} // namespace attn
