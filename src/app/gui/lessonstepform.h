#pragma once

#include "core/lesson.h"

#include <QGroupBox>
#include <memory>
#include <vector>

namespace Ui {
class LessonStepForm;
}

namespace attn {

class FormulaView;

// The lesson editor's form for one step: title, text, formula, question and answer, each in English and in
// Simplified Chinese, the formula drawn as it is typed (with its parse error), and the view the step opens (its
// panel and options, which "Add this view as a step" set and the form only shows).
class LessonStepForm : public QGroupBox
{
    Q_OBJECT
public:
    explicit LessonStepForm(QWidget* parent = nullptr);
    ~LessonStepForm() override;

    // Shows step number index for editing; nullptr: no step (the form is disabled and empty).
    void setStep(const LessonStep* step, int index);
    // The step with the teacher's edits.
    const LessonStep& step() const { return m_step; }
    FormulaView* preview() const { return m_preview; }

Q_SIGNALS:
    // A field was edited: step() holds the edit.
    void edited();

private:
    struct Field
    {
        QWidget* en;
        QWidget* zh;
        LessonText LessonStep::*text;
    };

    void fieldEdited(const Field& field);
    void updatePreview(bool chinese);

    std::unique_ptr<Ui::LessonStepForm> ui;
    FormulaView* m_preview = nullptr;
    std::vector<Field> m_fields;
    LessonStep m_step;
    bool m_hasStep = false;
    bool m_filling = false; // the fields are being filled from a step, not edited
};

} // namespace attn
