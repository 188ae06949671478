// LabPanel's "From a model…": run a trained model on a sentence, then let one of its decoder steps be the query.
#include "gui/labpanel.h"

#include "engine/modelregistry.h"
#include "gui/modelvectorsdialog.h"
#include "ui_labpanel.h"
#include "views/scoringlab.h"

#include <QSettings>
#include <QtConcurrent/QtConcurrentRun>

#include <cstdlib>

namespace attn {

namespace {

// The step whose attention peak lies farthest from the diagonal (reordered words show best), else the first.
int instructiveStep(const ModelVectors& v)
{
    int best = 0;
    long bestDistance = -1;
    for (Eigen::Index t = 0; t < v.attention.rows(); ++t) {
        Eigen::Index peak = 0;
        v.attention.row(t).maxCoeff(&peak);
        const long distance = std::labs(long(peak) - long(t));
        if (distance > bestDistance) {
            best = int(t);
            bestDistance = distance;
        }
    }
    return best;
}

} // namespace

QPushButton* LabPanel::modelButton() const
{
    return ui->modelButton;
}

QComboBox* LabPanel::stepCombo() const
{
    return ui->stepCombo;
}

QCheckBox* LabPanel::trainedCheck() const
{
    return ui->trainedCheck;
}

void LabPanel::chooseModel()
{
    QSettings settings;
    ModelVectorsDialog dialog(this);
    dialog.setModelDir(settings.value(QStringLiteral("lab/model")).toString());
    const QString text = settings.value(QStringLiteral("lab/text")).toString();
    if (!text.isEmpty()) {
        dialog.setText(text);
    }
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    settings.setValue(QStringLiteral("lab/model"), dialog.modelDir());
    settings.setValue(QStringLiteral("lab/text"), dialog.text());
    loadFromModel(dialog.modelDir(), dialog.text());
}

void LabPanel::loadFromModel(const QString& dir, const QString& text)
{
    if (m_modelWatcher.isRunning()) {
        return;
    }
    m_modelDir = dir;
    m_modelText = text;
    ui->modelButton->setEnabled(false);
    Q_EMIT statusMessage(tr("Running %1…").arg(dir));
    m_modelWatcher.setFuture(QtConcurrent::run([dir, text] {
        LabModelRun run;
        if (dir.isEmpty()) {
            run.error = tr("no model chosen (no shipped model folder was found; pick one with “Other folder…”)");
        } else if (text.trimmed().isEmpty()) {
            run.error = tr("the sentence is empty; type an English sentence");
        } else {
            try {
                run.vectors = readModelVectors(dir, text);
            } catch (const std::exception& e) {
                run.error = QString::fromUtf8(e.what());
            }
        }
        return run;
    }));
}

void LabPanel::modelRunDone()
{
    ui->modelButton->setEnabled(true);
    const LabModelRun run = m_modelWatcher.result();
    if (!run.error.isEmpty()) {
        // The lab keeps what it showed; the reason goes to the status bar.
        syncControlsFromLab();
        Q_EMIT errorOccurred(tr("From a model: %1").arg(run.error));
        Q_EMIT modelRunFinished(false);
        return;
    }
    showModelVectors(run.vectors);
    Q_EMIT modelRunFinished(true);
}

void LabPanel::showModelVectors(const ModelVectors& vectors, int step)
{
    m_lab->loadModelVectors(vectors, step >= 0 ? step : instructiveStep(vectors), ui->trainedCheck->isChecked());
    ui->exampleCombo->setCurrentIndex(kModelExample);
    m_exampleIndex = kModelExample;
    syncControlsFromLab();
    Q_EMIT statusMessage(QString()); // clears an earlier error
    QString message = tr("%1 read “%2” and wrote “%3”.")
                          .arg(vectors.model, vectors.keyTokens.join(QLatin1Char(' ')),
                               vectors.queryTokens.join(QLatin1Char(' ')));
    if (!vectors.unknownWords.isEmpty()) {
        message += QLatin1Char(' ') + tr("Unknown to the model, read as <unk>: %1.")
                                          .arg(vectors.unknownWords.join(QStringLiteral(", ")));
    }
    Q_EMIT statusMessage(message);
}

void LabPanel::syncModelControls()
{
    const bool model = m_lab->example() == ScoringLab::Example::Model;
    ui->stepLabel->setVisible(model);
    ui->stepCombo->setVisible(model);
    ui->trainedCheck->setVisible(model);
    // A model fixes the keys and the query; their rows would only take room.
    for (QWidget* w : {static_cast<QWidget*>(ui->queryRowLabel), static_cast<QWidget*>(ui->queryRowSpin),
                       static_cast<QWidget*>(ui->keyCountLabel), static_cast<QWidget*>(ui->keyCountSpin)}) {
        w->setVisible(!model);
    }
    if (!model) {
        return;
    }
    const ModelVectors& v = m_lab->modelVectors();
    const QSignalBlocker block(ui->stepCombo);
    ui->stepCombo->clear();
    for (int t = 0; t < v.steps(); ++t) {
        ui->stepCombo->addItem(QStringLiteral("%1: %2").arg(t + 1).arg(v.queryTokens.value(t)));
    }
    ui->stepCombo->setCurrentIndex(m_lab->modelStep());
    ui->trainedCheck->setEnabled(v.hasTrainedParams);
    ui->trainedCheck->setToolTip(
        v.hasTrainedParams ? tr("The %1 card uses %2's trained parameters, so it reproduces the model's attention; "
                                "the other cards use drawn parameters")
                                 .arg(v.score, v.model)
                           : v.score == QLatin1String("none")
                                 ? tr("%1 has no attention, so no scoring parameters").arg(v.model)
                                 : tr("%1 scores with %2, which has no parameters to train").arg(v.model, v.score));
}

} // namespace attn
