#pragma once

#include "core/attentionset.h"

#include <QObject>
#include <cstddef>
#include <memory>

class QCheckBox;
class QFormLayout;

namespace attn {

class JobRunner;

// The word view's switch in the Text tab (issue 16). When a run has sub-word pieces ("play", "##ing"), a "Words"
// check box appears; checked, the views show each word's pieces merged into one row (the mean of the pieces'
// rows) and one column (the sum of the pieces' columns), so rows still sum to 1. The panel hands every run to
// setRun and shows what shown() gives; the run as the model returned it is kept, so the box can be unchecked.
// A run is merged once and kept; large runs (over kSyncWeights weights: BERT-base at 512 tokens has 38 million)
// are merged off the GUI thread, and changed() tells the panel when the words are ready.
class WordViewToggle : public QObject
{
    Q_OBJECT
public:
    static constexpr std::size_t kSyncWeights = std::size_t(1) << 22;

    // Adds a "Words:" row with the check box to layout (the panel's "Show" form).
    WordViewToggle(QFormLayout* layout, QWidget* parent);
    ~WordViewToggle() override;

    void setRun(const AttentionSet& set, const AttentionSet& second);
    // Whether the current run has pieces to merge (the box is shown only then).
    bool available() const { return m_available; }
    bool isOn() const;
    void setOn(bool on);
    // The run as the views should show it: merged into words when the box is checked, the run has pieces and the
    // merge is done; else as the model gave it. shownSecond is null without a second run.
    std::shared_ptr<const AttentionSet> shown() const;
    std::shared_ptr<const AttentionSet> shownSecond() const;
    QCheckBox* checkBox() const { return m_check; }
    // Runs the event loop until a merge in the background is done (tests).
    void waitForIdle();

Q_SIGNALS:
    // What shown() gives changed: the box was toggled, or the words of a large run are ready.
    void changed();

private:
    // Merges the current run: at once when it is small (changed() only when notify), else in the background
    // (changed() when done).
    void merge(bool notify);
    bool wantsWords() const { return m_available && isOn(); }

    QCheckBox* m_check = nullptr;
    QWidget* m_label = nullptr;
    JobRunner* m_runner = nullptr;
    std::shared_ptr<const AttentionSet> m_set;
    std::shared_ptr<const AttentionSet> m_second; // null without a second run
    std::shared_ptr<const AttentionSet> m_mergedSet;
    std::shared_ptr<const AttentionSet> m_mergedSecond;
    bool m_merged = false; // m_mergedSet / m_mergedSecond belong to the current run
    bool m_available = false;
};

} // namespace attn
