#include "views/threestepsview.h"

#include "core/scorerun.h"
#include "views/scorefunctionlabel.h"
#include "views/threestepscanvas.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QVBoxLayout>
#include <QVariantAnimation>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace attn {

namespace {

constexpr int kSliderSteps = 300; // a hundred positions per step

} // namespace

ThreeStepsView::ThreeStepsView(QWidget* parent) : QWidget(parent)
{
    setAutoFillBackground(true);
    QPalette pal = palette();
    pal.setColor(QPalette::Window, Qt::white);
    pal.setColor(QPalette::WindowText, QColor(25, 25, 25));
    setPalette(pal);

    m_controls = new QWidget(this);
    auto* controls = new QHBoxLayout(m_controls);
    controls->setContentsMargins(0, 0, 0, 0);
    m_playButton = new QPushButton(m_controls);
    auto* stageName = new QLabel(tr("Step:"), m_controls);
    m_stageSlider = new QSlider(Qt::Horizontal, m_controls);
    m_stageSlider->setRange(0, kSliderSteps);
    m_stageSlider->setPageStep(kSliderSteps / 3);
    stageName->setBuddy(m_stageSlider);
    m_stageLabel = new QLabel(m_controls);
    controls->addWidget(m_playButton);
    controls->addSpacing(12);
    controls->addWidget(stageName);
    controls->addWidget(m_stageSlider, 1);
    controls->addWidget(m_stageLabel);

    m_canvas = new ThreeStepsCanvas(this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_controls);
    layout->addWidget(m_canvas, 1);

    m_animation = new QVariantAnimation(this);
    m_animation->setEasingCurve(QEasingCurve::Linear);
    connect(m_animation, &QVariantAnimation::valueChanged, this,
            [this](const QVariant& value) { setStage(value.toDouble()); });
    connect(m_animation, &QVariantAnimation::stateChanged, this, [this](QAbstractAnimation::State state) {
        updateControls();
        Q_EMIT playingChanged(state == QAbstractAnimation::Running);
    });
    connect(m_playButton, &QPushButton::clicked, this, [this] { isPlaying() ? pause() : play(); });
    connect(m_stageSlider, &QSlider::valueChanged, this, [this](int value) {
        // A hand on the slider takes over from the animation.
        pause();
        setStage(3.0 * value / kSliderSteps);
    });

    setFontPixelSize(m_fontPx);
    setInputs(defaultQuery(), defaultKeys(), defaultValues(), ScoreFunction::ScaledDot);
}

ThreeStepsView::~ThreeStepsView() = default;

Eigen::VectorXd ThreeStepsView::defaultQuery()
{
    return Eigen::Vector2d(1.0, 1.0);
}

Eigen::MatrixXd ThreeStepsView::defaultKeys()
{
    Eigen::MatrixXd k(4, 2);
    k << 1.5, 0.2, 0.3, 1.2, -1.0, 0.5, -0.5, -1.0;
    return k;
}

Eigen::MatrixXd ThreeStepsView::defaultValues()
{
    Eigen::MatrixXd v(4, 2);
    v << 1.5, 0.5, 0.5, 1.5, -1.0, 1.0, 0.5, -1.5;
    return v;
}

void ThreeStepsView::setInputs(const Eigen::VectorXd& query, const Eigen::MatrixXd& keys, const Eigen::MatrixXd& values,
                               ScoreFunction function, double temperature)
{
    m_query = query;
    m_keys = keys;
    m_values = values;
    m_function = function;
    m_options.temperature = temperature;
    recompute();
}

void ThreeStepsView::setFunction(ScoreFunction function)
{
    m_function = function;
    recompute();
}

void ThreeStepsView::setTemperature(double temperature)
{
    m_options.temperature = temperature;
    recompute();
}

void ThreeStepsView::setNormaliser(NormaliserKind kind, const NormaliserOptions& options)
{
    m_normaliser = kind;
    m_options = options;
    recompute();
}

void ThreeStepsView::setParams(const ScoreParams& params)
{
    m_params = params;
    m_hasParams = true;
    recompute();
}

void ThreeStepsView::clearParams()
{
    m_hasParams = false;
    recompute();
}

const Eigen::VectorXd& ThreeStepsView::scores() const
{
    return m_canvas->data().scores;
}

const Eigen::VectorXd& ThreeStepsView::weights() const
{
    return m_canvas->data().weights;
}

const Eigen::VectorXd& ThreeStepsView::output() const
{
    return m_canvas->data().output;
}

void ThreeStepsView::recompute()
{
    ThreeStepsData data;
    data.query = m_query;
    data.keys = m_keys;
    data.values = m_values.size() > 0 ? m_values : m_keys;
    data.temperature = m_options.temperature;
    data.normaliserFormula = normaliserFormula();
    data.functionName = scoreFunctionLabel(m_function);
    data.scoreFormula = scoreFormulaSource(m_function);
    ScoreRequest request;
    request.query = m_query;
    request.keys = m_keys;
    request.values = m_values;
    request.functions = {m_function};
    request.normaliser = m_normaliser;
    request.options = m_options;
    request.hasParams = m_hasParams;
    request.params = m_params;
    m_error.clear();
    try {
        if (m_values.size() > 0 && m_values.rows() != m_keys.rows()) {
            throw std::invalid_argument(std::to_string(m_keys.rows()) + " keys but " + std::to_string(m_values.rows()) +
                                        " values: give one value per key");
        }
        const std::vector<ScoreRun> runs = runScores(request);
        data.scores = runs.front().scores;
        data.weights = runs.front().weights;
        data.output = runs.front().context;
    } catch (const std::invalid_argument& e) {
        m_error = QString::fromStdString(e.what());
        data.error = m_error;
    }
    m_canvas->setData(std::move(data));
    updateControls();
}

