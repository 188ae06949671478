#pragma once

#include <Eigen/Dense>

#include <QString>
#include <QWidget>

namespace attn {

class FormulaLayout;

// The numbers of one query's attention, computed by the core (core/scorerun.h), for ThreeStepsCanvas to draw.
struct ThreeStepsData
{
    Eigen::VectorXd query;   // (dq)
    Eigen::MatrixXd keys;    // (n, dk)
    Eigen::MatrixXd values;  // (n, dv)
    Eigen::VectorXd scores;  // (n)
    Eigen::VectorXd weights; // (n)
    Eigen::VectorXd output;  // (dv)
    QString functionName;    // "scaled dot"
    QString scoreFormula;    // in the notation of core/formula.h: "q \cdot k_i / \sqrt{d}"
    double temperature = 1.0;
    QString normaliserFormula; // the same notation: "\alpha_i = softmax(s)_i"
    QString error;             // when set, the canvas shows it instead of the numbers
};

// Paints attention in three steps for one query, up to a stage t in [0, 3]: while t runs from 0 to 1 each key's
// score bar appears in turn; from 1 to 2 the softmax weights grow; from 2 to 3 the weighted values are added
// head to tail (on a plane for 2-D values, as numbers otherwise) until the output stands complete at 3.
// All text is at the widget font's pixel size or larger, dark on white or on a light tint.
class ThreeStepsCanvas : public QWidget
{
    Q_OBJECT
public:
    explicit ThreeStepsCanvas(QWidget* parent = nullptr);

    void setData(ThreeStepsData data);
    const ThreeStepsData& data() const { return m_data; }
    void setStage(double stage);
    double stage() const { return m_stage; }

    // How far key i's score bar, the weight bars and key i's term of the sum are drawn at the current stage,
    // each in [0, 1] (tests and the controls read them).
    double scoreProgress(int key) const;
    double weightProgress() const;
    double sumProgress(int key) const;

    QSize sizeHint() const override { return {980, 440}; }
    QSize minimumSizeHint() const override { return {480, 260}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void paintPlane(QPainter& p, const FormulaLayout& math, const QRectF& area);
    void paintTerms(QPainter& p, const FormulaLayout& math, const QRectF& area, double rowTop, double rowHeight);

    ThreeStepsData m_data;
    double m_stage = 3.0;
};

} // namespace attn
