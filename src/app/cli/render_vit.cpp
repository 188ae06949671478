// render --view vit: a Hugging Face ViT on an image, as the Image tab shows it: one head's attention from [CLS] over
// the patches, or the attention rollout, large, beside every layer x head (issue 16).
#include "cli/command.h"
#include "cli/overlaystyleoptions.h"
#include "cli/renderviews.h"
#include "core/attentionjson.h"
#include "core/imagerollout.h"
#include "engine/caption/imageloader.h"
#include "engine/hf/vitmodel.h"
#include "engine/textmodel.h"
#include "gui/vitpane.h"
#include "views/colormaps.h"
#include "views/exporter.h"

#include <QFile>
#include <QJsonDocument>
#include <cstdio>
#include <stdexcept>

namespace attn::cli {

namespace {

// The run an `attend --image` JSON holds, over the picture given with --image (the whole picture: the JSON does not
// say whether the preprocessor cropped it).
QString runFromJson(const QCommandLineParser& parser, hf::VitRun& run)
{
    const QString path = parser.value("attention");
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return QStringLiteral("%1: cannot open (%2)").arg(path, file.errorString());
    }
    try {
        run.attention = attentionSetFromJson(QJsonDocument::fromJson(file.readAll()).object());
        run.attention.validate(1e-3);
        run.shown = loadImageForModel(parser.value("image"), 1).display;
    } catch (const std::invalid_argument& e) {
        return QStringLiteral("%1: %2").arg(path, QString::fromStdString(e.what()));
    } catch (const ImageLoadError& e) {
        return QString::fromLocal8Bit(e.what());
    }
    const AttentionBlock* self = run.attention.block(QStringLiteral("encoder_self"));
    const AttentionBlock* grid = run.attention.block(QStringLiteral("image"));
    if (!self || !grid || grid->gridRows * grid->gridCols + 1 != self->keys) {
        return QStringLiteral("%1: not the attention of a ViT (attend --image writes encoder_self over [CLS] and the "
                              "patches, and an image block with its grid)")
            .arg(path);
    }
    run.gridRows = grid->gridRows;
    run.gridCols = grid->gridCols;
    return {};
}

QString drawVit(const QCommandLineParser& parser, const QString& out, QSize size)
{
    if (!parser.isSet("image") || parser.isSet("model") == parser.isSet("attention")) {
        return QStringLiteral("--view vit needs --image, and --model (a ViT folder) or --attention (its attend JSON)");
    }
    OverlayStyle style;
    style.colorMap = ColorMap::Viridis;
    if (const QString error = readOverlayStyleOptions(parser, style); !error.isEmpty()) {
        return error;
    }
    bool ok = true;
    ImageRolloutOptions rollout;
    try {
        if (parser.isSet("fusion")) {
            rollout.fusion = headFusionFromId(parser.value("fusion"));
        }
    } catch (const std::invalid_argument& e) {
        return QStringLiteral("--fusion: %1").arg(QString::fromStdString(e.what()));
    }
    if (parser.isSet("discard")) {
        rollout.discardRatio = parser.value("discard").toDouble(&ok);
        if (!ok || rollout.discardRatio < 0.0 || rollout.discardRatio >= 1.0) {
            return QStringLiteral("--discard must be a number from 0 up to (not including) 1");
        }
    }
    hf::VitRun run;
    int layers = 0, heads = 0;
    if (parser.isSet("attention")) {
        const QString error = runFromJson(parser, run);
        if (!error.isEmpty()) {
            return error;
        }
        layers = run.attention.block(QStringLiteral("encoder_self"))->layers;
        heads = run.attention.block(QStringLiteral("encoder_self"))->heads;
    } else if (!hf::VitModel::isVitFolder(parser.value("model"))) {
        return QStringLiteral(
                   "--view vit needs a ViT model folder (config.json with model_type \"vit\"); %1 is not one")
            .arg(parser.value("model"));
    } else {
        try {
            const auto model = hf::VitModel::open(parser.value("model"));
            layers = model->config().layers;
            heads = model->config().heads;
            run = model->runFile(parser.value("image"));
        } catch (const ModelError& e) {
            return QString::fromLocal8Bit(e.what());
        } catch (const ImageLoadError& e) {
            return QString::fromLocal8Bit(e.what());
        }
    }
    for (const auto& notice : run.notices) {
        std::fprintf(stderr, "attnscope-cli: notice: %s\n", notice.toLocal8Bit().constData());
    }
    const auto index = [&](const char* name, int count, int fallback, int& value) -> QString {
        value = fallback;
        if (parser.isSet(name)) {
            value = parser.value(name).toInt(&ok);
            if (!ok || value < 0 || value >= count) {
                return QStringLiteral("--%1 must be from 0 to %2").arg(QLatin1String(name)).arg(count - 1);
            }
        }
        return {};
    };
    int layer = 0, head = -1;
    QString error = index("layer", layers, layers - 1, layer);
    if (error.isEmpty() && parser.isSet("head")) {
        error = index("head", heads, 0, head);
    }
    if (!error.isEmpty()) {
        return error;
    }
    VitPane pane;
    pane.setStyle(style);
    pane.setRolloutOptions(rollout);
    pane.setRun(run);
    pane.computeRolloutNow();
    pane.select(layer, head);
    layoutOffscreen(&pane, size);
    QString writeError;
    return pane.exportTo(out, &writeError) ? QString() : writeError;
}

std::vector<QCommandLineOption> vitOptions()
{
    return {
        {"model", "Model folder (overlay views: a captioner; vit: a Hugging Face ViT).", "DIR"},
        {"image", "Image to run (overlay and vit views).", "FILE"},
        {"layer", "Layer, from 0 (default: the last).", "N"},
        {"head", "Head, from 0 (vit: without --head, the attention rollout through --layer).", "N"},
        {"fusion", "vit: how the rollout fuses each layer's heads: mean (default), max or min.", "F"},
        {"discard", "vit: fraction of each layer's lowest fused weights dropped before the rollout (default 0).", "R"},
        {"colormap", "viridis, magma, greys or blues.", "NAME"},
        {"opacity", "Opacity of the attention layer, 0 to 1 (default 0.75).", "A"}};
}

} // namespace

ATTN_RENDER_VIEW({"vit",
                  "a ViT's attention from [CLS] over the image, every head and the rollout (--image FILE with "
                  "--model DIR, or --attention JSON from attend --image; [--layer L] [--head H] [--fusion F] "
                  "[--discard R])",
                  vitOptions(), &drawVit});

} // namespace attn::cli
