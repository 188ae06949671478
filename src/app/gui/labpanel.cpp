#include "gui/labpanel.h"

#include "gui/modelvectorsdialog.h"
#include "gui/threestepsdialog.h"
#include "ui_labpanel.h"
#include "views/exporter.h"
#include "views/labstyle.h"
#include "views/scoringlab.h"

#include <QFileDialog>
#include <QSettings>
#include <QHeaderView>
#include <QVBoxLayout>

#include <cmath>

namespace attn {

namespace {

enum ParamId
{
    kGeneralW,
    kConcatW,
    kConcatB,
    kConcatTanhW,
    kConcatTanhB,
    kAdditiveW,
    kAdditiveU,
    kAdditiveV,
    kLocation
};

// The parameter shown in the table, as a matrix (vectors are one row).
Eigen::MatrixXd paramMatrix(const ScoreParams& p, int id)
{
    switch (id) {
    case kGeneralW: return p.general;
    case kConcatW: return p.concatW.transpose();
    case kConcatB: return Eigen::MatrixXd::Constant(1, 1, p.concatBias);
    case kConcatTanhW: return p.concatTanhW;
    case kConcatTanhB: return p.concatTanhBias.transpose();
    case kAdditiveW: return p.additiveW;
    case kAdditiveU: return p.additiveU;
    case kAdditiveV: return p.additiveV.transpose();
    case kLocation: return p.location;
    }
    return {};
}

void setParamEntry(ScoreParams& p, int id, int row, int col, double value)
{
    switch (id) {
    case kGeneralW: p.general(row, col) = value; break;
    case kConcatW: p.concatW(col) = value; break;
    case kConcatB: p.concatBias = value; break;
    case kConcatTanhW: p.concatTanhW(row, col) = value; break;
    case kConcatTanhB: p.concatTanhBias(col) = value; break;
    case kAdditiveW: p.additiveW(row, col) = value; break;
    case kAdditiveU: p.additiveU(row, col) = value; break;
    case kAdditiveV: p.additiveV(col) = value; break;
    case kLocation: p.location(row, col) = value; break;
    }
}

// A random set of vectors of size 8 for the heatmap mode, always the same.
LabVectors highDimensionalExample()
{
    const ScoreParams p = ScoreParams::random(8, 8, 8, 6, 7);
    return {p.location.row(0).transpose() * 2.0, p.location.bottomRows(5) * 2.0, {}};
}

LabVectors edgeCaseExample()
{
    LabVectors v;
    v.query = Eigen::Vector2d(1.0, 0.4);
    v.keys.resize(3, 2);
    v.keys << 0.0, 0.0, // a zero-length key: cosine is defined as 0 for it
        0.8, 0.8,       // two identical keys: equal scores everywhere
        0.8, 0.8;
    return v;
}

} // namespace

LabPanel::LabPanel(QWidget* parent) : Panel(parent), ui(std::make_unique<Ui::LabPanel>())
{
    ui->setupUi(this);
    m_lab = new ScoringLab(ui->labHost);
    auto* layout = new QVBoxLayout(ui->labHost);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_lab);
    // Large type: the lab is meant for a projector.
    QFont big = ui->controls->font();
    big.setPixelSize(15);
    ui->controls->setFont(big);

    ui->modeCombo->addItem(tr("Soft (softmax)"), int(NormaliserKind::Softmax));
    ui->modeCombo->addItem(tr("Hard (argmax)"), int(NormaliserKind::Hard));
    ui->modeCombo->addItem(tr("Hard (sampled, seeded)"), int(NormaliserKind::SampledHard));
    ui->modeCombo->addItem(tr("Local (window)"), int(NormaliserKind::Local));
    ui->exampleCombo->addItems({tr("Your vectors (drag them)"), tr("Course notes 1: self-attention (scaled dot)"),
                                tr("Course notes: the three Q/K/V rules"), tr("Edge cases: zero key, identical keys"),
                                tr("Vectors of size 8 (heatmap)"), tr("A trained model's vectors")});
    ui->paramCombo->addItems({tr("general: W"), tr("concat linear: w"), tr("concat linear: b"),
                              tr("concat tanh: W"), tr("concat tanh: b"), tr("additive: W"), tr("additive: U"),
                              tr("additive: v"), tr("location: W_a")});
    ui->paramTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    ui->paramTable->verticalHeader()->setDefaultSectionSize(24);

