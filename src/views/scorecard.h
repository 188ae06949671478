#pragma once

#include "core/scoring.h"
#include "views/presentable.h"

#include <Eigen/Dense>
#include <QStringList>
#include <QWidget>

namespace attn {

// One scoring function in the lab: its name and formula, the raw score of every key, the weights as bars, the
// output vector (the weighted sum of the values) and short notes for the cases the formula leaves open (zero
// length for cosine, ties under argmax, a window clipped to the keys). Numbers come from the core; the card only
// draws them. Presentable: every text at least a pixel size with 4.5:1 contrast; keys that no longer fit are counted
// on a last line, and the output and notes are left out before anything is cut.
class ScoreCard : public QWidget, public Presentable
{
    Q_OBJECT
public:
    explicit ScoreCard(ScoreFunction function, QWidget* parent = nullptr);

    ScoreFunction function() const { return m_function; }
    // scores, weights: (n); context: (dv). window: n flags, true inside the local window (empty: all inside).
    void setResult(const Eigen::VectorXd& scores, const Eigen::VectorXd& weights, const Eigen::VectorXd& context,
                   const QStringList& keyLabels, const std::vector<bool>& window = {});
    void setNotes(const QStringList& notes);
    void setSelected(bool selected);
    void setMinimumTextPixels(int px) override;
    bool isSelected() const { return m_selected; }

    const Eigen::VectorXd& scores() const { return m_scores; }
    const Eigen::VectorXd& weights() const { return m_weights; }
    const Eigen::VectorXd& context() const { return m_context; }
    const QStringList& notes() const { return m_notes; }
    // Every string the card paints (tests check that none says NaN).
    QStringList shownTexts() const;

    QSize sizeHint() const override { return {240, 300}; }
    QSize minimumSizeHint() const override { return {165, 240}; }

Q_SIGNALS:
    void clicked(attn::ScoreFunction function);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    ScoreFunction m_function;
    Eigen::VectorXd m_scores;
    Eigen::VectorXd m_weights;
    Eigen::VectorXd m_context;
    QStringList m_keyLabels;
    std::vector<bool> m_window;
    QStringList m_notes;
    bool m_selected = false;
    int m_minPx = 0;
};

} // namespace attn
