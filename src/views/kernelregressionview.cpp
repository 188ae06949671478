#include "views/kernelregressionview.h"

#include "views/kernelregressioncanvas.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace attn {

namespace {

constexpr int kSliderSteps = 1000;

} // namespace

KernelRegressionView::KernelRegressionView(QWidget* parent) : QWidget(parent)
{
    setAutoFillBackground(true);
    QPalette pal = palette();
    pal.setColor(QPalette::Window, Qt::white);
    pal.setColor(QPalette::WindowText, QColor(25, 25, 25));
    setPalette(pal);

    m_controls = new QWidget(this);
    auto* controls = new QHBoxLayout(m_controls);
    controls->setContentsMargins(0, 0, 0, 0);
    auto* kernelName = new QLabel(tr("Kernel:"), m_controls);
    m_kindCombo = new QComboBox(m_controls);
    m_kindCombo->addItem(tr("Average pooling"), int(KernelKind::Average));
    m_kindCombo->addItem(tr("Gaussian kernel"), int(KernelKind::Gaussian));
    m_kindCombo->addItem(tr("Learned width (leave-one-out)"), int(KernelKind::Learned));
    kernelName->setBuddy(m_kindCombo);
    m_widthName = new QLabel(tr("Width σ:"), m_controls);
    m_widthSlider = new QSlider(Qt::Horizontal, m_controls);
    m_widthSlider->setRange(0, kSliderSteps);
    m_widthSlider->setToolTip(
        tr("The Gaussian kernel's width σ (logarithmic scale from %1 to %2)").arg(minWidth()).arg(maxWidth()));
    m_widthName->setBuddy(m_widthSlider);
    m_widthLabel = new QLabel(m_controls);
    controls->addWidget(kernelName);
    controls->addWidget(m_kindCombo);
    controls->addSpacing(16);
    controls->addWidget(m_widthName);
    controls->addWidget(m_widthSlider, 1);
    controls->addWidget(m_widthLabel);

    m_canvas = new KernelRegressionCanvas(this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_controls);
    layout->addWidget(m_canvas, 1);

    connect(m_kindCombo, &QComboBox::currentIndexChanged, this,
            [this](int index) { setKernel(KernelKind(m_kindCombo->itemData(index).toInt())); });
    connect(m_widthSlider, &QSlider::valueChanged, this, [this](int value) {
        const double t = double(value) / kSliderSteps;
        const double sigma = std::exp(std::log(minWidth()) + t * (std::log(maxWidth()) - std::log(minWidth())));
        // Dragging the width means the Gaussian kernel, whichever kernel was shown.
        setKernel(KernelKind::Gaussian);
        setWidth(sigma);
    });

    setFontPixelSize(m_fontPx);
    setData(makeKernelData());
}

KernelRegressionView::~KernelRegressionView() = default;

void KernelRegressionView::setData(KernelData data)
{
    m_data = std::move(data);
    m_fit = fitKernelWidth(m_data.xTrain, m_data.yTrain);
    recompute();
}

void KernelRegressionView::setKernel(KernelKind kind)
{
    if (kind == m_kind) {
        return;
    }
    m_kind = kind;
    recompute();
    Q_EMIT kernelChanged(kind);
}

void KernelRegressionView::setWidth(double sigma)
{
    if (!std::isfinite(sigma)) {
        return;
    }
    sigma = std::clamp(sigma, minWidth(), maxWidth());
    if (sigma == m_width) {
        return;
    }
    m_width = sigma;
    recompute();
    Q_EMIT widthChanged(sigma);
}

double KernelRegressionView::effectiveWidth() const
{
    switch (m_kind) {
    case KernelKind::Average:
        return std::numeric_limits<double>::infinity();
    case KernelKind::Gaussian:
        return m_width;
    case KernelKind::Learned:
        return m_fit.sigma;
    }
    return m_width;
}

void KernelRegressionView::setFontPixelSize(int px)
{
    m_fontPx = std::max(6, px);
    QFont f = font();
    f.setPixelSize(m_fontPx);
    setFont(f);
    m_widthSlider->setMinimumWidth(m_fontPx * 5);
    // The value label keeps one width, so the slider does not jump while the number changes.
    m_widthLabel->setMinimumWidth(QFontMetrics(f).horizontalAdvance(QStringLiteral("σ = 0.000")));
    m_canvas->update();
}

void KernelRegressionView::setMinimumTextPixels(int px)
{
    setFontPixelSize(std::max(kNormalPixelSize, px));
}

void KernelRegressionView::setControlsVisible(bool visible)
{
    m_controls->setVisible(visible);
}

void KernelRegressionView::setAnswerHidden(bool hidden)
{
    if (hidden != m_answerHidden) {
        m_answerHidden = hidden;
        recompute();
    }
}

int KernelRegressionView::sliderPosition(double sigma) const
{
    const double t = (std::log(sigma) - std::log(minWidth())) / (std::log(maxWidth()) - std::log(minWidth()));
    return int(std::lround(std::clamp(t, 0.0, 1.0) * kSliderSteps));
}

void KernelRegressionView::updateControls()
{
    const QSignalBlocker comboBlock(m_kindCombo);
    const QSignalBlocker sliderBlock(m_widthSlider);
    m_kindCombo->setCurrentIndex(m_kindCombo->findData(int(m_kind)));
    // The slider shows the width in use: the learned one after fitting; average pooling has none.
    m_widthSlider->setValue(m_kind == KernelKind::Average
                                ? m_widthSlider->maximum()
                                : sliderPosition(m_kind == KernelKind::Learned ? m_fit.sigma : m_width));
    m_widthLabel->setText(m_kind == KernelKind::Average ? tr("σ = ∞")
                                                        : QStringLiteral("σ = %1").arg(effectiveWidth(), 0, 'f', 2));
}

void KernelRegressionView::recompute()
{
    const Eigen::Index m = m_data.xTest.size();
    const Eigen::Index n = m_data.xTrain.size();
    m_weights = m_kind == KernelKind::Average ? averagePoolingWeights(m, n)
                                              : gaussianKernelWeights(m_data.xTest, m_data.xTrain, effectiveWidth());
    m_prediction = nadarayaWatson(m_weights, m_data.yTrain);

    KernelPlotData plot;
    plot.xTrain = m_data.xTrain;
    plot.yTrain = m_data.yTrain;
    plot.xTest = m_data.xTest;
    plot.truthTest = m_data.truthTest;
    plot.prediction = m_prediction;
    plot.weights = m_weights;
    switch (m_kind) {
    case KernelKind::Average:
        plot.estimateText = tr("average pooling: mean of");
        plot.estimateFormula = QStringLiteral("y_i");
        break;
    case KernelKind::Gaussian:
        plot.estimateText = tr("Gaussian kernel,");
        plot.estimateFormula = QStringLiteral("\\sigma = %1").arg(m_width, 0, 'f', 2);
        break;
    case KernelKind::Learned:
        plot.estimateText = tr("learned width,");
        plot.estimateFormula = QStringLiteral("\\sigma = %1").arg(m_fit.sigma, 0, 'f', 2);
        break;
    }
    plot.summary =
        tr("Mean squared error against the truth: %1").arg(meanSquaredError(m_prediction, m_data.truthTest), 0, 'f', 3);
    plot.answerHidden = m_answerHidden;
    m_canvas->setPlotData(std::move(plot));
    updateControls();
}

} // namespace attn
