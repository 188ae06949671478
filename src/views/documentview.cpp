#include "views/documentview.h"

#include "core/classification.h"
#include "views/classlabel.h"
#include "views/colormaps.h"
#include "views/presenttext.h"
#include "views/weightshading.h"

#include <QEvent>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace attn {

namespace {
constexpr double kMargin = 8.0;
constexpr double kRowGap = 10.0;
const QColor kInk(25, 25, 25);
const QColor kTrack(232, 232, 232);
} // namespace

DocumentView::DocumentView(QWidget* parent) : WordView(parent)
{
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void DocumentView::setDocument(const std::vector<QStringList>& sentences,
                               const std::vector<std::vector<float>>& wordWeights,
                               const std::vector<float>& sentenceWeights)
{
    bool ok = wordWeights.size() == sentences.size() && sentenceWeights.size() == sentences.size();
    for (size_t s = 0; ok && s < sentences.size(); ++s) {
        ok = int(wordWeights[s].size()) == sentences[s].size();
    }
    if (!ok) {
        clear();
        return;
    }
    m_sentences = sentences;
    m_wordWeights = wordWeights;
    m_sentenceWeights = sentenceWeights;
    m_shadeMax = 0.0;
    for (size_t s = 0; s < sentences.size(); ++s) {
        for (float w : wordWeights[s]) {
            m_shadeMax = std::max(m_shadeMax, double(w) * std::sqrt(std::max(0.0, double(sentenceWeights[s]))));
        }
    }
    if (m_shadeMax <= 0.0) {
        m_shadeMax = 1.0;
    }
    relayout();
}

void DocumentView::setResult(const ClassificationResult& result)
{
    setTitle(tr("%1: %2 (%3)")
                 .arg(result.modelName, classLabelText(result.label()))
                 .arg(double(result.probabilityOf(result.label())), 0, 'f', 2));
    setDocument(result.sentences, result.sentenceWordWeights, result.sentenceWeights);
}

void DocumentView::setTitle(const QString& title)
{
    m_title = title;
    relayout();
}

void DocumentView::clear()
{
    m_sentences.clear();
    m_wordWeights.clear();
    m_sentenceWeights.clear();
    relayout();
}

void DocumentView::setMinimumTextPixels(int px)
{
    setPresentationPixels(px);
    relayout();
}

void DocumentView::relayout()
{
    m_layout = layoutFor(width());
    updateGeometry();
    update();
}

DocumentView::Layout DocumentView::layoutFor(double width) const
{
    Layout l;
    const QFont text = textFont();
    const QFontMetricsF fm(text);
    const double numberWidth = fm.horizontalAdvance(QStringLiteral("0.00")) + 2 * WordFlow::kPadX;
    const double barWidth = std::max(60.0, fm.height() * 4);
    const double wordsLeft = kMargin + numberWidth + barWidth + 2 * kMargin;
    const double wordsWidth = std::max(fm.height() * 4, width - wordsLeft - kMargin);
    double y = kMargin;
    if (!m_title.isEmpty()) {
        y += titleHeight(m_title, width - 2 * kMargin) + kMargin;
    }
    l.titleBottom = y - kMargin;
    const double boxHeight = fm.height() + 2 * WordFlow::kPadY;
    for (const QStringList& sentence : m_sentences) {
        double bottom = y;
        l.words.push_back(WordFlow::layout(sentence, text, wordsLeft, y, wordsWidth, &bottom));
        l.numbers.emplace_back(kMargin, y, numberWidth, boxHeight);
        l.bars.emplace_back(kMargin + numberWidth + kMargin, y + boxHeight * 0.15, barWidth, boxHeight * 0.7);
        y = bottom + kRowGap;
    }
    l.height = y + shadeLegendHeight(text) + kMargin;
    return l;
}

QRectF DocumentView::sentenceBarRect(int sentence) const
{
    if (sentence < 0 || size_t(sentence) >= m_layout.bars.size()) {
        return {};
    }
    QRectF r = m_layout.bars[size_t(sentence)];
    r.setWidth(r.width() * std::clamp(double(m_sentenceWeights[size_t(sentence)]), 0.0, 1.0));
    return r;
}

QRectF DocumentView::wordRect(int sentence, int word) const
{
    if (sentence < 0 || size_t(sentence) >= m_layout.words.size() || word < 0 ||
        size_t(word) >= m_layout.words[size_t(sentence)].size()) {
        return {};
    }
    return m_layout.words[size_t(sentence)][size_t(word)];
}

double DocumentView::wordShade(int sentence, int word) const
{
    const double s = std::max(0.0, double(m_sentenceWeights.at(size_t(sentence))));
    return double(m_wordWeights.at(size_t(sentence)).at(size_t(word))) * std::sqrt(s) / m_shadeMax;
}

QColor DocumentView::wordBackground(int sentence, int word) const
{
    return weightShade(m_weightsHidden ? 0.0 : wordShade(sentence, word));
}

void DocumentView::setWeightsHidden(bool hidden)
{
    m_weightsHidden = hidden;
    update();
}

QString DocumentView::toolTipAt(const QPointF& pos) const
{
    if (m_weightsHidden) {
        return {};
    }
    for (size_t s = 0; s < m_layout.words.size(); ++s) {
        const double sw = double(m_sentenceWeights[s]);
        if (m_layout.bars[s].united(m_layout.numbers[s]).contains(pos)) {
            return tr("sentence %1: weight %2").arg(s).arg(sw, 0, 'f', 4);
        }
        for (size_t w = 0; w < m_layout.words[s].size(); ++w) {
            if (m_layout.words[s][w].contains(pos)) {
                return tr("sentence %1 (weight %2), word %3 \"%4\": weight %5")
                    .arg(s)
                    .arg(sw, 0, 'f', 4)
                    .arg(w)
                    .arg(m_sentences[s][int(w)])
                    .arg(double(m_wordWeights[s][w]), 0, 'f', 4);
            }
        }
    }
    return {};
}

int DocumentView::heightForWidth(int width) const
{
    return int(std::ceil(layoutFor(width).height));
}

QSize DocumentView::sizeHint() const
{
    const int w = std::max(500, int(QFontMetricsF(textFont()).height() * 30));
    return {w, heightForWidth(w)};
}

QSize DocumentView::minimumSizeHint() const
{
    const double h = QFontMetricsF(textFont()).height();
    return {int(h * 12), int(h * 3)};
}

void DocumentView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    m_layout = layoutFor(width());
}

