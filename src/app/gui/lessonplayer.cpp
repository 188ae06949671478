#include "gui/lessonplayer.h"

#include "core/formula.h"
#include "gui/lessonstepview.h"
#include "views/formulaview.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QTextEdit>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

namespace attn {

namespace {

// Dark on light, well past 4.5:1 (WCAG 2) for every text the player draws itself.
const char* const kInk = "#111111";
const char* const kMutedInk = "#3d3d3d";
const char* const kPaper = "#ffffff";

bool editsText(QWidget* w)
{
    if (auto* combo = qobject_cast<QComboBox*>(w)) {
        return combo->isEditable();
    }
    return qobject_cast<QLineEdit*>(w) || qobject_cast<QTextEdit*>(w) || qobject_cast<QPlainTextEdit*>(w) ||
           qobject_cast<QAbstractSpinBox*>(w);
}

QLabel* wrapped(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    return label;
}

} // namespace

LessonPlayer::LessonPlayer(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("lessonPlayer"));
    setFocusPolicy(Qt::StrongFocus);
    setAutoFillBackground(true);
    QPalette pal = palette();
    pal.setColor(QPalette::Window, QColor(kPaper));
    pal.setColor(QPalette::WindowText, QColor(kInk));
    setPalette(pal);

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("lessonTitle"));
    m_title->setWordWrap(true);
    m_counter = new QLabel(this);
    m_counter->setObjectName(QStringLiteral("lessonCounter"));
    m_banner = wrapped(this);
    m_banner->setObjectName(QStringLiteral("lessonProblems"));
    m_banner->setStyleSheet(QStringLiteral("QLabel { background: #fff4ce; color: #3b2f00; padding: 4px; }"));
    m_banner->hide();
    m_stack = new QStackedWidget(this);
    // The steps' panels do not set the player's size: on a projector the window is the screen, and a panel's
    // hidden controls must not make it larger than that.
    m_stack->setMinimumSize(200, 150);
    m_side = new QWidget(this);
    m_text = wrapped(m_side);
    m_text->setObjectName(QStringLiteral("lessonText"));
    m_formula = new FormulaView(m_side);
    m_formula->setTextColor(QColor(kInk));
    m_question = wrapped(m_side);
    m_question->setObjectName(QStringLiteral("lessonQuestion"));
    m_answer = wrapped(m_side);
    m_answer->setObjectName(QStringLiteral("lessonAnswer"));
    auto* side = new QVBoxLayout(m_side);
    side->setContentsMargins(12, 0, 0, 0);
    side->addWidget(m_text);
    side->addWidget(m_formula);
    side->addWidget(m_question);
    side->addWidget(m_answer);
    side->addStretch(1);

    auto* header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_counter, 0, Qt::AlignRight | Qt::AlignTop);
    auto* body = new QHBoxLayout;
    body->addWidget(m_stack, 7);
    body->addWidget(m_side, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_banner);
    layout->addLayout(body, 1);

    m_cover = new QLabel(this);
    m_cover->setObjectName(QStringLiteral("lessonCover"));
    m_cover->setAlignment(Qt::AlignCenter);
    m_cover->setWordWrap(true);
    // The view stays faintly visible under the question (the class sees the sentence, not the weights).
    m_cover->setStyleSheet(
        QStringLiteral("QLabel { background: rgba(31, 36, 48, 225); color: #ffffff; padding: 24px; }"));
    m_cover->hide();
    m_black = new QWidget(this);
    m_black->setStyleSheet(QStringLiteral("background: #000000;"));
    m_black->hide();
    qApp->installEventFilter(this);
    applyFonts();
}

LessonPlayer::~LessonPlayer() = default;

int LessonPlayer::presentationPixels(int screenHeight)
{
    return int(std::ceil(screenHeight / 50.0));
}

