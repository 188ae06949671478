#include "core/courserules.h"

#include "core/normaliser.h"
#include "core/random.h"

#include <cmath>
#include <stdexcept>

namespace attn {

namespace {

Eigen::MatrixXd draw(SeededRandom& rng, int rows, int cols, double scale)
{
    Eigen::MatrixXd m(rows, cols);
    for (int c = 0; c < cols; ++c) { // column-major fill order is part of the seed contract
        for (int r = 0; r < rows; ++r) {
            m(r, c) = rng.normal() * scale;
        }
    }
    return m;
}

} // namespace

CourseRulesExample courseRulesExample()
{
    using E = CourseRulesExample;
    SeededRandom rng(2004); // note 004
    CourseRulesExample e;
    e.query = draw(rng, E::kQuery, 1, 1.0);
    e.state = draw(rng, E::kQuery, 1, 1.0);
    e.keys = draw(rng, E::kMaxRows, E::kQuery, 1.0);
    e.values = draw(rng, E::kMaxRows, E::kValue, 1.0);
    // Scales like a freshly initialised layer, a little larger so that the weights are not all alike.
    e.myatt.attnW = draw(rng, E::kPositions, 2 * E::kQuery, 2.0 / std::sqrt(2.0 * E::kQuery));
    e.myatt.attnB = Eigen::VectorXd::Zero(E::kPositions);
    e.myatt.combineW = draw(rng, E::kOutput, E::kQuery + E::kValue, 1.0 / std::sqrt(double(E::kQuery + E::kValue)));
    e.myatt.combineB = Eigen::VectorXd::Zero(E::kOutput);
    e.tanhW = draw(rng, E::kQuery, 2 * E::kQuery, 1.0 / std::sqrt(2.0 * E::kQuery));
    e.tanhB = Eigen::VectorXd::Zero(E::kQuery);
    e.combine2 = draw(rng, E::kOutput, E::kQuery + E::kValue, 1.0 / std::sqrt(double(E::kQuery + E::kValue)));
    e.output3 = draw(rng, E::kOutput, E::kValue, 1.0 / std::sqrt(double(E::kValue)));
    return e;
}

CourseRulesResult courseRules(const CourseRulesExample& e, int rows)
{
    if (rows < 1 || rows > e.keys.rows() || rows > e.values.rows()) {
        throw std::invalid_argument("course rules: V has " + std::to_string(e.values.rows()) +
                                    " rows to take from; asked for " + std::to_string(rows));
    }
    CourseRulesResult r;
    r.rows = rows;
    const Eigen::MatrixXd keys = e.keys.topRows(rows);
    const Eigen::MatrixXd values = e.values.topRows(rows);
    const Eigen::Index dq = e.query.size();

    // Rule 1: MyAtt, positions fixed by attn.
    try {
        const MyAttResult m = myAttention(e.query, e.state, values, e.myatt);
        r.rule1.scores = m.logits.head(rows);
        r.rule1.weights = m.weights;
        r.rule1.applied = m.applied;
        r.rule1.concat = m.concatQA;
        r.rule1.output = m.output;
        r.maskedPositions = m.maskedPositions;
    } catch (const std::invalid_argument& ex) {
        r.rule1.error = ex.what();
    }

    // Rule 2: cat, Linear, tanh, sum, softmax, times V; then [Q; applied] and Linear(96 -> 32).
    ScoreParams p;
    p.concatTanhW = e.tanhW;
    p.concatTanhBias = e.tanhB;
    r.rule2.scores = score(ScoreFunction::ConcatTanh, e.query, keys, p);
    r.rule2.weights = softmax(r.rule2.scores);
    r.rule2.applied = weightedSum(r.rule2.weights, values);
    r.rule2.concat.resize(dq + r.rule2.applied.size());
    r.rule2.concat << e.query, r.rule2.applied;
    r.rule2.output = e.combine2 * r.rule2.concat;

    // Rule 3: Q K^T / sqrt(d), softmax, times V; no concatenation; Linear(64 -> 32).
    r.rule3.scores = score(ScoreFunction::ScaledDot, e.query, keys);
    r.rule3.weights = softmax(r.rule3.scores);
    r.rule3.applied = weightedSum(r.rule3.weights, values);
    r.rule3.output = e.output3 * r.rule3.applied;
    return r;
}

} // namespace attn
