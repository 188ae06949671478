#pragma once

#include "core/attentionset.h"

#include <QObject>

#include <memory>

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
    // The run as the views should show it: merged into words when the box is checked and the run has pieces (merged
    // once per run and kept, so toggling back and forth costs nothing). shownSecond is null without a second run.
    std::shared_ptr<const AttentionSet> shown() const;
    std::shared_ptr<const AttentionSet> shownSecond() const;
    QCheckBox* checkBox() const { return m_check; }

Q_SIGNALS:
    void toggled(bool on);

private:
    QCheckBox* m_check = nullptr;
    QWidget* m_label = nullptr;
    std::shared_ptr<const AttentionSet> m_set;
    std::shared_ptr<const AttentionSet> m_second; // null without a second run
    mutable std::shared_ptr<const AttentionSet> m_mergedSet;
    mutable std::shared_ptr<const AttentionSet> m_mergedSecond;
    bool m_available = false;
};

} // namespace attn
