#include "gui/generatepanel.h"

#include "gui/generationtext.h"
#include "ui_generatepanel.h"
#include "views/heatmapview.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>
#include <QShortcut>
#include <QVBoxLayout>

namespace attn {

namespace {

enum class ViewMode
{
    HeadsOfLayer, // this token's row for every head of the chosen layer
    CausalMap     // the chosen head's full map up to this token
};

} // namespace

GeneratePanel::GeneratePanel(QWidget* parent) : Panel(parent), ui(std::make_unique<Ui::GeneratePanel>())
{
    ui->setupUi(this);
    m_heatmap = new HeatmapView(ui->heatmapHost);
    auto* layout = new QVBoxLayout(ui->heatmapHost);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_heatmap);
    m_heatmap->setValueRange(0.0, 1.0);
    m_heatmap->setShowValues(false);

    ui->exampleCombo->addItem(tr("Pronoun: … named Lily. She"),
                              QStringLiteral("Once upon a time, there was a little girl named Lily. She"));
    ui->exampleCombo->addItem(tr("Once upon a time"), QStringLiteral("Once upon a time"));
    ui->exampleCombo->addItem(tr("Tom and his dog"), QStringLiteral("Tom had a small dog. One day, the dog"));
    ui->decodingCombo->addItem(tr("Greedy (most likely token)"));
    ui->decodingCombo->addItem(tr("Sample (temperature, seed)"));
    ui->viewCombo->addItem(tr("This token, every head of the layer"));
    ui->viewCombo->addItem(tr("Causal map of the head up to this token"));
    ui->promptEdit->setPlainText(ui->exampleCombo->currentData().toString());
    ui->infoLabel->setText(tr("Open a llama2.c checkpoint (for example stories260K.bin with tok512.bin beside it) or "
                              "a Hugging Face decoder folder (gpt2, llama, mistral, qwen2)."));

    // The last checkpoint used, else the shipped one, so the tab never opens empty when a model is installed.
    const QSettings settings;
    QString checkpoint = settings.value(QStringLiteral("generate/checkpoint")).toString();
    QString tokenizer = settings.value(QStringLiteral("generate/tokenizer")).toString();
    if (checkpoint.isEmpty() || !QFileInfo::exists(checkpoint)) {
        checkpoint = GenerateSession::shippedCheckpoint();
        tokenizer.clear();
    }
    ui->checkpointEdit->setText(checkpoint);
    ui->tokenizerEdit->setText(tokenizer);
    // A Hugging Face folder brings its own tokenizer.
    auto modelChanged = [this] {
        const bool folder = QFileInfo(ui->checkpointEdit->text().trimmed()).isDir();
        ui->tokenizerEdit->setEnabled(!folder);
        ui->tokenizerEdit->setPlaceholderText(folder ? tr("the folder's own") : tr("found beside the checkpoint"));
        ui->tokenizerButton->setEnabled(!folder && !isBusy());
    };
    modelChanged();
    connect(ui->checkpointEdit, &QLineEdit::textChanged, this, modelChanged);

    auto samplingChanged = [this] {
        const bool sampling = ui->decodingCombo->currentIndex() == 1;
        ui->temperatureSpin->setEnabled(sampling);
        ui->seedSpin->setEnabled(sampling);
    };
    samplingChanged();
    connect(ui->decodingCombo, &QComboBox::currentIndexChanged, this, samplingChanged);
    connect(ui->exampleCombo, &QComboBox::activated, this,
            [this] { ui->promptEdit->setPlainText(ui->exampleCombo->currentData().toString()); });
    connect(ui->checkpointButton, &QPushButton::clicked, this, &GeneratePanel::chooseCheckpoint);
    connect(ui->tokenizerButton, &QPushButton::clicked, this, &GeneratePanel::chooseTokenizer);
    connect(ui->generateButton, &QPushButton::clicked, this, &GeneratePanel::generate);
    connect(ui->cancelButton, &QPushButton::clicked, this, &GeneratePanel::cancel);
    connect(&m_session, &GenerateSession::generated, this, &GeneratePanel::finished);
    connect(&m_session, &GenerateSession::failed, this, &GeneratePanel::failed);
    connect(&m_session, &GenerateSession::busyChanged, this, &GeneratePanel::setBusy);
    connect(&m_session, &GenerateSession::progressChanged, this, [this](int done, int total) {
        ui->progressBar->setRange(0, std::max(1, total));
        ui->progressBar->setValue(done);
    });