    connect(ui->modeCombo, &QComboBox::currentIndexChanged, this, &LabPanel::applyOptions);
    connect(ui->temperatureSlider, &QSlider::valueChanged, this, &LabPanel::applyOptions);
    connect(ui->seedSpin, &QSpinBox::valueChanged, this, &LabPanel::applyOptions);
    connect(ui->windowSpin, &QSpinBox::valueChanged, this, &LabPanel::applyOptions);
    connect(ui->centreSpin, &QDoubleSpinBox::valueChanged, this, &LabPanel::applyOptions);
    connect(ui->renormaliseCheck, &QCheckBox::toggled, this, &LabPanel::applyOptions);
    connect(ui->exampleCombo, &QComboBox::activated, this, &LabPanel::loadExample);
    connect(ui->queryRowSpin, &QSpinBox::valueChanged, this, [this] {
        if (ui->exampleCombo->currentIndex() == 1) {
            loadExample(1);
        }
    });
    connect(ui->keyCountSpin, &QSpinBox::valueChanged, this, [this](int n) {
        if (!m_syncing) {
            m_lab->setKeyCount(n);
        }
    });
    connect(ui->loadButton, &QPushButton::clicked, this, &LabPanel::chooseVectorsFile);
    auto* animate = new QPushButton(tr("&Animate the three steps…"), this);
    animate->setObjectName(QStringLiteral("animateButton"));
    animate->setToolTip(tr("Score, normalise, weighted sum, step by step, for these vectors"));
    ui->vectorsForm->addRow(animate);
    connect(animate, &QPushButton::clicked, this, [this] { (new ThreeStepsWindow(m_lab, this))->show(); });
    connect(ui->modelButton, &QPushButton::clicked, this, &LabPanel::chooseModel);
    connect(&m_session, &LabSession::modelRead, this, &LabPanel::modelRunDone);
    connect(&m_session, &LabSession::failed, this, &LabPanel::modelRunFailed);
    connect(ui->stepCombo, &QComboBox::currentIndexChanged, this, [this](int step) {
        if (!m_syncing && step >= 0) {
            m_lab->setModelStep(step);
        }
    });
    connect(m_lab, &ScoringLab::modelStepChanged, this, [this](int step) {
        const QSignalBlocker block(ui->stepCombo);
        ui->stepCombo->setCurrentIndex(step);
    });
    connect(ui->trainedCheck, &QCheckBox::toggled, this, [this](bool on) {
        m_lab->setUseTrainedParams(on);
        showParam();
    });
    connect(ui->paramCombo, &QComboBox::currentIndexChanged, this, &LabPanel::showParam);
    connect(ui->paramTable, &QTableWidget::cellChanged, this, &LabPanel::paramEdited);
    connect(ui->redrawButton, &QPushButton::clicked, this, [this] { redrawParams(ui->paramSeedSpin->value()); });
    connect(m_lab, &ScoringLab::errorChanged, this, [this](const QString& message) {
        if (message.isEmpty()) {
            Q_EMIT statusMessage(QString());
        } else {
            Q_EMIT errorOccurred(tr("Scoring lab: %1").arg(message));
        }
    });
    applyOptions();
    syncControlsFromLab();
}

LabPanel::~LabPanel() = default;

QString LabPanel::title() const
{
    return tr("Scoring lab");
}

bool LabPanel::exportView(const QString& path, QString* error)
{
    return exportWidget(m_lab, path, error);
}

void LabPanel::setColorMap(ColorMap map)
{
    m_lab->setColorMap(map);
}

QSlider* LabPanel::temperatureSlider() const
{
    return ui->temperatureSlider;
}

QComboBox* LabPanel::modeCombo() const
{
    return ui->modeCombo;
}

QComboBox* LabPanel::exampleCombo() const
{
    return ui->exampleCombo;
}

QComboBox* LabPanel::paramCombo() const
{
    return ui->paramCombo;
}

QTableWidget* LabPanel::paramTable() const
{
    return ui->paramTable;
}

QStringList LabPanel::exampleIds()
{
    return {QStringLiteral("vectors"), QStringLiteral("self-attention"), QStringLiteral("course-rules"),
            QStringLiteral("edge-cases"), QStringLiteral("size-8")};
}

double LabPanel::temperatureForSlider(int position)
{
    return 0.05 * std::pow(400.0, std::clamp(position, 0, 100) / 100.0);
}

void LabPanel::applyOptions()
{
    if (m_syncing) {
        return;
    }
    const auto kind = NormaliserKind(ui->modeCombo->currentData().toInt());
    NormaliserOptions o;
    o.temperature = temperatureForSlider(ui->temperatureSlider->value());
    o.seed = unsigned(ui->seedSpin->value());
    o.halfWidth = ui->windowSpin->value();
    o.centre = ui->centreSpin->value();
    o.renormaliseLocal = ui->renormaliseCheck->isChecked();
    ui->temperatureValue->setText(formatLabNumber(o.temperature));
    const bool local = kind == NormaliserKind::Local;
    ui->windowSpin->setEnabled(local);
    ui->centreSpin->setEnabled(local);
    ui->renormaliseCheck->setEnabled(local);
    ui->seedSpin->setEnabled(kind == NormaliserKind::SampledHard);
    ui->temperatureSlider->setEnabled(kind != NormaliserKind::Hard); // argmax does not see T
    m_lab->setOptions(o);
    m_lab->setNormaliser(kind);
}

