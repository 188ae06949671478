#pragma once

#include "core/attentionset.h"

#include <QObject>

class QCheckBox;
class QFormLayout;

namespace attn {

// The word view's switch in the Text tab (issue 16). When a run has sub-word pieces ("play", "##ing"), a "Words"
// check box appears; checked, the views show each word's pieces merged into one row (the mean of the pieces'
// rows) and one column (the sum of the pieces' columns), so rows still sum to 1. The panel hands every run to
// setRun and shows what shown() gives; the run as the model returned it is kept, so the box can be unchecked.
class WordViewToggle : public QObject
{
    Q_OBJECT
public:
    // Adds a "Words:" row with the check box to layout (the panel's "Show" form).
    WordViewToggle(QFormLayout* layout, QWidget* parent);

    void setRun(const AttentionSet& set, const AttentionSet& second);
    // Whether the current run has pieces to merge (the box is shown only then).
    bool available() const { return m_available; }
    bool isOn() const;
    void setOn(bool on);
    // The run as the views should show it: merged into words when the box is checked and the run has pieces.
    AttentionSet shown() const;
    AttentionSet shownSecond() const;
    QCheckBox* checkBox() const { return m_check; }

Q_SIGNALS:
    void toggled(bool on);

private:
    QCheckBox* m_check = nullptr;
    QWidget* m_label = nullptr;
    AttentionSet m_set;
    AttentionSet m_second;
    bool m_available = false;
};

} // namespace attn
