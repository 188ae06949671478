#pragma once
// Rotary position embeddings of the Llama family (issue 16, "one engine kit"): the inverse frequencies with the
// config's rope scaling, the cos/sin table of a pass, and the rotation in Hugging Face's half-split layout.

#include "engine/hf/hfcheckpoint.h"
#include "engine/hf/hfconfig.h"

#include <vector>

namespace attn::hf::ops {

// transformers' inverse frequencies of the rotary embedding (modeling_rope_utils), headDim / 2 of them, in float32
// as transformers computes them: 1 / theta^(2i / headDim), then the config's rope scaling ("linear": / factor;
// "llama3": wavelengths 2 pi / f above original / low_freq_factor divided by factor, below original /
// high_freq_factor kept, between interpolated). Computed once a model.
std::vector<float> ropeInverseFrequencies(int headDim, double theta, const RopeScaling& scaling = {});
std::vector<float> ropeInverseFrequencies(const HfConfig& config); // headDim, ropeTheta, ropeScaling

// cos and sin of position * inverseFrequency[i] for the rows' positions start.., (rows, headDim / 2): computed
// once a pass, then used by every layer's queries and keys.
struct RopeTable
{
    int start = 0;
    Eigen::Index rows = 0;
    int half = 0;
    std::vector<float> cos, sin;
};
void ropeTable(const std::vector<float>& inverseFrequencies, int start, Eigen::Index rows, RopeTable& table);

// Rotary position embedding in Hugging Face's half-split layout (rotate_half: the first half of each head's
// dimensions pairs with the second half), in place on x (n, heads * headDim), row i at position table.start + i.
// The table must have x's rows and headDim / 2 frequencies.
void rope(Matrix& x, int heads, int headDim, const RopeTable& table);
// The same with unscaled frequencies of theta, the table built for this call.
void rope(Matrix& x, int heads, int headDim, int start, double theta);

} // namespace attn::hf::ops
