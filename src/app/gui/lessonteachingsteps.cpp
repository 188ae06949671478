#include "gui/lessonteachingsteps.h"

#include "core/scoring.h"
#include "views/kernelregressionview.h"
#include "views/threestepsview.h"
#include "views/trainingview.h"

#include <QHBoxLayout>
#include <QJsonArray>
#include <QPushButton>
#include <QVBoxLayout>

namespace attn {

namespace {

QVBoxLayout* fill(QWidget* step, QWidget* view)
{
    auto* layout = new QVBoxLayout(step);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view, 1);
    return layout;
}

Eigen::VectorXd vectorFrom(const QJsonValue& value)
{
    const QJsonArray a = value.toArray();
    Eigen::VectorXd v(a.size());
    for (int i = 0; i < a.size(); ++i) {
        v(i) = a[i].toDouble();
    }
    return v;
}

Eigen::MatrixXd matrixFrom(const QJsonValue& value)
{
    const QJsonArray rows = value.toArray();
    const int cols = rows.isEmpty() ? 0 : int(rows[0].toArray().size());
    Eigen::MatrixXd m(rows.size(), cols);
    for (int r = 0; r < rows.size(); ++r) {
        m.row(r) = vectorFrom(rows[r]).transpose();
    }
    return m;
}

} // namespace

KernelLessonStep::KernelLessonStep(QWidget* parent) : LessonStepView(parent), m_view(new KernelRegressionView)
{
    fill(this, m_view);
}

void KernelLessonStep::apply(const QJsonObject& options)
{
    const QString kernel = options.value(QStringLiteral("kernel")).toString(QStringLiteral("gaussian"));
    m_view->setKernel(kernel == QLatin1String("average")   ? KernelKind::Average
                      : kernel == QLatin1String("learned") ? KernelKind::Learned
                                                           : KernelKind::Gaussian);
    if (options.contains(QStringLiteral("width"))) {
        m_view->setWidth(options.value(QStringLiteral("width")).toDouble());
    }
    markReady();
}

void KernelLessonStep::setAnswerHidden(bool hidden)
{
    m_view->setAnswerHidden(hidden); // the estimate and the weights; the data and the truth stay
}

QWidget* KernelLessonStep::mainView()
{
    return m_view;
}

ThreeStepsLessonStep::ThreeStepsLessonStep(QWidget* parent) : LessonStepView(parent), m_view(new ThreeStepsView)
{
    fill(this, m_view);
}

void ThreeStepsLessonStep::apply(const QJsonObject& options)
{
    const auto function =
        scoreFunctionFromName(options.value(QStringLiteral("function")).toString(QStringLiteral("dot")).toStdString());
    const Eigen::VectorXd query = options.contains(QStringLiteral("query"))
                                      ? vectorFrom(options.value(QStringLiteral("query")))
                                      : ThreeStepsView::defaultQuery();
    const Eigen::MatrixXd keys = options.contains(QStringLiteral("keys"))
                                     ? matrixFrom(options.value(QStringLiteral("keys")))
                                     : ThreeStepsView::defaultKeys();
    const Eigen::MatrixXd values = options.contains(QStringLiteral("values"))
                                       ? matrixFrom(options.value(QStringLiteral("values")))
                                       : ThreeStepsView::defaultValues();
    m_view->setInputs(query, keys, values, function.value_or(ScoreFunction::Dot),
                      options.value(QStringLiteral("temperature")).toDouble(1.0));
    m_view->setStage(options.value(QStringLiteral("stage")).toDouble(0.0));
    markReady();
}

QWidget* ThreeStepsLessonStep::mainView()
{
    return m_view;
}

TrainLessonStep::TrainLessonStep(QWidget* parent)
    : LessonStepView(parent), m_view(new TrainingView), m_start(new QPushButton(tr("Start training"))),
      m_pause(new QPushButton(tr("Pause"))), m_cancel(new QPushButton(tr("Cancel")))
{
    auto* layout = fill(this, m_view);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    for (QPushButton* b : {m_start, m_pause, m_cancel}) {
        buttons->addWidget(b);
    }
    layout->addLayout(buttons);
    connect(m_start, &QPushButton::clicked, this, &TrainLessonStep::start);
    connect(m_pause, &QPushButton::clicked, this, &TrainLessonStep::togglePause);
    connect(m_cancel, &QPushButton::clicked, this, &TrainLessonStep::cancel);
    connect(&m_runner, &JobRunner::busyChanged, this, &TrainLessonStep::updateButtons);
    connect(&m_runner, &JobRunner::failed, this, &LessonStepView::failed);
    updateButtons();
}

TrainLessonStep::~TrainLessonStep()
{
    if (m_trainer) {
        m_trainer->cancel(); // also wakes a paused run, so the runner's destructor does not wait for it
    }
}

