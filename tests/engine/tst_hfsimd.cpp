// The kit's elementwise passes against double-precision references, on lengths with and without a tail of n % 8
// values, and the promise the attention relies on: a row gives the same bits wherever it is stored. Two sets of the
// same passes are checked: the AVX2 kernels themselves (src/engine/hf/hfsimd.h; only on a CPU that runs them), and
// the kit's operations as engines call them (hfops.h: layerNorm, addLayerNorm, activate, attention's softmax), which
// take the AVX2 kernels or their portable paths, whichever this CPU has. No test is skipped on any CPU.
#include "engine/hf/hfops.h"
#include "engine/hf/hfsimd.h"

#include <cmath>
#include <cstring>
#include <functional>
#include <gtest/gtest.h>
#include <random>
#include <string>
#include <vector>

using namespace attn::hf;
namespace hf = attn::hf;

namespace {

const std::size_t kLengths[] = {1, 3, 7, 8, 9, 31, 64, 128, 129, 768, 771};

std::vector<float> randomValues(std::size_t n, float scale, std::mt19937& rng)
{
    std::uniform_real_distribution<float> d(-scale, scale);
    std::vector<float> v(n);
    for (float& x : v) {
        x = d(rng);
    }
    return v;
}

// Runs f on a copy of values placed `offset` floats into a buffer, returns the result.
template <typename F> std::vector<float> atOffset(const std::vector<float>& values, std::size_t offset, F f)
{
    std::vector<float> buffer(values.size() + 16, 0.0f);
    std::copy(values.begin(), values.end(), buffer.begin() + std::ptrdiff_t(offset));
    f(buffer.data() + offset, values.size());
    return {buffer.begin() + std::ptrdiff_t(offset), buffer.begin() + std::ptrdiff_t(offset + values.size())};
}

// One set of the three passes, each on a row in place.
struct Passes
{
    std::string name;
    std::function<void(float*, std::size_t)> softmax;
    std::function<void(float*, std::size_t)> geluErf;
    std::function<void(float*, const float*, std::size_t, const float*, const float*, float)> layerNorm;
};

// The kit's operations on a row: a 1 x n matrix (copied in and out, as an engine's activations are its own).
hf::Matrix rowMatrix(const float* row, std::size_t n)
{
    return Eigen::Map<const hf::Matrix>(row, 1, Eigen::Index(n));
}

void copyBack(const hf::Matrix& m, float* row)
{
    std::copy(m.data(), m.data() + m.size(), row);
}

Passes kitOperations()
{
    Passes p;
    p.name = "ops";
    // Attention of one query over n keys with head size 1: the scores are q k_j / sqrt(1) = k_j, and the kept
    // probabilities are their softmax.
    p.softmax = [](float* row, std::size_t n) {
        const hf::Matrix q = hf::Matrix::Ones(1, 1);
        const hf::Matrix k = Eigen::Map<const hf::Matrix>(row, Eigen::Index(n), 1);
        const hf::Matrix v = hf::Matrix::Zero(Eigen::Index(n), 1);
        hf::Matrix context;
        hf::ops::attention(q, k, v, 1, 1, 1, false, 0, 0, row, context);
    };
    p.geluErf = [](float* row, std::size_t n) {
        hf::Matrix m = rowMatrix(row, n);
        hf::ops::activate(m, hf::ops::Activation::GeluErf);
        copyBack(m, row);
    };
    p.layerNorm = [](float* row, const float* residual, std::size_t d, const float* weight, const float* bias,
                     float eps) {
        hf::Matrix m = rowMatrix(row, d);
        const hf::VectorMap w(weight, Eigen::Index(d));
        const hf::VectorMap b(bias, Eigen::Index(d));
        if (residual) {
            hf::ops::addLayerNorm(m, rowMatrix(residual, d), w, b, eps);
        } else {
            hf::ops::layerNorm(m, w, b, eps);
        }
        copyBack(m, row);
    };
    return p;
}

Passes avx2Kernels()
{
    return {"avx2", simd::softmax, simd::geluErf, simd::layerNorm};
}

// The AVX2 kernels are called only where the CPU runs them (elsewhere they would stop the process); the kit's
// operations everywhere.
std::vector<Passes> passesOnThisCpu()
{
    std::vector<Passes> sets = {kitOperations()};
    if (simd::available()) {
        sets.push_back(avx2Kernels());
    }
    return sets;
}

void PrintTo(const Passes& passes, std::ostream* os)
{
    *os << passes.name;
}

class HfSimd : public ::testing::TestWithParam<Passes>
{
};

} // namespace

