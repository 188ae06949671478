#include "gui/textpanel.h"

#include "core/attentionexport.h"
#include "gui/modelfolders.h"
#include "gui/selectioncontrols.h"
#include "gui/sentenceinput.h"
#include "gui/textsession.h"
#include "gui/textviews.h"
#include "gui/wordviewtoggle.h"
#include "ui_textpanel.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QStandardPaths>
#include <QLineEdit>
#include <QScrollBar>
#include <QSettings>
#include <QTimer>

namespace attn {

TextPanel::TextPanel(QWidget* parent) : Panel(parent), ui(std::make_unique<Ui::TextPanel>())
{
    ui->setupUi(this);
    m_session = new TextSession(this);
    ui->progressBar->setVisible(false);
    ui->cancelButton->setVisible(false);
    m_controls = new SelectionControls({ui->kindCombo, ui->layerSpin, ui->headSpin, ui->aggregationCombo,
                                        ui->hidePunctCheck, ui->hideSpecialCheck, ui->hideTokensEdit},
                                       this);
    m_words = new WordViewToggle(ui->showLayout, this);
    m_views = new TextViews(ui->viewTabs, this);
    m_input = new SentenceInput(ui->sentenceCombo, ui->secondEdit, ui->examplesList, this);
    // The controls column scrolls vertically on small screens but must never cut its fields horizontally.
    // Its width follows the font (and so the screen's scaling), not a pixel count.
    ui->controls->ensurePolished();
    const int wanted = std::max(ui->controls->minimumSizeHint().width(), fontMetrics().averageCharWidth() * 50);
    ui->controls->setMinimumWidth(wanted);
    ui->controlsScroll->setFixedWidth(wanted + ui->controlsScroll->verticalScrollBar()->sizeHint().width() + 2);
    connectControls();
    rescanModels();
    updateNotice();
    ui->hoverLabel->setText(tr("Hover a token to see only its lines; click a swatch to hide a head, double-click to "
                               "show it alone."));
}

TextPanel::~TextPanel()
{
    saveSettings();
}

QString TextPanel::title() const
{
    return tr("Text attention");
}

QTabWidget* TextPanel::viewTabs() const
{
    return ui->viewTabs;
}

void TextPanel::connectControls()
{
    connect(m_session, &TextSession::busyChanged, this, [this](bool busy) {
        // Only show progress for jobs that take more than a moment, so quick runs do not flicker.
        if (!busy) {
            ui->progressBar->setVisible(false);
            ui->cancelButton->setVisible(false);
            return;
        }
        QTimer::singleShot(150, this, [this] {
            const bool still = m_session->isBusy();
            ui->progressBar->setVisible(still);
            ui->cancelButton->setVisible(still);
        });
    });
    connect(ui->cancelButton, &QToolButton::clicked, m_session, &TextSession::cancel);
    connect(m_session, &TextSession::modelOpened, this, &TextPanel::onModelOpened);
    connect(m_session, &TextSession::finished, this, &TextPanel::onFinished);
    connect(m_session, &TextSession::failed, this, &Panel::errorOccurred);
    // A run for a layer that failed or was cancelled brings nothing: choosing that layer again asks again.
    const auto forgetAskedLayer = [this] {
        m_askedLayer = -1;
        updateNotice();
    };
    connect(m_session, &TextSession::failed, this, forgetAskedLayer);
    connect(ui->cancelButton, &QToolButton::clicked, this, forgetAskedLayer);
    connect(ui->runButton, &QPushButton::clicked, this, &TextPanel::run);
    connect(m_input, &SentenceInput::runRequested, this, &TextPanel::run);
    connect(ui->openModelButton, &QToolButton::clicked, this, [this] {
        ui->modelCombo->setCurrentIndex(ui->modelCombo->count() - 1); // "Open a folder…" asks MainWindow
    });
    connect(ui->modelCombo, &QComboBox::activated, this, [this](int index) {
        const QString path = ui->modelCombo->itemData(index).toString();
        if (path.isEmpty()) {
            Q_EMIT statusMessage(tr("Choose a model folder with File > Open model…, or drop one on the window."));
            if (auto* action = window()->findChild<QAction*>(QStringLiteral("actionOpenModel"))) {
                action->trigger();
            }
            return;
        }
        openModel(path);
    });
    connect(m_controls, &SelectionControls::changed, this, [this](bool headChanged) {
        m_soloOnNextUpdate = m_soloOnNextUpdate || headChanged;
        updateViews();
    });
    connect(ui->searchButton, &QPushButton::clicked, this, [this] {
        searchHeads(ui->fromEdit->text(), ui->toEdit->text(), ui->thresholdSpin->value());
    });
    connect(ui->fromEdit, &QLineEdit::returnPressed, ui->searchButton, &QPushButton::click);
    connect(ui->toEdit, &QLineEdit::returnPressed, ui->searchButton, &QPushButton::click);
    connect(ui->searchResults, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
        const QPoint lh = item->data(Qt::UserRole).toPoint();
        setAggregation(Aggregation::None);
        setLayerHead(lh.x(), lh.y());
    });
    connect(ui->exportSetButton, &QPushButton::clicked, this, &TextPanel::exportAttentionDialog);
    connect(m_views, &TextViews::headActivated, this, [this](int layer, int head) {
        setAggregation(Aggregation::None);
        setLayerHead(layer, head);
        setCurrentView(HeadTab);
    });
    connect(m_views, &TextViews::hoverText, ui->hoverLabel, &QLabel::setText);
    connect(m_views, &TextViews::errorOccurred, this, &Panel::errorOccurred);
    connect(m_views, &TextViews::updated, this, &TextPanel::viewsUpdated);
    connect(m_words, &WordViewToggle::changed, this, &TextPanel::showRun);
}

