#include "views/highlighttextview.h"

#include "core/classification.h"
#include "views/classlabel.h"
#include "views/presenttext.h"
#include "views/weightshading.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

namespace attn {

namespace {
constexpr double kMargin = 8.0;
} // namespace

HighlightTextView::HighlightTextView(QWidget* parent) : WordView(parent)
{
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void HighlightTextView::setWords(const QStringList& tokens, const std::vector<float>& weights)
{
    if (int(weights.size()) != tokens.size()) {
        clear();
        return;
    }
    m_tokens = tokens;
    m_weights = weights;
    updateGeometry();
    relayout(width(), &m_boxes);
    update();
}

void HighlightTextView::setResult(const ClassificationResult& result)
{
    setTitle(tr("%1: %2 (%3)")
                 .arg(result.modelName, classLabelText(result.label()))
                 .arg(double(result.probabilityOf(result.label())), 0, 'f', 2));
    setWords(result.tokens, result.wordWeights);
}

void HighlightTextView::setTitle(const QString& title)
{
    m_title = title;
    updateGeometry();
    relayout(width(), &m_boxes);
    update();
}

void HighlightTextView::setShadingMax(float maxWeight)
{
    m_shadingMax = std::max(0.0f, maxWeight);
    update();
}

float HighlightTextView::shadingMax() const
{
    if (m_shadingMax > 0.0f) {
        return m_shadingMax;
    }
    const float most = m_weights.empty() ? 0.0f : *std::max_element(m_weights.begin(), m_weights.end());
    return most > 0.0f ? most : 1.0f;
}

void HighlightTextView::clear()
{
    m_tokens.clear();
    m_weights.clear();
    m_boxes.clear();
    updateGeometry();
    update();
}

void HighlightTextView::setMinimumTextPixels(int px)
{
    setPresentationPixels(px);
    updateGeometry();
    relayout(width(), &m_boxes);
    update();
}

double HighlightTextView::relayout(double width, std::vector<QRectF>* boxes) const
{
    double y = kMargin;
    if (!m_title.isEmpty()) {
        y += titleHeight(m_title, width - 2 * kMargin) + kMargin;
    }
    double bottom = y;
    std::vector<QRectF> laid =
        WordFlow::layout(m_tokens, textFont(), kMargin, y, std::max(1.0, width - 2 * kMargin), &bottom);
    if (boxes) {
        *boxes = std::move(laid);
    }
    return bottom + kMargin + shadeLegendHeight(textFont()) + kMargin;
}

QRectF HighlightTextView::wordRect(int word) const
{
    return word >= 0 && size_t(word) < m_boxes.size() ? m_boxes[size_t(word)] : QRectF();
}

QColor HighlightTextView::wordBackground(int word) const
{
    if (word < 0 || size_t(word) >= m_weights.size()) {
        return {};
    }
    return weightShade(m_weightsHidden ? 0.0 : double(m_weights[size_t(word)]) / double(shadingMax()));
}

int HighlightTextView::wordAt(const QPointF& pos) const
{
    for (size_t i = 0; i < m_boxes.size(); ++i) {
        if (m_boxes[i].contains(pos)) {
            return int(i);
        }
    }
    return -1;
}

void HighlightTextView::setWeightsHidden(bool hidden)
{
    m_weightsHidden = hidden;
    update();
}

QString HighlightTextView::toolTipAt(const QPointF& pos) const
{
    if (m_weightsHidden) {
        return {};
    }
    const int w = wordAt(pos);
    if (w < 0) {
        return {};
    }
    return tr("word %1 \"%2\": weight %3").arg(w).arg(m_tokens[w]).arg(double(m_weights[size_t(w)]), 0, 'f', 4);
}

int HighlightTextView::heightForWidth(int width) const
{
    return int(std::ceil(relayout(width, nullptr)));
}

QSize HighlightTextView::sizeHint() const
{
    const int w = std::max(400, int(QFontMetricsF(textFont()).height() * 24));
    return {w, heightForWidth(w)};
}

QSize HighlightTextView::minimumSizeHint() const
{
    return {int(QFontMetricsF(textFont()).height() * 8), int(QFontMetricsF(textFont()).height() * 3)};
}

void HighlightTextView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    relayout(width(), &m_boxes);
}

void HighlightTextView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), Qt::white);
    p.setRenderHint(QPainter::Antialiasing, false);
    const QFont text = textFont();
    double y = kMargin;
    if (!m_title.isEmpty()) {
        const double h = titleHeight(m_title, width() - 2 * kMargin);
        paintTitle(p, QRectF(kMargin, y, width() - 2 * kMargin, h), m_title);
        y += h + kMargin;
    }
    if (m_tokens.isEmpty()) {
        return;
    }
    for (int i = 0; i < m_tokens.size(); ++i) {
        paintShadedWord(p, m_boxes[size_t(i)], m_tokens[i], wordBackground(i), text);
    }
    if (m_weightsHidden) {
        return;
    }
    const double bottom = m_boxes.back().bottom() + kMargin;
    paintShadeLegend(p, QRectF(kMargin, bottom, width() - 2 * kMargin, shadeLegendHeight(text)), shadingMax(), text,
                     tr("weight"));
}

} // namespace attn
