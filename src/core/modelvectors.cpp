#include "core/modelvectors.h"

#include <stdexcept>

namespace attn {

LabVectors modelLabVectors(const ModelVectors& vectors, int step)
{
    if (step < 0 || step >= vectors.steps()) {
        throw std::invalid_argument(QStringLiteral("%1: step %2 is outside 0..%3")
                                        .arg(vectors.model)
                                        .arg(step)
                                        .arg(vectors.steps() - 1)
                                        .toStdString());
    }
    LabVectors v;
    v.query = vectors.queries.row(step).transpose();
    v.keys = vectors.keys;
    v.queryLabel = vectors.queryTokens.value(step);
    v.keyLabels = vectors.keyTokens;
    return v;
}

ScoreParams withTrainedParams(const ScoreParams& drawn, const ModelVectors& vectors)
{
    ScoreParams p = drawn;
    if (!vectors.hasTrainedParams) {
        return p;
    }
    const ScoreParams& t = vectors.trainedParams;
    switch (scoreFunctionFromName(vectors.score.toStdString()).value_or(ScoreFunction::Dot)) {
    case ScoreFunction::General: p.general = t.general; break;
    case ScoreFunction::ConcatLinear:
        p.concatW = t.concatW;
        p.concatBias = t.concatBias;
        break;
    case ScoreFunction::ConcatTanh:
        p.concatTanhW = t.concatTanhW;
        p.concatTanhBias = t.concatTanhBias;
        break;
    case ScoreFunction::Additive:
        p.additiveW = t.additiveW;
        p.additiveU = t.additiveU;
        p.additiveV = t.additiveV;
        break;
    case ScoreFunction::Location:
        p.location = t.location;
        p.locationBias = t.locationBias;
        break;
    case ScoreFunction::Dot:
    case ScoreFunction::ScaledDot:
    case ScoreFunction::Cosine: break; // nothing learned in the score itself
    }
    return p;
}

} // namespace attn
