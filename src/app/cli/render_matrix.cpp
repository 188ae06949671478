// render --view matrix: the heatmap view, of one layer and head (or an aggregate) of a model's attention with
// --model/--text or --attention, else of scoring functions x keys for one query (--query/--keys).
#include "cli/command.h"
#include "cli/renderviews.h"
#include "cli/scorescommand.h"
#include "cli/textviewoptions.h"
#include "views/colormaps.h"
#include "views/exporter.h"
#include "views/heatmapview.h"
#include "views/scoresheatmap.h"

#include <QJsonArray>

#include <stdexcept>

namespace attn::cli {

namespace {

QString drawAttentionMatrix(const QCommandLineParser& parser, const QString& out, QSize size, ColorMap colorMap)
{
    TextViewInput input;
    const QString error = loadTextViewInput(parser, false, input);
    if (!error.isEmpty()) {
        return error;
    }
    AttentionMap map;
    QString title;
    try {
        int zeroRows = 0;
        map = selectedMap(input.set, input.selection, &zeroRows);
        title = describeSelection(input.set, input.selection);
        if (zeroRows > 0) {
            title += QStringLiteral(" (%1 rows kept no weight)").arg(zeroRows);
        }
    } catch (const std::invalid_argument& e) {
        return QString::fromStdString(e.what());
    }
    HeatmapView view;
    view.setColorMap(colorMap);
    view.setMatrix(map.weights, map.queries, map.keys, map.queryLabels, map.keyLabels);
    view.setAxisTitles(QStringLiteral("query"), QStringLiteral("key"));
    view.setTitle(title);
    layoutOffscreen(&view, size);
    QString writeError;
    if (!view.exportTo(out, &writeError)) {
        return writeError;
    }
    QJsonArray argmax;
    for (int q = 0; q < map.queries; ++q) {
        int best = 0;
        for (int k = 1; k < map.keys; ++k) {
            best = map.at(q, k) > map.at(q, best) ? k : best;
        }
        argmax.append(map.keys > 0 ? QJsonValue(map.keyLabels.value(best)) : QJsonValue());
    }
    return writeScene(parser, QJsonObject{{"view", "matrix"},
                                          {"title", title},
                                          {"query_tokens", QJsonArray::fromStringList(map.queryLabels)},
                                          {"key_tokens", QJsonArray::fromStringList(map.keyLabels)},
                                          {"strongest_key_per_query", argmax}});
}

QString drawMatrix(const QCommandLineParser& parser, const QString& out, QSize size)
{
    const QString mapId = parser.value("colormap");
    if (!colorMapIds().contains(mapId)) {
        return QStringLiteral("--colormap: unknown colour map '%1' (choose %2)").arg(mapId, colorMapIds().join(", "));
    }
    if (hasTextInput(parser)) {
        return drawAttentionMatrix(parser, out, size, colorMapFromId(mapId));
    }
    ScoreRequest request;
    std::vector<ScoreRun> runs;
    try {
        request = scoreRequestFromOptions(parser);
        runs = runScores(request);
    } catch (const std::invalid_argument& e) {
        return QString::fromStdString(e.what());
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
    for (auto& o : textViewOptions()) {
        options.push_back(o);
    }
    return options;
}

} // namespace

ATTN_RENDER_VIEW({"matrix", "heatmap of one layer and head or an aggregate (--model/--text or --attention), or of "
                            "scoring functions x keys (--query/--keys)",
                  matrixOptions(), &drawMatrix});

} // namespace attn::cli