void TextPanel::rescanModels(const QString& select)
{
    const QSignalBlocker blocker(ui->modelCombo);
    QStringList paths;
    for (int i = 0; i < ui->modelCombo->count(); ++i) {
        paths << ui->modelCombo->itemData(i).toString();
    }
    ui->modelCombo->clear();
    QStringList all = modelFoldersIn(modelsDirectory());
    for (const auto& p : paths) {
        if (!p.isEmpty() && !all.contains(p)) {
            all << p;
        }
    }
    if (!select.isEmpty() && !all.contains(select)) {
        all << select;
    }
    for (const auto& p : all) {
        ui->modelCombo->addItem(QFileInfo(p).fileName(), p);
        ui->modelCombo->setItemData(ui->modelCombo->count() - 1, QDir::toNativeSeparators(p), Qt::ToolTipRole);
    }
    ui->modelCombo->addItem(tr("Open a folder…"), QString());
    const int index = select.isEmpty() ? -1 : int(all.indexOf(select));
    ui->modelCombo->setCurrentIndex(index >= 0 ? index : (all.isEmpty() ? 0 : -1));
}

void TextPanel::start()
{
    QSettings s;
    m_restoring = true;
    m_input->setHistory(s.value(QStringLiteral("text/history")).toStringList());
    setSentence(s.value(QStringLiteral("text/sentence"), canonicalSentence()).toString(),
                s.value(QStringLiteral("text/second"), canonicalSecondSentence()).toString());
    m_views->setSelectedToken(s.value(QStringLiteral("text/selectedToken"), QStringLiteral("it")).toString());
    ui->viewTabs->setCurrentIndex(s.value(QStringLiteral("text/view"), 0).toInt());
    m_words->setOn(s.value(QStringLiteral("text/words"), false).toBool());
    QString model = s.value(QStringLiteral("text/model")).toString();
    if (model.isEmpty() || !QFileInfo::exists(model)) {
        const QStringList shipped = modelFoldersIn(modelsDirectory());
        const QString coref = QDir(modelsDirectory()).absoluteFilePath(QStringLiteral("coref-en-fr"));
        model = shipped.contains(coref) ? coref : shipped.value(0);
        s.remove(QStringLiteral("text/choices")); // a new model starts on its own default head
    }
    if (model.isEmpty()) {
        m_restoring = false;
        ui->noticeLabel->setText(tr("No model yet: open a model folder with File > Open model… or drop one here."));
        return;
    }
    openModel(model);
    run();
}

void TextPanel::openModel(const QString& path)
{
    Q_EMIT statusMessage(tr("Opening %1…").arg(QDir::toNativeSeparators(path)));
    m_session->openModel(path);
}

void TextPanel::setModel(std::shared_ptr<TextModel> model, const QString& path)
{
    m_session->setModel(std::move(model), path);
}

void TextPanel::onModelOpened(const QString& name, const QString& path)
{
    if (!path.isEmpty()) {
        rescanModels(QDir(path).absolutePath());
        QSettings().setValue(QStringLiteral("text/model"), QDir(path).absolutePath());
    }
    Q_EMIT statusMessage(tr("Model %1 ready").arg(name));
    Q_EMIT errorOccurred(QString());
}

void TextPanel::setSentence(const QString& text, const QString& second)
{
    m_input->setSentences(text, second);
}

QString TextPanel::sentence() const
{
    return m_input->sentence();
}

QString TextPanel::secondSentence() const
{
    return m_input->secondSentence();
}

QStringList TextPanel::history() const
{
    return m_input->history();
}

