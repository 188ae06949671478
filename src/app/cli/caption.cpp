// attnscope-cli caption: captions an image with a Show, Attend and Tell model and prints where it looked
// (DESIGN.md section 3).
#include "cli/command.h"
#include "core/captionresult.h"
#include "engine/caption/captionmodel.h"
#include "engine/caption/imageloader.h"
#include "engine/textmodel.h"

#include <cstdio>

namespace attn::cli {

namespace {

int runCaption(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addOption({"model", "A captioning model folder (config.json, model.safetensors).", "DIR"});
    parser.addOption({"image", "The image: PNG, JPEG, BMP, ... of any size.", "FILE"});
    parser.addOption({"beam", "Beam width (default 3).", "K", "3"});
    int code = 0;
    if (!parseArgs(parser, "caption",
                   "Captions an image and prints each word's attention map over the feature grid and its gate "
                   "beta as JSON.",
                   args, code)) {
        return code;
    }
    if (!parser.isSet("model")) {
        return usageError("caption", "--model is required");
    }
    if (!parser.isSet("image")) {
        return usageError("caption", "--image is required");
    }
    bool ok = false;
    const int beam = parser.value("beam").toInt(&ok);
    if (!ok || beam < 1 || beam > 50) {
        return usageError("caption", "--beam must be a whole number from 1 to 50");
    }
    try {
        auto model = CaptionModel::open(parser.value("model"));
        const PreparedImage image = loadImageForModel(parser.value("image"), model->config().imageSize);
        for (const auto& notice : image.notices) {
            std::fprintf(stderr, "attnscope-cli: notice: %s: %s\n", image.source.toLocal8Bit().constData(),
                         notice.toLocal8Bit().constData());
        }
        printJson(captionResultToJson(model->caption(image.modelInput, beam)));
        return 0;
    } catch (const ModelError& e) {
        return fail(QStringLiteral("caption: %1").arg(QString::fromLocal8Bit(e.what())));
    } catch (const ImageLoadError& e) {
        return fail(QStringLiteral("caption: %1").arg(QString::fromLocal8Bit(e.what())));
    }
}

} // namespace

ATTN_CLI_COMMAND({"caption", "Caption an image and print each word's attention map and beta (JSON).", false,
                  &runCaption});

} // namespace attn::cli
