#pragma once

#include "core/lesson.h"

#include <QString>
#include <QStringList>
#include <QWidget>
#include <memory>

namespace Ui {
class LessonEditor;
}

namespace attn {

class LessonWindow;

// Teachers' own lessons: the steps of a lesson (each a view of the app taken with "Add this view as a step"), in
// an order the teacher drags or moves with Up / Down, and for the selected step its title, text, formula (drawn
// as it is typed, with the parse error), question and answer, each in English and in Simplified Chinese. Saves
// and opens .attnlesson files and plays the lesson as it is. Problems (a file that does not read, a step without
// a title, a question without an answer) show in the message line; the only modal box asks about unsaved
// changes.
class LessonEditor : public QWidget
{
    Q_OBJECT
public:
    explicit LessonEditor(QWidget* parent = nullptr);
    ~LessonEditor() override;

    // The lesson as edited: every edit of a field is in it at once.
    const Lesson& lesson() const { return m_lesson; }
    // Edits lesson (read from path, or new when path is empty); unmodified afterwards.
    void setLesson(const Lesson& lesson, const QString& path = {});
    QString filePath() const { return m_path; }
    bool isModified() const { return m_modified; }

    void newLesson();
    // Opens a .attnlesson file. A file from which no step opens keeps the lesson being edited; its problems (the
    // messages of readLessonFile) show in the message line either way. False when the lesson was kept.
    bool openFile(const QString& path);
    // Writes the lesson to filePath() (asking for a file when it has none); false on failure or cancel.
    bool save();
    // Writes to path, which becomes filePath(); false (and the problem in the message line) on failure.
    bool saveAs(const QString& path);

    // Appends a step and selects it.
    void addStep(const LessonStep& step);
    void moveStep(int from, int to);
    void removeStep(int index);
    int currentStep() const;
    void setCurrentStep(int index);

    // Plays the lesson as edited in a new lesson window; nullptr (and a message) when it has no steps.
    LessonWindow* play();
    // The message line: the last action's result and the lesson's problems.
    QString message() const;
    // What a reader of the saved file would report: "my.attnlesson: step 2: the question has no answer".
    QStringList problems() const;

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void connectControls();
    void stepEdited();
    void showStep(int index);
    void refreshList();
    void relabel();
    void syncOrderFromList();
    void setModified(bool modified);
    void setActionMessage(const QString& message);
    void updateMessage();
    void updateTitle();
    // Asks whether to save unsaved changes; false when the user cancels what they were doing.
    bool keepOrDiscardChanges();
    void openWithDialog();
    bool saveWithDialog();
    LessonContext context(const QString& lessonFile) const;

    std::unique_ptr<Ui::LessonEditor> ui;
    Lesson m_lesson;
    QString m_path;
    QString m_actionMessage;
    bool m_modified = false;
    bool m_filling = false; // the fields and list are being filled from the lesson, not edited
};

} // namespace attn
