#pragma once

#include <Eigen/Dense>

#include <optional>
#include <string>
#include <vector>

namespace attn {

// Attention pooling as Nadaraya-Watson kernel regression (d2l-zh 10.2, "注意力汇聚"): the prediction at a query x is
// sum_i a(x, x_i) y_i, with the training inputs x_i as keys and the outputs y_i as values.
//
// Parametrisation: the Gaussian kernel is written with its width (bandwidth) sigma, so that a wider kernel is a
// larger number on the slider:
//     a(x, x_i) = softmax_i( -(x - x_i)^2 / (2 sigma^2) )
// d2l-zh writes the same kernel with w = 1 / sigma: softmax(-((x - x_i) w)^2 / 2). Average pooling is the limit
// sigma -> infinity (every weight 1/n).

enum class KernelKind
{
    Average,  // every key weighs 1/n: the prediction is mean(y) everywhere
    Gaussian, // a fixed width sigma
    Learned,  // the width that minimises the leave-one-out error on the training points (fitKernelWidth)
};

std::string kernelKindName(KernelKind kind); // "average", "gaussian", "learned"
std::optional<KernelKind> kernelKindFromName(const std::string& name);

// The function d2l-zh regresses: 2 sin(x) + x^0.8.
double kernelTruth(double x);

// The d2l-zh data set, seeded: n training inputs drawn uniformly from [0, 5) and sorted, outputs
// kernelTruth(x) + N(0, noise^2); the queries are a grid of nTest points 0, 5/nTest, ... (d2l's arange(0, 5, 0.1)).
struct KernelData
{
    Eigen::VectorXd xTrain;    // (n) sorted
    Eigen::VectorXd yTrain;    // (n)
    Eigen::VectorXd xTest;     // (m)
    Eigen::VectorXd truthTest; // (m) kernelTruth(xTest)
};
KernelData makeKernelData(int nTrain = 50, int nTest = 50, double noise = 0.5, unsigned long long seed = 0);

// queries: (m), keys: (n), sigma > 0 -> weights (m, n), every row sums to 1.
// Throws std::invalid_argument on empty keys or a width that is not a positive finite number.
Eigen::MatrixXd gaussianKernelWeights(const Eigen::VectorXd& queries, const Eigen::VectorXd& keys, double sigma);
// (m, n) filled with 1/n.
Eigen::MatrixXd averagePoolingWeights(Eigen::Index queries, Eigen::Index keys);

// weights: (m, n), values: (n) -> predictions (m) = weights * values
Eigen::VectorXd nadarayaWatson(const Eigen::MatrixXd& weights, const Eigen::VectorXd& values);

// Leave-one-out mean squared error of the Gaussian kernel on the training points: each x_i is predicted from the
// other n - 1 points. Without leaving the point out, sigma -> 0 would predict every y_i exactly from itself.
double leaveOneOutLoss(const Eigen::VectorXd& x, const Eigen::VectorXd& y, double sigma);

struct KernelWidthFit
{
    double sigma = 1.0;          // the learned width
    double loss = 0.0;           // its leave-one-out loss
    std::vector<double> history; // the loss before each step, then the final loss
    int steps = 0;
};

// Gradient descent on log(sigma) (so the width stays positive) over the leave-one-out loss, from initialSigma,
// with an exact gradient and a step that halves whenever the loss would rise. Deterministic: the same data give
// the same width. Needs at least 2 points.
KernelWidthFit fitKernelWidth(const Eigen::VectorXd& x, const Eigen::VectorXd& y, double initialSigma = 1.0,
                              int maxSteps = 200, double learningRate = 0.5);

// Mean squared difference of two vectors of the same size.
double meanSquaredError(const Eigen::VectorXd& a, const Eigen::VectorXd& b);

} // namespace attn
