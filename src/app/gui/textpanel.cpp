#include "gui/textpanel.h"

#include "core/attentionexport.h"
#include "gui/headsearch.h"
#include "gui/layerkeeper.h"
#include "gui/selectioncontrols.h"
#include "gui/sentenceinput.h"
#include "gui/textmodelpicker.h"
#include "gui/textpanelsettings.h"
#include "gui/textsession.h"
#include "gui/textviews.h"
#include "gui/wordviewtoggle.h"
#include "ui_textpanel.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
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
    m_layers = new LayerKeeper(m_session, m_controls, this);
    m_picker = new TextModelPicker(ui->modelCombo, ui->openModelButton, this);
    m_search = new HeadSearch({ui->fromEdit, ui->toEdit, ui->thresholdSpin, ui->searchButton, ui->searchResults}, this);
    m_words = new WordViewToggle(ui->showLayout, this);
    m_views = new TextViews(ui->viewTabs, this);
    m_input = new SentenceInput(ui->sentenceCombo, ui->secondEdit, ui->examplesList, this);
    m_settings = new TextPanelSettings({m_input, ui->secondEdit, m_views, ui->viewTabs, m_words, m_controls}, this);
    // The controls column scrolls vertically on small screens but must never cut its fields horizontally.
    // Its width follows the font (and so the screen's scaling), not a pixel count.
    ui->controls->ensurePolished();
    const int wanted = std::max(ui->controls->minimumSizeHint().width(), fontMetrics().averageCharWidth() * 50);
    ui->controls->setMinimumWidth(wanted);
    ui->controlsScroll->setFixedWidth(wanted + ui->controlsScroll->verticalScrollBar()->sizeHint().width() + 2);
    connectControls();
    m_picker->rescan();
    updateNotice();
    ui->hoverLabel->setText(tr("Hover a token to see only its lines; click a swatch to hide a head, double-click to "
                               "show it alone."));
}

TextPanel::~TextPanel()
{
    m_settings->save();
}

void TextPanel::setPersistent(bool persistent)
{
    m_settings->setPersistent(persistent);
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
    connect(m_session, &TextSession::failed, m_layers, &LayerKeeper::forgetAskedLayer);
    connect(ui->cancelButton, &QToolButton::clicked, m_layers, &LayerKeeper::forgetAskedLayer);
    connect(m_layers, &LayerKeeper::noticeChanged, this, &TextPanel::updateNotice);
    connect(ui->runButton, &QPushButton::clicked, this, &TextPanel::run);
    connect(m_input, &SentenceInput::runRequested, this, &TextPanel::run);
    connect(m_picker, &TextModelPicker::openRequested, this, &TextPanel::openModel);
    connect(m_picker, &TextModelPicker::statusMessage, this, &Panel::statusMessage);
    connect(m_controls, &SelectionControls::changed, this, [this](bool headChanged) {
        m_soloOnNextUpdate = m_soloOnNextUpdate || headChanged;
        updateViews();
    });
    connect(m_search, &HeadSearch::searchRequested, this, &TextPanel::searchHeads);
    connect(m_search, &HeadSearch::errorOccurred, this, &Panel::errorOccurred);
    connect(m_search, &HeadSearch::headChosen, this, [this](int layer, int head) {
        setAggregation(Aggregation::None);
        setLayerHead(layer, head);
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

void TextPanel::start()
{
    const QString model = m_settings->restore();
    if (model.isEmpty()) {
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
        m_picker->rescan(QDir(path).absolutePath());
        m_settings->rememberModel(path);
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
    if (m_settings->isRestoring()) {
        layer = m_settings->restoredLayer(m_session->modelPath());
    }
    m_layers->setAskedLayer(layer);
    m_session->run(text, secondSentence(), layer);
}

void TextPanel::onFinished(const AttentionSet& set, const AttentionSet& second)
{
    showSet(set, second, m_session->modelLayers());
    Q_EMIT errorOccurred(QString());
    m_settings->save();
}

void TextPanel::setSelectedToken(const QString& token)
{
    m_views->setSelectedToken(token);
    if (hasAttention()) {
        updateViews();
    }
}

void TextPanel::showAttention(const AttentionSet& set, const AttentionSet& second)
{
    showSet(set, second, 0);
}

void TextPanel::showSet(const AttentionSet& set, const AttentionSet& second, int modelLayers)
{
    m_layers->setModelLayers(modelLayers);
    m_words->setRun(set, second);
    showRun();
}

void TextPanel::showRun()
{
    m_views->setAttention(m_words->shown(), m_words->shownSecond());
    {
        const QSignalBlocker blocker(m_controls);
        m_controls->setAttention(attention(), m_layers->modelLayers());
        if (m_settings->isRestoring() && m_settings->restoreChoices(m_session->modelPath())) {
            m_soloOnNextUpdate = true;
        }
    }
    m_soloOnNextUpdate = m_soloOnNextUpdate || selection().aggregation == Aggregation::None;
    updateViews();
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
    // Memory kept only some layers and not the chosen one: the views keep the shown run until the new one comes.
    const bool waiting = m_layers->rerunForChosenLayer();
    updateNotice();
    if (!waiting) {
        m_views->setCompareCaptions(sentence(), secondSentence());
        m_views->show(selection(), m_soloOnNextUpdate);
        m_soloOnNextUpdate = false;
    }
    m_settings->save();
}

void TextPanel::updateNotice()
{
    QStringList parts;
    if (attention()) {
        parts << attention()->notices;
        const QString kept = m_layers->notice(*attention());
        if (!kept.isEmpty()) {
            parts << kept;
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
    ui->noticeLabel->setStyleSheet(
        sel.filter.isActive() ? QStringLiteral("QLabel { background: #fff3cd; padding: 3px; }") : QString());
    ui->noticeLabel->setText(parts.join(QLatin1Char(' ')));
}

QString TextPanel::noticeText() const
{
    return ui->noticeLabel->isVisibleTo(const_cast<TextPanel*>(this)) ? ui->noticeLabel->text() : QString();
}

QStringList TextPanel::searchHeads(const QString& from, const QString& to, double threshold)
{
    return m_search->search(attention(), selection(), from, to, threshold);
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
    const QString dir =
        settings
            .value(QStringLiteral("export/dir"), QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
            .toString();
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export attention"), dir + QStringLiteral("/attention.json"), attentionSetExportFilter());
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
