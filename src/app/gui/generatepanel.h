#pragma once

#include "engine/generation.h"
#include "gui/generatesession.h"
#include "gui/lessonstepcapture.h"
#include "gui/panel.h"

#include <memory>

namespace Ui {
class GeneratePanel;
}

namespace attn {

class HeatmapView;

// Step-through generation with a llama2.c checkpoint (TinyStories) or a Hugging Face decoder folder (gpt2, llama,
// mistral, qwen2): open a checkpoint and its tokenizer, or a folder, give a prompt, generate greedily or with seeded
// sampling, then walk token by token, each showing its attention over the tokens before it for the chosen layer and
// head. Loading and generation run in GenerateSession's job runner. It opens on the shipped stories260K model when it
// is installed.
class GeneratePanel : public Panel
{
    Q_OBJECT
public:
    explicit GeneratePanel(QWidget* parent = nullptr);
    ~GeneratePanel() override;

    QString title() const override;
    bool exportView(const QString& path, QString* error) override;
    void setColorMap(ColorMap map) override;
    std::optional<LessonStep> lessonStep() const override { return captureLessonStep(*this); }

    // checkpoint: a llama2.c .bin or a Hugging Face decoder folder (tokenizer then unused).
    void setModelFiles(const QString& checkpoint, const QString& tokenizer = {});
    // File > Open model and drops on this tab: a .bin, a folder or its config.json; generates at once.
    void openModel(const QString& path);
    void setPrompt(const QString& prompt);
    // temperature 0: greedy.
    void setDecoding(int steps, double temperature, int seed);
    void generate();
    // Generates when a checkpoint is set and nothing has been generated yet (the tab's opening example).
    void generateIfReady();
    void cancel();
    bool isBusy() const { return m_session.isBusy(); }
    GenerateSession& session() { return m_session; }

    const Generation& generation() const { return m_session.generation(); }
    int currentToken() const { return m_current; }
    void setCurrentToken(int position);
    void setLayerHead(int layer, int head); // head -1: the mean of the layer's heads
    // false: this token's row for every head of the layer; true: the chosen head's map of all tokens up to it.
    void setShowCausalMap(bool causal);
    HeatmapView* heatmap() const { return m_heatmap; }
    QString shadedText() const;

    // What the controls ask for now (a lesson step of this view).
    struct Choices
    {
        QString checkpoint;
        QString prompt;
        int steps = 0;
        int layer = 0;
        int head = 0; // -1: the mean of the layer's heads
    };
    Choices choices() const;

Q_SIGNALS:
    void generationFinished();

private:
    void chooseCheckpoint();
    void chooseTokenizer();
    void finished();
    void failed(const QString& message);
    void showStep();
    void updateSelectors();
    float weight(int query, int key) const;
    void setBusy(bool busy);

    std::unique_ptr<Ui::GeneratePanel> ui;
    HeatmapView* m_heatmap = nullptr;
    GenerateSession m_session;
    int m_current = -1;
    ColorMap m_colorMap = ColorMap::Viridis;
};

} // namespace attn
