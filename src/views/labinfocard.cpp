#include "views/labinfocard.h"

#include "views/heatmapview.h"
#include "views/presenttext.h"

#include <QBoxLayout>
#include <QCoreApplication>
#include <QLabel>

namespace attn {

namespace {

QLabel* makeInfoLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    return label;
}

} // namespace

// The texts keep the translation context they were filed under (the scoring lab's).
LabInfoCard::LabInfoCard(QWidget* parent) : QStackedWidget(parent)
{
    m_text = makeInfoLabel(this);
    auto* examplePage = new QWidget(this);
    auto* exampleLayout = new QVBoxLayout(examplePage);
    exampleLayout->setContentsMargins(0, 0, 0, 0);
    m_exampleHeatmap = new HeatmapView(examplePage);
    m_exampleText = makeInfoLabel(examplePage);
    exampleLayout->addWidget(m_exampleHeatmap, 3);
    exampleLayout->addWidget(m_exampleText, 2);
    for (QLabel* label : {m_text, m_exampleText}) {
        label->setStyleSheet(style(0));
    }
    addWidget(m_text);
    addWidget(examplePage);
}

QString LabInfoCard::style(int px)
{
    return QStringLiteral("QLabel { font-size: %1px; background: white; padding: 6px; "
                          "border: 1px solid #c8c8c8; border-radius: 8px; }")
        .arg(std::max(15, px));
}

void LabInfoCard::setMinimumTextPixels(int px)
{
    m_minPx = std::max(0, px);
    m_exampleHeatmap->setMinimumTextPixels(m_minPx);
    for (QLabel* label : {m_text, m_exampleText}) {
        label->setStyleSheet(style(m_minPx));
    }
    if (auto* example = qobject_cast<QBoxLayout*>(m_exampleText->parentWidget()->layout())) {
        // Presenting, an example's text beside its heatmap, with the larger share.
        example->setDirection(m_minPx > 0 ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom);
        example->setStretch(0, m_minPx > 0 ? 1 : 3);
        example->setStretch(1, m_minPx > 0 ? 1 : 2);
        // (the heatmap's usual minimum width would leave the text less than half: a narrow column in Chinese)
        m_exampleHeatmap->setMinimumWidth(m_minPx > 0 ? 10 * m_minPx : 240);
    }
}

void LabInfoCard::setText(QLabel* label, const QString& html)
{
    QString shown = presentRichText(html, m_minPx);
    if (m_minPx > 0) {
        // Room for the list's numbers at the larger size, and each step of a rule on one line.
        shown.replace(QStringLiteral("margin-left:-20px"), QStringLiteral("margin-left:0px"));
        shown.replace(QStringLiteral("<br>= "), QStringLiteral(" = "));
        shown.replace(QStringLiteral("<br>(the dark arrow o)"), QStringLiteral(" (the dark arrow o)"));
    }
    label->setText(shown);
}

void LabInfoCard::showText(const QString& html)
{
    setCurrentIndex(0);
    setText(m_text, html);
}

void LabInfoCard::showHowToRead(const QString& modeHtml, unsigned long long seed)
{
    if (m_minPx > 0) {
        // Projected, the controls are hidden: the reading guide without what to click.
        showText(QCoreApplication::translate("attn::ScoringLab",
                                             "<b>How to read</b><p>%1</p><p>Each card: scores s<sub>i</sub> of q "
                                             "against k<sub>i</sub>, weights a<sub>i</sub> as bars, and out = Σ "
                                             "a<sub>i</sub> v<sub>i</sub> (the dashed arrow of its colour).</p>")
                     .arg(modeHtml));
        return;
    }
    showText(QCoreApplication::translate(
                 "attn::ScoringLab",
                 "<b>How to read</b><p>%1</p><p>Each card: scores s<sub>i</sub> of q against k<sub>i</sub>, "
                 "weights a<sub>i</sub> as bars, and out = Σ a<sub>i</sub> v<sub>i</sub> (the dashed "
                 "arrow of its colour). Click a card to highlight its arrow.</p>"
                 "<p>W, U, v, w, W<sub>a</sub>: seed %2 (editable on the left).</p>")
                 .arg(modeHtml)
                 .arg(seed));
}

void LabInfoCard::showSelfAttention(const SelfAttentionExample& example, const SelfAttentionResult& result, int row,
                                    const QString& edited)
{
    setCurrentIndex(1);
    const int n = int(result.weights.rows());
    std::vector<float> w;
    for (int r = 0; r < n; ++r) {
        for (int c = 0; c < n; ++c) {
            w.push_back(float(result.weights(r, c)));
        }
    }
    m_exampleHeatmap->setMatrix(w, n, n, example.tokens, example.tokens);
    m_exampleHeatmap->setValueRange(0.0, 1.0);
    m_exampleHeatmap->setTitle(
        QCoreApplication::translate("attn::ScoringLab", "softmax(Q Kᵀ / √d): row “%1” = the scaled dot card")
            .arg(example.tokens.value(row)));
    setText(m_exampleText,
            QCoreApplication::translate(
                "attn::ScoringLab",
                "<b>Course notes 1: self-attention</b><br>Q = X W<sub>q</sub>, K = X W<sub>k</sub>, V = X "
                "W<sub>v</sub> from one input X.<br>Query row <b>%1</b> (“%2”) is q on the plane; k0…k%3 = %4.%5")
                .arg(row)
                .arg(example.tokens.value(row))
                .arg(n - 1)
                .arg(example.tokens.join(QStringLiteral(", ")))
                .arg(edited));
}

} // namespace attn
