#include "core/kernelregression.h"

#include "core/random.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace attn {

namespace {

void checkWidth(double sigma)
{
    if (!(sigma > 0.0) || !std::isfinite(sigma)) {
        throw std::invalid_argument("kernel width must be a positive number, got " + std::to_string(sigma));
    }
}

// Row-wise softmax of scores (m, n), stable against large negative scores (a narrow kernel far from every key).
Eigen::MatrixXd rowSoftmax(const Eigen::MatrixXd& scores)
{
    Eigen::MatrixXd e = (scores.colwise() - scores.rowwise().maxCoeff()).array().exp().matrix();
    return e.array().colwise() / e.rowwise().sum().array();
}

// Leave-one-out scores: (n, n) with -inf on the diagonal so a point never sees itself.
Eigen::MatrixXd looScores(const Eigen::VectorXd& x, double sigma)
{
    const Eigen::Index n = x.size();
    Eigen::MatrixXd s(n, n);
    const double c = 1.0 / (2.0 * sigma * sigma);
    for (Eigen::Index j = 0; j < n; ++j) {
        for (Eigen::Index i = 0; i < n; ++i) {
            const double d = x(i) - x(j);
            s(i, j) = i == j ? -std::numeric_limits<double>::infinity() : -d * d * c;
        }
    }
    return s;
}

struct LooEval
{
    double loss = 0.0;
    double gradLogSigma = 0.0; // dL / d log(sigma)
};

LooEval evalLoo(const Eigen::VectorXd& x, const Eigen::VectorXd& y, double sigma)
{
    const Eigen::Index n = x.size();
    const Eigen::MatrixXd s = looScores(x, sigma);
    const Eigen::MatrixXd a = rowSoftmax(s);
    const Eigen::VectorXd pred = a * y;
    const Eigen::VectorXd r = pred - y;
    LooEval out;
    out.loss = r.squaredNorm() / double(n);
    // d s_ij / d log(sigma) = -2 s_ij, and d pred_i / d s_ij = a_ij (y_j - pred_i) (softmax), so
    // d pred_i / d log(sigma) = sum_j a_ij (y_j - pred_i) (-2 s_ij); the diagonal has a_ii = 0.
    double grad = 0.0;
    for (Eigen::Index i = 0; i < n; ++i) {
        double dPred = 0.0;
        for (Eigen::Index j = 0; j < n; ++j) {
            if (j != i) {
                dPred += a(i, j) * (y(j) - pred(i)) * (-2.0 * s(i, j));
            }
        }
        grad += 2.0 * r(i) * dPred;
    }
    out.gradLogSigma = grad / double(n);
    return out;
}

} // namespace

std::string kernelKindName(KernelKind kind)
{
    switch (kind) {
    case KernelKind::Average:
        return "average";
    case KernelKind::Gaussian:
        return "gaussian";
    case KernelKind::Learned:
        return "learned";
    }
    return "average";
}

std::optional<KernelKind> kernelKindFromName(const std::string& name)
{
    for (KernelKind k : {KernelKind::Average, KernelKind::Gaussian, KernelKind::Learned}) {
        if (kernelKindName(k) == name) {
            return k;
        }
    }
    return std::nullopt;
}

double kernelTruth(double x)
{
    return 2.0 * std::sin(x) + std::pow(x, 0.8);
}

KernelData makeKernelData(int nTrain, int nTest, double noise, unsigned long long seed)
{
    if (nTrain < 2 || nTest < 1) {
        throw std::invalid_argument("kernel regression needs at least 2 training points and 1 query");
    }
    SeededRandom rng(seed);
    KernelData d;
    std::vector<double> xs(std::size_t(nTrain), 0.0);
    for (double& v : xs) {
        v = rng.uniform() * 5.0;
    }
    std::sort(xs.begin(), xs.end());
    d.xTrain = Eigen::Map<const Eigen::VectorXd>(xs.data(), nTrain);
    d.yTrain.resize(nTrain);
    for (int i = 0; i < nTrain; ++i) {
        d.yTrain(i) = kernelTruth(d.xTrain(i)) + noise * rng.normal();
    }
    d.xTest.resize(nTest);
    d.truthTest.resize(nTest);
    for (int i = 0; i < nTest; ++i) {
        d.xTest(i) = 5.0 * double(i) / double(nTest);
        d.truthTest(i) = kernelTruth(d.xTest(i));
    }
    return d;
}

