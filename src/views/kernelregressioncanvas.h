#pragma once

#include <Eigen/Dense>

#include <QString>
#include <QWidget>

namespace attn {

class FormulaLayout;

// What KernelRegressionCanvas draws: training points, the truth and one estimate on the query grid, and the
// attention weights behind the estimate.
struct KernelPlotData
{
    Eigen::VectorXd xTrain, yTrain;   // (n) the keys and values
    Eigen::VectorXd xTest, truthTest; // (m) the queries and the function without noise
    Eigen::VectorXd prediction;       // (m)
    Eigen::MatrixXd weights;          // (m, n) rows sum to 1
    QString estimateText;             // legend entry of the estimate: text ("Gaussian kernel,") and a formula
    QString estimateFormula;          // in the notation of core/formula.h ("\sigma = 0.50")
    QString summary;                  // one line under the plot: the error against the truth
    bool answerHidden = false;        // a prediction question is open: no estimate, no weights, no error yet
};

// Paints the kernel-regression plot (left) beside the heatmap of the weights, queries down and keys across
// (right). All text is drawn at the widget's font pixel size or larger, dark on white.
class KernelRegressionCanvas : public QWidget
{
    Q_OBJECT
public:
    explicit KernelRegressionCanvas(QWidget* parent = nullptr);

    void setPlotData(KernelPlotData data);
    const KernelPlotData& plotData() const { return m_data; }

    QSize sizeHint() const override { return {900, 420}; }
    QSize minimumSizeHint() const override { return {420, 220}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void paintPlot(QPainter& p, const FormulaLayout& math, const QRectF& area);
    void paintHeatmap(QPainter& p, const FormulaLayout& math, const QRectF& area);

    KernelPlotData m_data;
};

} // namespace attn
