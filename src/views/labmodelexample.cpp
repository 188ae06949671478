#include "views/labmodelexample.h"

#include "views/heatmapview.h"
#include "views/scorefunctionlabel.h"

#include <QCoreApplication>
#include <cmath>

namespace attn {

// The texts keep the translation context they were filed under (the scoring lab's).

LabVectors LabModelExample::load(const ModelVectors& vectors, int step, bool trainedParams)
{
    const LabVectors v = modelLabVectors(vectors, step);
    m_vectors = vectors;
    m_step = step;
    m_useTrained = trainedParams;
    return v;
}

LabVectors LabModelExample::goToStep(int step)
{
    const LabVectors v = modelLabVectors(m_vectors, step);
    m_step = step;
    return v;
}

Eigen::VectorXd LabModelExample::weights() const
{
    if (m_step >= m_vectors.attention.rows()) {
        return {};
    }
    return m_vectors.attention.row(m_step).transpose();
}

QString LabModelExample::describe(const std::vector<ScoreRun>& runs, NormaliserKind kind,
                                  const NormaliserOptions& options, HeatmapView* heatmap) const
{
    const ModelVectors& m = m_vectors;
    const QString about =
        QCoreApplication::translate("attn::ScoringLab",
                                    "<b>%1</b> (trained with %2)<br>q = its decoder state at step %3, after the GRU "
                                    "update; it wrote “%4”.<br>k0…k%5 = its encoder states of the source tokens, also "
                                    "the values. Size %6.")
            .arg(m.model, m.score)
            .arg(m_step)
            .arg(m.queryTokens.value(m_step).toHtmlEscaped())
            .arg(m.keys.rows() - 1)
            .arg(m.keys.cols());
    const auto fn = scoreFunctionFromName(m.score.toStdString());
    const Eigen::VectorXd own = weights();
    if (!fn || own.size() == 0) {
        return about + QCoreApplication::translate("attn::ScoringLab",
                                                   "<p>This model has no attention: its decoder never scores these "
                                                   "states. The cards show what each function would do with them.</p>");
    }
    const int t = int(m.attention.rows()), s = int(m.attention.cols());
    std::vector<float> w;
    w.reserve(std::size_t(t) * s);
    QStringList steps;
    for (int r = 0; r < t; ++r) {
        steps << QStringLiteral("%1 %2").arg(r).arg(m.queryTokens.value(r));
        for (int c = 0; c < s; ++c) {
            w.push_back(float(m.attention(r, c)));
        }
    }
    heatmap->setMatrix(w, t, s, steps, m.keyTokens);
    heatmap->setValueRange(0.0, 1.0);
    heatmap->setAxisTitles(QCoreApplication::translate("attn::ScoringLab", "output word"),
                           QCoreApplication::translate("attn::ScoringLab", "source token"));
    heatmap->setTitle(
        QCoreApplication::translate("attn::ScoringLab", "The model's attention (q = row %1)").arg(m_step));

    const QString name = scoreFunctionLabel(*fn);
    const bool learned = *fn != ScoreFunction::Dot && *fn != ScoreFunction::ScaledDot && *fn != ScoreFunction::Cosine;
    QString match;
    if (kind != NormaliserKind::Softmax || std::abs(options.temperature - 1.0) > 1e-9) {
        match = QCoreApplication::translate(
                    "attn::ScoringLab",
                    "The model uses a plain softmax: choose Soft and T = 1 to see its row on the %1 card.")
                    .arg(name);
    } else if (learned && !usesTrainedParams()) {
        match = QCoreApplication::translate("attn::ScoringLab", "The %1 card uses drawn parameters, not the model's: "
                                                                "switch to its trained ones to see its row.")
                    .arg(name);
    } else {
        double diff = 0.0;
        for (const ScoreRun& run : runs) {
            if (run.function == *fn && run.weights.size() == own.size()) {
                diff = (run.weights - own).cwiseAbs().maxCoeff();
            }
        }
        match = QCoreApplication::translate("attn::ScoringLab",
                                            "The <b>%1</b> card computes what the model computed: its weights are row "
                                            "%2 of the map (largest difference %3).")
                    .arg(name)
                    .arg(m_step)
                    .arg(QString::number(diff, 'g', 1));
    }
    return about + QStringLiteral("<p>") + match + QStringLiteral("</p>");
}

} // namespace attn
