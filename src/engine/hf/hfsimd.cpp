#include "engine/hf/hfsimd.h"

#include <algorithm>
#include <cmath>
#include <limits>

#if defined(__x86_64__) && defined(__GNUC__)
#define ATTN_HF_SIMD 1
#include <immintrin.h>
#define ATTN_AVX2 __attribute__((target("avx2,fma")))
#endif

namespace attn::hf::simd {

#ifdef ATTN_HF_SIMD

namespace {

// Lanes below `count` set (the valid part of a padded tail).
ATTN_AVX2 __m256 laneMask(std::size_t count)
{
    const __m256 index = _mm256_setr_ps(0, 1, 2, 3, 4, 5, 6, 7);
    return _mm256_cmp_ps(index, _mm256_set1_ps(float(count)), _CMP_LT_OQ);
}

// Lane 0 + ... + lane 7 in a fixed order.
ATTN_AVX2 float sum8(__m256 v)
{
    const __m128 four = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    const __m128 two = _mm_add_ps(four, _mm_movehl_ps(four, four));
    return _mm_cvtss_f32(_mm_add_ss(two, _mm_shuffle_ps(two, two, 1)));
}

ATTN_AVX2 double sum4(__m256d v)
{
    const __m128d two = _mm_add_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1));
    return _mm_cvtsd_f64(_mm_add_sd(two, _mm_unpackhi_pd(two, two)));
}

// exp(x) for x <= 0 (softmax after the max is subtracted): Cephes' expf reduction and polynomial; below
// kSoftmaxExpFloor (-87.3) the result is 0 (std::exp's would be subnormal: below 1.2e-38 of the row's largest weight
// 1 before the scaling).
ATTN_AVX2 __m256 exp8(__m256 x)
{
    const __m256 normal = _mm256_cmp_ps(x, _mm256_set1_ps(kSoftmaxExpFloor), _CMP_GE_OQ);
    x = _mm256_max_ps(x, _mm256_set1_ps(kSoftmaxExpFloor));
    const __m256 n = _mm256_floor_ps(_mm256_fmadd_ps(x, _mm256_set1_ps(1.44269504088896341f), _mm256_set1_ps(0.5f)));
    x = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693359375f), x);
    x = _mm256_fnmadd_ps(n, _mm256_set1_ps(-2.12194440e-4f), x);
    __m256 y = _mm256_set1_ps(1.9875691500E-4f);
    y = _mm256_fmadd_ps(y, x, _mm256_set1_ps(1.3981999507E-3f));
    y = _mm256_fmadd_ps(y, x, _mm256_set1_ps(8.3334519073E-3f));
    y = _mm256_fmadd_ps(y, x, _mm256_set1_ps(4.1665795894E-2f));
    y = _mm256_fmadd_ps(y, x, _mm256_set1_ps(1.6666665459E-1f));
    y = _mm256_fmadd_ps(y, x, _mm256_set1_ps(5.0000001201E-1f));
    y = _mm256_fmadd_ps(y, _mm256_mul_ps(x, x), x);
    y = _mm256_add_ps(y, _mm256_set1_ps(1.0f));
    const __m256i e = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvttps_epi32(n), _mm256_set1_epi32(127)), 23);
    return _mm256_and_ps(_mm256_mul_ps(y, _mm256_castsi256_ps(e)), normal);
}

// Eigen 3.4's generic_fast_erf_float, the same coefficients, with fused multiply-adds.
ATTN_AVX2 __m256 erf8(__m256 a)
{
    const __m256 x = _mm256_max_ps(_mm256_min_ps(a, _mm256_set1_ps(4.0f)), _mm256_set1_ps(-4.0f));
    const __m256 x2 = _mm256_mul_ps(x, x);
    __m256 p = _mm256_fmadd_ps(x2, _mm256_set1_ps(-2.72614225801306e-10f), _mm256_set1_ps(2.77068142495902e-08f));
    p = _mm256_fmadd_ps(x2, p, _mm256_set1_ps(-2.10102402082508e-06f));
    p = _mm256_fmadd_ps(x2, p, _mm256_set1_ps(-5.69250639462346e-05f));
    p = _mm256_fmadd_ps(x2, p, _mm256_set1_ps(-7.34990630326855e-04f));
    p = _mm256_fmadd_ps(x2, p, _mm256_set1_ps(-2.95459980854025e-03f));
    p = _mm256_fmadd_ps(x2, p, _mm256_set1_ps(-1.60960333262415e-02f));
    p = _mm256_mul_ps(x, p);
    __m256 q = _mm256_fmadd_ps(x2, _mm256_set1_ps(-1.45660718464996e-05f), _mm256_set1_ps(-2.13374055278905e-04f));
    q = _mm256_fmadd_ps(x2, q, _mm256_set1_ps(-1.68282697438203e-03f));
    q = _mm256_fmadd_ps(x2, q, _mm256_set1_ps(-7.37332916720468e-03f));
    q = _mm256_fmadd_ps(x2, q, _mm256_set1_ps(-1.42647390514189e-02f));
    return _mm256_div_ps(p, q);
}

ATTN_AVX2 __m256 gelu8(__m256 a)
{
    const __m256 e = erf8(_mm256_mul_ps(a, _mm256_set1_ps(float(M_SQRT1_2))));
    return _mm256_mul_ps(_mm256_mul_ps(_mm256_set1_ps(0.5f), a), _mm256_add_ps(_mm256_set1_ps(1.0f), e));
}

} // namespace

bool available()
{
    static const bool yes = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return yes;
}

