#include "cli/attendimage.h"

#include "cli/command.h"
#include "cli/hfoptions.h"
#include "core/attentionjson.h"
#include "engine/caption/imageloader.h"
#include "engine/hf/vitmodel.h"
#include "engine/textmodel.h"

#include <QJsonArray>
#include <cstdio>

namespace attn::cli {

namespace {

// The block with only the given layers (ascending, checked).
AttentionBlock keepLayers(const AttentionBlock& b, const std::vector<int>& layers)
{
    AttentionBlock out = b;
    out.layers = int(layers.size());
    const std::size_t perLayer = std::size_t(b.heads) * b.queries * b.keys;
    out.weights.clear();
    for (int l : layers) {
        out.weights.insert(out.weights.end(), b.weights.begin() + std::ptrdiff_t(l * perLayer),
                           b.weights.begin() + std::ptrdiff_t((l + 1) * perLayer));
    }
    return out;
}

} // namespace

void addAttendImageOptions(QCommandLineParser& parser)
{
    parser.addOption({"image",
                      "Hugging Face ViT folders: run this image (preprocessed as the folder's "
                      "preprocessor_config.json says) instead of --text. The JSON holds encoder_self over "
                      "[CLS] and the patches \"(row,col)\", and image: [CLS] over the patch grid, "
                      "renormalised.",
                      "FILE"});
}

int attendImage(const QCommandLineParser& parser)
{
    if (parser.isSet("text") || parser.isSet("ids")) {
        return usageError("attend", "give --image or --text/--ids, not both");
    }
    if (parser.isSet("merge-pieces")) {
        return usageError("attend", "--merge-pieces is for text; an image has patches, not word pieces");
    }
    const QString dir = parser.value("model");
    if (!hf::VitModel::isVitFolder(dir)) {
        return usageError("attend", QStringLiteral("--image needs a ViT model folder (config.json with model_type "
                                                   "\"vit\"); %1 is not one")
                                        .arg(dir));
    }
    try {
        const auto model = hf::VitModel::open(dir);
        std::vector<int> layers;
        if (parser.isSet("layers")) {
            layers = parseNumberList(QStringLiteral("--layers"), parser.value("layers"));
            std::sort(layers.begin(), layers.end());
            layers.erase(std::unique(layers.begin(), layers.end()), layers.end());
            if (!layers.empty() && layers.back() >= model->config().layers) {
                return usageError("attend", QStringLiteral("--layers: the model has layers 0 to %1, not %2")
                                                .arg(model->config().layers - 1)
                                                .arg(layers.back()));
            }
        }
        hf::VitRun run = model->runFile(parser.value("image"));
        if (!layers.empty()) {
            for (AttentionBlock& b : run.attention.blocks) {
                b = keepLayers(b, layers);
            }
        }
        for (const auto& notice : run.attention.notices) {
            std::fprintf(stderr, "attnscope-cli: notice: %s\n", notice.toLocal8Bit().constData());
        }
        QJsonObject json = attentionSetToJson(run.attention);
        json.remove(QStringLiteral("notices")); // said on stderr; the JSON stays the attention
        if (!layers.empty()) {
            QJsonArray kept;
            for (int l : layers) {
                kept.append(l);
            }
            json.insert(QStringLiteral("layers"), kept);
        }
        printJson(json);
        return 0;
    } catch (const ImageLoadError& e) {
        return fail(QStringLiteral("attend: %1").arg(QString::fromLocal8Bit(e.what())));
    } catch (const ModelError& e) {
        return fail(QStringLiteral("attend: %1").arg(QString::fromLocal8Bit(e.what())));
    } catch (const std::invalid_argument& e) {
        return usageError("attend", QString::fromStdString(e.what()));
    }
}

} // namespace attn::cli
