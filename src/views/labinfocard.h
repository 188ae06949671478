#pragma once

#include "core/labexamples.h"
#include "core/scoring.h"

#include <QStackedWidget>

class QLabel;

namespace attn {

class HeatmapView;

// The scoring lab's information card: how to read the lab, a trained model's step, or the course notes'
// self-attention example (its softmax(Q Kᵀ / √d) heatmap beside the text). Presenting, the text is at least that
// large, sub- and superscripts too, and an example's text stands beside its heatmap rather than under it.
class LabInfoCard : public QStackedWidget
{
public:
    explicit LabInfoCard(QWidget* parent = nullptr);

    // Rich text on the card's text page.
    void showText(const QString& html);
    // The reading guide for the normaliser described by modeHtml; with the parameters' seed when not presenting.
    void showHowToRead(const QString& modeHtml, unsigned long long seed);
    // The self-attention example: its weights and the text naming query row `row`; `edited` is appended.
    void showSelfAttention(const SelfAttentionExample& example, const SelfAttentionResult& result, int row,
                           const QString& edited);
    HeatmapView* exampleHeatmap() const { return m_exampleHeatmap; }
    // Sets the sizes; the caller shows its text again (a text is sized as it is set).
    void setMinimumTextPixels(int px);

private:
    void setText(QLabel* label, const QString& html);
    static QString style(int px);

    QLabel* m_text = nullptr;
    QLabel* m_exampleText = nullptr;
    HeatmapView* m_exampleHeatmap = nullptr;
    int m_minPx = 0;
};

} // namespace attn
