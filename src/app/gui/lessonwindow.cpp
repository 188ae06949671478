#include "gui/lessonwindow.h"

#include "core/lesson.h"
#include "gui/lessonplayer.h"
#include "gui/lessonstepview.h"
#include "gui/modelfolders.h"

#include <QFileInfo>
#include <QScreen>
#include <QVBoxLayout>

namespace attn {

LessonWindow::LessonWindow(QWidget* parent) : QWidget(parent, Qt::Window), m_player(new LessonPlayer(this))
{
    setAttribute(Qt::WA_DeleteOnClose);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_player);
    resize(1400, 860);
    connect(m_player, &LessonPlayer::presentationRequested, this, &LessonWindow::setPresentation);
    connect(m_player, &LessonPlayer::leaveRequested, this, &QWidget::close);
}

bool LessonWindow::openLesson(const QString& nameOrFile, QString* message)
{
    LessonContext context;
    context.baseDirs << QFileInfo(modelsDirectory()).absolutePath();
    if (QFileInfo(nameOrFile).isFile()) {
        context.baseDirs << QFileInfo(nameOrFile).absolutePath();
    }
    const LessonParseResult result = attn::openLesson(nameOrFile, context);
    if (result.lesson.steps.empty()) {
        const QString text = result.messages().join(QLatin1Char('\n'));
        if (message) {
            *message = text.isEmpty() ? tr("%1: the lesson has no steps").arg(nameOrFile) : text;
        }
        return false;
    }
    setLesson(result.lesson, result.messages());
    if (message) {
        *message = result.messages().join(QLatin1Char('\n'));
    }
    return true;
}

void LessonWindow::setLesson(const Lesson& lesson, const QStringList& problems)
{
    m_player->setLesson(lesson, problems);
    setWindowTitle(tr("%1 — AttentionScope").arg(lesson.title.text(m_player->language())));
}

void LessonWindow::setPresentation(bool on)
{
    m_presenting = on;
    if (on) {
        const QScreen* s = screen();
        if (s) {
            setGeometry(s->geometry()); // without a window manager, full screen alone keeps the old size
        }
        showFullScreen();
        m_player->setPresentation(LessonPlayer::presentationPixels(s ? s->geometry().height() : height()));
    } else {
        showNormal();
        m_player->setPresentation(0);
    }
    m_player->setFocus();
}

} // namespace attn
