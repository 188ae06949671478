#include "engine/torchscoring.h"

#include <torch/torch.h>

#include <stdexcept>

namespace attn {

namespace {

// m: (r, c) Eigen (column-major) -> (r, c) float64 tensor
torch::Tensor toTensor(const Eigen::MatrixXd& m)
{
    auto t = torch::empty({m.rows(), m.cols()}, torch::kFloat64);
    auto acc = t.accessor<double, 2>();
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        for (Eigen::Index c = 0; c < m.cols(); ++c) {
            acc[r][c] = m(r, c);
        }
    }
    return t;
}

// v: (n) -> (n) float64 tensor
torch::Tensor toTensor(const Eigen::VectorXd& v)
{
    return toTensor(Eigen::MatrixXd(v)).reshape({v.size()});
}

// t: (n) -> Eigen (n)
Eigen::VectorXd toEigen(const torch::Tensor& t)
{
    auto c = t.contiguous().to(torch::kFloat64);
    Eigen::VectorXd v(c.numel());
    std::memcpy(v.data(), c.data_ptr<double>(), sizeof(double) * std::size_t(c.numel()));
    return v;
}

} // namespace

Eigen::VectorXd torchScore(ScoreFunction fn, const Eigen::VectorXd& q, const Eigen::MatrixXd& keys,
                           const ScoreParams& params)
{
    if (keys.rows() == 0) {
        throw std::invalid_argument("no keys given");
    }
    params.check(fn, int(q.size()), int(keys.cols()), int(keys.rows()));
    const torch::NoGradGuard noGrad;
    const torch::Tensor tq = toTensor(q);    // (dq)
    const torch::Tensor tk = toTensor(keys); // (n, dk)
    switch (fn) {
    case ScoreFunction::Dot: return toEigen(torch::mv(tk, tq));
    case ScoreFunction::ScaledDot: return toEigen(torch::mv(tk, tq) / std::sqrt(double(q.size())));
    case ScoreFunction::Cosine: {
        const auto dots = torch::mv(tk, tq);                  // (n)
        const auto norms = tk.norm(2, /*dim=*/1) * tq.norm(); // (n)
        return toEigen(torch::where(norms == 0, torch::zeros_like(dots), dots / norms));
    }
    case ScoreFunction::General: return toEigen(torch::mv(tk, torch::mv(toTensor(params.general).t(), tq)));
    case ScoreFunction::Concat: {
        const auto n = keys.rows();
        const auto cat = torch::cat({tq.unsqueeze(0).expand({n, q.size()}), tk}, /*dim=*/1); // (n, dq + dk)
        return toEigen(torch::mv(cat, toTensor(params.concatW)) + params.concatBias);
    }
    case ScoreFunction::Additive: {
        const auto wq = torch::mv(toTensor(params.additiveW), tq);       // (h)
        const auto uk = torch::mm(tk, toTensor(params.additiveU).t());   // (n, h)
        return toEigen(torch::mv(torch::tanh(uk + wq), toTensor(params.additiveV)));
    }
    case ScoreFunction::Location:
        return toEigen(torch::mv(toTensor(params.location), tq).slice(/*dim=*/0, 0, keys.rows()));
    }
    throw std::invalid_argument("unknown score function");
}

Eigen::VectorXd torchSoftmax(const Eigen::VectorXd& scores, double temperature)
{
    const torch::NoGradGuard noGrad;
    return toEigen(torch::softmax(toTensor(scores) / temperature, /*dim=*/0));
}

void setEngineThreads(int threads)
{
    torch::set_num_threads(threads);
}

} // namespace attn
