#pragma once

#include "core/courserules.h"
#include "views/colormaps.h"
#include "views/presentable.h"

#include <QWidget>

class QLabel;
class QSpinBox;

namespace attn {

class HeatmapView;

// The course notes' three Q/K/V rules side by side on the same Q and V (core/courserules.h): each rule's weights
// over V's rows in one heatmap (a row per rule), and per rule the notes' own words, the three implementation steps
// with their shapes and the numbers. A spin box changes V's number of rows: fewer than rule 1's 32 positions are
// masked (a notice says so), more are refused by rule 1 with a message naming the limit, while rules 2 and 3 run.
class CourseRulesView : public QWidget, public Presentable
{
    Q_OBJECT
public:
    explicit CourseRulesView(QWidget* parent = nullptr);
    ~CourseRulesView() override;

    // 1..CourseRulesExample::kMaxRows; 32 gives the notes' shapes.
    void setRows(int rows);
    int rows() const { return m_result.rows; }
    const CourseRulesExample& example() const { return m_example; }
    const CourseRulesResult& result() const { return m_result; }
    // The notice (masked positions) or rule 1's refusal; empty at 32 rows.
    QString notice() const;
    HeatmapView* weightsHeatmap() const { return m_heatmap; }
    QLabel* ruleLabel(int rule) const; // 1, 2 or 3
    void setColorMap(ColorMap map);
    void setMinimumTextPixels(int px) override;

Q_SIGNALS:
    void rowsChanged(int rows);

private:
    void recompute();
    void updateTexts();
    QString ruleText(int rule) const;

    CourseRulesExample m_example;
    CourseRulesResult m_result;
    int m_minPx = 0;
    int m_normalHeatmapMinHeight = 0;
    QLabel* m_title = nullptr;
    QSpinBox* m_rowsSpin = nullptr;
    QLabel* m_rowsLabel = nullptr;
    HeatmapView* m_heatmap = nullptr;
    QLabel* m_rules[3] = {nullptr, nullptr, nullptr};
    QLabel* m_notice = nullptr;
};

} // namespace attn
