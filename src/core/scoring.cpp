#include "core/scoring.h"

#include "core/normaliser.h"
#include "core/random.h"

#include <cmath>
#include <stdexcept>

namespace attn {

const std::vector<ScoreFunction>& allScoreFunctions()
{
    static const std::vector<ScoreFunction> kAll = {ScoreFunction::Dot,     ScoreFunction::ScaledDot,
                                                    ScoreFunction::Cosine,  ScoreFunction::General,
                                                    ScoreFunction::ConcatLinear, ScoreFunction::ConcatTanh,
                                                    ScoreFunction::Additive, ScoreFunction::Location};
    return kAll;
}

std::string scoreFunctionName(ScoreFunction fn)
{
    switch (fn) {
    case ScoreFunction::Dot: return "dot";
    case ScoreFunction::ScaledDot: return "scaled_dot";
    case ScoreFunction::Cosine: return "cosine";
    case ScoreFunction::General: return "general";
    case ScoreFunction::ConcatLinear: return "concat_linear";
    case ScoreFunction::ConcatTanh: return "concat_tanh";
    case ScoreFunction::Additive: return "additive";
    case ScoreFunction::Location: return "location";
    }
    return "unknown";
}

std::optional<ScoreFunction> scoreFunctionFromName(const std::string& name)
{
    for (ScoreFunction fn : allScoreFunctions()) {
        if (scoreFunctionName(fn) == name) {
            return fn;
        }
    }
    return std::nullopt;
}

std::string renamedScoreFunctionHint(const std::string& name)
{
    if (name == "concat") {
        return "'concat' is now called concat_linear (w^T [q; k] + b); the course notes' rule 2 is concat_tanh";
    }
    return {};
}

std::string scoreFunctionFormula(ScoreFunction fn)
{
    switch (fn) {
    case ScoreFunction::Dot: return "q · k";
    case ScoreFunction::ScaledDot: return "q · k / √d";
    case ScoreFunction::Cosine: return "q · k / (‖q‖ ‖k‖)";
    case ScoreFunction::General: return "qᵀ W k";
    case ScoreFunction::ConcatLinear: return "wᵀ [q; k] + b";
    case ScoreFunction::ConcatTanh: return "Σ tanh(W [q; k] + b)";
    case ScoreFunction::Additive: return "vᵀ tanh(W q + U k)";
    case ScoreFunction::Location: return "(W_a q)ᵢ";
    }
    return {};
}

namespace {

Eigen::MatrixXd randomMatrix(SeededRandom& rng, int rows, int cols, double scale)
{
    Eigen::MatrixXd m(rows, cols);
    // Column-major fill order is part of the seed contract: do not change it.
    for (int c = 0; c < cols; ++c) {
        for (int r = 0; r < rows; ++r) {
            m(r, c) = rng.normal() * scale;
        }
    }
    return m;
}

void requireSize(bool ok, const std::string& what)
{
    if (!ok) {
        throw std::invalid_argument(what);
    }
}

} // namespace

ScoreParams ScoreParams::random(int queryDim, int keyDim, int hidden, int maxKeys, unsigned long long seed)
{
    SeededRandom rng(seed);
    ScoreParams p;
    p.general = randomMatrix(rng, queryDim, keyDim, 1.0 / std::sqrt(double(keyDim)));
    p.concatW = randomMatrix(rng, queryDim + keyDim, 1, 1.0 / std::sqrt(double(queryDim + keyDim)));
    p.concatBias = 0.0;
    p.additiveW = randomMatrix(rng, hidden, queryDim, 1.0 / std::sqrt(double(queryDim)));
    p.additiveU = randomMatrix(rng, hidden, keyDim, 1.0 / std::sqrt(double(keyDim)));
    p.additiveV = randomMatrix(rng, hidden, 1, 1.0 / std::sqrt(double(hidden)));
    p.location = randomMatrix(rng, maxKeys, queryDim, 1.0 / std::sqrt(double(queryDim)));
    p.concatTanhW = randomMatrix(rng, hidden, queryDim + keyDim, 1.0 / std::sqrt(double(queryDim + keyDim)));
    p.concatTanhBias = Eigen::VectorXd::Zero(hidden);
    return p;
}

void ScoreParams::check(ScoreFunction fn, int queryDim, int keyDim, int numKeys) const
{
    const auto dims = [](const Eigen::MatrixXd& m) {
        return "(" + std::to_string(m.rows()) + ", " + std::to_string(m.cols()) + ")";
    };
    switch (fn) {
    case ScoreFunction::Dot:
    case ScoreFunction::ScaledDot:
    case ScoreFunction::Cosine:
        requireSize(queryDim == keyDim, "query has " + std::to_string(queryDim) + " values but keys have " +
                                            std::to_string(keyDim) + "; " + scoreFunctionName(fn) +
                                            " needs equal sizes");
        break;
    case ScoreFunction::General:
        requireSize(general.rows() == queryDim && general.cols() == keyDim,
                    "general: W is " + dims(general) + ", expected (" + std::to_string(queryDim) + ", " +
                        std::to_string(keyDim) + ")");
        break;
    case ScoreFunction::ConcatLinear:
        requireSize(concatW.size() == queryDim + keyDim, "concat_linear: w has " + std::to_string(concatW.size()) +
                                                             " values, expected " +
                                                             std::to_string(queryDim + keyDim));
        break;
    case ScoreFunction::ConcatTanh:
        requireSize(concatTanhW.rows() > 0 && concatTanhW.cols() == queryDim + keyDim &&
                        (concatTanhBias.size() == 0 || concatTanhBias.size() == concatTanhW.rows()),
                    "concat_tanh: W is " + dims(concatTanhW) + " and b has " +
                        std::to_string(concatTanhBias.size()) + " values; expected (h, " +
                        std::to_string(queryDim + keyDim) + ") and h values (or none)");
        break;
    case ScoreFunction::Additive:
        requireSize(additiveW.cols() == queryDim && additiveU.cols() == keyDim && additiveW.rows() > 0 &&
                        additiveU.rows() == additiveW.rows() && additiveV.size() == additiveW.rows(),
                    "additive: W " + dims(additiveW) + ", U " + dims(additiveU) + ", v (" +
                        std::to_string(additiveV.size()) + ") do not fit query " + std::to_string(queryDim) +
                        " and keys " + std::to_string(keyDim));
        break;
    case ScoreFunction::Location:
        requireSize(location.cols() == queryDim && location.rows() >= numKeys,
                    "location: W_a is " + dims(location) + ", needs " + std::to_string(queryDim) +
                        " columns and at least " + std::to_string(numKeys) + " rows (one per key position)");
        requireSize(locationBias.size() == 0 || locationBias.size() == location.rows(),
                    "location: the bias has " + std::to_string(locationBias.size()) + " values, W_a has " +
                        std::to_string(location.rows()) + " rows");
        break;
    }
}

Eigen::VectorXd score(ScoreFunction fn, const Eigen::VectorXd& q, const Eigen::MatrixXd& keys,
                      const ScoreParams& params)
{
    const int n = int(keys.rows());
    requireSize(n > 0, "no keys given");
    requireSize(q.size() > 0, "empty query");
    params.check(fn, int(q.size()), int(keys.cols()), n);

    switch (fn) {
    case ScoreFunction::Dot: return keys * q;
    case ScoreFunction::ScaledDot: return (keys * q) / std::sqrt(double(q.size()));
    case ScoreFunction::Cosine: {
        // A zero-length vector has no direction: its cosine with anything is defined as 0.
        const double qn = q.norm();
        Eigen::VectorXd s(n);
        for (int i = 0; i < n; ++i) {
            const double kn = keys.row(i).norm();
            s(i) = (qn == 0.0 || kn == 0.0) ? 0.0 : keys.row(i).dot(q) / (qn * kn);
        }
        return s;
    }
    case ScoreFunction::General: return keys * (params.general.transpose() * q);
    case ScoreFunction::ConcatLinear: {
        const auto wq = params.concatW.head(q.size());
        const auto wk = params.concatW.tail(keys.cols());
        return (keys * wk).array() + (wq.dot(q) + params.concatBias);
    }
    case ScoreFunction::ConcatTanh: {
        // W [q; k_i] + b = W_q q + W_k k_i + b: the query's part is computed once.
        const auto& w = params.concatTanhW;
        Eigen::VectorXd wq = w.leftCols(q.size()) * q; // (h)
        if (params.concatTanhBias.size() > 0) {
            wq += params.concatTanhBias;
        }
        const Eigen::MatrixXd wk = keys * w.rightCols(keys.cols()).transpose(); // (n, h)
        Eigen::VectorXd s(n);
        for (int i = 0; i < n; ++i) {
            s(i) = (wk.row(i).transpose() + wq).array().tanh().sum();
        }
        return s;
    }
    case ScoreFunction::Additive: {
        const Eigen::VectorXd wq = params.additiveW * q; // (h)
        Eigen::VectorXd s(n);
        for (int i = 0; i < n; ++i) {
            const Eigen::VectorXd hidden = (wq + params.additiveU * keys.row(i).transpose()).array().tanh();
            s(i) = params.additiveV.dot(hidden);
        }
        return s;
    }
    case ScoreFunction::Location: {
        const Eigen::VectorXd s = params.location * q;
        return params.locationBias.size() > 0 ? Eigen::VectorXd((s + params.locationBias).head(n)) : s.head(n);
    }
    }
    throw std::invalid_argument("unknown score function");
}

Eigen::VectorXd weightedSum(const Eigen::VectorXd& weights, const Eigen::MatrixXd& values)
{
    requireSize(weights.size() == values.rows(), "weights have " + std::to_string(weights.size()) +
                                                     " entries but there are " + std::to_string(values.rows()) +
                                                     " values");
    return values.transpose() * weights;
}

std::vector<Eigen::MatrixXd> splitHeads(const Eigen::MatrixXd& x, int heads)
{
    requireSize(heads > 0 && x.cols() % heads == 0,
                "cannot split " + std::to_string(x.cols()) + " columns into " + std::to_string(heads) + " heads");
    const int dh = int(x.cols()) / heads;
    std::vector<Eigen::MatrixXd> out;
    out.reserve(heads);
    for (int h = 0; h < heads; ++h) {
        out.emplace_back(x.middleCols(h * dh, dh));
    }
    return out;
}

Eigen::MatrixXd mergeHeads(const std::vector<Eigen::MatrixXd>& heads)
{
    requireSize(!heads.empty(), "no heads to merge");
    const auto rows = heads.front().rows();
    Eigen::Index cols = 0;
    for (const auto& h : heads) {
        requireSize(h.rows() == rows, "heads have different numbers of rows");
        cols += h.cols();
    }
    Eigen::MatrixXd out(rows, cols);
    Eigen::Index at = 0;
    for (const auto& h : heads) {
        out.middleCols(at, h.cols()) = h;
        at += h.cols();
    }
    return out;
}

SelfAttentionResult scaledDotSelfAttention(const Eigen::MatrixXd& x, const Eigen::MatrixXd& wq,
                                           const Eigen::MatrixXd& wk, const Eigen::MatrixXd& wv)
{
    requireSize(x.rows() > 0, "self-attention needs at least one input vector");
    requireSize(wq.rows() == x.cols() && wk.rows() == x.cols() && wv.rows() == x.cols() && wq.cols() == wk.cols(),
                "self-attention projections do not fit the input size");
    const Eigen::MatrixXd q = x * wq; // (n, dk)
    const Eigen::MatrixXd k = x * wk; // (n, dk)
    const Eigen::MatrixXd v = x * wv; // (n, dv)
    SelfAttentionResult r;
    r.weights.resize(x.rows(), x.rows());
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        r.weights.row(i) = softmax(score(ScoreFunction::ScaledDot, q.row(i).transpose(), k)).transpose();
    }
    r.output = r.weights * v;
    return r;
}

} // namespace attn
