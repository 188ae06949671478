#pragma once

#include "views/presentable.h"

#include <QPen>
#include <QString>
#include <QWidget>
#include <vector>

class QCustomPlot;

namespace attn {

// Accuracy against input length for a few models (issue 15: last-state, mean and attention pooling on reviews of
// 5-100 words, where the last state's bottleneck shows as a falling line). One line per model through the middle of
// each length bucket, colour-blind-safe colours with distinct markers and dash styles.
class LengthAccuracyPlot : public QWidget, public Presentable
{
    Q_OBJECT
public:
    struct Bucket
    {
        int minLength = 0;
        int maxLength = 0;
        double accuracy = 0.0;
    };
    struct Series
    {
        QString name;
        std::vector<Bucket> buckets;
    };

    explicit LengthAccuracyPlot(QWidget* parent = nullptr);

    void setSeries(const std::vector<Series>& series, const QString& xLabel);
    int seriesCount() const;
    QCustomPlot* plot() const { return m_plot; }
    void setMinimumTextPixels(int px) override;

    // No taller than its minimum: above it the texts it belongs to come first, and it takes the height they leave
    // (in a scroll area, a taller hint would push the page past a projector's screen).
    QSize sizeHint() const override { return {560, minimumHeight()}; }

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void spaceTicks();

    QCustomPlot* m_plot;
    int m_minPx = 0;
    bool m_legendBeside = false;
    QPen m_legendBorder; // the legend's frame inside the axes
};

} // namespace attn
