#include "core/normaliser.h"

#include "core/random.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace attn {

std::string normaliserName(NormaliserKind kind)
{
    switch (kind) {
    case NormaliserKind::Softmax: return "soft";
    case NormaliserKind::Hard: return "hard";
    case NormaliserKind::SampledHard: return "sampled";
    case NormaliserKind::Local: return "local";
    }
    return "unknown";
}

std::optional<NormaliserKind> normaliserFromName(const std::string& name)
{
    for (auto kind : {NormaliserKind::Softmax, NormaliserKind::Hard, NormaliserKind::SampledHard,
                      NormaliserKind::Local}) {
        if (normaliserName(kind) == name) {
            return kind;
        }
    }
    if (name == "softmax") {
        return NormaliserKind::Softmax;
    }
    return std::nullopt;
}

namespace {

void checkScores(const Eigen::VectorXd& scores)
{
    if (scores.size() == 0) {
        throw std::invalid_argument("no scores to normalise");
    }
    if (!scores.allFinite()) {
        throw std::invalid_argument("scores contain NaN or infinite values");
    }
}

void checkTemperature(double t)
{
    if (!(t > 0.0) || !std::isfinite(t)) {
        throw std::invalid_argument("temperature must be a finite number above 0 (got " + std::to_string(t) + ")");
    }
}

Eigen::Index argmax(const Eigen::VectorXd& v)
{
    Eigen::Index best = 0;
    for (Eigen::Index i = 1; i < v.size(); ++i) {
        if (v(i) > v(best)) {
            best = i;
        }
    }
    return best;
}

} // namespace

Eigen::VectorXd softmax(const Eigen::VectorXd& scores, double temperature)
{
    checkScores(scores);
    checkTemperature(temperature);
    const Eigen::VectorXd scaled = scores / temperature;
    const Eigen::ArrayXd e = (scaled.array() - scaled.maxCoeff()).exp();
    return (e / e.sum()).matrix();
}

Eigen::VectorXd normalise(NormaliserKind kind, const Eigen::VectorXd& scores, const NormaliserOptions& options)
{
    checkScores(scores);
    const Eigen::Index n = scores.size();
    switch (kind) {
    case NormaliserKind::Softmax: return softmax(scores, options.temperature);
    case NormaliserKind::Hard: {
        Eigen::VectorXd w = Eigen::VectorXd::Zero(n);
        w(argmax(scores)) = 1.0;
        return w;
    }
    case NormaliserKind::SampledHard: {
        const Eigen::VectorXd p = softmax(scores, options.temperature);
        SeededRandom rng(options.seed);
        const double u = rng.uniform();
        double acc = 0.0;
        Eigen::Index pick = n - 1;
        for (Eigen::Index i = 0; i < n; ++i) {
            acc += p(i);
            if (u < acc) {
                pick = i;
                break;
            }
        }
        Eigen::VectorXd w = Eigen::VectorXd::Zero(n);
        w(pick) = 1.0;
        return w;
    }
    case NormaliserKind::Local: {
        checkTemperature(options.temperature);
        if (options.halfWidth < 0) {
            throw std::invalid_argument("local window half-width D must be 0 or more");
        }
        if (!std::isfinite(options.centre)) {
            throw std::invalid_argument("local window centre must be a finite position");
        }
        // A window wider than the sequence is clipped to the keys; a centre outside them is clamped.
        const double p = std::clamp(options.centre, 0.0, double(n - 1));
        const auto lo = Eigen::Index(std::max(0.0, std::ceil(p - options.halfWidth)));
        const auto hi = Eigen::Index(std::min(double(n - 1), std::floor(p + options.halfWidth)));
        Eigen::Index lo2 = lo, hi2 = hi;
        if (lo2 > hi2) { // D = 0 with a fractional centre: the window is the nearest position
            lo2 = hi2 = Eigen::Index(std::lround(p));
        }
        const Eigen::VectorXd inside = softmax(scores.segment(lo2, hi2 - lo2 + 1), options.temperature);
        const double sigma = options.halfWidth / 2.0;
        Eigen::VectorXd w = Eigen::VectorXd::Zero(n);
        for (Eigen::Index s = lo2; s <= hi2; ++s) {
            const double gauss = sigma > 0.0 ? std::exp(-(s - p) * (s - p) / (2.0 * sigma * sigma)) : 1.0;
            w(s) = inside(s - lo2) * gauss;
        }
        if (options.renormaliseLocal && w.sum() > 0.0) {
            w /= w.sum();
        }
        return w;
    }
    }
    throw std::invalid_argument("unknown normaliser");
}

} // namespace attn