void LessonPlayer::setLesson(const Lesson& lesson, const QStringList& problems)
{
    for (LessonStepView* v : m_views) {
        m_stack->removeWidget(v);
        v->deleteLater();
    }
    m_views.clear();
    m_applied.clear();
    m_lesson = lesson;
    m_banner->setText(problems.join(QLatin1Char('\n')));
    m_banner->setVisible(!problems.isEmpty());
    for (int i = 0; i < stepCount(); ++i) {
        const LessonStep& step = m_lesson.steps[size_t(i)];
        LessonStepView* view = createLessonStepView(step.panel, m_stack);
        m_views.push_back(view);
        m_stack->addWidget(view);
        connect(view, &LessonStepView::ready, this, [this, i, view] {
            if (m_px > 0) {
                // A panel may show its controls again while it works (the Image panel on opening its model): the
                // presentation hides them again once the step shows its result.
                view->setPresentation(m_px);
            }
            if (i == m_current) {
                Q_EMIT stepShown(i);
            }
        });
        connect(view, &LessonStepView::failed, this, [this, i](const QString& message) {
            // The file's problems stay; a step's failure is added below them.
            m_banner->setText(m_banner->text() + (m_banner->text().isEmpty() ? QString() : QStringLiteral("\n")) +
                              tr("Step %1: %2").arg(i).arg(message));
            m_banner->show();
        });
        view->setPresentation(m_px);
        m_applied.push_back(m_eagerSteps);
        if (m_eagerSteps) {
            view->apply(step.options); // starts its jobs now, so the step is ready when the class reaches it
        }
    }
    m_current = -1;
    goToStep(m_startStep);
}

LessonStepView* LessonPlayer::stepView(int index) const
{
    return index >= 0 && index < int(m_views.size()) ? m_views[size_t(index)] : nullptr;
}

void LessonPlayer::setLanguage(const QString& language)
{
    m_language = language;
    showCurrent();
}

void LessonPlayer::goToStep(int index)
{
    if (stepCount() == 0) {
        return;
    }
    index = std::clamp(index, 0, stepCount() - 1);
    if (index == m_current) {
        return;
    }
    if (LessonStepView* old = currentStepView()) {
        old->leave();
    }
    m_current = index;
    const LessonStep& step = m_lesson.steps[size_t(index)];
    if (!m_applied[size_t(index)]) {
        m_applied[size_t(index)] = true;
        m_views[size_t(index)]->apply(step.options);
    }
    m_answerHidden = step.hasQuestion();
    m_stack->setCurrentWidget(m_views[size_t(index)]);
    m_views[size_t(index)]->enter();
    showCurrent();
    if (m_views[size_t(index)]->isReady()) {
        Q_EMIT stepShown(index);
    }
}

void LessonPlayer::next()
{
    if (m_answerHidden) {
        reveal();
    } else {
        goToStep(m_current + 1);
    }
}

void LessonPlayer::previous()
{
    goToStep(m_current - 1);
}

bool LessonPlayer::reveal()
{
    if (!m_answerHidden) {
        return false;
    }
    m_answerHidden = false;
    showCurrent();
    return true;
}

void LessonPlayer::setBlackScreen(bool black)
{
    m_blackOn = black;
    m_black->setVisible(black);
    m_black->raise();
}

void LessonPlayer::showCurrent()
{
    if (m_current < 0 || m_current >= stepCount()) {
        return;
    }
    const LessonStep& step = m_lesson.steps[size_t(m_current)];
    m_title->setText(step.title.text(m_language));
    m_counter->setText(tr("Step %1 (0–%2)").arg(m_current).arg(stepCount() - 1));
    m_text->setText(step.text.text(m_language));
    const QString formula = step.formula.text(m_language);
    m_formula->setVisible(!formula.isEmpty() && m_formula->setSource(formula));
    const QString question = step.question.text(m_language);
    m_question->setVisible(!question.isEmpty());
    m_question->setText(tr("Question: %1").arg(question));
    m_answer->setVisible(!question.isEmpty() && !m_answerHidden);
    m_answer->setText(tr("Answer: %1").arg(step.answer.text(m_language)));
    m_cover->setText(question + QStringLiteral("\n\n") + tr("Press Space to reveal"));
    m_cover->setVisible(m_answerHidden);
    m_views[size_t(m_current)]->setAnswerHidden(m_answerHidden);
    placeOverlays();
    // The side column's new width moves the view area once the layout has run: follow it then.
    QTimer::singleShot(0, this, &LessonPlayer::placeOverlays);
}

void LessonPlayer::setPresentation(int px)
{
    m_px = px;
    for (LessonStepView* v : m_views) {
        v->setPresentation(px);
    }
    applyFonts();
    placeOverlays();
}

