// The course notes' rules 1 and 2 written in LibTorch as the notes write them (004: module MyAtt; rule 2: cat,
// Linear, tanh, sum, softmax, bmm with V) agree with the core (core/myattention.h, score(ConcatTanh)) within 1e-6,
// with the notes' shapes: Q [1,1,32], K [1,1,32], V [1,32,64], output [1,1,32].
#include "core/myattention.h"
#include "core/normaliser.h"
#include "core/random.h"
#include "core/scoring.h"

#include <torch/torch.h>

#include <gtest/gtest.h>

#include <cmath>

using namespace attn;

namespace {

// The notes' module, line for line (self.attn, self.attn_combine, forward).
struct MyAttImpl : torch::nn::Module
{
    //                   32                  32                   32                   64                   32
    MyAttImpl(int64_t query_size, int64_t key_size, int64_t value_size1, int64_t value_size2, int64_t output_size)
        : attn(register_module("attn", torch::nn::Linear(query_size + key_size, value_size1))),
          attn_combine(register_module("attn_combine", torch::nn::Linear(query_size + value_size2, output_size)))
    {
    }

    // Q: [1,1,32], K: [1,1,32], V: [1,32,64] -> output [1,1,32], attn_weights [1,32]
    std::pair<torch::Tensor, torch::Tensor> forward(const torch::Tensor& Q, const torch::Tensor& K,
                                                    const torch::Tensor& V)
    {
        // 1 [1,1,32],[1,1,32] --> [1,32],[1,32] -> [1,64]; [1,64] --> [1,32]
        const auto attn_weights = torch::softmax(attn->forward(torch::cat({Q[0], K[0]}, /*dim=*/-1)), /*dim=*/-1);
        // 2 bmm: [1,1,32] * [1,32,64] ---> [1,1,64]
        const auto attn_applied = torch::bmm(attn_weights.unsqueeze(0), V);
        // 3-1 [1,32],[1,64] ---> [1,96]
        auto output = torch::cat({Q[0], attn_applied[0]}, /*dim=*/-1);
        // 3-2 [1,96] ---> [1,32] -> [1,1,32]
        output = attn_combine->forward(output).unsqueeze(0);
        return {output, attn_weights};
    }

    torch::nn::Linear attn, attn_combine;
};
TORCH_MODULE(MyAtt);

// Rule 2 as the notes write it: cat Q and K (one row per key), Linear, tanh, sum, softmax, multiply with V.
// Q: [1,32], K: [n,32], V: [1,n,64] -> weights [1,n], applied [1,1,64]
std::pair<torch::Tensor, torch::Tensor> ruleTwo(torch::nn::Linear& linear, const torch::Tensor& Q,
                                                const torch::Tensor& K, const torch::Tensor& V)
{
    const auto cat = torch::cat({Q.expand({K.size(0), Q.size(1)}), K}, /*dim=*/-1); // [n,64]
    const auto scores = torch::tanh(linear->forward(cat)).sum(/*dim=*/-1);           // [n,h] -> [n]
    const auto weights = torch::softmax(scores, /*dim=*/-1).unsqueeze(0);           // [1,n]
    return {weights, torch::bmm(weights.unsqueeze(0), V)};                          // [1,1,n] x [1,n,64]
}

torch::Tensor tensor(const Eigen::MatrixXd& m)
{
    auto t = torch::empty({m.rows(), m.cols()}, torch::kFloat64);
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        for (Eigen::Index j = 0; j < m.cols(); ++j) {
            t[i][j] = m(i, j);
        }
    }
    return t;
}

torch::Tensor tensor(const Eigen::VectorXd& v)
{
    return tensor(Eigen::MatrixXd(v.transpose())).reshape({v.size()});
}

double maxGap(const torch::Tensor& t, const Eigen::VectorXd& v)
{
    const auto flat = t.reshape({-1});
    EXPECT_EQ(flat.size(0), v.size());
    double gap = 0.0;
    for (Eigen::Index i = 0; i < v.size(); ++i) {
        gap = std::max(gap, std::abs(flat[i].item<double>() - v(i)));
    }
    return gap;
}

Eigen::MatrixXd drawn(SeededRandom& rng, int rows, int cols)
{
    Eigen::MatrixXd m(rows, cols);
    for (int i = 0; i < rows; ++i) {
        for (int j = 0; j < cols; ++j) {
            m(i, j) = rng.normal();
        }
    }
    return m;
}

} // namespace

