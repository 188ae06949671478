#pragma once

#include <QJsonObject>
#include <QWidget>

#include <memory>

namespace attn {

// One step's live view in a lesson: a panel of the app (or a teaching view) with the step's inputs and view
// options applied. It stays live: the teacher can type another sentence or drag a vector, then go on.
class LessonStepView : public QWidget
{
    Q_OBJECT
public:
    using QWidget::QWidget;

    // Applies the step's options (validated by core/lessonpanels); paths are resolved against the repository
    // root. Jobs it starts run in the view's own job runners; ready() follows when the view shows their result.
    virtual void apply(const QJsonObject& options) = 0;
    // True once the view shows what the options asked for.
    bool isReady() const { return m_ready; }
    // The step is shown (entered) or left: views that do something only while visible (training) use it.
    virtual void enter() {}
    virtual void leave() {}
    // While the step's prediction question is open, a view that can hides the part that gives the answer away.
    virtual void setAnswerHidden(bool) {}
    // The widget that draws the attention (for exports and the handout).
    virtual QWidget* mainView() = 0;

    // Presentation mode: only the view is shown (controls hidden) and every text is at least px pixels high
    // (px 0 restores the normal panel).
    virtual void setPresentation(int px);

Q_SIGNALS:
    void ready();
    void failed(const QString& message);

protected:
    void markReady();
    void markBusy() { m_ready = false; }

private:
    bool m_ready = false;
};

// The view for a step's panel id (core/lessonpanels.h), or nullptr for an unknown id.
LessonStepView* createLessonStepView(const QString& panel, QWidget* parent = nullptr);

// A path from a lesson (relative to the repository root, or a Qt resource) as a file name the app can open.
QString lessonPath(const QString& path);

// Hides every widget under root that neither draws a view nor holds one (the panel's controls), or shows them
// again; sets the text size of the views that can present themselves.
void presentWidgets(QWidget* root, int px);

} // namespace attn