void TrainLessonStep::apply(const QJsonObject& options)
{
    m_config = LiveTrainingConfig{};
    m_config.score = options.value(QStringLiteral("score")).toString(QStringLiteral("additive")).toStdString();
    if (options.contains(QStringLiteral("steps"))) {
        m_config.steps = options.value(QStringLiteral("steps")).toInt();
    }
    m_view->clear();
    m_view->setTotalSteps(m_config.steps);
    m_view->setStateText(tr("press Start training"));
    markBusy();
    // The step's first picture is the untrained network's own alignment of the probe sentence: what training
    // starts from.
    auto trainer = std::make_shared<LiveSeq2SeqTrainer>(m_config); // throws ModelError for a bad config
    m_trainer = trainer;
    m_runner.start(tr("Preparing the seq2seq model"), [this, trainer](JobContext&) -> JobRunner::Delivery {
        const SentencePair probe = LiveTrainingConfig::defaultProbe();
        auto before = std::make_shared<LiveSeq2SeqTrainer::Translation>(trainer->translate(probe.source));
        return [this, before] {
            QStringList target, source;
            for (const auto& t : before->target) {
                target << QString::fromStdString(t);
            }
            for (const auto& t : before->source) {
                source << QString::fromStdString(t);
            }
            if (before->attention.size() > 0) {
                m_view->setAlignment(before->attention, target, source, 0);
            }
            markReady();
        };
    });
}

void TrainLessonStep::start()
{
    if (m_trainer && m_trainer->state() != LiveTrainingState::Ready) {
        m_trainer->cancel(); // a run goes once per trainer: a new run gets a new one
        m_trainer.reset();
    }
    m_view->clear();
    m_view->setTotalSteps(m_config.steps);
    m_view->setStateText(QString());
    if (!m_trainer) {
        m_trainer = std::make_shared<LiveSeq2SeqTrainer>(m_config);
    }
    const auto trainer = m_trainer;
    m_runner.start(tr("Training a seq2seq model"), [this, trainer](JobContext& job) -> JobRunner::Delivery {
        const auto result = trainer->run(
            [this](const LiveTrainingUpdate& u) {
                QMetaObject::invokeMethod(this, [this, u] { update(u); }, Qt::QueuedConnection);
            },
            job.token());
        checkCancelled();
        return [this, result] {
            m_view->setStateText(result.state == LiveTrainingState::Finished ? tr("finished") : tr("cancelled"));
            Q_EMIT trainingFinished();
        };
    });
}

void TrainLessonStep::update(const LiveTrainingUpdate& u)
{
    if (!isReady()) {
        markReady();
    }
    TrainingView::Point p;
    p.step = u.step;
    p.loss = u.loss;
    p.accuracy = u.tokenAccuracy;
    p.heldOutAccuracy = u.heldOutAccuracy;
    m_view->addPoint(p);
    if (u.alignment.size() > 0) {
        QStringList target, source;
        for (const auto& t : u.targetTokens) {
            target << QString::fromStdString(t);
        }
        for (const auto& s : u.sourceTokens) {
            source << QString::fromStdString(s);
        }
        m_view->setAlignment(u.alignment, target, source, u.step);
    }
}

void TrainLessonStep::togglePause()
{
    if (!m_trainer || !m_runner.isBusy()) {
        return;
    }
    if (m_trainer->isPaused()) {
        m_trainer->resume();
        m_view->setStateText(QString());
    } else {
        m_trainer->pause();
        m_view->setStateText(tr("paused"));
    }
    updateButtons();
}

void TrainLessonStep::cancel()
{
    if (m_trainer) {
        m_trainer->cancel();
    }
    m_runner.cancel();
    m_view->setStateText(tr("cancelled"));
}

void TrainLessonStep::updateButtons()
{
    // Only the buttons that do something now are shown (a greyed-out button cannot be read on a projector).
    const bool running = m_runner.isBusy();
    m_start->setVisible(!running);
    m_pause->setVisible(running);
    m_cancel->setVisible(running);
    m_start->setEnabled(!running);
    m_start->setText(m_trainer && m_trainer->state() != LiveTrainingState::Ready ? tr("Train again")
                                                                                  : tr("Start training"));
    m_pause->setEnabled(running);
    m_pause->setText(m_trainer && m_trainer->isPaused() ? tr("Resume") : tr("Pause"));
    m_cancel->setEnabled(running);
}

void TrainLessonStep::setPresentation(int px)
{
    LessonStepView::setPresentation(px);
    // The buttons are how the class starts and pauses the run: they stay, at the presentation's text size.
    for (QPushButton* b : {m_start, m_pause, m_cancel}) {
        QFont f = b->font();
        f.setPixelSize(px > 0 ? px : QFont().pixelSize() > 0 ? QFont().pixelSize() : 13);
        b->setFont(f);
    }
    updateButtons();
}

QWidget* TrainLessonStep::mainView()
{
    return m_view;
}

} // namespace attn
