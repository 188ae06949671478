#pragma once

#include "gui/lessonstepview.h"

namespace attn {

class ComparePanel;
class GeneratePanel;
class ImagePanel;
class LabPanel;
class TextPanel;

// Lesson steps that open one of the app's own panels, live, with the step's options set. Each step has its own
// panel (and so its own session and job runner), which neither reads nor writes the user's settings where the
// panel has that switch.

// "text" (a Transformer's attention) and "alignment" (a seq2seq model's cross-attention matrix).
class TextLessonStep : public LessonStepView
{
    Q_OBJECT
public:
    explicit TextLessonStep(bool alignment, QWidget* parent = nullptr);
    void apply(const QJsonObject& options) override;
    QWidget* mainView() override;
    TextPanel* panel() const { return m_panel; }

private:
    void showChoices();
    TextPanel* m_panel;
    bool m_alignment;
    bool m_choosing = false;
    QJsonObject m_options;
};

// "image": Show, Attend and Tell on a bundled scene, opened on one word.
class ImageLessonStep : public LessonStepView
{
    Q_OBJECT
public:
    explicit ImageLessonStep(QWidget* parent = nullptr);
    void apply(const QJsonObject& options) override;
    QWidget* mainView() override;

private:
    ImagePanel* m_panel;
    QJsonObject m_options;
};

// "generate": a llama2.c model writing, on one token, layer and head.
class GenerateLessonStep : public LessonStepView
{
    Q_OBJECT
public:
    explicit GenerateLessonStep(QWidget* parent = nullptr);
    void apply(const QJsonObject& options) override;
    QWidget* mainView() override;

private:
    GeneratePanel* m_panel;
    QJsonObject m_options;
};

// "seq2seq-compare": the trained scoring functions side by side (the bottleneck).
class CompareLessonStep : public LessonStepView
{
    Q_OBJECT
public:
    explicit CompareLessonStep(QWidget* parent = nullptr);
    void apply(const QJsonObject& options) override;
    QWidget* mainView() override;

private:
    ComparePanel* m_panel;
};

// "scoring-lab" and "qkv-rules": the scoring lab on an example, a mode and a temperature.
class LabLessonStep : public LessonStepView
{
    Q_OBJECT
public:
    explicit LabLessonStep(bool rules, QWidget* parent = nullptr);
    void apply(const QJsonObject& options) override;
    QWidget* mainView() override;

private:
    LabPanel* m_panel;
    bool m_rules;
};

} // namespace attn
