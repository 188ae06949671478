#pragma once

#include "core/labexamples.h"
#include "core/scoring.h"

#include <Eigen/Dense>

#include <QString>
#include <QStringList>

namespace attn {

// The vectors one run of a trained encoder-decoder scored, for the scoring lab: at output step t the model
// scored queries.row(t) (its decoder state) against every row of keys (its encoder states) and weighed them
// into attention.row(t). The engine fills it (Seq2SeqModel::hiddenStates); the lab replays the step with every
// scoring function.
struct ModelVectors
{
    QString model;            // folder name, "seq2seq-dot"
    QString score;            // the scoring function the model was trained with, core name, or "none"
    QStringList keyTokens;    // S source tokens, unknown words as "<unk>"
    QStringList queryTokens;  // T output tokens: row t is the query that chose queryTokens[t]
    Eigen::MatrixXd keys;     // (S, dk): also the values
    Eigen::MatrixXd queries;  // (T, dq)
    Eigen::MatrixXd attention; // (T, S): the model's own weights, rows sum to 1; empty without attention
    // The trained parameters of `score` (only its fields are filled); valid when hasTrainedParams.
    bool hasTrainedParams = false;
    ScoreParams trainedParams;
    QStringList unknownWords; // source words the model does not know (read as <unk>)

    int steps() const { return int(queries.rows()); }
};

// The lab's view of step t: q = queries.row(t) labelled with its output word, keys labelled with the source
// tokens. Throws std::invalid_argument when t is outside 0..steps()-1.
LabVectors modelLabVectors(const ModelVectors& vectors, int step);

// `drawn` with the fields of the model's own scoring function replaced by its trained parameters (when it has
// any), so the lab's card for that function computes what the model computed.
ScoreParams withTrainedParams(const ScoreParams& drawn, const ModelVectors& vectors);

} // namespace attn
