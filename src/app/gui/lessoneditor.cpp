#include "gui/lessoneditor.h"

#include "gui/language.h"
#include "gui/lessonplayer.h"
#include "gui/lessonstepform.h"
#include "gui/lessonwindow.h"
#include "gui/modelfolders.h"
#include "ui_lessoneditor.h"

#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>

namespace attn {

namespace {

const char* const kSuffix = ".attnlesson";

bool isLessonFile(const QString& path)
{
    return path.endsWith(QLatin1String(kSuffix), Qt::CaseInsensitive) && QFileInfo(path).isFile();
}

} // namespace

LessonEditor::LessonEditor(QWidget* parent) : QWidget(parent, Qt::Window), ui(std::make_unique<Ui::LessonEditor>())
{
    ui->setupUi(this);
    ui->splitter->setStretchFactor(1, 3);
    ui->stepList->setMinimumWidth(fontMetrics().averageCharWidth() * 30);
    connectControls();
    setAcceptDrops(true);
    resize(1200, 760);
    newLesson();
}

LessonEditor::~LessonEditor() = default;

void LessonEditor::connectControls()
{
    connect(ui->stepForm, &LessonStepForm::edited, this, &LessonEditor::stepEdited);
    connect(ui->nameEdit, &QLineEdit::textChanged, this, [this](const QString& name) {
        if (!m_filling) {
            m_lesson.name = name.trimmed();
            setModified(true);
        }
    });
    for (QLineEdit* edit : {ui->lessonTitleEn, ui->lessonTitleZh}) {
        connect(edit, &QLineEdit::textChanged, this, [this] {
            if (!m_filling) {
                m_lesson.title = {ui->lessonTitleEn->text(), ui->lessonTitleZh->text()};
                setModified(true);
            }
        });
    }
    connect(ui->stepList, &QListWidget::currentRowChanged, this, &LessonEditor::showStep);
    // A drag in the list moves its row (or, in some Qt versions, inserts a copy and removes the original): the
    // lesson follows the list's order once the rows are all there again.
    connect(ui->stepList->model(), &QAbstractItemModel::rowsMoved, this, &LessonEditor::syncOrderFromList);
    connect(ui->stepList->model(), &QAbstractItemModel::rowsRemoved, this, &LessonEditor::syncOrderFromList);
    connect(ui->upButton, &QPushButton::clicked, this, [this] { moveStep(currentStep(), currentStep() - 1); });
    connect(ui->downButton, &QPushButton::clicked, this, [this] { moveStep(currentStep(), currentStep() + 1); });
    connect(ui->deleteButton, &QPushButton::clicked, this, [this] { removeStep(currentStep()); });
    connect(ui->newButton, &QPushButton::clicked, this, [this] {
        if (keepOrDiscardChanges()) {
            newLesson();
        }
    });
    connect(ui->openButton, &QPushButton::clicked, this, &LessonEditor::openWithDialog);
    connect(ui->saveButton, &QPushButton::clicked, this, &LessonEditor::save);
    connect(ui->saveAsButton, &QPushButton::clicked, this, &LessonEditor::saveWithDialog);
    connect(ui->playButton, &QPushButton::clicked, this, &LessonEditor::play);
}

void LessonEditor::setLesson(const Lesson& lesson, const QString& path)
{
    m_lesson = lesson;
    m_path = path;
    m_actionMessage.clear();
    m_filling = true;
    ui->nameEdit->setText(lesson.name);
    ui->lessonTitleEn->setText(lesson.title.en);
    ui->lessonTitleZh->setText(lesson.title.zh);
    m_filling = false;
    refreshList();
    setCurrentStep(m_lesson.steps.empty() ? -1 : 0);
    setModified(false);
}

void LessonEditor::newLesson()
{
    setLesson(Lesson{});
    setActionMessage(tr("A new lesson: open a view in the main window and choose Lessons > Add this view as a "
                        "step."));
}

LessonContext LessonEditor::context(const QString& lessonFile) const
{
    // As the lesson window reads lessons: paths relative to the repository root or to the lesson's folder.
    LessonContext c;
    c.baseDirs << QFileInfo(modelsDirectory()).absolutePath();
    if (!lessonFile.isEmpty()) {
        c.baseDirs << QFileInfo(lessonFile).absolutePath();
    }
    return c;
}

bool LessonEditor::openFile(const QString& path)
{
    const LessonParseResult result = readLessonFile(path, context(path));
    if (result.lesson.steps.empty()) {
        QStringList messages = result.messages();
        if (messages.isEmpty()) {
            messages << tr("%1: the lesson has no steps").arg(path);
        }
        setActionMessage(tr("Not opened (the lesson being edited is kept): %1").arg(messages.join(QLatin1Char('\n'))));
        return false;
    }
    setLesson(result.lesson, path);
    setActionMessage(result.ok() ? tr("Opened %1").arg(QDir::toNativeSeparators(path))
                                 : tr("Opened %1 with problems: %2")
                                       .arg(QDir::toNativeSeparators(path), result.messages().join(QLatin1Char('\n'))));
    return true;
}

bool LessonEditor::save()
{
    return m_path.isEmpty() ? saveWithDialog() : saveAs(m_path);
}

bool LessonEditor::saveAs(const QString& path)
{
    if (m_lesson.name.isEmpty()) {
        // The file's name is what `--lesson` would call it; reading the file back gives the same lesson.
        m_lesson.name = QFileInfo(path).completeBaseName();
        m_filling = true;
        ui->nameEdit->setText(m_lesson.name);
        m_filling = false;
    }
    const QString problem = writeLessonFile(m_lesson, path);
    if (!problem.isEmpty()) {
        setActionMessage(problem);
        return false;
    }
    m_path = path;
    setModified(false);
    setActionMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
    return true;
}

bool LessonEditor::saveWithDialog()
{
    QSettings settings;
    const QString dir =
        m_path.isEmpty() ? settings.value(QStringLiteral("lessons/dir")).toString() : QFileInfo(m_path).absolutePath();
    const QString name = m_lesson.name.isEmpty() ? QStringLiteral("lesson") : m_lesson.name;
    QString path = QFileDialog::getSaveFileName(this, tr("Save lesson"), QDir(dir).filePath(name + kSuffix),
                                                tr("AttentionScope lessons (*.attnlesson)"));
    if (path.isEmpty()) {
        return false;
    }
    if (QFileInfo(path).suffix().isEmpty()) {
        path += QLatin1String(kSuffix);
    }
    settings.setValue(QStringLiteral("lessons/dir"), QFileInfo(path).absolutePath());
    return saveAs(path);
}

void LessonEditor::openWithDialog()
{
    if (!keepOrDiscardChanges()) {
        return;
    }
    QSettings settings;
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open lesson"), settings.value(QStringLiteral("lessons/dir")).toString(),
                                     tr("AttentionScope lessons (*.attnlesson);;All files (*)"));
    if (!path.isEmpty()) {
        settings.setValue(QStringLiteral("lessons/dir"), QFileInfo(path).absolutePath());
        openFile(path);
    }
}

