#pragma once

#include "core/lesson.h"

#include <QString>
#include <QStringList>
#include <QWidget>

namespace attn {

class LessonPlayer;

// The window a lesson plays in: a normal window, or full screen in presentation mode (F5 / --present; Esc leaves
// it). Opens shipped lessons by name and .attnlesson files; problems in a file show in the player's banner and
// the steps that can open still open.
class LessonWindow : public QWidget
{
    Q_OBJECT
public:
    explicit LessonWindow(QWidget* parent = nullptr);

    // A shipped lesson's name or a file. False (and message filled) when nothing could be opened.
    bool openLesson(const QString& nameOrFile, QString* message = nullptr);
    // Plays a lesson held in memory (the lesson editor's); problems show in the player's banner.
    void setLesson(const Lesson& lesson, const QStringList& problems = {});
    LessonPlayer* player() const { return m_player; }
    // Presentation mode at the window's screen (or at the given size, for tests and handouts: px follows height).
    void setPresentation(bool on);
    bool isPresenting() const { return m_presenting; }

private:
    LessonPlayer* m_player;
    bool m_presenting = false;
};

} // namespace attn