void TextPanel::run()
{
    const QString text = sentence();
    if (text.isEmpty()) {
        Q_EMIT errorOccurred(tr("Type a sentence to run."));
        return;
    }
    m_input->remember(text);
    // The layer the views will show: a model that cannot keep every layer keeps that one (and its neighbours).
    int layer = selection().layer;
    if (m_restoring) {
        const QVariantMap choices = QSettings().value(QStringLiteral("text/choices")).toMap();
        const DefaultHead preset = defaultHeadOf(m_session->modelPath());
        layer = choices.isEmpty() ? (preset.valid() ? preset.layer : -1) : choices.value("layer").toInt();
    }
    m_askedLayer = layer;
    m_session->run(text, secondSentence(), layer);
}

void TextPanel::onFinished(const AttentionSet& set, const AttentionSet& second)
{
    showSet(set, second, m_session->modelLayers());
    Q_EMIT errorOccurred(QString());
    saveSettings();
}

void TextPanel::setSelectedToken(const QString& token)
{
    m_views->setSelectedToken(token);
    if (hasAttention()) {
        updateViews();
    }
}

void TextPanel::saveSettings() const
{
    if (m_restoring || !m_persistent) {
        return;
    }
    QSettings s;
    s.setValue(QStringLiteral("text/history"), history());
    s.setValue(QStringLiteral("text/sentence"), sentence());
    s.setValue(QStringLiteral("text/second"), ui->secondEdit->text());
    s.setValue(QStringLiteral("text/selectedToken"), m_views->selectedToken());
    s.setValue(QStringLiteral("text/view"), ui->viewTabs->currentIndex());
    s.setValue(QStringLiteral("text/choices"), m_controls->toMap());
    s.setValue(QStringLiteral("text/words"), m_words->isOn());
}

void TextPanel::showAttention(const AttentionSet& set, const AttentionSet& second)
{
    showSet(set, second, 0);
}

void TextPanel::showSet(const AttentionSet& set, const AttentionSet& second, int modelLayers)
{
    m_modelLayers = modelLayers;
    m_words->setRun(set, second);
    showRun();
}

void TextPanel::showRun()
{
    m_views->setAttention(m_words->shown(), m_words->shownSecond());
    {
        const QSignalBlocker blocker(m_controls);
        m_controls->setAttention(attention(), m_modelLayers);
        if (m_restoring) {
            restoreChoices();
        }
    }
    m_soloOnNextUpdate = m_soloOnNextUpdate || selection().aggregation == Aggregation::None;
    updateViews();
}

void TextPanel::restoreChoices()
{
    m_restoring = false;
    const QVariantMap choices = QSettings().value(QStringLiteral("text/choices")).toMap();
    if (!choices.isEmpty()) {
        m_controls->restore(choices);
        return;
    }
    const DefaultHead preset = defaultHeadOf(m_session->modelPath());
    if (preset.valid()) {
        AttentionSelection sel;
        sel.kind = preset.kind;
        sel.layer = preset.layer;
        sel.head = preset.head;
        m_controls->restore(sel);
        m_soloOnNextUpdate = true;
    }
}

AttentionSelection TextPanel::selection() const
{
    return m_controls->selection();
}

void TextPanel::setKind(const QString& kind)
{
    m_controls->setKind(kind);
}

void TextPanel::setLayerHead(int layer, int head)
{
    m_controls->setLayerHead(layer, head);
}

void TextPanel::setAggregation(Aggregation aggregation)
{
    m_controls->setAggregation(aggregation);
}

void TextPanel::setFilter(const TokenFilter& filter)
{
    m_controls->setFilter(filter);
}

void TextPanel::setCurrentView(ViewTab tab)
{
    m_views->setCurrentTab(TextViews::Tab(tab));
}

TextPanel::ViewTab TextPanel::currentView() const
{
    return ViewTab(m_views->currentTab());
}

bool TextPanel::hasAttention() const
{
    return m_views->attention() != nullptr;
}

const AttentionSet* TextPanel::attention() const
{
    return m_views->attention();
}

QString TextPanel::selectedToken() const
{
    return m_views->selectedToken();
}

HeadView* TextPanel::headView() const
{
    return m_views->headView();
}

HeatmapView* TextPanel::matrixView() const
{
    return m_views->matrixView();
}

ModelGridView* TextPanel::modelView() const
{
    return m_views->modelView();
}

CompareView* TextPanel::compareView() const
{
    return m_views->compareView();
}

HeatmapView* TextPanel::statsView() const
{
    return m_views->statsView();
}

