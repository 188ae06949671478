#pragma once

#include <QWidget>

class QComboBox;

namespace attn {

class ScoringLab;
class ThreeStepsView;

// The Scoring lab's "Animate the three steps": attention for the lab's current query, keys and values, one
// scoring function at a time (score, normalise, weighted sum), with the lab's parameters, mode and temperature.
// It follows the lab while open.
class ThreeStepsWindow : public QWidget
{
    Q_OBJECT
public:
    explicit ThreeStepsWindow(const ScoringLab* lab, QWidget* parent = nullptr);
    ThreeStepsView* view() const { return m_view; }
    QComboBox* functionCombo() const { return m_function; }
    // Takes the lab's current inputs again.
    void refresh();

private:
    const ScoringLab* m_lab;
    QComboBox* m_function;
    ThreeStepsView* m_view;
};

} // namespace attn
