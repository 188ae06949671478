#include "core/scorerun.h"

#include <algorithm>
#include <stdexcept>

namespace attn {

ScoreParams effectiveParams(const ScoreRequest& request)
{
    if (request.hasParams) {
        return request.params;
    }
    const int dq = int(request.query.size());
    const int dk = int(request.keys.cols());
    return ScoreParams::random(dq, dk, std::max(dk, 1), int(request.keys.rows()), request.paramSeed);
}

std::vector<ScoreRun> runScores(const ScoreRequest& request)
{
    if (request.keys.rows() == 0) {
        throw std::invalid_argument("no keys given");
    }
    if (request.values.size() > 0 && request.values.rows() != request.keys.rows()) {
        throw std::invalid_argument("there are " + std::to_string(request.keys.rows()) + " keys but " +
                                    std::to_string(request.values.rows()) + " values");
    }
    if (!request.query.allFinite() || !request.keys.allFinite()) {
        throw std::invalid_argument("query or keys contain NaN or infinite values");
    }
    const ScoreParams params = effectiveParams(request);
    const Eigen::MatrixXd& values = request.values.size() > 0 ? request.values : request.keys;
    std::vector<ScoreRun> out;
    for (ScoreFunction fn : request.functions) {
        ScoreRun run{fn, score(fn, request.query, request.keys, params), {}, {}};
        run.weights = normalise(request.normaliser, run.scores, request.options);
        run.context = weightedSum(run.weights, values);
        out.push_back(std::move(run));
    }
    return out;
}

} // namespace attn