void LessonPlayer::applyFonts()
{
    // Normal: the application's text size; presentation: px for text, more for the title.
    const int base = m_px > 0 ? m_px : std::max(13, QFontInfo(QApplication::font()).pixelSize());
    auto sized = [](QWidget* w, int px, bool bold) {
        QFont f = w->font();
        f.setPixelSize(px);
        f.setBold(bold);
        w->setFont(f);
    };
    sized(m_title, int(base * 1.6), true);
    sized(m_counter, base, false);
    sized(m_banner, base, false);
    sized(m_text, int(base * 1.1), false);
    sized(m_question, int(base * 1.1), true);
    sized(m_answer, int(base * 1.1), false);
    sized(m_cover, int(base * 1.6), true);
    m_formula->setFontPixelSize(int(base * 1.3));
    m_formula->setMinimumPixelSize(base);
    const QString ink = QStringLiteral("QLabel { color: %1; }");
    for (QLabel* l : {m_title, m_text, m_question, m_answer}) {
        l->setStyleSheet(ink.arg(QLatin1String(kInk)));
    }
    m_counter->setStyleSheet(ink.arg(QLatin1String(kMutedInk)));
}

int LessonPlayer::sideHeight(int width) const
{
    // The answer counts while it is hidden too: the layout stays put when it shows.
    const QMargins margins = m_side->layout()->contentsMargins();
    const int inner = width - margins.left() - margins.right();
    const bool asks = !m_question->text().isEmpty() && !m_question->isHidden();
    int height = margins.top() + margins.bottom() + m_text->heightForWidth(inner);
    int parts = 1;
    for (QWidget* w :
         {static_cast<QWidget*>(m_formula), static_cast<QWidget*>(m_question), static_cast<QWidget*>(m_answer)}) {
        if (w == m_formula ? !m_formula->isHidden() : asks) {
            height += w->heightForWidth(inner);
            ++parts;
        }
    }
    return height + (parts - 1) * m_side->layout()->spacing();
}

void LessonPlayer::placeOverlays()
{
    // The side column: as wide as the formula's widest line (it breaks at its \quad spaces), so the formula is
    // never cut (up to 3/5 of the player: a long line on a 4:3 projector), and as wide as its texts need to fit the
    // height (up to half the player); the view has the rest.
    const QMargins margins = m_side->layout()->contentsMargins();
    int side = m_formula->isHidden()
                   ? 0
                   : std::min(width() * 3 / 5, m_formula->narrowestWidth() + margins.left() + margins.right());
    const int available = m_stack->height();
    if (available > 0) {
        // (the share the body's stretch gives the column, 3 of 10, before it grows)
        side = std::max(side, width() * 3 / 10);
        while (side < width() / 2 && sideHeight(side) > available) {
            side += 8;
        }
    }
    m_side->setMinimumWidth(side);
    m_cover->setGeometry(m_stack->geometry());
    m_cover->raise();
    m_black->setGeometry(rect());
    m_black->raise();
}

void LessonPlayer::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    placeOverlays();
}

bool LessonPlayer::handleKey(int key)
{
    switch (key) {
    case Qt::Key_Right:
    case Qt::Key_PageDown:
    case Qt::Key_Space:
        if (m_blackOn) {
            setBlackScreen(false);
        } else {
            next();
        }
        return true;
    case Qt::Key_Left:
    case Qt::Key_PageUp:
    case Qt::Key_Backspace:
        previous();
        return true;
    case Qt::Key_Home:
        goToStep(0);
        return true;
    case Qt::Key_End:
        goToStep(stepCount() - 1);
        return true;
    case Qt::Key_B:
        setBlackScreen(!m_blackOn);
        return true;
    case Qt::Key_F5:
        Q_EMIT presentationRequested(true);
        return true;
    case Qt::Key_Escape:
        if (m_px > 0) {
            Q_EMIT presentationRequested(false);
        } else {
            Q_EMIT leaveRequested();
        }
        return true;
    default:
        return false;
    }
}

void LessonPlayer::keyPressEvent(QKeyEvent* event)
{
    if (!handleKey(event->key())) {
        QWidget::keyPressEvent(event);
    }
}

bool LessonPlayer::eventFilter(QObject* watched, QEvent* event)
{
    // Keys typed in the live views reach the player too, unless they edit text there (a presenter's clicker sends
    // PgUp / PgDn, which never edit text).
    if (event->type() == QEvent::KeyPress && watched != this && isVisible() && isActiveWindow()) {
        auto* w = qobject_cast<QWidget*>(watched);
        const int key = static_cast<QKeyEvent*>(event)->key();
        const bool clicker = key == Qt::Key_PageUp || key == Qt::Key_PageDown;
        if (w && isAncestorOf(w) && (clicker || !editsText(w)) && handleKey(key)) {
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

QString LessonPlayer::problemsText() const
{
    return m_banner->isHidden() ? QString() : m_banner->text();
}

} // namespace attn
