#pragma once

#include <Eigen/Dense>

#include <optional>
#include <string>

namespace attn {

// How scores become weights (DESIGN.md section 2).
enum class NormaliserKind
{
    Softmax,    // softmax(scores / T)
    Hard,       // one-hot on the argmax (first index on ties)
    SampledHard, // one-hot on an index drawn from softmax(scores / T) with a seeded generator
    Local,      // Luong et al. 2015 local-p: softmax inside [p - D, p + D], times exp(-(s - p)^2 / (2 (D/2)^2))
};

std::string normaliserName(NormaliserKind kind);
std::optional<NormaliserKind> normaliserFromName(const std::string& name);

struct NormaliserOptions
{
    double temperature = 1.0;  // must be > 0 and finite
    unsigned long long seed = 0; // sampled hard
    double centre = 0.0;         // local: p, a key position (may be fractional)
    int halfWidth = 1;           // local: D >= 0; the window holds 2D + 1 positions, clipped to the keys
    // Luong et al. do not renormalise after the Gaussian, so local weights sum to at most 1;
    // set this to make them sum to 1 inside the window.
    bool renormaliseLocal = false;
};

// scores: (n) -> weights: (n), every weight in [0, 1].
// Throws std::invalid_argument on empty scores, non-finite scores, or a temperature <= 0.
Eigen::VectorXd normalise(NormaliserKind kind, const Eigen::VectorXd& scores, const NormaliserOptions& options = {});

// Numerically stable softmax(scores / temperature). scores: (n) -> (n)
Eigen::VectorXd softmax(const Eigen::VectorXd& scores, double temperature = 1.0);

} // namespace attn
