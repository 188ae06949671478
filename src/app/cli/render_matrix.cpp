// render --view matrix: the heatmap view, here of scoring functions x keys for one query.
#include "cli/command.h"
#include "cli/renderviews.h"
#include "cli/scorescommand.h"
#include "views/colormaps.h"
#include "views/exporter.h"
#include "views/heatmapview.h"
#include "views/scoresheatmap.h"

#include <stdexcept>

namespace attn::cli {

namespace {

QString drawMatrix(const QCommandLineParser& parser, const QString& out, QSize size)
{
    ScoreRequest request;
    std::vector<ScoreRun> runs;
    try {
        request = scoreRequestFromOptions(parser);
        runs = runScores(request);
    } catch (const std::invalid_argument& e) {
        return QString::fromStdString(e.what());
    }
    const QString mapId = parser.value("colormap");
    if (!colorMapIds().contains(mapId)) {
        return QStringLiteral("--colormap: unknown colour map '%1' (choose %2)").arg(mapId, colorMapIds().join(", "));
    }
    HeatmapView view;
    view.setColorMap(colorMapFromId(mapId));
    showScoreRuns(&view, runs, keyLabels(request.keys));
    view.setTitle(QStringLiteral("Attention weights (%1, T = %2)")
                      .arg(QString::fromStdString(normaliserName(request.normaliser)))
                      .arg(request.options.temperature));
    layoutOffscreen(&view, size);
    QString error;
    return view.exportTo(out, &error) ? QString() : error;
}

std::vector<QCommandLineOption> matrixOptions()
{
    auto options = scoreOptions();
    options.push_back({"colormap", "viridis (default), magma, greys or blues.", "NAME", "viridis"});
    return options;
}

} // namespace

ATTN_RENDER_VIEW({"matrix", "heatmap of attention weights (scoring functions x keys for --query/--keys)",
                  matrixOptions(), &drawMatrix});

} // namespace attn::cli
