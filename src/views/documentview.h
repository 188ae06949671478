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

// A document as a hierarchical attention network (Yang et al. 2016) reads it: one row per sentence, with a bar for
// the sentence's weight (and the number) on the left and the sentence's words shaded on the right. As in the
// paper, a word's shade is its weight inside the sentence times the square root of the sentence's weight, so the
// words of a sentence the model ignored stay pale; hovering a word or bar shows the exact weights.
class DocumentView : public WordView, public Presentable
{
    Q_OBJECT
public:
    explicit DocumentView(QWidget* parent = nullptr);

    // sentences' tokens, word weights per sentence, one weight per sentence (counts must match, else cleared).
    void setDocument(const std::vector<QStringList>& sentences, const std::vector<std::vector<float>>& wordWeights,
                     const std::vector<float>& sentenceWeights);
    void setResult(const ClassificationResult& result); // a Document result, titled "model: label (p)"
    void setTitle(const QString& title);
    // A lesson's prediction question is open: the words are drawn unshaded, without weights, until it is revealed.
    void setWeightsHidden(bool hidden);
    bool weightsHidden() const { return m_weightsHidden; }
    QString title() const { return m_title; }
    void clear();

    void setMinimumTextPixels(int px) override;
    int minimumTextPixels() const { return presentationPixels(); }

    int sentenceCount() const { return int(m_sentences.size()); }
    QRectF sentenceBarRect(int sentence) const; // the filled part of the bar
    QRectF wordRect(int sentence, int word) const;
    QColor wordBackground(int sentence, int word) const;
    // The shade's value in [0, 1]: word weight x sqrt(sentence weight), over the largest in the document.
    double wordShade(int sentence, int word) const;
    QString toolTipAt(const QPointF& pos) const override;

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    struct Layout
    {
        std::vector<QRectF> bars; // the whole track of each sentence's bar
        std::vector<QRectF> numbers;
        std::vector<std::vector<QRectF>> words;
        double height = 0.0;
        double titleBottom = 0.0;
    };
    Layout layoutFor(double width) const;
    void relayout();

    std::vector<QStringList> m_sentences;
    std::vector<std::vector<float>> m_wordWeights;
    std::vector<float> m_sentenceWeights;
    double m_shadeMax = 1.0;
    bool m_weightsHidden = false;
    QString m_title;
    Layout m_layout;
};

} // namespace attn
