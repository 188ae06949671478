#pragma once

#include <Eigen/Dense>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <vector>

namespace attn {

// One caption written by an image captioner and where it looked for each word (DESIGN.md section 3, `caption`).
// alphas[t] is a (gridRows, gridCols) map over the encoder's feature grid for word t; each sums to 1.
// betas[t] in [0, 1] is the gate on the attended context (Xu et al. 2015, section 4.2.1): low for words the
// language model can write without looking.
struct CaptionResult
{
    QString modelName;
    QStringList words;
    int gridRows = 0;
    int gridCols = 0;
    std::vector<Eigen::MatrixXf> alphas; // steps x (gridRows, gridCols)
    std::vector<float> betas;            // steps
    double logProbability = 0.0;         // of the whole caption under the model (beam score)

    int steps() const { return int(words.size()); }
    QString sentence() const { return words.join(QLatin1Char(' ')); }
    // Throws std::invalid_argument naming the first problem: counts differ, a map of the wrong shape, a map
    // that does not sum to 1 within tolerance or has a negative or non-finite entry, a beta outside [0, 1].
    void validate(double tolerance = 1e-5) const;
};

// {"model": name, "words": [...], "grid": [rows, cols], "alphas": steps x rows x cols, "betas": [...]}
QJsonObject captionResultToJson(const CaptionResult& result);
// The inverse; throws std::invalid_argument naming the missing or malformed field.
CaptionResult captionResultFromJson(const QJsonObject& object);

} // namespace attn