TEST_P(HfSimd, SoftmaxMatchesDoubleReference)
{
    std::mt19937 rng(7);
    for (std::size_t n : kLengths) {
        const std::vector<float> scores = randomValues(n, 12.0f, rng);
        const std::vector<float> got = atOffset(scores, 0, GetParam().softmax);
        double max = scores[0];
        for (float s : scores) {
            max = std::max(max, double(s));
        }
        double sum = 0;
        for (float s : scores) {
            sum += std::exp(double(s) - max);
        }
        for (std::size_t i = 0; i < n; ++i) {
            const double want = std::exp(double(scores[i]) - max) / sum;
            EXPECT_NEAR(got[i], want, 2e-7 + 4e-7 * want) << "n " << n << ", index " << i;
        }
    }
}

TEST_P(HfSimd, SoftmaxUnderflowsToZeroNotGarbage)
{
    std::vector<float> row = {0.0f, -50.0f, -100.0f, -1000.0f, -3.0e38f};
    GetParam().softmax(row.data(), row.size());
    EXPECT_NEAR(row[0], 1.0f, 1e-6f);
    EXPECT_NEAR(row[1], std::exp(-50.0), 1e-26);
    EXPECT_EQ(row[2], 0.0f);
    EXPECT_EQ(row[3], 0.0f);
    EXPECT_EQ(row[4], 0.0f);
}

TEST_P(HfSimd, GeluMatchesErfReference)
{
    std::mt19937 rng(8);
    for (std::size_t n : kLengths) {
        const std::vector<float> x = randomValues(n, 6.0f, rng);
        const std::vector<float> got = atOffset(x, 0, GetParam().geluErf);
        for (std::size_t i = 0; i < n; ++i) {
            const double want = 0.5 * double(x[i]) * (1.0 + std::erf(double(x[i]) / std::sqrt(2.0)));
            EXPECT_NEAR(got[i], want, 1e-6 + 1e-6 * std::abs(want)) << "n " << n << ", x " << x[i];
        }
    }
}

TEST_P(HfSimd, LayerNormMatchesDoubleReferenceWithAndWithoutResidual)
{
    std::mt19937 rng(9);
    for (std::size_t d : kLengths) {
        if (d < 2) {
            continue;
        }
        const std::vector<float> x = randomValues(d, 30.0f, rng);
        const std::vector<float> residual = randomValues(d, 5.0f, rng);
        const std::vector<float> weight = randomValues(d, 2.0f, rng);
        const std::vector<float> bias = randomValues(d, 1.0f, rng);
        for (bool withResidual : {false, true}) {
            std::vector<float> input = x;
            if (withResidual) {
                for (std::size_t j = 0; j < d; ++j) {
                    input[j] += residual[j];
                }
            }
            double mean = 0, var = 0;
            for (float v : input) {
                mean += v;
            }
            mean /= double(d);
            for (float v : input) {
                var += (v - mean) * (v - mean);
            }
            var /= double(d);
            std::vector<float> got = x;
            GetParam().layerNorm(got.data(), withResidual ? residual.data() : nullptr, d, weight.data(), bias.data(),
                                 1e-12f);
            for (std::size_t j = 0; j < d; ++j) {
                const double want = (input[j] - mean) / std::sqrt(var + 1e-12) * weight[j] + bias[j];
                EXPECT_NEAR(got[j], want, 2e-6 + 1e-6 * std::abs(want))
                    << "d " << d << ", index " << j << (withResidual ? ", with residual" : "");
            }
        }
    }
}

TEST_P(HfSimd, RowsGiveTheSameBitsAtEveryAlignment)
{
    std::mt19937 rng(10);
    for (std::size_t n : {std::size_t(13), std::size_t(128), std::size_t(131)}) {
        const std::vector<float> values = randomValues(n, 8.0f, rng);
        const std::vector<float> softmax0 = atOffset(values, 0, GetParam().softmax);
        const std::vector<float> gelu0 = atOffset(values, 0, GetParam().geluErf);
        for (std::size_t offset = 1; offset < 8; ++offset) {
            const std::vector<float> softmax = atOffset(values, offset, GetParam().softmax);
            const std::vector<float> gelu = atOffset(values, offset, GetParam().geluErf);
            EXPECT_EQ(0, std::memcmp(softmax.data(), softmax0.data(), n * sizeof(float)))
                << "softmax of " << n << " at offset " << offset;
            EXPECT_EQ(0, std::memcmp(gelu.data(), gelu0.data(), n * sizeof(float)))
                << "gelu of " << n << " at offset " << offset;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(OnThisCpu, HfSimd, ::testing::ValuesIn(passesOnThisCpu()),
                         [](const ::testing::TestParamInfo<Passes>& info) { return info.param.name; });