// After an example sets the mode or the sizes itself, the controls follow the lab.
void LabPanel::syncControlsFromLab()
{
    m_syncing = true;
    ui->modeCombo->setCurrentIndex(ui->modeCombo->findData(int(m_lab->normaliser())));
    const double t = m_lab->options().temperature;
    ui->temperatureSlider->setValue(int(std::lround(std::log(t / 0.05) / std::log(400.0) * 100.0)));
    ui->temperatureValue->setText(formatLabNumber(t));
    ui->keyCountSpin->setValue(int(m_lab->vectors().keys.rows()));
    ui->keyCountSpin->setEnabled(m_lab->example() == ScoringLab::Example::None);
    ui->queryRowSpin->setEnabled(ui->exampleCombo->currentIndex() == 1);
    m_syncing = false;
    syncModelControls();
    showParam();
}

void LabPanel::showParam()
{
    const Eigen::MatrixXd m = paramMatrix(m_lab->params(), ui->paramCombo->currentIndex());
    const QSignalBlocker block(ui->paramTable);
    ui->paramTable->setRowCount(int(m.rows()));
    ui->paramTable->setColumnCount(int(m.cols()));
    // Rows and columns count from 0, as everything a person reads here (QTableWidget's own headers start at 1).
    QStringList rows, cols;
    for (int r = 0; r < m.rows(); ++r) {
        rows << QString::number(r);
    }
    for (int c = 0; c < m.cols(); ++c) {
        cols << QString::number(c);
    }
    ui->paramTable->setVerticalHeaderLabels(rows);
    ui->paramTable->setHorizontalHeaderLabels(cols);
    for (int r = 0; r < m.rows(); ++r) {
        for (int c = 0; c < m.cols(); ++c) {
            ui->paramTable->setItem(r, c, new QTableWidgetItem(QString::number(m(r, c), 'f', 3)));
        }
    }
}

void LabPanel::paramEdited(int row, int col)
{
    bool ok = false;
    const QString text = ui->paramTable->item(row, col)->text().trimmed();
    const double value = text.toDouble(&ok);
    if (!ok || !std::isfinite(value)) {
        Q_EMIT errorOccurred(tr("Scoring lab: '%1' is not a number; %2 keeps its value")
                                 .arg(text, ui->paramCombo->currentText()));
        showParam();
        return;
    }
    ScoreParams p = m_lab->params();
    setParamEntry(p, ui->paramCombo->currentIndex(), row, col, value);
    m_lab->setParams(p);
}

void LabPanel::redrawParams(int seed)
{
    ui->paramSeedSpin->setValue(seed);
    m_lab->redrawParams(unsigned(seed));
    showParam();
}

void LabPanel::loadExample(int index)
{
    ui->exampleCombo->setCurrentIndex(index);
    switch (index) {
    case 1: m_lab->loadSelfAttentionExample(ui->queryRowSpin->value()); break;
    case 2: m_lab->loadCourseRulesExample(); break;
    case 3: m_lab->setVectors(edgeCaseExample()); break;
    case 4: m_lab->setVectors(highDimensionalExample()); break;
    case kModelExample:
        if (m_lab->modelVectors().steps() == 0) {
            ui->exampleCombo->setCurrentIndex(m_exampleIndex); // until a model has run
            chooseModel();
            return;
        }
        m_lab->loadModelVectors(m_lab->modelVectors(), m_lab->modelStep(), ui->trainedCheck->isChecked());
        break;
    default: m_lab->setVectors(ScoringLab::defaultVectors()); break;
    }
    m_exampleIndex = index;
    if ((index >= 3 && index != kModelExample) || index == 0) {
        applyOptions(); // plain examples keep the user's mode and temperature
    }
    syncControlsFromLab();
}

void LabPanel::loadVectorsFile(const QString& path)
{
    m_lab->loadVectorsFile(path);
    syncControlsFromLab();
}

void LabPanel::chooseVectorsFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Load vectors"), QString(),
                                                      tr("Vector files (*.txt *.vec);;All files (*)"));
    if (!path.isEmpty()) {
        loadVectorsFile(path);
    }
}

// "From a model…": run a trained model on a sentence, then let one of its decoder steps be the query.

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
    ui->modelButton->setEnabled(false);
    Q_EMIT statusMessage(tr("Running %1…").arg(dir));
    m_session.runModel(dir, text);
}

void LabPanel::modelRunFailed(const QString& message)
{
    ui->modelButton->setEnabled(true);
    // The lab keeps what it showed; the reason goes to the status bar.
    syncControlsFromLab();
    Q_EMIT errorOccurred(tr("From a model: %1").arg(message));
    Q_EMIT modelRunFinished(false);
}

void LabPanel::modelRunDone()
{
    ui->modelButton->setEnabled(true);
    showModelVectors(m_session.vectors());
    Q_EMIT modelRunFinished(true);
}

void LabPanel::showModelVectors(const ModelVectors& vectors, int step)
{
    m_lab->loadModelVectors(vectors, step >= 0 ? step : LabSession::instructiveStep(vectors), ui->trainedCheck->isChecked());
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
        ui->stepCombo->addItem(QStringLiteral("%1: %2").arg(t).arg(v.queryTokens.value(t)));
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
