#pragma once

#include "core/normaliser.h"
#include "core/scoring.h"

#include <Eigen/Dense>

#include <vector>

namespace attn {

// One query against one set of keys under several scoring functions: what `attnscope-cli scores`, the main
// window's example and the scoring lab all compute.
struct ScoreRequest
{
    Eigen::VectorXd query;  // (dq)
    Eigen::MatrixXd keys;   // (n, dk)
    Eigen::MatrixXd values; // (n, dv); empty means the keys are the values
    std::vector<ScoreFunction> functions = allScoreFunctions();
    NormaliserKind normaliser = NormaliserKind::Softmax;
    NormaliserOptions options;
    // Parameters of general, concat, additive and location. When unset, ScoreParams::random(dq, dk, dk, n,
    // paramSeed) is used, so the same seed always gives the same figures.
    bool hasParams = false;
    ScoreParams params;
    unsigned long long paramSeed = 0;
};

struct ScoreRun
{
    ScoreFunction function;
    Eigen::VectorXd scores;  // (n)
    Eigen::VectorXd weights; // (n)
    Eigen::VectorXd context; // (dv): sum_i weights_i values_i
};

// Throws std::invalid_argument naming the problem (sizes, empty keys, bad temperature, ...).
std::vector<ScoreRun> runScores(const ScoreRequest& request);
ScoreParams effectiveParams(const ScoreRequest& request);

} // namespace attn
