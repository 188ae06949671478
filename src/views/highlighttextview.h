#pragma once

#include "views/presentable.h"
#include "views/wordview.h"

#include <QColor>
#include <QRectF>
#include <QStringList>
#include <QWidget>
#include <vector>

namespace attn {

struct ClassificationResult;

// A text whose every word's background is shaded by its attention weight (issue 15, the pooling classifiers):
// the words flow as a paragraph, a title line above says what the model predicted, a colour bar below gives the
// scale, and hovering a word shows its exact weight. The shading runs from 0 to the largest weight shown, or to
// setShadingMax() so that several views (the three pooling models side by side) share one scale.
class HighlightTextView : public WordView, public Presentable
{
    Q_OBJECT
public:
    explicit HighlightTextView(QWidget* parent = nullptr);

    // tokens and one weight per token (sizes must match; otherwise the view is cleared).
    void setWords(const QStringList& tokens, const std::vector<float>& weights);
    // A Single result: its tokens and word weights, and "model: label (p)" as the title.
    void setResult(const ClassificationResult& result);
    void setTitle(const QString& title);
    // A lesson's prediction question is open: the words are drawn unshaded, without weights, until it is revealed.
    void setWeightsHidden(bool hidden);
    bool weightsHidden() const { return m_weightsHidden; }
    QString title() const { return m_title; }
    // The weight drawn in the darkest shade; 0 = the largest weight shown.
    void setShadingMax(float maxWeight);
    float shadingMax() const;
    void clear();

    void setMinimumTextPixels(int px) override;
    int minimumTextPixels() const { return presentationPixels(); }

    int wordCount() const { return int(m_tokens.size()); }
    QStringList tokens() const { return m_tokens; }
    float weight(int word) const { return m_weights.at(size_t(word)); }
    QRectF wordRect(int word) const;       // widget coordinates
    QColor wordBackground(int word) const; // the shade painted behind the word
    int wordAt(const QPointF& pos) const;  // -1 outside every word
    QString toolTipAt(const QPointF& pos) const override;

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    // Lays the words out for width; returns the total height.
    double relayout(double width, std::vector<QRectF>* boxes) const;

    QStringList m_tokens;
    std::vector<float> m_weights;
    QString m_title;
    float m_shadingMax = 0.0f;
    bool m_weightsHidden = false;
    std::vector<QRectF> m_boxes;
};

} // namespace attn
