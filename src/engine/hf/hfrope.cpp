#include "engine/hf/hfrope.h"

#include "engine/hf/hfopscheck.h"

#include <cmath>
#include <string>

// Rotary position embeddings of the Llama family (hfops.h): transformers' inverse frequencies with rope_scaling,
// and the cos/sin table a pass computes once for every layer.

namespace attn::hf::ops {

std::vector<float> ropeInverseFrequencies(int headDim, double theta, const RopeScaling& scaling)
{
    if (headDim <= 0 || headDim % 2 != 0) {
        shapeError("ropeInverseFrequencies", "head size " + std::to_string(headDim) + " is not even");
    }
    const int half = headDim / 2;
    // As transformers computes them, in float32: inv_freq = 1 / theta^(2i/d).
    std::vector<float> f(static_cast<std::size_t>(half));
    for (int i = 0; i < half; ++i) {
        f[std::size_t(i)] = 1.0f / std::pow(float(theta), float(2 * i) / float(headDim));
    }
    switch (scaling.type) {
    case RopeScalingType::None:
        break;
    case RopeScalingType::Linear: {
        const float factor = float(scaling.factor);
        for (float& x : f) {
            x = x / factor;
        }
        break;
    }
    case RopeScalingType::Llama3: {
        // _compute_llama3_parameters step by step in float32, Python's scalars cast to float as torch casts them
        // (and its `scalar / tensor` is the reciprocal times the scalar). Wavelengths below original /
        // high_freq_factor (the fast, local frequencies) stay as trained; above original / low_freq_factor (the slow
        // ones that never completed a turn within the trained context) are divided by factor; between, a mix whose
        // weight grows linearly with original / wavelength from low_freq_factor to high_freq_factor.
        const float factor = float(scaling.factor);
        const float lowFreqFactor = float(scaling.lowFreqFactor);
        const float original = float(scaling.originalMaxPositions);
        const float lowFreqWavelength = float(double(scaling.originalMaxPositions) / scaling.lowFreqFactor);
        const float highFreqWavelength = float(double(scaling.originalMaxPositions) / scaling.highFreqFactor);
        const float band = float(scaling.highFreqFactor - scaling.lowFreqFactor);
        const float twoPi = float(2 * M_PI);
        for (float& x : f) {
            const float wavelength = (1.0f / x) * twoPi;
            if (wavelength < highFreqWavelength) {
                continue;
            }
            if (wavelength > lowFreqWavelength) {
                x = x / factor;
                continue;
            }
            const float smooth = ((1.0f / wavelength) * original - lowFreqFactor) / band;
            x = (1.0f - smooth) * x / factor + smooth * x;
        }
        break;
    }
    }
    return f;
}

std::vector<float> ropeInverseFrequencies(const HfConfig& config)
{
    return ropeInverseFrequencies(config.headDim, config.ropeTheta, config.ropeScaling);
}

void ropeTable(const std::vector<float>& inverseFrequencies, int start, Eigen::Index rows, RopeTable& table)
{
    const std::size_t half = inverseFrequencies.size();
    table.start = start;
    table.rows = rows;
    table.half = int(half);
    // resize to the size a table had allocates nothing: a decoding step's table reuses the last one's memory.
    table.cos.resize(std::size_t(rows) * half);
    table.sin.resize(table.cos.size());
    for (Eigen::Index r = 0; r < rows; ++r) {
        // angle = position * inv_freq in float32, as transformers' (inv_freq @ position_ids) of one term.
        const float position = float(start + r);
        float* c = table.cos.data() + std::size_t(r) * half;
        float* s = table.sin.data() + std::size_t(r) * half;
        for (std::size_t i = 0; i < half; ++i) {
            const float angle = position * inverseFrequencies[i];
            c[i] = std::cos(angle);
            s[i] = std::sin(angle);
        }
    }
}

void rope(Matrix& x, int heads, int headDim, const RopeTable& table)
{
    if (headDim % 2 != 0 || x.cols() != Eigen::Index(heads) * headDim || table.half * 2 != headDim ||
        table.rows != x.rows()) {
        shapeError("rope", "rows " + dims(x.rows(), x.cols()) + " for " + std::to_string(heads) + " heads of " +
                               std::to_string(headDim) + " and a table " + dims(table.rows, table.half));
    }
    const std::size_t half = std::size_t(table.half);
    for (Eigen::Index r = 0; r < x.rows(); ++r) {
        const float* cosv = table.cos.data() + std::size_t(r) * half;
        const float* sinv = table.sin.data() + std::size_t(r) * half;
        float* row = x.row(r).data();
        for (int h = 0; h < heads; ++h) {
            float* v = row + std::size_t(h) * std::size_t(headDim);
            for (std::size_t i = 0; i < half; ++i) {
                const float a = v[i];
                const float b = v[i + half];
                v[i] = a * cosv[i] - b * sinv[i];
                v[i + half] = b * cosv[i] + a * sinv[i];
            }
        }
    }
}

void rope(Matrix& x, int heads, int headDim, int start, double theta)
{
    if (headDim <= 0 || headDim % 2 != 0) {
        shapeError("rope", "head size " + std::to_string(headDim) + " is not even");
    }
    RopeTable table;
    ropeTable(ropeInverseFrequencies(headDim, theta), start, x.rows(), table);
    rope(x, heads, headDim, table);
}

} // namespace attn::hf::ops
