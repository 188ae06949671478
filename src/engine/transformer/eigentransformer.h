#pragma once
// The trained coreference Transformer run a second way, on Eigen, for one sentence at a time (no torch in this
// header). Greedy decoding is incremental: each step runs only the new position, with the decoder self-attention
// keys/values of earlier positions cached and the encoder memory's cross-attention keys/values computed once.
//
// Why not LibTorch: at d_model 64 a decoder step is ~60 operations of a few thousand multiply-adds each, and
// LibTorch spends ~15 us dispatching each one, far more than the arithmetic. The weights are the very tensors of
// the loaded Seq2SeqTransformer and the maths is the same (pre-norm layers, LayerNorm eps 1e-5, softmax over
// unmasked keys); tests/engine/tst_coref_incremental.cpp holds the two paths to the same tokens and maps.

#include "engine/transformer/transformerconfig.h"

#include <Eigen/Dense>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace attn {

// One translation and every attention map of it, each flattened like AttentionBlock::weights. Row t of
// decoderSelf and cross is the decoder position that emitted target token t.
struct CapturedTranslation
{
    std::vector<std::int64_t> ids;  // target ids, <eos> excluded; T = ids.size()
    std::vector<float> encoderSelf; // (L, H, S, S)
    std::vector<float> decoderSelf; // (L, H, T, T)
    std::vector<float> cross;       // (L, H, T, S)
};

class EigenTransformer
{
public:
    using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    using RowVector = Eigen::RowVectorXf;
    // A parameter by its Seq2SeqTransformer name ("decoder.0.self_attn.in_proj_weight"): (rows, cols) for a
    // matrix, (1, n) for a vector. Must throw when the name is unknown.
    using Weights = std::function<Matrix(const std::string& name)>;

    // positions: (maxPositions, d), the model's sinusoidal table. Throws std::invalid_argument naming the first
    // parameter whose shape disagrees with config.
    EigenTransformer(const TransformerConfig& config, const Weights& weights, Matrix positions);

    // src: (S) source ids -> greedy translation of at most maxLength tokens, with its maps when withMaps.
    CapturedTranslation greedy(const std::vector<std::int64_t>& src, int maxLength, bool withMaps = true) const;

private:
    struct Linear
    {
        Matrix weight;  // (out, in), as torch::nn::Linear
        RowVector bias; // (out)
    };
    struct Norm
    {
        RowVector weight, bias; // (d)
    };
    struct Attention
    {
        Linear query, keyValue; // the rows of in_proj_weight: (d, d) and (2d, d)
        Linear all;             // all of in_proj_weight: (3d, d)
        Linear out;
    };
    struct EncoderLayer
    {
        Norm norm1, norm2;
        Attention selfAttn;
        Linear ff1, ff2;
    };
    struct DecoderLayer
    {
        Norm norm1, norm2, norm3;
        Attention selfAttn, crossAttn;
        Linear ff1, ff2;
    };

    // src: (S) -> memory (S, d); encoderSelf: (L, H, S, S) or nullptr
    Matrix encode(const std::vector<std::int64_t>& src, const std::vector<bool>& keep, float* encoderSelf) const;
    // x: (n, d) -> x + FF(LN(x)) (n, d)
    static Matrix feedForward(const Matrix& x, const Norm& norm, const Linear& ff1, const Linear& ff2);

    TransformerConfig m_config;
    Matrix m_srcEmbed, m_tgtEmbed; // (V, d)
    Matrix m_positions;            // (maxPositions, d)
    std::vector<EncoderLayer> m_encoder;
    std::vector<DecoderLayer> m_decoder;
    Norm m_encoderNorm, m_decoderNorm;
    Linear m_generator;
};

} // namespace attn
