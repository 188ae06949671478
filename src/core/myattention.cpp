#include "core/myattention.h"

#include "core/normaliser.h"
#include "core/random.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace attn {

namespace {

Eigen::MatrixXd draw(SeededRandom& rng, int rows, int cols)
{
    Eigen::MatrixXd m(rows, cols);
    const double scale = 1.0 / std::sqrt(double(cols));
    for (int c = 0; c < cols; ++c) { // column-major fill order is part of the seed contract
        for (int r = 0; r < rows; ++r) {
            m(r, c) = rng.normal() * scale;
        }
    }
    return m;
}

void require(bool ok, const std::string& what)
{
    if (!ok) {
        throw std::invalid_argument(what);
    }
}

std::string str(Eigen::Index n)
{
    return std::to_string(n);
}

} // namespace

MyAttParams MyAttParams::random(int queryDim, int keyDim, int valueDim, int positions, int outputDim,
                                unsigned long long seed)
{
    SeededRandom rng(seed);
    MyAttParams p;
    p.attnW = draw(rng, positions, queryDim + keyDim);
    p.attnB = Eigen::VectorXd::Zero(positions);
    p.combineW = draw(rng, outputDim, queryDim + valueDim);
    p.combineB = Eigen::VectorXd::Zero(outputDim);
    return p;
}

MyAttResult myAttention(const Eigen::VectorXd& q, const Eigen::VectorXd& k, const Eigen::MatrixXd& values,
                        const MyAttParams& p, double temperature)
{
    const Eigen::Index dq = q.size(), dk = k.size(), n = values.rows(), dv = values.cols();
    const Eigen::Index positions = p.attnW.rows();
    require(dq > 0 && dk > 0, "MyAtt: Q and K need at least one value each");
    require(n > 0 && dv > 0, "MyAtt: V has no rows");
    require(positions > 0 && p.attnW.cols() == dq + dk,
            "MyAtt: attn is Linear(" + str(p.attnW.cols()) + " -> " + str(positions) + ") but [Q; K] has " +
                str(dq + dk) + " values");
    require(p.attnB.size() == 0 || p.attnB.size() == positions,
            "MyAtt: attn's bias has " + str(p.attnB.size()) + " values, expected " + str(positions));
    require(n <= positions, "MyAtt: V has " + str(n) + " rows but attn gives weights for at most " + str(positions) +
                                " positions (Linear(" + str(dq + dk) + " -> " + str(positions) +
                                ")); shorten V to " + str(positions) + " rows or fewer");
    require(p.combineW.cols() == dq + dv,
            "MyAtt: attn_combine takes " + str(p.combineW.cols()) + " inputs but [Q; applied] has " + str(dq + dv));
    require(p.combineB.size() == 0 || p.combineB.size() == p.combineW.rows(),
            "MyAtt: attn_combine's bias has " + str(p.combineB.size()) + " values, expected " +
                str(p.combineW.rows()));

    MyAttResult r;
    r.concatQK.resize(dq + dk);
    r.concatQK << q, k;
    r.logits = p.attnW * r.concatQK;
    if (p.attnB.size() > 0) {
        r.logits += p.attnB;
    }
    // Masking the positions past V's end (logit -inf) is the same as a softmax over the first n logits.
    r.weights = softmax(r.logits.head(n), temperature);
    r.maskedPositions = int(positions - n);
    r.applied = values.transpose() * r.weights;
    r.concatQA.resize(dq + dv);
    r.concatQA << q, r.applied;
    r.output = p.combineW * r.concatQA;
    if (p.combineB.size() > 0) {
        r.output += p.combineB;
    }
    return r;
}

} // namespace attn
