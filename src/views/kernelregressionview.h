#pragma once

#include "core/kernelregression.h"
#include "views/presentable.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QSlider;

namespace attn {

class KernelRegressionCanvas;

// Attention pooling as Nadaraya-Watson kernel regression (d2l-zh 10.2): the training points, the truth and the
// estimate of the chosen kernel, beside the heatmap of its attention weights (queries x keys). A kernel choice
// (average pooling, Gaussian with the slider's width, learned width) and a width slider drive it; lessons set
// the same through setKernel and setWidth. The maths is core/kernelregression.h.
class KernelRegressionView : public QWidget, public Presentable
{
    Q_OBJECT
public:
    explicit KernelRegressionView(QWidget* parent = nullptr);
    ~KernelRegressionView() override;

    // Replaces the data set and fits the learned width on it again.
    void setData(KernelData data);
    const KernelData& data() const { return m_data; }

    void setKernel(KernelKind kind);
    KernelKind kernel() const { return m_kind; }
    // The Gaussian kernel's width sigma, clamped to [minWidth(), maxWidth()]. Moves the slider.
    void setWidth(double sigma);
    double width() const { return m_width; }
    // The width the learned kernel uses (leave-one-out fit), and the width the current kernel uses (infinite for
    // average pooling).
    double learnedWidth() const { return m_fit.sigma; }
    double effectiveWidth() const;
    static double minWidth() { return 0.05; }
    static double maxWidth() { return 5.0; }

    // Text size of everything the view shows, painted or in its controls (presentation mode makes it
    // screen height / 50 or more).
    void setFontPixelSize(int px);
    int fontPixelSize() const { return m_fontPx; }
    // Presentable: text at least px high (0: the normal size).
    void setMinimumTextPixels(int px) override;
    static constexpr int kNormalPixelSize = 15;
    void setControlsVisible(bool visible);
    // While a prediction question is open the estimate, the weights and the error are hidden; the data and the
    // truth stay, so the class can guess the curve.
    void setAnswerHidden(bool hidden);
    bool isAnswerHidden() const { return m_answerHidden; }

    // The current weights (queries x keys) and predictions on the query grid.
    const Eigen::MatrixXd& weights() const { return m_weights; }
    const Eigen::VectorXd& predictions() const { return m_prediction; }
    KernelRegressionCanvas* canvas() const { return m_canvas; }
    QComboBox* kernelCombo() const { return m_kindCombo; }
    QSlider* widthSlider() const { return m_widthSlider; }

Q_SIGNALS:
    void kernelChanged(attn::KernelKind kind);
    void widthChanged(double sigma);

private:
    void recompute();
    void updateControls();
    int sliderPosition(double sigma) const;

    KernelData m_data;
    KernelWidthFit m_fit;
    KernelKind m_kind = KernelKind::Gaussian;
    double m_width = 0.5;
    int m_fontPx = kNormalPixelSize;
    bool m_answerHidden = false;
    Eigen::MatrixXd m_weights;
    Eigen::VectorXd m_prediction;

    QWidget* m_controls = nullptr;
    QComboBox* m_kindCombo = nullptr;
    QSlider* m_widthSlider = nullptr;
    QLabel* m_widthLabel = nullptr;
    QLabel* m_widthName = nullptr;
    KernelRegressionCanvas* m_canvas = nullptr;
};

} // namespace attn
