#include "gui/mainwindow.h"

#include "core/attentionjson.h"
#include "gui/classifierspanel.h"
#include "gui/generatepanel.h"
#include "gui/language.h"
#include "gui/resources.h"
#include "gui/comparepanel.h"
#include "gui/labpanel.h"
#include "gui/attentionfilepanel.h"
#include "gui/lessoneditor.h"
#include "gui/lessonplayer.h"
#include "gui/lessonwindow.h"
#include "core/attentionfile.h"
#include "core/lesson.h"
#include "engine/hf/vitmodel.h"
#include "gui/imagepanel.h"
#include "gui/scorespanel.h"
#include "gui/textpanel.h"
#include "ui_mainwindow.h"
#include "views/exporter.h"

#include <QActionGroup>
#include <QMenu>
#include <QMenuBar>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QJsonDocument>
#include <QMimeData>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>

namespace attn {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), ui(std::make_unique<Ui::MainWindow>())
{
    initResources();
    ui->setupUi(this);
    setWindowIcon(QIcon(QStringLiteral(":/icons/attnscope.svg")));
    ui->actionExport->setIcon(QIcon::fromTheme(QStringLiteral("document-save-as")));

    m_errorLabel = new QLabel(this);
    m_errorLabel->setStyleSheet(QStringLiteral("QLabel { color: #b00020; font-weight: 600; }"));
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addPermanentWidget(m_errorLabel, 1);
    m_errorLabel->setVisible(false); // hidden while empty, or it would take the room of status messages

    m_colorMapGroup = new QActionGroup(this);
    for (int i = 0; i < colorMapIds().size(); ++i) {
        auto* action = ui->menuColorMap->addAction(colorMapLabel(ColorMap(i)));
        action->setCheckable(true);
        action->setData(i);
        m_colorMapGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, i] { setColorMap(ColorMap(i)); });
    }

    addLanguageMenu(ui->menuView, this);

    connect(ui->actionExport, &QAction::triggered, this, &MainWindow::exportCurrentView);
    connect(ui->actionOpenModel, &QAction::triggered, this, [this] {
        QSettings settings;
        const QString dir = QFileDialog::getExistingDirectory(
            this, tr("Open model folder"), settings.value(QStringLiteral("open/dir")).toString());
        if (!dir.isEmpty()) {
            settings.setValue(QStringLiteral("open/dir"), QFileInfo(dir).absolutePath());
            openModel(dir);
        }
    });
    // Single-file models (llama2.c checkpoints) cannot be picked in a folder dialog.
    auto* openFile = new QAction(tr("Open model &file (llama2.c .bin)…"), this);
    ui->menuFile->insertAction(ui->actionOpenAttention, openFile);
    connect(openFile, &QAction::triggered, this, [this] {
        QSettings settings;
        const QString path = QFileDialog::getOpenFileName(this, tr("Open model file"),
                                                          settings.value(QStringLiteral("open/dir")).toString(),
                                                          tr("llama2.c checkpoints (*.bin);;All files (*)"));
        if (!path.isEmpty()) {
            settings.setValue(QStringLiteral("open/dir"), QFileInfo(path).absolutePath());
            openModel(path);
        }
    });
    connect(ui->actionOpenAttention, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open attention"), QString(), tr("Attention files (*.npy *.npz *.safetensors *.json);;All files (*)"));
        if (!path.isEmpty() && !openAttentionFile(path)) {
            QMessageBox::warning(this, tr("Cannot open"), currentError());
        }
    });
    setAcceptDrops(true);
    connect(ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(ui->actionAbout, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About AttentionScope"),
                           tr("<b>AttentionScope %1</b><p>See where neural networks attend: heatmaps for every "
                              "layer and head, token-to-token lines, image overlays, and the scoring functions "
                              "of attention side by side.</p>")
                               .arg(QStringLiteral(ATTN_VERSION)));
    });

    // The text panel comes first: the window opens on the coreference picture.
    m_text = new TextPanel(this);
    addPanel(m_text);
    m_image = new ImagePanel(this);
    addPanel(m_image);
    m_scores = new ScoresPanel(this);
    addPanel(m_scores);
    m_lab = new LabPanel(this);
    addPanel(m_lab);
    addPanel(new ComparePanel(this));
    setupLessons();
    m_generate = new GeneratePanel(this);
    addPanel(m_generate);
    addPanel(new ClassifiersPanel(this)); // issue 15; opens on a generated example in its own job runner
    m_attentionFiles = new AttentionFilePanel(this); // issue 18: .npy, .npz, safetensors read lazily
    addPanel(m_attentionFiles);
    restoreSettings();
    // Every tab opens on a working example; each runs in its panel's job runner, so the window shows at once.
    m_text->start();
    m_image->openDefaultExample();
    m_generate->generateIfReady();
}

