#pragma once
// AVX2 + FMA versions of the kit's elementwise passes (hfops.cpp), chosen at run time. The build targets baseline
// x86-64, where Eigen's packets are SSE (4 floats); these passes were ~7 % of a BERT-base forward pass (the rest
// is sgemm, which OpenBLAS already dispatches). Callers check available() and otherwise take their portable path.
//
// Every element goes through the same operations wherever it sits in memory (unaligned loads; the last n % 8
// values through a padded 8-float buffer), and sums run in lanes counted from the row's start: a row gives the
// same bits wherever it is stored (kept probabilities or scratch, any alignment).

#include <cstddef>

namespace attn::hf::simd {

// Softmax weights whose shifted score x - max is below this are 0 on both paths (AVX2 and portable): exp(x) there
// is under float's smallest normal (1.2e-38), and a clamped exp would give 2^-126-like values instead.
constexpr float kSoftmaxExpFloor = -87.3365f;

// The CPU runs AVX2 and FMA (checked once).
bool available();

// In place: row = softmax(row), n >= 1 finite values (exp of x - max with a Cephes-style polynomial, ~1 ulp).
void softmax(float* row, std::size_t n);

// In place: x = 0.5 x (1 + erf(x / sqrt 2)), erf as Eigen's rational approximation (generic_fast_erf_float).
void geluErf(float* x, std::size_t n);

// One row of d values in place: (row [+ residual] - mean) / sqrt(var + eps) * weight + bias, the mean and variance
// summed in double (two passes). residual may be null; when given, row receives the sum first.
void layerNorm(float* row, const float* residual, std::size_t d, const float* weight, const float* bias, float eps);

} // namespace attn::hf::simd