void LessonEditor::addStep(const LessonStep& step)
{
    m_lesson.steps.push_back(step);
    refreshList();
    setCurrentStep(int(m_lesson.steps.size()) - 1);
    setModified(true);
    setActionMessage(tr("Added step %1: %2").arg(m_lesson.steps.size() - 1).arg(step.title.text(currentLanguage())));
}

void LessonEditor::moveStep(int from, int to)
{
    const int n = int(m_lesson.steps.size());
    if (from < 0 || from >= n || to < 0 || to >= n || from == to) {
        return;
    }
    LessonStep step = std::move(m_lesson.steps[std::size_t(from)]);
    m_lesson.steps.erase(m_lesson.steps.begin() + from);
    m_lesson.steps.insert(m_lesson.steps.begin() + to, std::move(step));
    refreshList();
    setCurrentStep(to);
    setModified(true);
}

void LessonEditor::removeStep(int index)
{
    if (index < 0 || index >= int(m_lesson.steps.size())) {
        return;
    }
    m_lesson.steps.erase(m_lesson.steps.begin() + index);
    refreshList();
    setCurrentStep(std::min(index, int(m_lesson.steps.size()) - 1));
    setModified(true);
}

int LessonEditor::currentStep() const
{
    return ui->stepList->currentRow();
}

void LessonEditor::setCurrentStep(int index)
{
    ui->stepList->setCurrentRow(index);
    showStep(index); // also when the row was already current (the list was rebuilt)
}

void LessonEditor::refreshList()
{
    const QSignalBlocker blocker(ui->stepList);
    m_filling = true; // rows removed here are not a drag
    ui->stepList->clear();
    for (std::size_t i = 0; i < m_lesson.steps.size(); ++i) {
        new QListWidgetItem(ui->stepList);
    }
    m_filling = false;
    relabel();
}

