// ScoringLab's drawing half: the plane's arrows, the vector heatmap and the information card.
#include "views/courserulesview.h"
#include "views/heatmapview.h"
#include "views/labnotes.h"
#include "views/labstyle.h"
#include "views/presenttext.h"
#include "views/scorecard.h"
#include "views/scoringlab.h"

#include <QBoxLayout>
#include <QLabel>
#include <QStackedWidget>

namespace attn {

namespace {

const QColor kQueryColour(20, 20, 20);
const QColor kKeyColour(0, 131, 143);
const QColor kValueColour(150, 150, 150);

} // namespace

QString ScoringLab::infoStyle(int px)
{
    return QStringLiteral("QLabel { font-size: %1px; background: white; padding: 6px; "
                          "border: 1px solid #c8c8c8; border-radius: 8px; }")
        .arg(std::max(15, px));
}

QString ScoringLab::errorStyle(int px)
{
    return QStringLiteral("QLabel { color: #b00020; font-size: %1px; font-weight: 600; }").arg(std::max(16, px));
}

void ScoringLab::setInfoText(QLabel* label, const QString& html)
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

void ScoringLab::setMinimumTextPixels(int px)
{
    m_minPx = std::max(0, px);
    m_plane->setMinimumTextPixels(m_minPx);
    for (auto& [fn, card] : m_cards) {
        card->setMinimumTextPixels(m_minPx);
    }
    for (HeatmapView* h : {m_vectorHeatmap, m_exampleHeatmap, m_modelHeatmap}) {
        h->setMinimumTextPixels(m_minPx);
    }
    for (QLabel* label : {m_infoLabel, m_exampleLabel}) {
        label->setStyleSheet(infoStyle(m_minPx));
    }
    m_errorLabel->setStyleSheet(errorStyle(m_minPx));
    m_courseRules->setMinimumTextPixels(m_minPx);
    arrangeForPresentation();
    if (auto* example = qobject_cast<QBoxLayout*>(m_exampleLabel->parentWidget()->layout())) {
        // Presenting, an example's text beside its heatmap, with the larger share.
        example->setDirection(m_minPx > 0 ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom);
        example->setStretch(0, m_minPx > 0 ? 1 : 3);
        example->setStretch(1, m_minPx > 0 ? 1 : 2);
    }
    updateInfo(); // the texts again, at the new size
}

void ScoringLab::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    if (m_minPx > 0) {
        arrangeForPresentation();
    }
}

void ScoringLab::arrangeForPresentation()
{
    // Larger text needs wider cards: presenting in an area that is not much wider than tall, three cards to a row in
    // three rows instead of four in two.
    const bool presenting = m_minPx > 0 && height() > 0.55 * width();
    if (presenting == m_rearranged) {
        return;
    }
    m_rearranged = presenting;
    const auto& all = allScoreFunctions();
    for (ScoreFunction fn : all) {
        m_grid->removeWidget(m_cards.at(fn));
    }
    const int perRow = presenting ? 3 : kCardsPerRow;
    for (int slot = 0; slot < int(all.size()); ++slot) {
        m_grid->addWidget(m_cards.at(all[std::size_t(slot)]), slot / perRow, 1 + slot % perRow);
    }
    for (int c = 1; c <= kCardsPerRow; ++c) {
        m_grid->setColumnStretch(c, c <= perRow ? 4 : 0);
    }
    m_grid->setRowStretch(2, presenting ? 1 : 0);
}

void ScoringLab::updatePlane()
{
    const bool values2d = m_vectors.values.size() == 0 || m_vectors.values.cols() == 2;
    const bool flat = m_vectors.query.size() == 2 && m_vectors.keys.cols() == 2 && values2d;
    m_vectorStack->setCurrentWidget(flat ? static_cast<QWidget*>(m_plane) : m_vectorHeatmap);
    if (!flat) {
        return;
    }
    std::vector<VectorPlane::Arrow> arrows;
    for (const ScoreRun& run : m_runs) {
        if (run.context.size() == 2) {
            const bool selected = run.function == m_selected;
            arrows.push_back(
                {VectorPlane::Kind::Output, int(run.function), QPointF(run.context(0), run.context(1)),
                 selected ? tr("out (%1)").arg(QString::fromStdString(scoreFunctionName(run.function))) : QString(),
                 scoreFunctionColor(run.function), selected});
        }
    }
    for (Eigen::Index i = 0; i < m_vectors.values.rows(); ++i) {
        arrows.push_back({VectorPlane::Kind::Value, int(i), QPointF(m_vectors.values(i, 0), m_vectors.values(i, 1)),
                          QStringLiteral("v%1").arg(i), kValueColour, false});
    }
    for (Eigen::Index i = 0; i < m_vectors.keys.rows(); ++i) {
        arrows.push_back({VectorPlane::Kind::Key, int(i), QPointF(m_vectors.keys(i, 0), m_vectors.keys(i, 1)),
                          QStringLiteral("k%1").arg(i), kKeyColour, false});
    }
    arrows.push_back({VectorPlane::Kind::Query, 0, QPointF(m_vectors.query(0), m_vectors.query(1)), QStringLiteral("q"),
                      kQueryColour, false});
    m_plane->setArrows(std::move(arrows));
    m_plane->setTitle(tr("Drag the tips of q and k"));
}

