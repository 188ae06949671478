#pragma once

#include "gui/lessonstepview.h"

namespace attn {

class ClassifiersPanel;

// "classifiers": the Classifiers tab in a lesson step. Options: family (pooling | han | pair, default pooling),
// text and text2 (default: the family's generated example number `example`, 0 by default), variant (the pair model).
class ClassifiersLessonStep : public LessonStepView
{
    Q_OBJECT
public:
    explicit ClassifiersLessonStep(QWidget* parent = nullptr);
    void apply(const QJsonObject& options) override;
    QWidget* mainView() override;
    void setAnswerHidden(bool hidden) override;
    ClassifiersPanel* panel() const { return m_panel; }

private:
    ClassifiersPanel* m_panel;
};

} // namespace attn
