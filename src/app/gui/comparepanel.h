#pragma once

#include "gui/jobrunner.h"
#include "gui/lessonstepcapture.h"
#include "gui/panel.h"
#include "views/scorescompareview.h"


class QLineEdit;
class QPushButton;

namespace attn {

// The trained comparison tab: one sentence through the GRU encoder-decoders of every scoring function (and the
// one without attention), their alignments side by side, their test accuracies and accuracy by length.
class ComparePanel : public Panel
{
    Q_OBJECT
public:
    explicit ComparePanel(QWidget* parent = nullptr);
    ~ComparePanel() override;

    QString title() const override;
    bool exportView(const QString& path, QString* error) override;
    void setColorMap(ColorMap map) override;
    std::optional<LessonStep> lessonStep() const override { return captureLessonStep(*this); }

    ScoresCompareView* view() const { return m_view; }
    QString sentence() const; // the sentence field
    // Runs in the job runner (a newer sentence cancels the running one); finished() fires when the view shows the
    // result (or the error).
    void showSentence(const QString& text);
    bool isBusy() const { return m_runner.isBusy(); }
    JobRunner& runner() { return m_runner; }

Q_SIGNALS:
    void finished();

protected:
    // The first time the tab is shown it runs the default sentence, so there is something to look at at once.
    void showEvent(QShowEvent* event) override;

private:
    QLineEdit* m_text = nullptr;
    QPushButton* m_run = nullptr;
    ScoresCompareView* m_view = nullptr;
    JobRunner m_runner;
    QString m_modelsDir;
    bool m_shownOnce = false;
};

} // namespace attn