// The step's formulas in the notation of core/formula.h (the canvas draws them as maths).
QString ThreeStepsView::scoreFormulaSource(ScoreFunction fn)
{
    switch (fn) {
    case ScoreFunction::Dot:
        return QStringLiteral("q \\cdot k_i");
    case ScoreFunction::ScaledDot:
        return QStringLiteral("q \\cdot k_i / \\sqrt{d}");
    case ScoreFunction::Cosine:
        return QStringLiteral("q \\cdot k_i / (\\|q\\| \\, \\|k_i\\|)");
    case ScoreFunction::General:
        return QStringLiteral("q^T W k_i");
    case ScoreFunction::ConcatLinear:
        return QStringLiteral("w^T [q; k_i] + b");
    case ScoreFunction::ConcatTanh:
        return QStringLiteral("\\sum_j tanh(W [q; k_i] + b)_j");
    case ScoreFunction::Additive:
        return QStringLiteral("v^T tanh(W q + U k_i)");
    case ScoreFunction::Location:
        return QStringLiteral("(W_a q)_i");
    }
    return {};
}

QString ThreeStepsView::normaliserFormula() const
{
    const QString s = m_options.temperature != 1.0 ? QStringLiteral("s / T") : QStringLiteral("s");
    switch (m_normaliser) {
    case NormaliserKind::Softmax:
        return QStringLiteral("\\alpha_i = softmax(%1)_i").arg(s);
    case NormaliserKind::Hard:
        return QStringLiteral("\\alpha_i = onehot(argmax s)_i");
    case NormaliserKind::SampledHard:
        return QStringLiteral("\\alpha_i = onehot(sample(softmax(%1)))_i").arg(s);
    case NormaliserKind::Local:
        return QStringLiteral("\\alpha_i = softmax_{|i - p| \\le D}(%1)_i \\cdot exp(-(i - p)^2 / (D^2 / 2))").arg(s);
    }
    return {};
}

void ThreeStepsView::setStage(double stage)
{
    if (!std::isfinite(stage)) {
        return;
    }
    stage = std::clamp(stage, 0.0, 3.0);
    if (stage == m_canvas->stage()) {
        return;
    }
    m_canvas->setStage(stage);
    updateControls();
    Q_EMIT stageChanged(stage);
}

double ThreeStepsView::stage() const
{
    return m_canvas->stage();
}

void ThreeStepsView::play()
{
    if (isPlaying()) {
        return;
    }
    // From the end, Play starts again from nothing.
    const double from = stage() >= 3.0 ? 0.0 : stage();
    m_animation->setStartValue(from);
    m_animation->setEndValue(3.0);
    m_animation->setDuration(std::max(1, int(std::lround((3.0 - from) * m_secondsPerStep * 1000.0))));
    m_animation->start();
}

void ThreeStepsView::pause()
{
    if (isPlaying()) {
        m_animation->stop();
    }
}

bool ThreeStepsView::isPlaying() const
{
    return m_animation->state() == QAbstractAnimation::Running;
}

void ThreeStepsView::setSecondsPerStep(double seconds)
{
    if (seconds > 0.0 && std::isfinite(seconds)) {
        m_secondsPerStep = seconds;
    }
}

void ThreeStepsView::setFontPixelSize(int px)
{
    m_fontPx = std::max(6, px);
    QFont f = font();
    f.setPixelSize(m_fontPx);
    setFont(f);
    m_stageSlider->setMinimumWidth(m_fontPx * 5);
    const QFontMetrics fm(f);
    m_stageLabel->setMinimumWidth(fm.horizontalAdvance(tr("Weighted sum")) +
                                  fm.horizontalAdvance(QStringLiteral("  0.00 / 3")));
    m_playButton->setMinimumWidth(std::max(fm.horizontalAdvance(tr("Play")), fm.horizontalAdvance(tr("Pause"))) +
                                  m_fontPx * 2);
}

void ThreeStepsView::setMinimumTextPixels(int px)
{
    setFontPixelSize(std::max(kNormalPixelSize, px));
}

void ThreeStepsView::setControlsVisible(bool visible)
{
    m_controls->setVisible(visible);
}

void ThreeStepsView::updateControls()
{
    const QSignalBlocker block(m_stageSlider);
    const double s = stage();
    m_stageSlider->setValue(int(std::lround(s / 3.0 * kSliderSteps)));
    const QString names[4] = {tr("Score"), tr("Normalise"), tr("Weighted sum"), tr("Done")};
    m_stageLabel->setText(QStringLiteral("%1  %2 / 3").arg(names[std::min(3, int(std::floor(s)))]).arg(s, 0, 'f', 2));
    m_playButton->setText(isPlaying() ? tr("Pause") : tr("Play"));
}

} // namespace attn
