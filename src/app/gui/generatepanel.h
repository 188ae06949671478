#pragma once

#include "engine/llama2/llama2model.h"
#include "gui/panel.h"

#include <QFutureWatcher>
#include <atomic>
#include <memory>

namespace Ui {
class GeneratePanel;
}

namespace attn {

class HeatmapView;

// What one background run returns: the model it loaded (or reused) and the generation, or an error.
struct GenerateJobResult
{
    std::shared_ptr<Llama2Model> model;
    Generation generation;
    QString error;
};

// Step-through generation with a llama2.c checkpoint (TinyStories): open a checkpoint and its tokenizer, give a
// prompt, generate greedily or with seeded sampling, then walk token by token, each showing its attention over
// the tokens before it for the chosen layer and head. Loading and generation run off the GUI thread.
class GeneratePanel : public Panel
{
    Q_OBJECT
public:
    explicit GeneratePanel(QWidget* parent = nullptr);
    ~GeneratePanel() override;

    QString title() const override;
    bool exportView(const QString& path, QString* error) override;
    void setColorMap(ColorMap map) override;

    void setModelFiles(const QString& checkpoint, const QString& tokenizer = {});
    void setPrompt(const QString& prompt);
    // temperature 0: greedy.
    void setDecoding(int steps, double temperature, int seed);
    void generate();
    void cancel();
    bool isBusy() const { return m_watcher.isRunning(); }

    const Generation& generation() const { return m_generation; }
    int currentToken() const { return m_current; }
    void setCurrentToken(int position);
    void setLayerHead(int layer, int head); // head -1: the mean of the layer's heads
    // false: this token's row for every head of the layer; true: the chosen head's map of all tokens up to it.
    void setShowCausalMap(bool causal);
    HeatmapView* heatmap() const { return m_heatmap; }
    QString shadedText() const;

Q_SIGNALS:
    void generationFinished();

private:
    void chooseCheckpoint();
    void chooseTokenizer();
    void finished();
    void showStep();
    void updateSelectors();
    float weight(int query, int key) const;
    void setBusy(bool busy);

    std::unique_ptr<Ui::GeneratePanel> ui;
    HeatmapView* m_heatmap = nullptr;
    QFutureWatcher<GenerateJobResult> m_watcher;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    std::shared_ptr<Llama2Model> m_model;
    QString m_modelKey; // checkpoint + tokenizer the cached model came from
    Generation m_generation;
    int m_current = -1;
    ColorMap m_colorMap = ColorMap::Viridis;
};

} // namespace attn