MainWindow::~MainWindow() = default;

void MainWindow::setupLessons()
{
    QMenu* menu = new QMenu(tr("&Lessons"), this);
    menuBar()->insertMenu(ui->menuHelp->menuAction(), menu);
    for (const QString& name : shippedLessonNames()) {
        const LessonParseResult r = openLesson(name);
        const QString title = r.lesson.title.text(currentLanguage());
        QAction* action = menu->addAction(title.isEmpty() ? name : title);
        connect(action, &QAction::triggered, this, [this, name] { showLesson(name); });
        if (name == QLatin1String("attention-basics")) {
            QAction* start = ui->mainToolBar->addAction(tr("Lesson"));
            start->setToolTip(tr("Open the lesson “%1”; F5 presents it full screen").arg(title));
            connect(start, &QAction::triggered, this, [this, name] { showLesson(name); });
        }
    }
    menu->addSeparator();
    QAction* open = menu->addAction(tr("Open lesson file…"));
    connect(open, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open lesson"), QString(),
                                                          tr("AttentionScope lessons (*.attnlesson);;All files (*)"));
        if (!path.isEmpty()) {
            showLesson(path);
        }
    });
    menu->addSeparator();
    QAction* add = menu->addAction(tr("&Add this view as a step"));
    connect(add, &QAction::triggered, this, &MainWindow::addViewAsLessonStep);
    QAction* edit = menu->addAction(tr("&Edit lessons…"));
    connect(edit, &QAction::triggered, this, &MainWindow::showLessonEditor);
}

LessonEditor* MainWindow::showLessonEditor()
{
    if (!m_lessonEditor) {
        m_lessonEditor = new LessonEditor(this);
        m_lessonEditor->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_lessonEditor->show();
    m_lessonEditor->raise();
    m_lessonEditor->activateWindow();
    return m_lessonEditor;
}

bool MainWindow::addViewAsLessonStep()
{
    Panel* panel = currentPanel();
    const std::optional<LessonStep> step = panel ? panel->lessonStep() : std::nullopt;
    if (!step) {
        statusBar()->showMessage(
            tr("This view of “%1” cannot be a lesson step: a lesson could not open it again (it needs a model, a "
               "file or a shipped example).")
                .arg(panel ? panel->title() : QString()),
            8000);
        return false;
    }
    showLessonEditor()->addStep(*step);
    return true;
}

LessonWindow* MainWindow::showLesson(const QString& nameOrFile, bool present)
{
    auto* window = new LessonWindow(this);
    window->player()->setLanguage(currentLanguage());
    QString message;
    if (!window->openLesson(nameOrFile, &message)) {
        window->deleteLater();
        showError(message);
        return nullptr;
    }
    if (!message.isEmpty()) {
        showError(message); // the steps that could open are open; the rest is named here and in the banner
    }
    window->show();
    if (present) {
        window->setPresentation(true);
    }
    return window;
}

void MainWindow::addPanel(Panel* panel)
{
    m_panels.push_back(panel);
    ui->panelTabs->addTab(panel, panel->title());
    panel->setColorMap(m_colorMap);
    connect(panel, &Panel::errorOccurred, this, [this, panel](const QString& message) { showError(message, panel); });
    connect(panel, &Panel::statusMessage, this, [this, panel](const QString& message) {
        if (message.isEmpty()) {
            showError(QString(), panel);
        } else {
            statusBar()->showMessage(message, 8000);
        }
    });
}

void MainWindow::showPanel(Panel* panel)
{
    ui->panelTabs->setCurrentWidget(panel);
}

Panel* MainWindow::currentPanel() const
{
    return qobject_cast<Panel*>(ui->panelTabs->currentWidget());
}

void MainWindow::setColorMap(ColorMap map)
{
    m_colorMap = map;
    for (auto* p : m_panels) {
        p->setColorMap(map);
    }
    for (auto* a : m_colorMapGroup->actions()) {
        a->setChecked(a->data().toInt() == int(map));
    }
}

QString MainWindow::currentError() const
{
    return m_errorLabel->text();
}

void MainWindow::showError(const QString& message, const Panel* source)
{
    if (message.isEmpty() && source != nullptr && source != m_errorSource) {
        return;
    }
    m_errorSource = message.isEmpty() ? nullptr : source;
    m_errorLabel->setText(message);
    m_errorLabel->setVisible(!message.isEmpty());
}

void MainWindow::exportCurrentView()
{
    Panel* panel = currentPanel();
    if (!panel) {
        return;
    }
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("export/dir"),
                                       QStandardPaths::writableLocation(QStandardPaths::PicturesLocation))
                            .toString();
    QString selected;
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export view"), dir + QStringLiteral("/attention.png"), exportFilter(), &selected);
    if (path.isEmpty()) {
        return;
    }
    settings.setValue(QStringLiteral("export/dir"), QFileInfo(path).absolutePath());
    QString error;
    if (!panel->exportView(path, &error)) {
        // The user just asked for this: a modal box is the right answer to its failure.
        QMessageBox::warning(this, tr("Export failed"), error);
        return;
    }
    statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray())) {
        resize(1200, 760);
    }
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    setColorMap(colorMapFromId(settings.value(QStringLiteral("view/colorMap")).toString()));
    const QString query = settings.value(QStringLiteral("scores/query")).toString();
    const QString keys = settings.value(QStringLiteral("scores/keys")).toString();
    if (!query.isEmpty() && !keys.isEmpty()) {
        m_scores->setExample(query, keys);
    }
    ui->panelTabs->setCurrentIndex(settings.value(QStringLiteral("window/panel"), 0).toInt());
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/panel"), ui->panelTabs->currentIndex());
    settings.setValue(QStringLiteral("view/colorMap"), colorMapId(m_colorMap));
    settings.setValue(QStringLiteral("scores/query"), m_scores->query());
    settings.setValue(QStringLiteral("scores/keys"), m_scores->keys());
}

