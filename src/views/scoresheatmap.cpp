#include "views/scoresheatmap.h"

#include "views/heatmapview.h"
#include "views/scorefunctionlabel.h"

namespace attn {

QStringList keyLabels(const Eigen::MatrixXd& keys)
{
    QStringList labels;
    for (Eigen::Index i = 0; i < keys.rows(); ++i) {
        QStringList parts;
        for (Eigen::Index j = 0; j < keys.cols() && j < 4; ++j) {
            parts << QString::number(keys(i, j), 'g', 3);
        }
        if (keys.cols() > 4) {
            parts << QStringLiteral("…");
        }
        labels << QStringLiteral("k%1 (%2)").arg(i).arg(parts.join(QStringLiteral(", ")));
    }
    return labels;
}

void showScoreRuns(HeatmapView* view, const std::vector<ScoreRun>& runs, const QStringList& labels)
{
    const int rows = int(runs.size());
    const int cols = rows > 0 ? int(runs.front().weights.size()) : 0;
    std::vector<float> values(std::size_t(rows) * cols);
    QStringList rowLabels;
    for (int r = 0; r < rows; ++r) {
        const ScoreFunction fn = runs[std::size_t(r)].function;
        rowLabels << QStringLiteral("%1   %2").arg(scoreFunctionLabel(fn),
                                                 QString::fromStdString(scoreFunctionFormula(fn)));
        for (int c = 0; c < cols; ++c) {
            values[std::size_t(r) * cols + c] = float(runs[std::size_t(r)].weights(c));
        }
    }
    view->setMatrix(values, rows, cols, rowLabels, labels);
    view->setAxisTitles(HeatmapView::tr("scoring function"), HeatmapView::tr("key"));
}

} // namespace attn