void ScoringLab::updateVectorHeatmap()
{
    if (isPlaneShown()) {
        return;
    }
    // Rows: the query, keys, values and each function's output; columns: dimensions. Only vectors of the
    // query's size can share the columns, so others are left out with a note in the title.
    const int d = int(m_vectors.query.size());
    // Token labels, when the vectors came from a model, follow the names: "q: chat", "k3: black".
    const auto named = [](const QString& name, const QString& token) {
        return token.isEmpty() ? name : QStringLiteral("%1: %2").arg(name, token);
    };
    const bool tokens = m_vectors.keyLabels.size() == m_vectors.keys.rows();
    std::vector<std::pair<QString, Eigen::VectorXd>> rows{
        {named(QStringLiteral("q"), m_vectors.queryLabel), m_vectors.query}};
    for (Eigen::Index i = 0; i < m_vectors.keys.rows(); ++i) {
        rows.emplace_back(named(QStringLiteral("k%1").arg(i), tokens ? m_vectors.keyLabels[int(i)] : QString()),
                          m_vectors.keys.row(i).transpose());
    }
    for (Eigen::Index i = 0; i < m_vectors.values.rows(); ++i) {
        rows.emplace_back(QStringLiteral("v%1").arg(i), m_vectors.values.row(i).transpose());
    }
    for (const ScoreRun& run : m_runs) {
        rows.emplace_back(QStringLiteral("out %1").arg(QString::fromStdString(scoreFunctionName(run.function))),
                          run.context);
    }
    std::vector<float> values;
    QStringList labels;
    for (const auto& [label, v] : rows) {
        if (v.size() != d) {
            continue;
        }
        labels << label;
        for (int c = 0; c < d; ++c) {
            values.push_back(float(v(c)));
        }
    }
    QStringList dims;
    for (int c = 0; c < d; ++c) {
        dims << QString::number(c + 1);
    }
    m_vectorHeatmap->setMatrix(values, int(labels.size()), d, labels, dims);
    m_vectorHeatmap->setAutoValueRange();
    m_vectorHeatmap->setAxisTitles(tr("vector"), tr("dimension"));
    m_vectorHeatmap->setTitle(tr("Vectors of size %1: one row each").arg(d));
}

void ScoringLab::updateInfo()
{
    const QString mode = normaliserDescription(m_kind, m_options).toHtmlEscaped();
    const QString edited = m_exampleEdited
                               ? tr("<p style='color:#b00020'>You moved the vectors: this example now shows the "
                                    "loaded numbers; load it again to match.</p>")
                               : QString();
    m_modelHeatmap->setVisible(m_example == Example::Model && m_model.attention.size() > 0);
    m_pages->setCurrentWidget(m_example == Example::CourseRules ? static_cast<QWidget*>(m_courseRules)
                                                                : m_pages->widget(0));
    if (m_example == Example::Model) {
        updateModelInfo(edited);
        return;
    }
    if (m_example == Example::SelfAttention) {
        m_infoStack->setCurrentIndex(1);
        const int n = int(m_selfAttention.weights.rows());
        std::vector<float> w;
        for (int r = 0; r < n; ++r) {
            for (int c = 0; c < n; ++c) {
                w.push_back(float(m_selfAttention.weights(r, c)));
            }
        }
        m_exampleHeatmap->setMatrix(w, n, n, m_selfExample.tokens, m_selfExample.tokens);
        m_exampleHeatmap->setValueRange(0.0, 1.0);
        m_exampleHeatmap->setTitle(
            tr("softmax(Q Kᵀ / √d): row “%1” = the scaled dot card").arg(m_selfExample.tokens.value(m_exampleRow)));
        setInfoText(
            m_exampleLabel,
            tr("<b>Course notes 1: self-attention</b><br>Q = X W<sub>q</sub>, K = X W<sub>k</sub>, V = X "
               "W<sub>v</sub> from one input X.<br>Query row <b>%1</b> (“%2”) is q on the plane; k0…k%3 = %4.%5")
                .arg(m_exampleRow)
                .arg(m_selfExample.tokens.value(m_exampleRow))
                .arg(n - 1)
                .arg(m_selfExample.tokens.join(QStringLiteral(", ")))
                .arg(edited));
        return;
    }
    m_infoStack->setCurrentIndex(0);
    if (m_minPx > 0) {
        // Projected, the controls are hidden: the reading guide without what to click.
        setInfoText(m_infoLabel, tr("<b>How to read</b><p>%1</p><p>Each card: scores s<sub>i</sub> of q against "
                                    "k<sub>i</sub>, weights a<sub>i</sub> as bars, and out = Σ a<sub>i</sub> "
                                    "v<sub>i</sub> (the dashed arrow of its colour).</p>")
                                     .arg(mode));
        return;
    }
    setInfoText(m_infoLabel,
                tr("<b>How to read</b><p>%1</p><p>Each card: scores s<sub>i</sub> of q against k<sub>i</sub>, "
                   "weights a<sub>i</sub> as bars, and out = Σ a<sub>i</sub> v<sub>i</sub> (the dashed "
                   "arrow of its colour). Click a card to highlight its arrow.</p>"
                   "<p>W, U, v, w, W<sub>a</sub>: seed %2 (editable on the left).</p>")
                    .arg(mode)
                    .arg(m_paramSeed));
}

} // namespace attn
