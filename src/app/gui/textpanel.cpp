#include "gui/textpanel.h"

#include "gui/modelfolders.h"
#include "gui/textsession.h"
#include "ui_textpanel.h"
#include "views/compareview.h"
#include "views/headview.h"
#include "views/heatmapview.h"
#include "views/modelgridview.h"

#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QLineEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QTimer>
#include <QVBoxLayout>

namespace attn {

namespace {

constexpr int kHistorySize = 20;

QScrollArea* scrolled(QWidget* view, QWidget* parent)
{
    auto* area = new QScrollArea(parent);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setWidget(view);
    return area;
}

} // namespace

TextPanel::TextPanel(QWidget* parent) : Panel(parent), ui(std::make_unique<Ui::TextPanel>())
{
    ui->setupUi(this);
    m_session = new TextSession(this);
    ui->progressBar->setVisible(false);
    ui->cancelButton->setVisible(false);
    for (const auto& id : aggregationIds()) {
        const Aggregation a = aggregationFromId(id);
        const QString label = a == Aggregation::None      ? tr("none (one head)")
                              : a == Aggregation::Mean    ? tr("mean over heads")
                              : a == Aggregation::Max     ? tr("max over heads")
                                                          : tr("rollout (Abnar & Zuidema)");
        ui->aggregationCombo->addItem(label, id);
    }
    buildViews();
    fillExamples();
    // The controls column scrolls vertically on small screens but must never cut its fields horizontally.
    // Its width follows the font (and so the screen's scaling), not a pixel count.
    ui->controls->ensurePolished();
    const int wanted = std::max(ui->controls->minimumSizeHint().width(), fontMetrics().averageCharWidth() * 50);
    ui->controls->setMinimumWidth(wanted);
    ui->controlsScroll->setFixedWidth(wanted + ui->controlsScroll->verticalScrollBar()->sizeHint().width() + 2);
    ui->examplesList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
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

void TextPanel::buildViews()
{
    m_head = new HeadView(this);
    m_matrix = new HeatmapView(this);
    m_matrix->setAxisTitles(tr("query"), tr("key"));
    m_model = new ModelGridView(this);
    m_compare = new CompareView(this);
    auto* statsPage = new QWidget(this);
    auto* statsLayout = new QVBoxLayout(statsPage);
    statsLayout->setContentsMargins(0, 0, 0, 0);
    m_statCombo = new QComboBox(statsPage);
    m_statCombo->addItem(tr("Entropy of each head (nats; 0 = one key)"));
    m_statCombo->addItem(tr("Mean distance attended (tokens)"));
    m_statCombo->addItem(tr("Share of weight on the first token"));
    m_stats = new HeatmapView(statsPage);
    m_stats->setAxisTitles(tr("layer"), tr("head"));
    statsLayout->addWidget(m_statCombo);
    statsLayout->addWidget(m_stats, 1);
    ui->viewTabs->addTab(scrolled(m_head, this), tr("Head"));
    ui->viewTabs->addTab(m_matrix, tr("Matrix"));
    ui->viewTabs->addTab(scrolled(m_model, this), tr("Model"));
    ui->viewTabs->addTab(m_compare, tr("Compare"));
    ui->viewTabs->addTab(statsPage, tr("Statistics"));
    m_dirty.assign(std::size_t(ui->viewTabs->count()), true);
}

void TextPanel::fillExamples()
{
    struct Example
    {
        QString text;
        QString second;
        QString tip;
    };
    const std::vector<Example> examples = {
        {canonicalSentence(), canonicalSecondSentence(),
         tr("The Tensor2Tensor pair: 'it' is the animal when tired, the street when wide")},
        {canonicalSecondSentence(), canonicalSentence(), tr("The other half of the pair")},
        {QStringLiteral("The dog didn't overtake the cow because it was too slow."),
         QStringLiteral("The dog didn't overtake the cow because it was too fast."),
         tr("Two animals of different genders: only the referent decides 'il' or 'elle'")},
        {QStringLiteral("The black cat sat on the red mat."), QString(),
         tr("Reordering: French puts these adjectives after the noun (see the cross-attention)")},
        {QStringLiteral("The agreement on the European Economic Area was signed in August 1992."), QString(),
         tr("Reordering of a noun phrase, as in Bahdanau et al. 2015")},
        {QStringLiteral("The animal that the farmer found near the old bridge early this morning didn't cross the "
                        "wide and busy street because it was too tired after the long walk from the hills."),
         QString(), tr("A long sentence: labels shrink, then the view scrolls")},
    };
    for (const auto& e : examples) {
        auto* item = new QListWidgetItem(e.text, ui->examplesList);
        item->setData(Qt::UserRole, e.second);
        item->setToolTip(e.tip);
    }
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
    connect(ui->runButton, &QPushButton::clicked, this, &TextPanel::run);
    connect(ui->sentenceCombo->lineEdit(), &QLineEdit::returnPressed, this, &TextPanel::run);
    connect(ui->secondEdit, &QLineEdit::returnPressed, this, &TextPanel::run);
    connect(ui->examplesList, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        setSentence(item->text(), item->data(Qt::UserRole).toString());
        run();
    });
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
    connect(ui->kindCombo, &QComboBox::currentIndexChanged, this, [this] {
        updateRanges();
        updateViews();
    });
    connect(ui->layerSpin, &QSpinBox::valueChanged, this, &TextPanel::updateViews);
    connect(ui->headSpin, &QSpinBox::valueChanged, this, [this] {
        m_soloOnNextUpdate = true;
        updateViews();
    });
    connect(ui->aggregationCombo, &QComboBox::currentIndexChanged, this, &TextPanel::updateViews);
    connect(ui->hidePunctCheck, &QCheckBox::toggled, this, &TextPanel::updateViews);
    connect(ui->hideSpecialCheck, &QCheckBox::toggled, this, &TextPanel::updateViews);
    connect(ui->hideTokensEdit, &QLineEdit::editingFinished, this, &TextPanel::updateViews);
    connect(ui->viewTabs, &QTabWidget::currentChanged, this, &TextPanel::updateCurrentView);
    connect(m_statCombo, &QComboBox::currentIndexChanged, this, &TextPanel::updateStats);
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
    connect(m_model, &ModelGridView::headActivated, this, [this](int layer, int head) {
        setAggregation(Aggregation::None);
        setLayerHead(layer, head);
        setCurrentView(HeadTab);
    });
    connect(m_stats, &HeatmapView::cellClicked, this, [this](int layer, int head) {
        setAggregation(Aggregation::None);
        setLayerHead(layer, head);
        setCurrentView(HeadTab);
    });
    connect(m_head, &HeadView::querySelected, this, [this](int query) {
        m_selectToken = query >= 0 ? m_head->queryLabels().value(query) : QString();
    });
    connect(m_head, &HeadView::tokenHovered, this, [this](HeadView::Side side, int index) {
        if (side == HeadView::Side::None) {
            return;
        }
        const QString token =
            side == HeadView::Side::Query ? m_head->queryLabels().value(index) : m_head->keyLabels().value(index);
        DrawnLine best;
        for (const auto& l : m_head->drawnLines()) {
            best = l.weight > best.weight ? l : best;
        }
        const QString text = best.weight > 0.0f
                                 ? tr("%1: strongest line %2 → %3, weight %4")
                                       .arg(token, m_head->queryLabels().value(best.query),
                                            m_head->keyLabels().value(best.key))
                                       .arg(double(best.weight), 0, 'f', 3)
                                 : token;
        ui->hoverLabel->setText(text);
    });
    connect(m_matrix, &HeatmapView::cellHovered, this, [this](int row, int col, double value) {
        const auto& labels = m_matrix;
        Q_UNUSED(labels);
        ui->hoverLabel->setText(tr("query %1 → key %2: %3").arg(row).arg(col).arg(value, 0, 'f', 4));
    });
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
    const QStringList history = s.value(QStringLiteral("text/history")).toStringList();
    {
        const QSignalBlocker blocker(ui->sentenceCombo);
        ui->sentenceCombo->addItems(history);
    }
    setSentence(s.value(QStringLiteral("text/sentence"), canonicalSentence()).toString(),
                s.value(QStringLiteral("text/second"), canonicalSecondSentence()).toString());
    m_selectToken = s.value(QStringLiteral("text/selectedToken"), QStringLiteral("it")).toString();
    ui->viewTabs->setCurrentIndex(s.value(QStringLiteral("text/view"), 0).toInt());
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
    ui->sentenceCombo->setCurrentText(text);
    ui->secondEdit->setText(second);
    // Show the start of long sentences, not the end where the cursor lands.
    ui->sentenceCombo->lineEdit()->setCursorPosition(0);
    ui->secondEdit->setCursorPosition(0);
}

QString TextPanel::sentence() const
{
    return ui->sentenceCombo->currentText().trimmed();
}

QString TextPanel::secondSentence() const
{
    return ui->secondEdit->text().trimmed();
}

QStringList TextPanel::history() const
{
    QStringList out;
    for (int i = 0; i < ui->sentenceCombo->count(); ++i) {
        out << ui->sentenceCombo->itemText(i);
    }
    return out;
}

void TextPanel::rememberSentence(const QString& text)
{
    const QSignalBlocker blocker(ui->sentenceCombo);
    const int existing = ui->sentenceCombo->findText(text);
    if (existing >= 0) {
        ui->sentenceCombo->removeItem(existing);
    }
    ui->sentenceCombo->insertItem(0, text);
    while (ui->sentenceCombo->count() > kHistorySize) {
        ui->sentenceCombo->removeItem(ui->sentenceCombo->count() - 1);
    }
    ui->sentenceCombo->setCurrentIndex(0);
}

void TextPanel::run()
{
    const QString text = sentence();
    if (text.isEmpty()) {
        Q_EMIT errorOccurred(tr("Type a sentence to run."));
        return;
    }
    rememberSentence(text);
    m_session->run(text, ui->secondEdit->text().trimmed());
}

void TextPanel::onFinished(const AttentionSet& set, const AttentionSet& second)
{
    showAttention(set, second);
    Q_EMIT errorOccurred(QString());
    saveSettings();
}

void TextPanel::setSelectedToken(const QString& token)
{
    m_selectToken = token;
    if (m_set) {
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
    s.setValue(QStringLiteral("text/selectedToken"), m_selectToken);
    s.setValue(QStringLiteral("text/view"), ui->viewTabs->currentIndex());
    const AttentionSelection sel = selection();
    s.setValue(QStringLiteral("text/choices"),
               QVariantMap{{"kind", sel.kind},
                           {"layer", sel.layer},
                           {"head", sel.head},
                           {"aggregation", aggregationId(sel.aggregation)},
                           {"punctuation", sel.filter.punctuation},
                           {"special", sel.filter.specialTokens},
                           {"tokens", sel.filter.tokens.join(QStringLiteral(", "))}});
}

} // namespace attn