ATTN_AVX2 void softmax(float* row, std::size_t n)
{
    const std::size_t full = n / 8 * 8;
    const std::size_t rest = n - full;
    __m256 m = _mm256_set1_ps(-std::numeric_limits<float>::infinity());
    for (std::size_t i = 0; i < full; i += 8) {
        m = _mm256_max_ps(m, _mm256_loadu_ps(row + i));
    }
    alignas(32) float lanes[8];
    _mm256_store_ps(lanes, m);
    float max = lanes[0];
    for (int i = 1; i < 8; ++i) {
        max = std::max(max, lanes[i]);
    }
    for (std::size_t i = full; i < n; ++i) {
        max = std::max(max, row[i]);
    }
    const __m256 vmax = _mm256_set1_ps(max);
    __m256 sum = _mm256_setzero_ps();
    for (std::size_t i = 0; i < full; i += 8) {
        const __m256 e = exp8(_mm256_sub_ps(_mm256_loadu_ps(row + i), vmax));
        _mm256_storeu_ps(row + i, e);
        sum = _mm256_add_ps(sum, e);
    }
    if (rest > 0) {
        for (std::size_t i = 0; i < 8; ++i) {
            lanes[i] = i < rest ? row[full + i] : max;
        }
        const __m256 e = _mm256_and_ps(exp8(_mm256_sub_ps(_mm256_load_ps(lanes), vmax)), laneMask(rest));
        _mm256_store_ps(lanes, e);
        sum = _mm256_add_ps(sum, e);
        std::copy(lanes, lanes + rest, row + full);
    }
    const float scale = 1.0f / sum8(sum);
    const __m256 vscale = _mm256_set1_ps(scale);
    for (std::size_t i = 0; i < full; i += 8) {
        _mm256_storeu_ps(row + i, _mm256_mul_ps(_mm256_loadu_ps(row + i), vscale));
    }
    for (std::size_t i = full; i < n; ++i) {
        row[i] *= scale;
    }
}

ATTN_AVX2 void geluErf(float* x, std::size_t n)
{
    const std::size_t full = n / 8 * 8;
    for (std::size_t i = 0; i < full; i += 8) {
        _mm256_storeu_ps(x + i, gelu8(_mm256_loadu_ps(x + i)));
    }
    if (full < n) {
        alignas(32) float lanes[8] = {};
        std::copy(x + full, x + n, lanes);
        _mm256_store_ps(lanes, gelu8(_mm256_load_ps(lanes)));
        std::copy(lanes, lanes + (n - full), x + full);
    }
}

ATTN_AVX2 void layerNorm(float* row, const float* residual, std::size_t d, const float* weight, const float* bias,
                         float eps)
{
    const std::size_t full = d / 8 * 8;
    __m256d s0 = _mm256_setzero_pd(), s1 = _mm256_setzero_pd();
    for (std::size_t j = 0; j < full; j += 8) {
        __m256 v = _mm256_loadu_ps(row + j);
        if (residual) {
            v = _mm256_add_ps(v, _mm256_loadu_ps(residual + j));
            _mm256_storeu_ps(row + j, v);
        }
        s0 = _mm256_add_pd(s0, _mm256_cvtps_pd(_mm256_castps256_ps128(v)));
        s1 = _mm256_add_pd(s1, _mm256_cvtps_pd(_mm256_extractf128_ps(v, 1)));
    }
    double sum = sum4(_mm256_add_pd(s0, s1));
    for (std::size_t j = full; j < d; ++j) {
        if (residual) {
            row[j] += residual[j];
        }
        sum += row[j];
    }
    const double mean = sum / double(d);
    const __m256d vmean = _mm256_set1_pd(mean);
    s0 = _mm256_setzero_pd();
    s1 = _mm256_setzero_pd();
    for (std::size_t j = 0; j < full; j += 8) {
        const __m256 v = _mm256_loadu_ps(row + j);
        const __m256d c0 = _mm256_sub_pd(_mm256_cvtps_pd(_mm256_castps256_ps128(v)), vmean);
        const __m256d c1 = _mm256_sub_pd(_mm256_cvtps_pd(_mm256_extractf128_ps(v, 1)), vmean);
        s0 = _mm256_fmadd_pd(c0, c0, s0);
        s1 = _mm256_fmadd_pd(c1, c1, s1);
    }
    double var = sum4(_mm256_add_pd(s0, s1));
    for (std::size_t j = full; j < d; ++j) {
        const double c = row[j] - mean;
        var += c * c;
    }
    var /= double(d);
    const double inv = 1.0 / std::sqrt(var + double(eps));
    const __m256d vinv = _mm256_set1_pd(inv);
    const std::size_t quads = d / 4 * 4;
    for (std::size_t j = 0; j < quads; j += 4) {
        const __m256d c = _mm256_mul_pd(_mm256_sub_pd(_mm256_cvtps_pd(_mm_loadu_ps(row + j)), vmean), vinv);
        _mm_storeu_ps(row + j, _mm_fmadd_ps(_mm256_cvtpd_ps(c), _mm_loadu_ps(weight + j), _mm_loadu_ps(bias + j)));
    }
    for (std::size_t j = quads; j < d; ++j) {
        row[j] = std::fma(float((row[j] - mean) * inv), weight[j], bias[j]);
    }
}

#else // no x86-64 GCC/Clang: the callers' portable paths

bool available()
{
    return false;
}
void softmax(float*, std::size_t) {}
void geluErf(float*, std::size_t) {}
void layerNorm(float*, const float*, std::size_t, const float*, const float*, float) {}

#endif

} // namespace attn::hf::simd