void LessonEditor::relabel()
{
    for (int i = 0; i < ui->stepList->count(); ++i) {
        const LessonStep& s = m_lesson.steps[std::size_t(i)];
        const QString title = s.title.text(currentLanguage());
        QListWidgetItem* item = ui->stepList->item(i);
        item->setData(Qt::UserRole, i);
        item->setText(tr("%1. %2 (%3)").arg(i).arg(title.isEmpty() ? tr("(no title)") : title, s.panel));
    }
    ui->upButton->setEnabled(currentStep() > 0);
    ui->downButton->setEnabled(currentStep() >= 0 && currentStep() + 1 < ui->stepList->count());
    ui->deleteButton->setEnabled(currentStep() >= 0);
}

void LessonEditor::syncOrderFromList()
{
    const int n = int(m_lesson.steps.size());
    if (m_filling || ui->stepList->count() != n) {
        return; // half-way through a drag's insert and remove
    }
    std::vector<LessonStep> steps;
    std::vector<bool> used(std::size_t(n), false);
    for (int i = 0; i < n; ++i) {
        const int id = ui->stepList->item(i)->data(Qt::UserRole).toInt();
        if (id < 0 || id >= n || used[std::size_t(id)]) {
            return;
        }
        used[std::size_t(id)] = true;
        steps.push_back(m_lesson.steps[std::size_t(id)]);
    }
    if (steps == m_lesson.steps) {
        return;
    }
    m_lesson.steps = std::move(steps);
    relabel();
    showStep(currentStep());
    setModified(true);
}

void LessonEditor::showStep(int index)
{
    const bool valid = index >= 0 && index < int(m_lesson.steps.size());
    ui->stepForm->setStep(valid ? &m_lesson.steps[std::size_t(index)] : nullptr, index);
    relabel();
}

void LessonEditor::stepEdited()
{
    const int index = currentStep();
    if (index < 0 || index >= int(m_lesson.steps.size())) {
        return;
    }
    m_lesson.steps[std::size_t(index)] = ui->stepForm->step();
    relabel(); // the title may have changed
    setModified(true);
}

void LessonEditor::setModified(bool modified)
{
    m_modified = modified;
    updateTitle();
    updateMessage();
}

void LessonEditor::updateTitle()
{
    const QString name =
        m_path.isEmpty() ? (m_lesson.name.isEmpty() ? tr("untitled") : m_lesson.name) : QFileInfo(m_path).fileName();
    setWindowTitle(tr("%1[*] — Lesson editor").arg(name));
    setWindowModified(m_modified);
}

QStringList LessonEditor::problems() const
{
    const QString source = m_path.isEmpty() ? tr("this lesson") : QFileInfo(m_path).fileName();
    return parseLesson(saveLesson(m_lesson), source, context(m_path)).messages();
}

void LessonEditor::setActionMessage(const QString& message)
{
    m_actionMessage = message;
    updateMessage();
}

QString LessonEditor::message() const
{
    return ui->messageLabel->text();
}

void LessonEditor::updateMessage()
{
    QStringList lines;
    if (!m_actionMessage.isEmpty()) {
        lines << m_actionMessage;
    }
    const QStringList found = problems();
    if (!found.isEmpty() && !m_lesson.steps.empty()) {
        lines << tr("To check before teaching: %1").arg(found.join(QStringLiteral("; ")));
    }
    ui->messageLabel->setText(lines.join(QLatin1Char('\n')));
}

LessonWindow* LessonEditor::play()
{
    if (m_lesson.steps.empty()) {
        setActionMessage(tr("The lesson has no steps to play yet."));
        return nullptr;
    }
    auto* window = new LessonWindow(this);
    window->player()->setLanguage(currentLanguage());
    window->setLesson(m_lesson, problems());
    if (currentStep() > 0) {
        window->player()->goToStep(currentStep());
    }
    window->show();
    return window;
}

bool LessonEditor::keepOrDiscardChanges()
{
    if (!m_modified) {
        return true;
    }
    const auto answer =
        QMessageBox::question(this, tr("Unsaved lesson"), tr("The lesson has changes that are not saved. Save them?"),
                              QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save) {
        return save();
    }
    return answer == QMessageBox::Discard;
}

void LessonEditor::closeEvent(QCloseEvent* event)
{
    if (keepOrDiscardChanges()) {
        event->accept();
    } else {
        event->ignore();
    }
}

void LessonEditor::dragEnterEvent(QDragEnterEvent* event)
{
    const auto urls = event->mimeData()->urls();
    if (urls.size() == 1 && isLessonFile(urls.first().toLocalFile())) {
        event->acceptProposedAction();
    }
}

void LessonEditor::dropEvent(QDropEvent* event)
{
    const QString path = event->mimeData()->urls().value(0).toLocalFile();
    event->acceptProposedAction();
    if (keepOrDiscardChanges()) {
        openFile(path);
    }
}

} // namespace attn
