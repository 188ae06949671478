#pragma once

#include <Eigen/Core>
#include <QStringList>
#include <QWidget>
#include <vector>

class QCustomPlot;
class QCPGraph;
class QLabel;

namespace attn {

class HeatmapView;

// A model learning to attend (lesson step "Watch attention learn"): the training loss falling, the token accuracy
// rising (on the training batches, and greedy on held-out sentences when measured), and the current alignment of
// one probe sentence as a heatmap (target words x source words) that sharpens from uniform to a diagonal. Fed by
// whoever runs the training (the app's session); depends on nothing but Qt and Eigen. Colours from viridis.
class TrainingView : public QWidget
{
    Q_OBJECT
public:
    explicit TrainingView(QWidget* parent = nullptr);
    ~TrainingView() override;

    struct Point
    {
        long step = 0;
        double loss = 0.0;
        double accuracy = 0.0;         // in [0, 1]
        double heldOutAccuracy = -1.0; // in [0, 1], negative when not measured at this step
    };

    // The x axes run from step 0 to total.
    void setTotalSteps(long total);
    long totalSteps() const { return m_total; }
    // One progress report. Step 0 (before training) carries no loss yet: it only starts the curves' x range.
    void addPoint(const Point& point);
    const std::vector<Point>& points() const { return m_points; }
    // weights: (targetTokens, sourceTokens), rows summing to 1; step names the moment in the heatmap's title.
    void setAlignment(const Eigen::MatrixXf& weights, const QStringList& targetTokens, const QStringList& sourceTokens,
                      long step);
    // A word for the run's state after the numbers in the summary line ("paused", "cancelled"); empty for none.
    void setStateText(const QString& text);
    // Forgets the curves and the alignment (a new run).
    void clear();

    // Text size of everything the view paints (presentation mode: screen height / 50 or more).
    void setFontPixelSize(int px);
    int fontPixelSize() const { return m_fontPx; }

    HeatmapView* heatmap() const { return m_heatmap; }
    QCustomPlot* lossPlot() const { return m_lossPlot; }
    QCustomPlot* accuracyPlot() const { return m_accuracyPlot; }
    QString summaryText() const;

private:
    void applyFonts();
    void updateSummary();
    void updateRanges();

    QLabel* m_summary = nullptr;
    QCustomPlot* m_lossPlot = nullptr;
    QCustomPlot* m_accuracyPlot = nullptr;
    QCPGraph* m_lossGraph = nullptr;
    QCPGraph* m_trainGraph = nullptr;
    QCPGraph* m_heldOutGraph = nullptr;
    HeatmapView* m_heatmap = nullptr;
    std::vector<Point> m_points;
    QString m_stateText;
    long m_total = 1;
    int m_fontPx = 14;
};

} // namespace attn
