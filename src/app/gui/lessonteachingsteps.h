#pragma once

#include "engine/seq2seq/seq2seqlivetrainer.h"
#include "gui/jobrunner.h"
#include "gui/lessonstepview.h"

#include <memory>

class QLabel;
class QPushButton;

namespace attn {

class KernelRegressionView;
class ThreeStepsView;
class TrainingView;

// "kernel-regression": attention pooling as Nadaraya-Watson kernel regression.
class KernelLessonStep : public LessonStepView
{
    Q_OBJECT
public:
    explicit KernelLessonStep(QWidget* parent = nullptr);
    void apply(const QJsonObject& options) override;
    void setAnswerHidden(bool hidden) override;
    QWidget* mainView() override;

private:
    KernelRegressionView* m_view;
};

// "three-steps": score, normalise, weighted sum, animated for one query.
class ThreeStepsLessonStep : public LessonStepView
{
    Q_OBJECT
public:
    explicit ThreeStepsLessonStep(QWidget* parent = nullptr);
    void apply(const QJsonObject& options) override;
    QWidget* mainView() override;

private:
    ThreeStepsView* m_view;
};

// "train-seq2seq": a seq2seq model trained inside the app while the class watches its alignment sharpen and the
// loss fall. The run goes through the job runner; Start, Pause / Resume and Cancel are the view's buttons.
class TrainLessonStep : public LessonStepView
{
    Q_OBJECT
public:
    explicit TrainLessonStep(QWidget* parent = nullptr);
    ~TrainLessonStep() override;
    void apply(const QJsonObject& options) override;
    QWidget* mainView() override;
    void setPresentation(int px) override;

    void start();
    void togglePause();
    void cancel();
    bool isRunning() const { return m_runner.isBusy(); }
    TrainingView* view() const { return m_view; }
    JobRunner& runner() { return m_runner; }

Q_SIGNALS:
    void trainingFinished();

private:
    void update(const LiveTrainingUpdate& update);
    void updateButtons();

    TrainingView* m_view;
    QPushButton* m_start;
    QPushButton* m_pause;
    QPushButton* m_cancel;
    JobRunner m_runner;
    LiveTrainingConfig m_config;
    std::shared_ptr<LiveSeq2SeqTrainer> m_trainer; // shared with the running job
};

} // namespace attn
