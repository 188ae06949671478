#include "views/scoringlab.h"

#include "views/courserulesview.h"
#include "views/heatmapview.h"
#include "views/labnotes.h"
#include "views/labstyle.h"
#include "views/scorecard.h"

#include <QGridLayout>
#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <cmath>
#include <stdexcept>

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

Eigen::VectorXd circlePoint(int i)
{
    const double angle = 0.9 + 2.2 * i; // spreads new keys around the circle
    return Eigen::Vector2d(std::cos(angle), std::sin(angle));
}

} // namespace

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
    m_grid = grid;
    grid->setSpacing(6);
    m_courseRules = new CourseRulesView(m_pages);
    m_pages->addWidget(gridPage);
    m_pages->addWidget(m_courseRules);
    outer->addWidget(m_pages, 1);
    m_vectorStack = new QStackedWidget(this);
    m_plane = new VectorPlane(m_vectorStack);
    m_vectorHeatmap = new HeatmapView(m_vectorStack);
    m_vectorStack->addWidget(m_plane);
    m_vectorStack->addWidget(m_vectorHeatmap);
    // On the left the plane, a model's own attention when the vectors come from a model, and the information card;
    // the eight cards four to a row in two rows (presenting in a tall area, three to a row in three rows).
    m_modelHeatmap = new HeatmapView(this);
    m_modelHeatmap->setToolTip(tr("The model's own attention: one row per output word. Click a row to make its "
                                  "decoder state the query."));
    m_modelHeatmap->setVisible(false);
    auto* left = new QVBoxLayout;
    m_left = left;
    left->addWidget(m_vectorStack, 3);
    left->addWidget(m_modelHeatmap, 2);
    grid->addLayout(left, 0, 0, 3, 1);
    int slot = 0;
    for (ScoreFunction fn : allScoreFunctions()) {
        auto* card = new ScoreCard(fn, this);
        m_cards[fn] = card;
        grid->addWidget(card, slot / kCardsPerRow, 1 + slot % kCardsPerRow);
        connect(card, &ScoreCard::clicked, this, &ScoringLab::selectFunction);
        ++slot;
    }
    m_infoStack = new QStackedWidget(this);
    m_infoLabel = makeInfoLabel(m_infoStack);
    auto* examplePage = new QWidget(m_infoStack);
    auto* exampleLayout = new QVBoxLayout(examplePage);
    exampleLayout->setContentsMargins(0, 0, 0, 0);
    m_exampleHeatmap = new HeatmapView(examplePage);
    m_exampleLabel = makeInfoLabel(examplePage);
    exampleLayout->addWidget(m_exampleHeatmap, 3);
    exampleLayout->addWidget(m_exampleLabel, 2);
    for (QLabel* label : {m_infoLabel, m_exampleLabel}) {
        label->setStyleSheet(infoStyle(0));
    }
    m_infoStack->addWidget(m_infoLabel);
    m_infoStack->addWidget(examplePage);
    left->addWidget(m_infoStack, 2);
    grid->setColumnStretch(0, 9);
    for (int c = 1; c <= kCardsPerRow; ++c) {
        grid->setColumnStretch(c, 4);
    }
    for (int r = 0; r < 3; ++r) {
        grid->setRowStretch(r, r < 2 ? 1 : 0);
    }

    connect(m_plane, &VectorPlane::arrowMoved, this, &ScoringLab::onArrowMoved);
    connect(m_modelHeatmap, &HeatmapView::cellClicked, this, [this](int row, int) {
        if (m_example == Example::Model && row != m_modelStep) {
            setModelStep(row);
            Q_EMIT modelStepChanged(row);
        }
    });
    m_cards[m_selected]->setSelected(true);

    m_params = ScoreParams::random(2, 2, 2, kMaxKeys, m_paramSeed);
    setVectors(defaultVectors());
}

ScoringLab::~ScoringLab() = default;

LabVectors ScoringLab::defaultVectors()
{
    LabVectors start;
    start.query = Eigen::Vector2d(1.0, 0.5);
    start.keys.resize(4, 2);
    start.keys << 1.2, 0.2, //
        0.3, 1.1,           //
        -1.0, 0.4,          //
        0.4, -0.9;
    return start;
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
    if (m_example == Example::Model && m_useTrained) {
        m_params = withTrainedParams(m_params, m_model);
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
    if (index < 0 || index >= m_vectors.keys.rows() || k.size() != m_vectors.keys.cols()) {
        return;
    }
    m_vectors.keys.row(index) = k.transpose();
    markEdited();
    recompute();
}

void ScoringLab::setValue(int index, const Eigen::VectorXd& v)
{
    if (index < 0 || index >= m_vectors.values.rows() || v.size() != m_vectors.values.cols()) {
        return;
    }
    m_vectors.values.row(index) = v.transpose();
    markEdited();
    recompute();
}

void ScoringLab::setKeyCount(int count)
{
    count = std::clamp(count, 1, kMaxKeys);
    const int old = int(m_vectors.keys.rows());
    if (count == old) {
        return;
    }
    const auto grow = [&](Eigen::MatrixXd& m) {
        Eigen::MatrixXd bigger = Eigen::MatrixXd::Zero(count, m.cols());
        bigger.topRows(std::min(old, count)) = m.topRows(std::min(old, count));
        for (int i = old; i < count; ++i) {
            // New 2-D keys go round the circle; other sizes start at a copy of the last key.
            bigger.row(i) = m.cols() == 2 ? circlePoint(i).transpose() : Eigen::RowVectorXd(m.row(old - 1));
        }
        m = bigger;
    };
    grow(m_vectors.keys);
    m_vectors.keyLabels.clear(); // token labels no longer fit
    if (m_vectors.values.size() > 0) {
        grow(m_vectors.values);
    }
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

bool ScoringLab::isPlaneShown() const
{
    return m_vectorStack->currentWidget() == m_plane;
}

void ScoringLab::selectFunction(ScoreFunction fn)
{
    m_selected = fn;
    for (auto& [f, card] : m_cards) {
        card->setSelected(f == fn);
    }
    updatePlane();
}

void ScoringLab::setColorMap(ColorMap map)
{
    m_vectorHeatmap->setColorMap(map);
    m_exampleHeatmap->setColorMap(map);
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
    const int n = m_runs.empty() ? 0 : int(m_runs.front().weights.size());
    QStringList labels = m_vectors.keyLabels;
    if (labels.size() != n) {
        labels.clear();
        for (int i = 0; i < n; ++i) {
            labels << QStringLiteral("k%1").arg(i);
        }
    }
    const std::vector<bool> window = windowFlags(n);
    for (const ScoreRun& run : m_runs) {
        ScoreCard* card = m_cards.at(run.function);
        card->setResult(run.scores, run.weights, run.context, labels, window);
        card->setNotes(m_error.isEmpty() ? labNotes(run, m_vectors, m_kind, m_options, &m_params) : QStringList());
    }
    updatePlane();
    updateVectorHeatmap();
    updateInfo();
    Q_EMIT recomputed();
}

std::vector<bool> ScoringLab::windowFlags(int n) const
{
    if (m_kind != NormaliserKind::Local || n == 0) {
        return {};
    }
    const auto [lo, hi] = localWindow(m_options, n);
    std::vector<bool> flags(std::size_t(n), false);
    for (int i = lo; i <= hi; ++i) {
        flags[std::size_t(i)] = true;
    }
    return flags;
}

} // namespace attn
