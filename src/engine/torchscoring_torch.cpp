#include "engine/torchscoring.h"

#include "engine/torcheigen_torch.h"

#include <torch/torch.h>

#include <stdexcept>

namespace attn {

namespace {

torch::Tensor toTensor(const Eigen::MatrixXd& m)
{
    return matrixToTensor(m);
}

// v: (n) -> (n) float64 tensor
torch::Tensor toTensor(const Eigen::VectorXd& v)
{
    return matrixToTensor(v).reshape({v.size()});
}

Eigen::VectorXd toEigen(const torch::Tensor& t)
{
    return tensorToMatrix<double>(t.reshape({-1})).row(0).transpose();
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
    case ScoreFunction::ConcatLinear: {
        const auto n = keys.rows();
        const auto cat = torch::cat({tq.unsqueeze(0).expand({n, q.size()}), tk}, /*dim=*/1); // (n, dq + dk)
        return toEigen(torch::mv(cat, toTensor(params.concatW)) + params.concatBias);
    }
    case ScoreFunction::ConcatTanh: {
        // As the notes write rule 2: cat, Linear, tanh, sum. The layer is a torch::nn::Linear in double precision.
        const auto n = keys.rows();
        const auto cat = torch::cat({tq.unsqueeze(0).expand({n, q.size()}), tk}, /*dim=*/1); // (n, dq + dk)
        const auto w = toTensor(params.concatTanhW);                                         // (h, dq + dk)
        torch::nn::Linear layer(torch::nn::LinearOptions(w.size(1), w.size(0)).bias(params.concatTanhBias.size() > 0));
        layer->to(torch::kFloat64);
        layer->weight.copy_(w);
        if (params.concatTanhBias.size() > 0) {
            layer->bias.copy_(toTensor(params.concatTanhBias));
        }
        return toEigen(torch::tanh(layer->forward(cat)).sum(/*dim=*/1)); // (n, h) -> (n)
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
