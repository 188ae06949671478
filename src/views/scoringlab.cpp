#include "views/scoringlab.h"

#include "views/courserulesview.h"
#include "views/heatmapview.h"
#include "views/labcardgrid.h"
#include "views/labinfocard.h"
#include "views/labnotes.h"
#include "views/labvectoredits.h"
#include "views/labvectorsview.h"
#include "views/scorecard.h"
#include "views/scorefunctionlabel.h"

#include <QGridLayout>
#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <cmath>
#include <stdexcept>

namespace attn {

ScoringLab::ScoringLab(QWidget* parent) : QWidget(parent)
{
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(4, 4, 4, 4);
    m_errorLabel = new QLabel(this);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(errorStyle(0));
    m_errorLabel->setVisible(false);
    outer->addWidget(m_errorLabel);

    m_pages = new QStackedWidget(this);
    auto* gridPage = new QWidget(m_pages);
    auto* grid = new QGridLayout(gridPage);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(6);
    m_courseRules = new CourseRulesView(m_pages);
    m_pages->addWidget(gridPage);
    m_pages->addWidget(m_courseRules);
    outer->addWidget(m_pages, 1);
    m_vectorsView = new LabVectorsView(this);
    // On the left the plane, a model's own attention when the vectors come from a model, and the information card;
    // the eight cards four to a row in two rows (presenting in a tall area, three to a row in three rows).
    m_modelHeatmap = new HeatmapView(this);
    m_modelHeatmap->setToolTip(tr("The model's own attention: one row per output word. Click a row to make its "
                                  "decoder state the query."));
    m_modelHeatmap->setVisible(false);
    auto* left = new QVBoxLayout;
    m_left = left;
    left->addWidget(m_vectorsView, 3);
    left->addWidget(m_modelHeatmap, 2);
    grid->addLayout(left, 0, 0, 3, 1);
    m_cards = std::make_unique<LabCardGrid>(grid, this);
    for (const auto& [fn, card] : m_cards->cards()) {
        connect(card, &ScoreCard::clicked, this, &ScoringLab::selectFunction);
    }
    m_info = new LabInfoCard(this);
    left->addWidget(m_info, 2);
    grid->setColumnStretch(0, 9); // the cards' columns 4 each

    connect(m_vectorsView->plane(), &VectorPlane::arrowMoved, this, &ScoringLab::onArrowMoved);
    connect(m_modelHeatmap, &HeatmapView::cellClicked, this, [this](int row, int) {
        if (m_example == Example::Model && row != m_modelExample.step()) {
            setModelStep(row);
            Q_EMIT modelStepChanged(row);
        }
    });
    m_cards->select(m_selected);

    m_params = ScoreParams::random(2, 2, 2, kMaxKeys, m_paramSeed);
    setVectors(defaultVectors());
}

ScoringLab::~ScoringLab() = default;

LabVectors ScoringLab::defaultVectors()
{
    return defaultLabVectors();
}

void ScoringLab::setVectors(const LabVectors& vectors)
{
    m_example = Example::None;
    m_exampleEdited = false;
    assignVectors(vectors);
}

void ScoringLab::assignVectors(const LabVectors& vectors)
{
    m_vectors = vectors;
    const int dq = int(vectors.query.size());
    const int dk = int(vectors.keys.cols());
    const int n = int(vectors.keys.rows());
    if (m_params.general.rows() != dq || m_params.general.cols() != dk || m_params.location.rows() < n) {
        drawParamsForVectors();
    }
    recompute();
}

void ScoringLab::drawParamsForVectors()
{
    const int dk = int(m_vectors.keys.cols());
    m_params = ScoreParams::random(int(m_vectors.query.size()), dk, std::max(dk, 1),
                                   std::max<int>(kMaxKeys, int(m_vectors.keys.rows())), m_paramSeed);
    if (m_example == Example::Model && m_modelExample.wantsTrainedParams()) {
        m_params = withTrainedParams(m_params, m_modelExample.vectors());
    }
}

void ScoringLab::setQuery(const Eigen::VectorXd& q)
{
    m_vectors.query = q;
    markEdited();
    recompute();
}

void ScoringLab::setKey(int index, const Eigen::VectorXd& k)
{
    if (!setLabRow(m_vectors.keys, index, k)) {
        return;
    }
    markEdited();
    recompute();
}

void ScoringLab::setValue(int index, const Eigen::VectorXd& v)
{
    if (!setLabRow(m_vectors.values, index, v)) {
        return;
    }
    markEdited();
    recompute();
}

void ScoringLab::setKeyCount(int count)
{
    count = std::clamp(count, 1, kMaxKeys);
    if (count == int(m_vectors.keys.rows())) {
        return;
    }
    resizeLabKeys(m_vectors, count);
    markEdited();
    assignVectors(m_vectors);
}

void ScoringLab::setParams(const ScoreParams& params)
{
    m_params = params;
    recompute();
}

void ScoringLab::redrawParams(unsigned long long seed)
{
    m_paramSeed = seed;
    drawParamsForVectors();
    recompute();
}

void ScoringLab::setNormaliser(NormaliserKind kind)
{
    m_kind = kind;
    recompute();
}

void ScoringLab::setOptions(const NormaliserOptions& options)
{
    m_options = options;
    recompute();
}

void ScoringLab::setTemperature(double t)
{
    m_options.temperature = t;
    recompute();
}

void ScoringLab::loadSelfAttentionExample(int queryRow)
{
    m_selfExample = courseSelfAttentionExample();
    try {
        const LabVectors v = selfAttentionLabVectors(m_selfExample, queryRow);
        m_selfAttention = scaledDotSelfAttention(m_selfExample.x, m_selfExample.wq, m_selfExample.wk, m_selfExample.wv);
        m_example = Example::SelfAttention;
        m_exampleRow = queryRow;
        m_exampleEdited = false;
        m_kind = NormaliserKind::Softmax; // the module is defined with a plain softmax
        m_options.temperature = 1.0;
        selectFunction(ScoreFunction::ScaledDot);
        assignVectors(v);
    } catch (const std::invalid_argument& e) {
        setError(QString::fromStdString(e.what()));
    }
}

void ScoringLab::loadCourseRulesExample(int rows)
{
    // The cards stay on the user's vectors underneath; the three rules have their own Q, K, V and layers.
    m_example = Example::CourseRules;
    m_exampleEdited = false;
    m_courseRules->setRows(rows);
    recompute();
}

void ScoringLab::loadVectorsFile(const QString& path)
{
    try {
        setVectors(readLabVectors(path));
    } catch (const std::invalid_argument& e) {
        setError(QString::fromStdString(e.what()));
    }
}

void ScoringLab::selectFunction(ScoreFunction fn)
{
    m_selected = fn;
    m_cards->select(fn);
    updatePlane();
}

void ScoringLab::setColorMap(ColorMap map)
{
    m_vectorsView->heatmap()->setColorMap(map);
    m_info->exampleHeatmap()->setColorMap(map);
    m_modelHeatmap->setColorMap(map);
    m_courseRules->setColorMap(map);
}

void ScoringLab::markEdited()
{
    if (m_example != Example::None) {
        m_exampleEdited = true;
    }
}

void ScoringLab::onArrowMoved(VectorPlane::Kind kind, int index, QPointF pos)
{
    const Eigen::VectorXd v = Eigen::Vector2d(pos.x(), pos.y());
    switch (kind) {
    case VectorPlane::Kind::Query:
        setQuery(v);
        break;
    case VectorPlane::Kind::Key:
        setKey(index, v);
        break;
    case VectorPlane::Kind::Value:
        setValue(index, v);
        break;
    case VectorPlane::Kind::Output:
        break;
    }
}

void ScoringLab::setError(const QString& message)
{
    if (message == m_error) {
        return;
    }
    m_error = message;
    m_errorLabel->setText(message.isEmpty() ? QString()
                                            : tr("Cannot compute: %1 (showing the last valid result)").arg(message));
    m_errorLabel->setVisible(!message.isEmpty());
    Q_EMIT errorChanged(message);
}

void ScoringLab::recompute()
{
    try {
        ScoreRequest request;
        request.query = m_vectors.query;
        request.keys = m_vectors.keys;
        request.values = m_vectors.values;
        request.normaliser = m_kind;
        request.options = m_options;
        request.hasParams = true;
        request.params = m_params;
        m_runs = runScores(request);
        setError(QString());
    } catch (const std::invalid_argument& e) {
        setError(QString::fromStdString(e.what()));
    }
    m_cards->showRuns(m_runs, m_vectors, m_kind, m_options, m_error.isEmpty() ? &m_params : nullptr);
    updatePlane();
    m_vectorsView->updateHeatmap(m_vectors, m_runs);
    updateInfo();
    Q_EMIT recomputed();
}

void ScoringLab::updatePlane()
{
    m_vectorsView->updatePlane(m_vectors, m_runs, m_selected);
}

QString ScoringLab::errorStyle(int px)
{
    return QStringLiteral("QLabel { color: #b00020; font-size: %1px; font-weight: 600; }").arg(std::max(16, px));
}

void ScoringLab::setMinimumTextPixels(int px)
{
    m_minPx = std::max(0, px);
    m_vectorsView->setMinimumTextPixels(m_minPx);
    m_cards->setMinimumTextPixels(m_minPx);
    m_modelHeatmap->setMinimumTextPixels(m_minPx);
    m_info->setMinimumTextPixels(m_minPx);
    m_errorLabel->setStyleSheet(errorStyle(m_minPx));
    m_courseRules->setMinimumTextPixels(m_minPx);
    arrangeForPresentation();
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
    // three rows instead of four in two. In a narrow area (a 4:3 projector, beside the lesson's text) the cards would
    // leave the left column too narrow to read: it stands above them instead.
    const bool above = m_minPx > 0 && width() < 48 * m_minPx;
    // Above the cards, the plane may be smaller than its usual minimum: the example's text beside it needs the width.
    m_vectorsView->setMinimumSize(above ? QSize(12 * m_minPx, 10 * m_minPx) : QSize(0, 0));
    m_cards->arrange(!above && m_minPx > 0 && height() > 0.55 * width() ? 3 : LabCardGrid::kCardsPerRow, m_left, above);
    // Above the cards, the plane beside the information card: an example's heatmap and text need the larger share.
    const bool example = m_info->currentIndex() == 1;
    // Beside the cards, presenting, an example's text (beside its heatmap) gets half the column's height.
    const bool tallExample = !above && example && m_minPx > 0;
    m_left->setStretch(0, above ? 2 : tallExample ? 1 : 3);
    m_left->setStretch(2, above ? (example ? 4 : 3) : tallExample ? 1 : 2);
}

void ScoringLab::updateInfo()
{
    const QString edited = m_exampleEdited
                               ? tr("<p style='color:#b00020'>You moved the vectors: this example now shows the "
                                    "loaded numbers; load it again to match.</p>")
                               : QString();
    m_modelHeatmap->setVisible(m_example == Example::Model && m_modelExample.vectors().attention.size() > 0);
    m_pages->setCurrentWidget(m_example == Example::CourseRules ? static_cast<QWidget*>(m_courseRules)
                                                                : m_pages->widget(0));
    if (m_example == Example::Model) {
        m_info->showText(m_modelExample.describe(m_runs, m_kind, m_options, m_modelHeatmap) + edited);
    } else if (m_example == Example::SelfAttention) {
        m_info->showSelfAttention(m_selfExample, m_selfAttention, m_exampleRow, edited);
    } else {
        m_info->showHowToRead(normaliserDescription(m_kind, m_options).toHtmlEscaped(), m_paramSeed);
    }
    if (m_minPx > 0) {
        arrangeForPresentation(); // the information card's page sets the left column's shares
    }
}

void ScoringLab::loadModelVectors(const ModelVectors& vectors, int step, bool trainedParams)
{
    try {
        const LabVectors v = m_modelExample.load(vectors, step, trainedParams);
        m_example = Example::Model;
        m_exampleEdited = false;
        m_kind = NormaliserKind::Softmax; // the models normalise with a plain softmax
        m_options.temperature = 1.0;
        if (const auto fn = scoreFunctionFromName(vectors.score.toStdString())) {
            selectFunction(*fn);
        }
        m_vectors = v;
        drawParamsForVectors();
        recompute();
    } catch (const std::invalid_argument& e) {
        setError(QString::fromStdString(e.what()));
    }
}

void ScoringLab::setModelStep(int step)
{
    if (m_example != Example::Model) {
        return;
    }
    try {
        m_vectors = m_modelExample.goToStep(step); // same sizes: the parameters stay
        m_exampleEdited = false;
        recompute();
    } catch (const std::invalid_argument& e) {
        setError(QString::fromStdString(e.what()));
    }
}

void ScoringLab::setUseTrainedParams(bool on)
{
    m_modelExample.setUseTrainedParams(on);
    if (m_example == Example::Model) {
        drawParamsForVectors();
        recompute();
    }
}

} // namespace attn
