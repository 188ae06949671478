#pragma once

#include "core/attentionanalysis.h"
#include "views/colormaps.h"
#include "views/presentable.h"

#include <QWidget>

class QLabel;
class QStackedWidget;

namespace attn {

class HeadView;
class HeatmapView;

// A minimal pair side by side: the same layer and head (or aggregate) for two sentences as head views, and,
// when the tokens line up (same number of queries and keys), the difference A - B as a heatmap on a diverging
// scale (red: more weight in A, blue: more in B). Selecting a query token in one selects it in both.
// Presentable: passes the size on to its head views, the difference heatmap and its message.
class CompareView : public QWidget, public Presentable
{
    Q_OBJECT
public:
    explicit CompareView(QWidget* parent = nullptr);
    ~CompareView() override;

    // a, b: (queries, keys) maps; name and color label the lines (the head's).
    void setPair(const AttentionMap& a, const QString& titleA, const AttentionMap& b, const QString& titleB,
                 const QString& name, const QColor& color);
    void clear();
    void setSelectedQuery(int query);
    void setColorMap(ColorMap map);
    void setMinimumTextPixels(int px) override;

    HeadView* headViewA() const { return m_a; }
    HeadView* headViewB() const { return m_b; }
    HeatmapView* differenceView() const { return m_diff; }
    // True when the difference heatmap is shown; otherwise differenceMessage() says why not.
    bool hasDifference() const;
    QString differenceMessage() const;
    // The largest |A - B| and where it is (query, key), or (-1, -1) without a difference.
    float largestDifference(int* query = nullptr, int* key = nullptr) const;

    bool exportTo(const QString& path, QString* error = nullptr);

private:
    HeadView* m_a = nullptr;
    HeadView* m_b = nullptr;
    HeatmapView* m_diff = nullptr;
    QLabel* m_message = nullptr;
    QStackedWidget* m_diffStack = nullptr;
    AttentionMap m_difference;
};

} // namespace attn
