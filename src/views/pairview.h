#pragma once

#include "views/presentable.h"
#include "views/wordview.h"

#include <Eigen/Dense>
#include <QColor>
#include <QLineF>
#include <QRectF>
#include <QStringList>
#include <QWidget>
#include <vector>

namespace attn {

struct ClassificationResult;

// Two texts and the attention between them (issue 15, the pair classifiers): the premise's words in a column on the
// left, the hypothesis's words in a column beside it with a line from each to the premise words it attends to
// (opacity = weight; the row's maximum drawn thick in an accent colour), and to their right the attention matrix,
// hypothesis rows x premise columns, shaded by weight with each row's maximum outlined. Hover a cell or a word for
// the exact weight; hover a hypothesis word to see only its lines.
class PairView : public WordView, public Presentable
{
    Q_OBJECT
public:
    struct Line
    {
        int hypothesis = 0;
        int premise = 0;
        float weight = 0.0f;
        bool rowMax = false;
        QLineF line;
    };

    explicit PairView(QWidget* parent = nullptr);

    // attention is (hypothesis tokens, premise tokens); a mismatch clears the view.
    void setPair(const QStringList& premise, const QStringList& hypothesis, const Eigen::MatrixXf& attention);
    void setResult(const ClassificationResult& result); // a Pair result, titled "model: label (p)"
    void setTitle(const QString& title);
    QString title() const { return m_title; }
    void clear();

    void setMinimumTextPixels(int px) override;
    int minimumTextPixels() const { return presentationPixels(); }

    int premiseCount() const { return int(m_premise.size()); }
    int hypothesisCount() const { return int(m_hypothesis.size()); }
    QRectF premiseRect(int word) const;
    QRectF hypothesisRect(int word) const;
    QRectF cellRect(int row, int col) const;
    QColor cellColor(int row, int col) const;
    int rowMax(int row) const; // the premise word the hypothesis word attends to most
    std::vector<Line> drawnLines() const;
    void setHoveredHypothesis(int word); // -1: every line
    int hoveredHypothesis() const { return m_hover; }
    QString toolTipAt(const QPointF& pos) const override;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    void relayout();
    double naturalWidth() const;
    double naturalHeight() const;

    QStringList m_premise;
    QStringList m_hypothesis;
    Eigen::MatrixXf m_attention;
    QString m_title;
    int m_hover = -1;
    // Layout
    double m_rowsTop = 0.0;
    double m_rowHeight = 0.0;
    double m_premiseLeft = 0.0;
    double m_premiseWidth = 0.0;
    double m_hypothesisLeft = 0.0;
    double m_hypothesisWidth = 0.0;
    double m_matrixLeft = 0.0;
    double m_headerTop = 0.0;
};

} // namespace attn
