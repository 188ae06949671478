#pragma once

#include "core/attentionset.h"
#include "views/colormaps.h"
#include "views/presentable.h"

#include <QString>
#include <QStringList>
#include <QWidget>
#include <vector>

class QCustomPlot;
class QGridLayout;
class QLabel;
class QTableWidget;

namespace attn {

class HeatmapView;
class ScoresCompareTable;

// One trained model of the comparison: its scoring function, the alignment it makes on the shared sentence,
// and its held-out accuracy by sentence length.
struct ComparedModel
{
    QString score;                     // "dot", ..., "location", "myatt" (course notes' rule 1), or "none"
    AttentionBlock cross;              // 1 x 1 x target x source; queries == 0 for the model without attention
    QStringList buckets;               // "1-9", ..., "30+"
    std::vector<double> tokenAccuracy; // per bucket, 0..1
    std::vector<double> exactMatch;    // per bucket, 0..1
    double allTokenAccuracy = 0.0;
    double allExactMatch = 0.0;
    int testSentences = 0;
    // Token accuracy on held-out sentences of 1-19 words whose French word order differs from the English
    // (adjective phrases) and on those where it does not; below 0 when the model's metrics predate them.
    double reorderedTokenAccuracy = -1.0;
    double sameOrderTokenAccuracy = -1.0;
};

struct ScoresCompareData
{
    QStringList source;
    QStringList target;   // the same French tokens for every model (teacher-forced alignment)
    QString targetSource; // which model wrote them
    std::vector<ComparedModel> models;
};

// The trained comparison: the alignment heatmaps of every scoring function side by side (same colour scale,
// same labels), a table of test accuracies, and token accuracy against sentence length, one line per model.
// Presentable: passes the size to the heatmaps and sets the header, table, plot and placeholders at least as large,
// the functions' colours darkened where they are text.
class ScoresCompareView : public QWidget, public Presentable
{
    Q_OBJECT
public:
    explicit ScoresCompareView(QWidget* parent = nullptr);
    ~ScoresCompareView() override;

    void setData(const ScoresCompareData& data);
    void setMessage(const QString& message); // shown instead of heatmaps when there is nothing to show
    void setColorMap(ColorMap map);
    void setMinimumTextPixels(int px) override;

    const std::vector<HeatmapView*>& heatmaps() const { return m_heatmaps; }
    QTableWidget* table() const;
    QCustomPlot* plot() const { return m_plot; }

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void narrowTable();
    void fillPlot(const ScoresCompareData& data);
    // Sizes and colours of every text for the current presentation size (m_minPx, 0: normal).
    void applyTextSize();
    void showLabelsAtEdges();
    void showLegend(bool shown);
    void scheduleEqualColumns();
    void equalColumns();

    QGridLayout* m_grid = nullptr;
    static constexpr int kColumns = 5; // ten models in two rows
    std::vector<HeatmapView*> m_heatmaps;
    std::vector<QLabel*> m_placeholders;
    QLabel* m_header = nullptr;
    ScoresCompareTable* m_table = nullptr;
    QCustomPlot* m_plot = nullptr;
    ColorMap m_colorMap = ColorMap::Viridis;
    int m_minPx = 0;
    bool m_columnsPending = false;
};

} // namespace attn
