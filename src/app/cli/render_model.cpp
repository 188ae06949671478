// render --view model: every layer and head of one kind of attention as thumbnails.
#include "cli/command.h"
#include "cli/renderviews.h"
#include "cli/textviewoptions.h"
#include "views/colormaps.h"
#include "views/exporter.h"
#include "views/modelgridview.h"

#include <QJsonArray>

#include <stdexcept>

namespace attn::cli {

namespace {

QString drawModel(const QCommandLineParser& parser, const QString& out, QSize size)
{
    TextViewInput input;
    const QString error = loadTextViewInput(parser, false, input);
    if (!error.isEmpty()) {
        return error;
    }
    const QString mapId = parser.value("colormap");
    if (!colorMapIds().contains(mapId)) {
        return QStringLiteral("--colormap: unknown colour map '%1' (choose %2)").arg(mapId, colorMapIds().join(", "));
    }
    ModelGridView view;
    view.setColorMap(colorMapFromId(mapId));
    try {
        const AttentionBlock& block = selectedBlock(input.set, input.selection);
        view.setBlock(block);
        // Rows are the kept layers only when memory or --layers dropped some: the title says which.
        QStringList kept;
        for (const int n : block.layerNumbers) {
            kept << QString::number(n);
        }
        view.setTitle(
            kept.isEmpty()
                ? QStringLiteral("%1: every layer and head (%2)").arg(blockLabel(block.name), input.set.modelName)
                : QStringLiteral("%1: the kept layers %2, every head (%3)")
                      .arg(blockLabel(block.name), kept.join(QStringLiteral(", ")), input.set.modelName));
        if (parser.isSet("layer") || parser.isSet("head") || input.headGiven) {
            view.setSelected(selectedLayer(block, input.selection), input.selection.head);
        }
    } catch (const std::invalid_argument& e) {
        return QString::fromStdString(e.what());
    }
    layoutOffscreen(&view, size.expandedTo(view.minimumSizeHint()));
    QString writeError;
    if (!view.exportTo(out, &writeError)) {
        return writeError;
    }
    return writeScene(parser, QJsonObject{{"view", "model"},
                                          {"layers", view.layers()},
                                          {"heads", view.heads()},
                                          {"selected", QJsonArray{view.selectedLayer(), view.selectedHead()}}});
}

std::vector<QCommandLineOption> modelOptions()
{
    auto options = textViewOptions();
    options.push_back({"colormap", "viridis (default), magma, greys or blues.", "NAME", "viridis"});
    return options;
}

} // namespace

ATTN_RENDER_VIEW({"model", "all layers x heads of one kind of attention as thumbnails", modelOptions(), &drawModel});

} // namespace attn::cli