    connect(ui->stepSlider, &QSlider::valueChanged, this, &GeneratePanel::setCurrentToken);
    connect(ui->firstButton, &QToolButton::clicked, this, [this] { setCurrentToken(0); });
    connect(ui->prevButton, &QToolButton::clicked, this, [this] { setCurrentToken(m_current - 1); });
    connect(ui->nextButton, &QToolButton::clicked, this, [this] { setCurrentToken(m_current + 1); });
    connect(ui->lastButton, &QToolButton::clicked, this,
            [this] { setCurrentToken(int(generation().tokens.size()) - 1); });
    for (auto* combo : {ui->layerCombo, ui->headCombo, ui->viewCombo}) {
        connect(combo, &QComboBox::currentIndexChanged, this, &GeneratePanel::showStep);
    }
    connect(m_heatmap, &HeatmapView::cellHovered, this, [this](int row, int col, double value) {
        Q_EMIT statusMessage(tr("%1 → %2: %3")
                                 .arg(m_heatmap->visibleRowLabels().value(row), generation().labels.value(col))
                                 .arg(value, 0, 'f', 4));
    });
    // Alt+arrows step through tokens wherever the focus is in the panel (plain arrows edit the prompt).
    auto* back = new QShortcut(QKeySequence(Qt::ALT | Qt::Key_Left), this);
    auto* forward = new QShortcut(QKeySequence(Qt::ALT | Qt::Key_Right), this);
    connect(back, &QShortcut::activated, this, [this] { setCurrentToken(m_current - 1); });
    connect(forward, &QShortcut::activated, this, [this] { setCurrentToken(m_current + 1); });
    setBusy(false);
    showStep();
}

GeneratePanel::~GeneratePanel() = default;

QString GeneratePanel::title() const
{
    return tr("Generate");
}

bool GeneratePanel::exportView(const QString& path, QString* error)
{
    return m_heatmap->exportTo(path, error);
}

void GeneratePanel::setColorMap(ColorMap map)
{
    m_colorMap = map;
    m_heatmap->setColorMap(map);
    showStep();
}

void GeneratePanel::setModelFiles(const QString& checkpoint, const QString& tokenizer)
{
    ui->checkpointEdit->setText(checkpoint);
    ui->tokenizerEdit->setText(tokenizer);
}

void GeneratePanel::setPrompt(const QString& prompt)
{
    ui->promptEdit->setPlainText(prompt);
}

void GeneratePanel::setDecoding(int steps, double temperature, int seed)
{
    ui->stepsSpin->setValue(steps);
    ui->decodingCombo->setCurrentIndex(temperature > 0.0 ? 1 : 0);
    if (temperature > 0.0) {
        ui->temperatureSpin->setValue(temperature);
    }
    ui->seedSpin->setValue(seed);
}

void GeneratePanel::openModel(const QString& path)
{
    // A config.json stands for its Hugging Face folder (a file dialog cannot pick folders and files at once).
    const QFileInfo info(path);
    setModelFiles(info.fileName() == QLatin1String("config.json") ? info.absolutePath() : path, QString());
    generate();
}

void GeneratePanel::chooseCheckpoint()
{
    const QString start = QFileInfo(ui->checkpointEdit->text()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open a llama2.c checkpoint or a Hugging Face folder's config.json"), start,
        tr("Models (*.bin config.json);;llama2.c checkpoints (*.bin);;Hugging Face folders (config.json);;"
           "All files (*)"));
    if (!path.isEmpty()) {
        openModel(path);
    }
}

void GeneratePanel::chooseTokenizer()
{
    const QString start = QFileInfo(ui->checkpointEdit->text()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose the tokenizer"), start,
                                                      tr("llama2.c tokenizers (*.bin);;All files (*)"));
    if (!path.isEmpty()) {
        ui->tokenizerEdit->setText(path);
    }
}

void GeneratePanel::setBusy(bool busy)
{
    ui->generateButton->setEnabled(!busy);
    ui->cancelButton->setEnabled(busy);
    ui->checkpointButton->setEnabled(!busy);
    ui->tokenizerButton->setEnabled(!busy && !QFileInfo(ui->checkpointEdit->text().trimmed()).isDir());
    ui->progressBar->setVisible(busy);
}