Eigen::MatrixXd gaussianKernelWeights(const Eigen::VectorXd& queries, const Eigen::VectorXd& keys, double sigma)
{
    checkWidth(sigma);
    if (keys.size() == 0) {
        throw std::invalid_argument("kernel regression needs at least one key");
    }
    const double c = 1.0 / (2.0 * sigma * sigma);
    Eigen::MatrixXd s(queries.size(), keys.size());
    for (Eigen::Index j = 0; j < keys.size(); ++j) {
        s.col(j) = -((queries.array() - keys(j)).square() * c).matrix();
    }
    return rowSoftmax(s);
}

Eigen::MatrixXd averagePoolingWeights(Eigen::Index queries, Eigen::Index keys)
{
    if (keys <= 0) {
        throw std::invalid_argument("kernel regression needs at least one key");
    }
    return Eigen::MatrixXd::Constant(queries, keys, 1.0 / double(keys));
}

Eigen::VectorXd nadarayaWatson(const Eigen::MatrixXd& weights, const Eigen::VectorXd& values)
{
    if (weights.cols() != values.size()) {
        throw std::invalid_argument("kernel regression: " + std::to_string(weights.cols()) + " weights per query but " +
                                    std::to_string(values.size()) + " values");
    }
    return weights * values;
}

double leaveOneOutLoss(const Eigen::VectorXd& x, const Eigen::VectorXd& y, double sigma)
{
    checkWidth(sigma);
    if (x.size() < 2 || x.size() != y.size()) {
        throw std::invalid_argument("leave-one-out needs at least 2 points and as many outputs as inputs");
    }
    return evalLoo(x, y, sigma).loss;
}

KernelWidthFit fitKernelWidth(const Eigen::VectorXd& x, const Eigen::VectorXd& y, double initialSigma, int maxSteps,
                              double learningRate)
{
    checkWidth(initialSigma);
    if (x.size() < 2 || x.size() != y.size()) {
        throw std::invalid_argument("fitting a kernel width needs at least 2 points and as many outputs as inputs");
    }
    KernelWidthFit fit;
    double theta = std::log(initialSigma);
    double lr = learningRate;
    LooEval cur = evalLoo(x, y, initialSigma);
    for (int step = 0; step < maxSteps; ++step) {
        fit.history.push_back(cur.loss);
        bool moved = false;
        // Backtracking: a step that raises the loss is retried at half the size, so descent never goes up.
        while (lr > 1e-8) {
            const double next = theta - lr * cur.gradLogSigma;
            const LooEval trial = evalLoo(x, y, std::exp(next));
            if (trial.loss <= cur.loss) {
                moved = std::abs(next - theta) > 1e-9;
                theta = next;
                cur = trial;
                lr *= 1.2;
                break;
            }
            lr *= 0.5;
        }
        fit.steps = step + 1;
        if (!moved || std::abs(cur.gradLogSigma) < 1e-9) {
            break;
        }
    }
    fit.sigma = std::exp(theta);
    fit.loss = cur.loss;
    fit.history.push_back(cur.loss);
    return fit;
}

double meanSquaredError(const Eigen::VectorXd& a, const Eigen::VectorXd& b)
{
    if (a.size() != b.size() || a.size() == 0) {
        throw std::invalid_argument("mean squared error needs two vectors of the same, non-zero size");
    }
    return (a - b).squaredNorm() / double(a.size());
}

} // namespace attn
