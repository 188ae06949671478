#pragma once

#include "core/scoring.h"

#include <Eigen/Dense>

namespace attn {

// The eight scoring functions of core/scoring.h computed a second time with LibTorch (float64 tensors),
// as models in the engine compute them. Same shapes and errors as attn::score:
// q: (dq), keys: (n, dk) -> scores: (n)
Eigen::VectorXd torchScore(ScoreFunction fn, const Eigen::VectorXd& q, const Eigen::MatrixXd& keys,
                           const ScoreParams& params = {});

// LibTorch softmax(scores / temperature): (n) -> (n)
Eigen::VectorXd torchSoftmax(const Eigen::VectorXd& scores, double temperature = 1.0);

// Sets LibTorch's intra-op threads (one is fastest for the small models here on two cores).
void setEngineThreads(int threads);

} // namespace attn
