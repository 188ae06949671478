#include "views/labvectorsview.h"

#include "views/heatmapview.h"
#include "views/labstyle.h"
#include "views/vectorplane.h"

#include <QCoreApplication>

namespace attn {

// The texts keep the translation context they were filed under (the scoring lab's).
namespace {

const QColor kQueryColour(20, 20, 20);
const QColor kKeyColour(0, 131, 143);
const QColor kValueColour(150, 150, 150);

} // namespace

LabVectorsView::LabVectorsView(QWidget* parent)
    : QStackedWidget(parent), m_plane(new VectorPlane(this)), m_heatmap(new HeatmapView(this))
{
    addWidget(m_plane);
    addWidget(m_heatmap);
}

bool LabVectorsView::isPlaneShown() const
{
    return currentWidget() == m_plane;
}

void LabVectorsView::setMinimumTextPixels(int px)
{
    m_plane->setMinimumTextPixels(px);
    m_heatmap->setMinimumTextPixels(px);
}

void LabVectorsView::updatePlane(const LabVectors& vectors, const std::vector<ScoreRun>& runs, ScoreFunction selected)
{
    const bool values2d = vectors.values.size() == 0 || vectors.values.cols() == 2;
    const bool flat = vectors.query.size() == 2 && vectors.keys.cols() == 2 && values2d;
    setCurrentWidget(flat ? static_cast<QWidget*>(m_plane) : m_heatmap);
    if (!flat) {
        return;
    }
    std::vector<VectorPlane::Arrow> arrows;
    for (const ScoreRun& run : runs) {
        if (run.context.size() == 2) {
            const bool isSelected = run.function == selected;
            arrows.push_back({VectorPlane::Kind::Output, int(run.function), QPointF(run.context(0), run.context(1)),
                              isSelected ? QCoreApplication::translate("attn::ScoringLab", "out (%1)")
                                               .arg(QString::fromStdString(scoreFunctionName(run.function)))
                                         : QString(),
                              scoreFunctionColor(run.function), isSelected});
        }
    }
    for (Eigen::Index i = 0; i < vectors.values.rows(); ++i) {
        arrows.push_back({VectorPlane::Kind::Value, int(i), QPointF(vectors.values(i, 0), vectors.values(i, 1)),
                          QStringLiteral("v%1").arg(i), kValueColour, false});
    }
    for (Eigen::Index i = 0; i < vectors.keys.rows(); ++i) {
        arrows.push_back({VectorPlane::Kind::Key, int(i), QPointF(vectors.keys(i, 0), vectors.keys(i, 1)),
                          QStringLiteral("k%1").arg(i), kKeyColour, false});
    }
    arrows.push_back({VectorPlane::Kind::Query, 0, QPointF(vectors.query(0), vectors.query(1)), QStringLiteral("q"),
                      kQueryColour, false});
    m_plane->setArrows(std::move(arrows));
    m_plane->setTitle(QCoreApplication::translate("attn::ScoringLab", "Drag the tips of q and k"));
}

void LabVectorsView::updateHeatmap(const LabVectors& vectors, const std::vector<ScoreRun>& runs)
{
    if (isPlaneShown()) {
        return;
    }
    // Rows: the query, keys, values and each function's output; columns: dimensions. Only vectors of the
    // query's size can share the columns, so others are left out with a note in the title.
    const int d = int(vectors.query.size());
    // Token labels, when the vectors came from a model, follow the names: "q: chat", "k3: black".
    const auto named = [](const QString& name, const QString& token) {
        return token.isEmpty() ? name : QStringLiteral("%1: %2").arg(name, token);
    };
    const bool tokens = vectors.keyLabels.size() == vectors.keys.rows();
    std::vector<std::pair<QString, Eigen::VectorXd>> rows{
        {named(QStringLiteral("q"), vectors.queryLabel), vectors.query}};
    for (Eigen::Index i = 0; i < vectors.keys.rows(); ++i) {
        rows.emplace_back(named(QStringLiteral("k%1").arg(i), tokens ? vectors.keyLabels[int(i)] : QString()),
                          vectors.keys.row(i).transpose());
    }
    for (Eigen::Index i = 0; i < vectors.values.rows(); ++i) {
        rows.emplace_back(QStringLiteral("v%1").arg(i), vectors.values.row(i).transpose());
    }
    for (const ScoreRun& run : runs) {
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
    m_heatmap->setMatrix(values, int(labels.size()), d, labels, dims);
    m_heatmap->setAutoValueRange();
    m_heatmap->setAxisTitles(QCoreApplication::translate("attn::ScoringLab", "vector"),
                             QCoreApplication::translate("attn::ScoringLab", "dimension"));
    m_heatmap->setTitle(QCoreApplication::translate("attn::ScoringLab", "Vectors of size %1: one row each").arg(d));
}

} // namespace attn
