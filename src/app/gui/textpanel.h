#pragma once

#include "core/attentionselection.h"
#include "gui/lessonstepcapture.h"
#include "gui/panel.h"

#include <memory>

class QTabWidget;
class QComboBox;

namespace Ui {
class TextPanel;
}

namespace attn {

class CompareView;
class HeadView;
class HeatmapView;
class ModelGridView;
class TextModel;
class TextSession;

// The text attention panel: a model picker, an editable sentence with history and examples, the head, matrix,
// model, compare and statistics views of the run, the kind / layer / head / aggregation / filter choices, head
// search, and export of the view and of the whole attention set. Inference runs in a TextSession (off the GUI
// thread); the choices persist in QSettings.
class TextPanel : public Panel
{
    Q_OBJECT
public:
    enum ViewTab
    {
        HeadTab,
        MatrixTab,
        ModelTab,
        CompareTab,
        StatsTab
    };

    explicit TextPanel(QWidget* parent = nullptr);
    ~TextPanel() override;

    QString title() const override;
    bool exportView(const QString& path, QString* error) override;
    void setColorMap(ColorMap map) override;
    std::optional<LessonStep> lessonStep() const override { return captureLessonStep(*this); }

    // Restores the last model, sentence and choices, or opens the shipped coreference model on the canonical
    // sentence with its referent head and "it" selected. MainWindow calls it once; tests may skip it.
    void start();
    void openModel(const QString& path);
    void setModel(std::shared_ptr<TextModel> model, const QString& path = {});
    void setSentence(const QString& text, const QString& second = {});
    void run();
    // Shows a set directly (an attention JSON, or tests), as if the model had returned it.
    void showAttention(const AttentionSet& set, const AttentionSet& second = {});
    bool hasAttention() const { return bool(m_set); }
    const AttentionSet* attention() const { return m_set.get(); }

    AttentionSelection selection() const;
    void setKind(const QString& kind);
    void setLayerHead(int layer, int head);
    void setAggregation(Aggregation aggregation);
    void setFilter(const TokenFilter& filter);
    void setCurrentView(ViewTab tab);
    ViewTab currentView() const;
    QString sentence() const;
    QString secondSentence() const;
    QStringList history() const;
    QString selectedToken() const { return m_selectToken; }
    // Selects the query token whose lines the head view shows (the first token with that text).
    void setSelectedToken(const QString& token);
    // false: the panel neither reads nor writes the user's settings (a lesson's own copy of the panel).
    void setPersistent(bool persistent) { m_persistent = persistent; }

    // Head search with the panel's from/to/threshold fields; returns the result lines shown.
    QStringList searchHeads(const QString& from, const QString& to, double threshold);
    // Writes the attention set (.json, .csv or .npy); returns the files or throws std::invalid_argument.
    QStringList exportAttention(const QString& path) const;
    QString noticeText() const;

    TextSession* session() const { return m_session; }
    HeadView* headView() const { return m_head; }
    HeatmapView* matrixView() const { return m_matrix; }
    ModelGridView* modelView() const { return m_model; }
    CompareView* compareView() const { return m_compare; }
    HeatmapView* statsView() const { return m_stats; }
    QTabWidget* viewTabs() const;

Q_SIGNALS:
    // After every new run and every change of what is shown.
    void viewsUpdated();

private:
    void buildViews();
    void connectControls();
    void fillExamples();
    void rescanModels(const QString& select = {});
    void onModelOpened(const QString& name, const QString& path);
    void onFinished(const AttentionSet& set, const AttentionSet& second);
    void rememberSentence(const QString& text);
    void updateRanges();
    void updateViews();
    void updateCurrentView();
    void updateHeadView();
    void updateStats();
    void updateNotice();
    void exportAttentionDialog();
    void saveSettings() const;
    void restoreChoices();

    std::unique_ptr<Ui::TextPanel> ui;
    TextSession* m_session = nullptr;
    HeadView* m_head = nullptr;
    HeatmapView* m_matrix = nullptr;
    ModelGridView* m_model = nullptr;
    CompareView* m_compare = nullptr;
    HeatmapView* m_stats = nullptr;
    QComboBox* m_statCombo = nullptr;
    std::shared_ptr<const AttentionSet> m_set;
    std::shared_ptr<const AttentionSet> m_second;
    std::shared_ptr<const AttentionBlock> m_gridBlock; // the block the model grid shows (shared, not copied)
    std::vector<bool> m_dirty;                          // per view tab: needs an update when shown
    QString m_selectToken = QStringLiteral("it");
    bool m_soloOnNextUpdate = true; // the chosen head shows alone after a head change; swatches add others
    bool m_restoring = false;
    bool m_persistent = true;
    ColorMap m_colorMap = ColorMap::Viridis;
};

} // namespace attn
