#pragma once

#include "core/attentionselection.h"
#include "views/colormaps.h"

#include <QObject>
#include <QString>

#include <memory>
#include <vector>

class QComboBox;
class QTabWidget;

namespace attn {

class CompareView;
class HeadView;
class HeatmapView;
class ModelGridView;

// What the Text panel shows of one run: the head, matrix, model, compare and statistics views in the panel's
// tab widget, filled from the run's attention sets and the panel's current selection. Only the visible tab is
// brought up to date; the others are marked and updated when they are shown. The panel keeps the controls,
// the session and the settings; this object keeps the views and what they show.
class TextViews : public QObject
{
    Q_OBJECT
public:
    enum Tab
    {
        HeadTab,
        MatrixTab,
        ModelTab,
        CompareTab,
        StatsTab
    };

    // Adds the five views as pages of tabs (which must be empty); owner parents the widgets.
    TextViews(QTabWidget* tabs, QWidget* owner);

    void setAttention(std::shared_ptr<const AttentionSet> set, std::shared_ptr<const AttentionSet> second);
    const AttentionSet* attention() const { return m_set.get(); }
    const AttentionSet* secondAttention() const { return m_second.get(); }

    // A new selection: every view is out of date; the visible one is updated now. soloHead: the chosen head
    // shows alone in the head view (after a head change); otherwise the swatches the user set are kept.
    void show(const AttentionSelection& selection, bool soloHead);
    // Captions of the compare view's two sentences.
    void setCompareCaptions(const QString& first, const QString& second);

    // The query token whose lines the head view shows, by text, so it survives a new sentence.
    QString selectedToken() const { return m_selectToken; }
    void setSelectedToken(const QString& token) { m_selectToken = token; }

    Tab currentTab() const;
    void setCurrentTab(Tab tab);
    bool exportTo(const QString& path, QString* error) const;
    void setColorMap(ColorMap map);

    HeadView* headView() const { return m_head; }
    HeatmapView* matrixView() const { return m_matrix; }
    ModelGridView* modelView() const { return m_model; }
    CompareView* compareView() const { return m_compare; }
    HeatmapView* statsView() const { return m_stats; }

Q_SIGNALS:
    // A view asks to open one head (a model-grid thumbnail or a statistics cell was activated); layer is the model's
    // number.
    void headActivated(int layer, int head);
    // One line describing what the pointer is over, for the panel's hover label.
    void hoverText(const QString& text);
    void errorOccurred(const QString& message);
    // After a view was brought up to date.
    void updated();

private:
    void updateCurrent();
    void updateHead();
    void updateMatrix();
    void updateModel();
    void updateCompare();
    void updateStats();
    void describeHover(int side, int index);

    QTabWidget* m_tabs;
    HeadView* m_head = nullptr;
    HeatmapView* m_matrix = nullptr;
    ModelGridView* m_model = nullptr;
    CompareView* m_compare = nullptr;
    HeatmapView* m_stats = nullptr;
    QComboBox* m_statCombo = nullptr;
    std::shared_ptr<const AttentionSet> m_set;
    std::shared_ptr<const AttentionSet> m_second;
    std::shared_ptr<const AttentionBlock> m_gridBlock; // the block the model grid shows (shared, not copied)
    AttentionSelection m_selection;
    std::vector<bool> m_dirty; // per tab: needs an update when shown
    QString m_selectToken = QStringLiteral("it");
    QString m_captionA;
    QString m_captionB;
    bool m_solo = true;
};

} // namespace attn
