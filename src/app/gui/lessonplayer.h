#pragma once

#include "core/lesson.h"

#include <QWidget>

#include <vector>

class QLabel;
class QStackedWidget;

namespace attn {

class FormulaView;
class LessonStepView;

// Plays a lesson: each step's live view (a panel of the app with the step's options) beside its title, text,
// formula and prediction question, in English or Simplified Chinese. Keys as presentation tools use them: Right,
// Space or PgDn next (Space first reveals an open question), Left, PgUp or Backspace back, Home, End, B black
// screen, F5 presentation mode, Esc leaves it. In presentation mode only the view and the step's words show,
// every text at least screen height / 50 pixels, dark on light.
class LessonPlayer : public QWidget
{
    Q_OBJECT
public:
    explicit LessonPlayer(QWidget* parent = nullptr);
    ~LessonPlayer() override;

    // Shows lesson (its steps' views are created and their jobs started at once, so later steps are ready when
    // reached). problems are shown in the player's banner (a lesson file's bad steps).
    void setLesson(const Lesson& lesson, const QStringList& problems = {});
    // Set before setLesson. Eager (the default): every step starts its jobs when the lesson opens, so each is
    // ready when the class reaches it. Not eager: a step starts them when first shown (render --step N draws
    // one step and should not run, or load LibTorch for, the others).
    void setEagerSteps(bool eager) { m_eagerSteps = eager; }
    // Set before setLesson: the step it shows first (0 by default; clamped to the lesson's steps).
    void setStartStep(int step) { m_startStep = step; }
    const Lesson& lesson() const { return m_lesson; }
    int stepCount() const { return int(m_lesson.steps.size()); }
    int currentStep() const { return m_current; }
    LessonStepView* stepView(int index) const;
    LessonStepView* currentStepView() const { return stepView(m_current); }

    void setLanguage(const QString& language); // "en" or "zh_CN"
    QString language() const { return m_language; }
    void goToStep(int index);
    void next();
    void previous();
    // Reveals the answer of the current step's question; false when nothing was hidden.
    bool reveal();
    bool isAnswerHidden() const { return m_answerHidden; }
    void setBlackScreen(bool black);
    bool isBlackScreen() const { return m_blackOn; }

    // px: the text size of presentation mode (0: the normal player). presentationPixels(height) gives the size
    // for a screen.
    void setPresentation(int px);
    int presentationPixels() const { return m_px; }
    static int presentationPixels(int screenHeight);
    QString problemsText() const;

Q_SIGNALS:
    // The step is shown and its view ready (drawn with its result).
    void stepShown(int index);
    void presentationRequested(bool on);
    void leaveRequested();

protected:
    void keyPressEvent(QKeyEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void showCurrent();
    void applyFonts();
    void placeOverlays();
    // The height the side column's texts take at this width.
    int sideHeight(int width) const;
    bool handleKey(int key);

    Lesson m_lesson;
    std::vector<LessonStepView*> m_views;
    QStackedWidget* m_stack = nullptr;
    QWidget* m_side = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_counter = nullptr;
    QLabel* m_text = nullptr;
    FormulaView* m_formula = nullptr;
    QLabel* m_question = nullptr;
    QLabel* m_answer = nullptr;
    QLabel* m_banner = nullptr;
    QLabel* m_cover = nullptr; // dims the view while a question is open
    QWidget* m_black = nullptr;
    QString m_language = QStringLiteral("en");
    int m_current = -1;
    bool m_eagerSteps = true;
    int m_startStep = 0;
    std::vector<bool> m_applied; // per step: apply() called
    int m_px = 0;
    bool m_answerHidden = false;
    bool m_blackOn = false;
};

} // namespace attn