TEST(CourseRules, RuleOneMyAttAgreesWithTheCore)
{
    torch::NoGradGuard noGrad;
    SeededRandom rng(19);
    for (int trial = 0; trial < 5; ++trial) {
        MyAttParams p = MyAttParams::random(32, 32, 64, 32, 32, 100 + trial);
        p.attnB = drawn(rng, 32, 1);
        p.combineB = drawn(rng, 32, 1);
        const Eigen::VectorXd q = drawn(rng, 32, 1), k = drawn(rng, 32, 1);
        const Eigen::MatrixXd v = drawn(rng, 32, 64);
        const MyAttResult core = myAttention(q, k, v, p);

        MyAtt module(32, 32, 32, 64, 32);
        module->to(torch::kFloat64);
        module->attn->weight.copy_(tensor(p.attnW));
        module->attn->bias.copy_(tensor(p.attnB));
        module->attn_combine->weight.copy_(tensor(p.combineW));
        module->attn_combine->bias.copy_(tensor(p.combineB));
        const auto Q = tensor(q).view({1, 1, 32}), K = tensor(k).view({1, 1, 32}), V = tensor(v).unsqueeze(0);
        const auto [output, weights] = module->forward(Q, K, V);
        ASSERT_EQ(output.sizes(), (std::vector<int64_t>{1, 1, 32}));
        ASSERT_EQ(weights.sizes(), (std::vector<int64_t>{1, 32}));
        EXPECT_LT(maxGap(weights, core.weights), 1e-6) << "trial " << trial;
        EXPECT_LT(maxGap(output, core.output), 1e-6) << "trial " << trial;
    }
}

TEST(CourseRules, RuleOneHandWorkedNumbersInTorch)
{
    // The hand-worked example of tests/core/tst_myattention.cpp: only attn W(0, 0) = ln 3, V[i][j] = i,
    // output_r = applied_r + r (+ 2 q_0 for r = 0). The weights are 3/34 and 1/34, applied_j = 496/34.
    torch::NoGradGuard noGrad;
    MyAtt module(32, 32, 32, 64, 32);
    module->to(torch::kFloat64);
    module->attn->weight.zero_();
    module->attn->weight[0][0] = std::log(3.0);
    module->attn->bias.zero_();
    module->attn_combine->weight.zero_();
    for (int r = 0; r < 32; ++r) {
        module->attn_combine->weight[r][32 + r] = 1.0;
        module->attn_combine->bias[r] = r;
    }
    module->attn_combine->weight[0][0] = 2.0;
    auto Q = torch::zeros({1, 1, 32}, torch::kFloat64);
    Q[0][0][0] = 1.0;
    const auto K = torch::full({1, 1, 32}, 0.7, torch::kFloat64);
    const auto V = torch::arange(32, torch::kFloat64).view({1, 32, 1}).expand({1, 32, 64}).contiguous();
    const auto [output, weights] = module->forward(Q, K, V);
    EXPECT_NEAR(weights[0][0].item<double>(), 3.0 / 34.0, 1e-12);
    EXPECT_NEAR(weights[0][31].item<double>(), 1.0 / 34.0, 1e-12);
    EXPECT_NEAR(output[0][0][0].item<double>(), 2.0 + 496.0 / 34.0, 1e-12);
    EXPECT_NEAR(output[0][0][5].item<double>(), 496.0 / 34.0 + 5.0, 1e-12);
}

TEST(CourseRules, RuleTwoConcatTanhAgreesWithTheCore)
{
    torch::NoGradGuard noGrad;
    SeededRandom rng(20);
    for (int trial = 0; trial < 5; ++trial) {
        const int n = 3 + trial * 7, hidden = 32;
        ScoreParams p = ScoreParams::random(32, 32, hidden, n, 200 + trial);
        p.concatTanhBias = drawn(rng, hidden, 1);
        const Eigen::VectorXd q = drawn(rng, 32, 1);
        const Eigen::MatrixXd keys = drawn(rng, n, 32), v = drawn(rng, n, 64);
        const Eigen::VectorXd weights = softmax(score(ScoreFunction::ConcatTanh, q, keys, p));
        const Eigen::VectorXd applied = weightedSum(weights, v);

        torch::nn::Linear linear(64, hidden);
        linear->to(torch::kFloat64);
        linear->weight.copy_(tensor(p.concatTanhW));
        linear->bias.copy_(tensor(p.concatTanhBias));
        const auto [tw, ta] = ruleTwo(linear, tensor(q).view({1, 32}), tensor(keys), tensor(v).unsqueeze(0));
        ASSERT_EQ(ta.sizes(), (std::vector<int64_t>{1, 1, 64}));
        EXPECT_LT(maxGap(tw, weights), 1e-6) << "trial " << trial;
        EXPECT_LT(maxGap(ta, applied), 1e-6) << "trial " << trial;
    }
}
