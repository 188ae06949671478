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
class HeadSearch;
class HeatmapView;
class LayerKeeper;
class ModelGridView;
class TextModel;
class TextModelPicker;
class TextPanelSettings;
class TextSession;
class TextViews;
class SentenceInput;
class SelectionControls;
class WordViewToggle;

// The text attention panel: a model picker, an editable sentence with history and examples, the kind / layer /
// head / aggregation / filter choices, head search, and export of the view and of the whole attention set.
// Inference runs in a TextSession (off the GUI thread); the views of the run (head, matrix, model, compare,
// statistics) live in a TextViews. Helpers drive parts of the form: TextModelPicker (the model list), SentenceInput,
// SelectionControls, WordViewToggle, HeadSearch; LayerKeeper runs the model again for a layer the memory limit did
// not keep; TextPanelSettings keeps the choices in QSettings.
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
    // Shows a set directly (an attention JSON, or tests), as if the model had returned it. When it has sub-word
    // pieces, the Words box (wordsToggle()) can show them merged into words.
    void showAttention(const AttentionSet& set, const AttentionSet& second = {});
    WordViewToggle* wordsToggle() const { return m_words; }
    bool hasAttention() const;
    const AttentionSet* attention() const;

    AttentionSelection selection() const;
    void setKind(const QString& kind);
    void setLayerHead(int layer, int head); // layer: the model's number

    void setAggregation(Aggregation aggregation);
    void setFilter(const TokenFilter& filter);
    void setCurrentView(ViewTab tab);
    ViewTab currentView() const;
    QString sentence() const;
    QString secondSentence() const;
    QStringList history() const;
    QString selectedToken() const;
    // Selects the query token whose lines the head view shows (the first token with that text).
    void setSelectedToken(const QString& token);
    // false: the panel neither reads nor writes the user's settings (a lesson's own copy of the panel).
    void setPersistent(bool persistent);

    // Head search with the panel's from/to/threshold fields; returns the result lines shown.
    QStringList searchHeads(const QString& from, const QString& to, double threshold);
    // Writes the attention set (.json, .csv or .npy); returns the files or throws std::invalid_argument.
    QStringList exportAttention(const QString& path) const;
    QString noticeText() const;

    TextSession* session() const { return m_session; }
    HeadView* headView() const;
    HeatmapView* matrixView() const;
    ModelGridView* modelView() const;
    CompareView* compareView() const;
    HeatmapView* statsView() const;
    QTabWidget* viewTabs() const;

Q_SIGNALS:
    // After every new run and every change of what is shown.
    void viewsUpdated();

private:
    void connectControls();
    void onModelOpened(const QString& name, const QString& path);
    void onFinished(const AttentionSet& set, const AttentionSet& second);
    void showRun(); // the run handed to showAttention, as words when the Words box is checked
    void showSet(const AttentionSet& set, const AttentionSet& second, int modelLayers);
    void updateViews();
    void updateNotice();
    void exportAttentionDialog();

    std::unique_ptr<Ui::TextPanel> ui;
    TextSession* m_session = nullptr;
    TextViews* m_views = nullptr;
    SentenceInput* m_input = nullptr;
    SelectionControls* m_controls = nullptr;
    WordViewToggle* m_words = nullptr;
    LayerKeeper* m_layers = nullptr;
    TextModelPicker* m_picker = nullptr;
    HeadSearch* m_search = nullptr;
    TextPanelSettings* m_settings = nullptr;
    bool m_soloOnNextUpdate = true; // the chosen head shows alone after a head change; swatches add others
};

} // namespace attn
