// ScoringLab's model half: a trained model's vectors, one output step at a time, beside the model's own attention.
#include "views/heatmapview.h"
#include "views/labstyle.h"
#include "views/scorefunctionlabel.h"
#include "views/scoringlab.h"

#include <QLabel>
#include <QStackedWidget>
#include <cmath>
#include <stdexcept>

namespace attn {

void ScoringLab::loadModelVectors(const ModelVectors& vectors, int step, bool trainedParams)
{
    try {
        const LabVectors v = modelLabVectors(vectors, step);
        m_model = vectors;
        m_modelStep = step;
        m_useTrained = trainedParams;
        m_example = Example::Model;
        m_exampleEdited = false;
        m_kind = NormaliserKind::Softmax; // the models normalise with a plain softmax
        m_options.temperature = 1.0;
        if (const auto fn = scoreFunctionFromName(vectors.score.toStdString())) {
            selectFunction(*fn);
        }
        m_vectors = v;
        drawParamsForVectors();
        recompute();
    } catch (const std::invalid_argument& e) {
        setError(QString::fromStdString(e.what()));
    }
}

void ScoringLab::setModelStep(int step)
{
    if (m_example != Example::Model) {
        return;
    }
    try {
        m_vectors = modelLabVectors(m_model, step); // same sizes: the parameters stay
        m_modelStep = step;
        m_exampleEdited = false;
        recompute();
    } catch (const std::invalid_argument& e) {
        setError(QString::fromStdString(e.what()));
    }
}

void ScoringLab::setUseTrainedParams(bool on)
{
    m_useTrained = on;
    if (m_example == Example::Model) {
        drawParamsForVectors();
        recompute();
    }
}

Eigen::VectorXd ScoringLab::modelWeights() const
{
    if (m_example != Example::Model || m_modelStep >= m_model.attention.rows()) {
        return {};
    }
    return m_model.attention.row(m_modelStep).transpose();
}

void ScoringLab::updateModelInfo(const QString& edited)
{
    const ModelVectors& m = m_model;
    m_infoStack->setCurrentIndex(0);
    const QString about =
        tr("<b>%1</b> (trained with %2)<br>q = its decoder state at step %3, after the GRU update; it wrote "
           "“%4”.<br>k0…k%5 = its encoder states of the source tokens, also the values. Size %6.")
            .arg(m.model, m.score)
            .arg(m_modelStep)
            .arg(m.queryTokens.value(m_modelStep).toHtmlEscaped())
            .arg(m.keys.rows() - 1)
            .arg(m.keys.cols());
    const auto fn = scoreFunctionFromName(m.score.toStdString());
    const Eigen::VectorXd own = modelWeights();
    if (!fn || own.size() == 0) {
        setInfoText(m_infoLabel, about +
                                     tr("<p>This model has no attention: its decoder never scores these states. "
                                        "The cards show what each function would do with them.</p>") +
                                     edited);
        return;
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
    m_modelHeatmap->setMatrix(w, t, s, steps, m.keyTokens);
    m_modelHeatmap->setValueRange(0.0, 1.0);
    m_modelHeatmap->setAxisTitles(tr("output word"), tr("source token"));
    m_modelHeatmap->setTitle(tr("The model's attention (q = row %1)").arg(m_modelStep));

    const QString name = scoreFunctionLabel(*fn);
    const bool learned = *fn != ScoreFunction::Dot && *fn != ScoreFunction::ScaledDot && *fn != ScoreFunction::Cosine;
    QString match;
    if (m_kind != NormaliserKind::Softmax || std::abs(m_options.temperature - 1.0) > 1e-9) {
        match = tr("The model uses a plain softmax: choose Soft and T = 1 to see its row on the %1 card.").arg(name);
    } else if (learned && !usesTrainedParams()) {
        match = tr("The %1 card uses drawn parameters, not the model's: switch to its trained ones to see its row.")
                    .arg(name);
    } else {
        double diff = 0.0;
        for (const ScoreRun& run : m_runs) {
            if (run.function == *fn && run.weights.size() == own.size()) {
                diff = (run.weights - own).cwiseAbs().maxCoeff();
            }
        }
        match = tr("The <b>%1</b> card computes what the model computed: its weights are row %2 of the map "
                   "(largest difference %3).")
                    .arg(name)
                    .arg(m_modelStep)
                    .arg(QString::number(diff, 'g', 1));
    }
    setInfoText(m_infoLabel, about + QStringLiteral("<p>") + match + QStringLiteral("</p>") + edited);
}

} // namespace attn
