#include "gui/scorespanel.h"

#include "core/scorerun.h"
#include "core/vectorparse.h"
#include "ui_scorespanel.h"
#include "views/heatmapview.h"
#include "views/scoresheatmap.h"

#include <QVBoxLayout>

#include <stdexcept>

namespace attn {

ScoresPanel::ScoresPanel(QWidget* parent) : Panel(parent), ui(std::make_unique<Ui::ScoresPanel>())
{
    ui->setupUi(this);
    m_heatmap = new HeatmapView(ui->heatmapHost);
    auto* layout = new QVBoxLayout(ui->heatmapHost);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_heatmap);

    ui->modeCombo->addItem(tr("Soft (softmax)"), QStringLiteral("soft"));
    ui->modeCombo->addItem(tr("Hard (argmax)"), QStringLiteral("hard"));
    ui->modeCombo->addItem(tr("Hard (sampled, seeded)"), QStringLiteral("sampled"));
    ui->modeCombo->addItem(tr("Local (window, Gaussian)"), QStringLiteral("local"));
    ui->hoverLabel->setText(tr("Hover a cell to read its exact weight."));
    setExample(QStringLiteral("1, 0"), QStringLiteral("1, 0\n0, 1\n-1, 0\n0.7, 0.7"));

    connect(ui->queryEdit, &QLineEdit::textChanged, this, &ScoresPanel::recompute);
    connect(ui->keysEdit, &QPlainTextEdit::textChanged, this, &ScoresPanel::recompute);
    connect(ui->modeCombo, &QComboBox::currentIndexChanged, this, &ScoresPanel::recompute);
    connect(ui->temperatureSpin, &QDoubleSpinBox::valueChanged, this, &ScoresPanel::recompute);
    connect(ui->windowSpin, &QSpinBox::valueChanged, this, &ScoresPanel::recompute);
    connect(ui->centreSpin, &QDoubleSpinBox::valueChanged, this, &ScoresPanel::recompute);
    connect(ui->seedSpin, &QSpinBox::valueChanged, this, &ScoresPanel::recompute);
    connect(m_heatmap, &HeatmapView::cellHovered, this, [this](int row, int col, double value) {
        const QString text = tr("%1 gives key %2 the weight %3")
                                 .arg(m_heatmap->visibleRowLabels().value(row, QString::number(row)))
                                 .arg(col)
                                 .arg(value, 0, 'f', 6);
        ui->hoverLabel->setText(text);
        Q_EMIT statusMessage(text);
    });
    recompute();
}

ScoresPanel::~ScoresPanel() = default;

QString ScoresPanel::title() const
{
    return tr("Scoring functions");
}

bool ScoresPanel::exportView(const QString& path, QString* error)
{
    return m_heatmap->exportTo(path, error);
}

void ScoresPanel::setColorMap(ColorMap map)
{
    m_heatmap->setColorMap(map);
}

void ScoresPanel::setExample(const QString& query, const QString& keysOnePerLine)
{
    const QSignalBlocker b1(ui->queryEdit);
    const QSignalBlocker b2(ui->keysEdit);
    ui->queryEdit->setText(query);
    ui->keysEdit->setPlainText(keysOnePerLine);
    recompute();
}

QString ScoresPanel::query() const
{
    return ui->queryEdit->text();
}

QString ScoresPanel::keys() const
{
    return ui->keysEdit->toPlainText();
}

void ScoresPanel::recompute()
{
    ScoreRequest request;
    std::vector<ScoreRun> runs;
    try {
        request.query = parseVector(ui->queryEdit->text(), tr("query"));
        QStringList lines = ui->keysEdit->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (auto& l : lines) {
            l = l.trimmed();
        }
        lines.removeAll(QString());
        request.keys = parseMatrix(lines.join(QLatin1Char(';')), tr("key"));
        request.normaliser = *normaliserFromName(ui->modeCombo->currentData().toString().toStdString());
        request.options.temperature = ui->temperatureSpin->value();
        request.options.halfWidth = ui->windowSpin->value();
        request.options.centre = ui->centreSpin->value();
        request.options.seed = unsigned(ui->seedSpin->value());
        request.paramSeed = unsigned(ui->seedSpin->value());
        runs = runScores(request);
    } catch (const std::invalid_argument& e) {
        // Keep the last good picture and say what is wrong; typing is never interrupted by a dialog.
        Q_EMIT errorOccurred(QString::fromStdString(e.what()));
        return;
    }
    Q_EMIT statusMessage(QString());
    showScoreRuns(m_heatmap, runs, keyLabels(request.keys));
}

} // namespace attn