void TextPanel::updateViews()
{
    if (m_modelLayers > 0 && m_controls->layerMissing()) {
        // Memory kept only some layers: run the model again keeping the chosen one; the views show the new run
        // when it comes (the latest choice wins) and keep the old one meanwhile.
        const int layer = selection().layer;
        if (layer != m_askedLayer) {
            m_askedLayer = layer;
            m_session->runForLayer(layer);
        }
        updateNotice();
        saveSettings();
        return;
    }
    updateNotice();
    m_views->setCompareCaptions(sentence(), secondSentence());
    m_views->show(selection(), m_soloOnNextUpdate);
    m_soloOnNextUpdate = false;
    saveSettings();
}

void TextPanel::updateNotice()
{
    QStringList parts;
    if (attention()) {
        parts << attention()->notices;
        if (m_modelLayers > 0 && m_controls->layerMissing() && m_askedLayer == selection().layer) {
            parts << tr("Running the model again to keep layer %1…").arg(selection().layer);
        } else if (m_modelLayers > 0 && !attention()->blocks.empty() &&
                   !attention()->blocks.front().layerNumbers.empty()) {
            parts << tr("The views show the kept layers only, with the model's numbers; choose another layer to run "
                        "the model again for it.");
        }
    }
    const AttentionSelection sel = selection();
    if (sel.filter.isActive()) {
        parts << tr("Filtered: hidden tokens removed and every row renormalised to sum to 1 — these are not the "
                    "model's raw weights.");
    }
    if (sel.aggregation == Aggregation::Max) {
        parts << tr("Max over heads: rows need not sum to 1.");
    }
    ui->noticeLabel->setVisible(!parts.isEmpty());
    ui->noticeLabel->setStyleSheet(sel.filter.isActive() ? QStringLiteral("QLabel { background: #fff3cd; padding: 3px; }")
                                                         : QString());
    ui->noticeLabel->setText(parts.join(QLatin1Char(' ')));
}

QString TextPanel::noticeText() const
{
    return ui->noticeLabel->isVisibleTo(const_cast<TextPanel*>(this)) ? ui->noticeLabel->text() : QString();
}

QStringList TextPanel::searchHeads(const QString& from, const QString& to, double threshold)
{
    ui->fromEdit->setText(from);
    ui->toEdit->setText(to);
    ui->thresholdSpin->setValue(threshold);
    ui->searchResults->clear();
    QStringList lines;
    if (!attention()) {
        Q_EMIT errorOccurred(tr("Run a sentence before searching its heads."));
        return lines;
    }
    try {
        const QString kind = ui->kindCombo->currentData().toString();
        for (const auto& m : findHeads(*attention(), kind, from, to, float(threshold))) {
            // The model's layer number, which setLayerHead takes too.
            const int layer = selectedBlock(*attention(), selection()).layerNumber(m.layer);
            const QString line = tr("layer %1, head %2: %3").arg(layer).arg(m.head).arg(double(m.weight), 0, 'f', 3);
            auto* item = new QListWidgetItem(line, ui->searchResults);
            item->setData(Qt::UserRole, QPoint(layer, m.head));
            lines << line;
        }
        if (lines.isEmpty()) {
            ui->searchResults->addItem(tr("No head gives %1 → %2 a weight of %3 or more.").arg(from, to).arg(threshold));
        }
        Q_EMIT errorOccurred(QString());
    } catch (const std::invalid_argument& e) {
        Q_EMIT errorOccurred(QString::fromStdString(e.what()));
    }
    return lines;
}

QStringList TextPanel::exportAttention(const QString& path) const
{
    if (!attention()) {
        throw std::invalid_argument(tr("%1: nothing to export yet, run a sentence first").arg(path).toStdString());
    }
    return exportAttentionSet(*attention(), path);
}

void TextPanel::exportAttentionDialog()
{
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("export/dir"),
                                       QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                            .toString();
    const QString path = QFileDialog::getSaveFileName(this, tr("Export attention"), dir + QStringLiteral("/attention.json"),
                                                      attentionSetExportFilter());
    if (path.isEmpty()) {
        return;
    }
    settings.setValue(QStringLiteral("export/dir"), QFileInfo(path).absolutePath());
    try {
        const QStringList files = exportAttention(path);
        Q_EMIT statusMessage(tr("Saved %1").arg(files.join(QStringLiteral(", "))));
    } catch (const std::invalid_argument& e) {
        QMessageBox::warning(this, tr("Export failed"), QString::fromStdString(e.what()));
    }
}

bool TextPanel::exportView(const QString& path, QString* error)
{
    return m_views->exportTo(path, error);
}

void TextPanel::setColorMap(ColorMap map)
{
    m_views->setColorMap(map);
}

} // namespace attn