void GeneratePanel::generate()
{
    const QString checkpoint = ui->checkpointEdit->text().trimmed();
    const QString tokenizer = ui->tokenizerEdit->text().trimmed();
    if (checkpoint.isEmpty()) {
        const QString message =
            tr("Choose a model first (Open…): a llama2.c checkpoint or a Hugging Face decoder folder.");
        ui->infoLabel->setText(message);
        Q_EMIT errorOccurred(message);
        return;
    }
    GenerationOptions options;
    options.steps = ui->stepsSpin->value();
    options.temperature = ui->decodingCombo->currentIndex() == 1 ? float(ui->temperatureSpin->value()) : 0.0f;
    options.seed = std::uint64_t(ui->seedSpin->value());
    ui->progressBar->setRange(0, 0);
    Q_EMIT statusMessage(tr("Generating %1 tokens with %2…").arg(options.steps).arg(QFileInfo(checkpoint).fileName()));
    m_session.generate(checkpoint, tokenizer, ui->promptEdit->toPlainText(), options);
}

void GeneratePanel::generateIfReady()
{
    if (!ui->checkpointEdit->text().trimmed().isEmpty() && generation().tokens.empty() && !isBusy()) {
        generate();
    }
}

void GeneratePanel::cancel()
{
    m_session.cancel();
    Q_EMIT statusMessage(tr("Generation cancelled."));
}

void GeneratePanel::failed(const QString& message)
{
    ui->infoLabel->setText(QStringLiteral("<span style='color:#b00020'>%1</span>").arg(message.toHtmlEscaped()));
    Q_EMIT errorOccurred(message);
}

void GeneratePanel::finished()
{
    const auto& model = m_session.model();
    const Generation& generation = m_session.generation();
    QSettings settings;
    settings.setValue(QStringLiteral("generate/checkpoint"), ui->checkpointEdit->text().trimmed());
    settings.setValue(QStringLiteral("generate/tokenizer"), ui->tokenizerEdit->text().trimmed());
    const GenerativeShape c = model->shape();
    QString info =
        tr("%1: %2 layers, %3 heads (%4 key/value heads), width %5, vocabulary %6, context %7. Tokenizer %8.")
            .arg(model->name())
            .arg(c.layers)
            .arg(c.heads)
            .arg(c.kvHeads)
            .arg(c.width)
            .arg(c.vocabSize)
            .arg(c.context)
            .arg(c.tokenizer);
    if (!generation.stopReason.isEmpty()) {
        info += QLatin1Char(' ') + tr("Stopped early: %1.").arg(generation.stopReason);
    }
    ui->infoLabel->setText(info.toHtmlEscaped());
    Q_EMIT statusMessage(QString());
    updateSelectors();
    const int last = int(generation.tokens.size()) - 1;
    ui->stepSlider->setRange(0, last);
    // Start at the last prompt token: its row is what chose the first new token, and stepping forward walks them.
    m_current = -1;
    setCurrentToken(std::max(0, generation.promptLength - 1));
    Q_EMIT generationFinished();
}

void GeneratePanel::updateSelectors()
{
    const QSignalBlocker b1(ui->layerCombo);
    const QSignalBlocker b2(ui->headCombo);
    const int layer = std::max(0, ui->layerCombo->currentIndex());
    const int head = ui->headCombo->currentIndex();
    ui->layerCombo->clear();
    ui->headCombo->clear();
    for (int l = 0; l < generation().layers; ++l) {
        ui->layerCombo->addItem(tr("Layer %1").arg(l));
    }
    for (int h = 0; h < generation().heads; ++h) {
        ui->headCombo->addItem(tr("Head %1").arg(h));
    }
    ui->headCombo->addItem(tr("Mean of heads"));
    ui->layerCombo->setCurrentIndex(std::min(layer, generation().layers - 1));
    ui->headCombo->setCurrentIndex(head >= 0 && head < ui->headCombo->count() ? head : 0);
}

void GeneratePanel::setLayerHead(int layer, int head)
{
    ui->layerCombo->setCurrentIndex(layer);
    ui->headCombo->setCurrentIndex(head < 0 ? generation().heads : head);
}