void MainWindow::openModel(const QString& path)
{
    if (hf::VitModel::isVitFolder(path)) { // images, not text: the Image tab shows its heads and rollout
        ui->panelTabs->setCurrentWidget(m_image);
        m_image->setModelDir(path);
        return;
    }
    // On the Generate tab, what can generate (llama2.c files, Hugging Face decoder folders) opens there.
    if (ui->panelTabs->currentWidget() == m_generate && isGenerativeModelPath(path)) {
        m_generate->openModel(path);
        return;
    }
    ui->panelTabs->setCurrentWidget(m_text);
    m_text->openModel(path);
    m_text->run();
}

bool MainWindow::openAttentionFile(const QString& path)
{
    // An `attend` JSON opens in the text panel as before; other attention files in their own panel, lazily.
    if (!path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)) {
        ui->panelTabs->setCurrentWidget(m_attentionFiles);
        m_attentionFiles->open(path);
        return true;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showError(tr("%1: cannot open (%2)").arg(path, file.errorString()));
        return false;
    }
    try {
        const auto doc = QJsonDocument::fromJson(file.readAll());
        const AttentionSet set = attentionSetFromJson(doc.object());
        set.validate(1e-3);
        ui->panelTabs->setCurrentWidget(m_text);
        m_text->showAttention(set);
        showError(QString());
        return true;
    } catch (const std::invalid_argument& e) {
        showError(tr("%1: %2").arg(path, QString::fromStdString(e.what())));
        return false;
    }
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    const auto urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile()) {
        event->acceptProposedAction();
    }
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QString path = event->mimeData()->urls().value(0).toLocalFile();
    if (path.isEmpty()) {
        return;
    }
    event->acceptProposedAction();
    if (QFileInfo(path).isFile() && path.endsWith(QLatin1String(".attnlesson"), Qt::CaseInsensitive)) {
        showLesson(path);
    } else if (QFileInfo(path).isFile() && looksLikeAttentionFile(path)) {
        openAttentionFile(path);
    } else {
        openModel(path); // a folder, or a single-file model the engine recognises; errors show in the status bar
    }
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveSettings();
    event->accept();
}

} // namespace attn