void DocumentView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), Qt::white);
    const QFont text = textFont();
    if (!m_title.isEmpty()) {
        paintTitle(p, QRectF(kMargin, kMargin, width() - 2 * kMargin, m_layout.titleBottom - kMargin), m_title);
    }
    if (m_sentences.empty()) {
        return;
    }
    const int top =
        int(std::max_element(m_sentenceWeights.begin(), m_sentenceWeights.end()) - m_sentenceWeights.begin());
    const QColor barColour = colorAt(ColorMap::Viridis, 0.3);
    for (size_t s = 0; s < m_sentences.size(); ++s) {
        p.setPen(Qt::NoPen);
        p.setBrush(kTrack);
        p.drawRect(m_layout.bars[s]);
        if (m_weightsHidden) {
            for (int w = 0; w < m_sentences[s].size(); ++w) {
                paintShadedWord(p, m_layout.words[s][size_t(w)], m_sentences[s][w], wordBackground(int(s), w), text);
            }
            continue;
        }
        p.setBrush(barColour);
        p.drawRect(sentenceBarRect(int(s)));
        QFont numberFont = text;
        numberFont.setBold(int(s) == top);
        p.setFont(numberFont);
        p.setPen(kInk);
        p.drawText(m_layout.numbers[s], Qt::AlignRight | Qt::AlignVCenter,
                   QString::number(double(m_sentenceWeights[s]), 'f', 2));
        for (int w = 0; w < m_sentences[s].size(); ++w) {
            paintShadedWord(p, m_layout.words[s][size_t(w)], m_sentences[s][w], wordBackground(int(s), w), text);
        }
    }
    if (m_weightsHidden) {
        return;
    }
    const double legendTop = m_layout.height - kMargin - shadeLegendHeight(text);
    paintShadeLegend(p, QRectF(kMargin, legendTop, width() - 2 * kMargin, shadeLegendHeight(text)), m_shadeMax, text,
                     tr("word weight × √(sentence weight)"));
}

} // namespace attn