GeneratePanel::Choices GeneratePanel::choices() const
{
    const int head = ui->headCombo->currentIndex();
    return {ui->checkpointEdit->text().trimmed(), ui->promptEdit->toPlainText(), ui->stepsSpin->value(),
            std::max(0, ui->layerCombo->currentIndex()), head >= 0 && head < generation().heads ? head : -1};
}

void GeneratePanel::setShowCausalMap(bool causal)
{
    ui->viewCombo->setCurrentIndex(int(causal ? ViewMode::CausalMap : ViewMode::HeadsOfLayer));
}

void GeneratePanel::setCurrentToken(int position)
{
    const int count = int(generation().tokens.size());
    if (count == 0 || position < 0 || position >= count || position == m_current) {
        return;
    }
    m_current = position;
    const QSignalBlocker blocker(ui->stepSlider);
    ui->stepSlider->setValue(position);
    showStep();
}

// The chosen layer's (or mean of heads') weight from token query to token key.
float GeneratePanel::weight(int query, int key) const
{
    const int layer = std::max(0, ui->layerCombo->currentIndex());
    const int head = ui->headCombo->currentIndex();
    if (head >= 0 && head < generation().heads) {
        return generation().weight(query, layer, head, key);
    }
    float sum = 0.0f;
    for (int h = 0; h < generation().heads; ++h) {
        sum += generation().weight(query, layer, h, key);
    }
    return sum / float(std::max(1, generation().heads));
}

QString GeneratePanel::shadedText() const
{
    return shadedGenerationHtml(
        generation(), m_current, [this](int query, int key) { return weight(query, key); }, m_colorMap);
}

void GeneratePanel::showStep()
{
    const int count = int(generation().tokens.size());
    const bool ready = count > 0 && m_current >= 0 && m_current < count && !generation().rows.empty();
    for (auto* w : std::initializer_list<QWidget*>{ui->firstButton, ui->prevButton, ui->stepSlider, ui->nextButton,
                                                   ui->lastButton, ui->layerCombo, ui->headCombo, ui->viewCombo}) {
        w->setEnabled(ready);
    }
    if (!ready) {
        ui->stepLabel->setText(tr("No generation yet"));
        m_heatmap->setMatrix({}, 0, 0, {}, {});
        m_heatmap->setTitle(
            tr("Generate, then step through the tokens: each shows its attention over the ones before it"));
        return;
    }
    const int t = m_current;
    const bool generated = t >= generation().promptLength;
    const QString next = t + 1 < count ? tr(" → next “%1”").arg(generation().labels[t + 1]) : QString();
    ui->stepLabel->setText(
        (generated ? tr("Token %1 (0–%2): “%3” (new token %4)")
                         .arg(t)
                         .arg(count - 1)
                         .arg(generation().labels[t])
                         .arg(t - generation().promptLength)
                   : tr("Token %1 (0–%2): “%3” (prompt)").arg(t).arg(count - 1).arg(generation().labels[t])) +
        next);
    ui->textView->setHtml(shadedText());
    const QStringList keys = generation().labels.mid(0, t + 1);
    const int layer = std::max(0, ui->layerCombo->currentIndex());
    std::vector<float> values;
    QStringList rows;
    if (ViewMode(ui->viewCombo->currentIndex()) == ViewMode::CausalMap) {
        values.assign(std::size_t(t + 1) * (t + 1), 0.0f);
        for (int q = 0; q <= t; ++q) {
            for (int k = 0; k <= q; ++k) {
                values[std::size_t(q) * (t + 1) + k] = weight(q, k);
            }
        }
        rows = keys;
        m_heatmap->setTitle(tr("Layer %1, %2: every token up to “%3”")
                                .arg(layer)
                                .arg(ui->headCombo->currentText().toLower(), generation().labels[t]));
        m_heatmap->setAxisTitles(tr("query token"), tr("key token"));
    } else {
        for (int h = 0; h < generation().heads; ++h) {
            rows.append(tr("head %1").arg(h));
            for (int k = 0; k <= t; ++k) {
                values.push_back(generation().weight(t, layer, h, k));
            }
        }
        m_heatmap->setTitle(
            tr("Layer %1: attention of “%2” over the tokens before it").arg(layer).arg(generation().labels[t]));
        m_heatmap->setAxisTitles(tr("query head"), tr("key token"));
    }
    m_heatmap->setMatrix(values, int(rows.size()), t + 1, rows, keys);
}

} // namespace attn
