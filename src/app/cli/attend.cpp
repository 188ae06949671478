// attnscope-cli attend: runs a text model and prints its attention as DESIGN.md section 3 specifies.
#include "cli/attendimage.h"
#include "cli/command.h"
#include "cli/hfoptions.h"
#include "core/attentionjson.h"
#include "core/wordpieces.h"
#include "engine/textmodel.h"

#include <QJsonArray>
#include <cstdio>

namespace attn::cli {

namespace {

int runAttend(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addOption({"model", "A model folder (config.json, model.safetensors, ...) or a model file.", "DIR"});
    parser.addOption({"tokenizer", "The tokenizer file, for model files that keep it apart.", "FILE"});
    parser.addOption({"text", "The input text.", "TEXT"});
    parser.addOption({"ids", "Hugging Face folders: run these token ids (comma-separated, no special tokens added; "
                             "no tokenizer needed) instead of --text.",
                      "LIST"});
    parser.addOption({"layers", "Hugging Face folders: keep the attention of these layers only (from 0, "
                                "comma-separated; default: every layer that fits in ATTNSCOPE_ATTENTION_LIMIT_MB, "
                                "2048 MiB).",
                      "LIST"});
    parser.addOption({"merge-pieces", "Word view: merge each word's sub-word pieces into one row (the mean of the "
                                      "pieces' rows) and one column (the sum of the pieces' columns)."});
    addAttendImageOptions(parser);
    int code = 0;
    if (!parseArgs(parser, "attend", "Runs a model on a text and prints every attention map as JSON.", args, code)) {
        return code;
    }
    if (!parser.isSet("model")) {
        return usageError("attend", "--model is required");
    }
    if (parser.isSet("image")) {
        return attendImage(parser);
    }
    if (parser.isSet("text") == parser.isSet("ids")) {
        return usageError("attend", parser.isSet("text") ? "give either --text or --ids, not both"
                                                         : "--text is required (or --ids for a Hugging Face folder)");
    }
    const QString modelPath = parser.value("model");
    const bool huggingFace = isHuggingFaceFolder(modelPath);
    if (!huggingFace && (parser.isSet("ids") || parser.isSet("layers"))) {
        return usageError("attend", QStringLiteral("--%1 needs a Hugging Face model folder (config.json with "
                                                   "model_type); %2 is not one")
                                        .arg(parser.isSet("ids") ? "ids" : "layers", modelPath));
    }
    const bool merge = parser.isSet("merge-pieces");
    try {
        AttentionSet set;
        QJsonObject json;
        if (huggingFace) {
            const hf::HfRun run = runHuggingFaceFolder(modelPath, parser, parser.value("text"));
            set = run.set;
            json = huggingFaceRunJson(run, merge);
        } else {
            auto model = openTextModel(modelPath, parser.value("tokenizer"));
            set = model->attend(parser.value("text"));
            json = attentionSetToJson(merge ? mergeWordPieces(set) : set);
        }
        // The notices of what is printed: with --merge-pieces, the merged set's (it adds the Words notice).
        for (const auto& notice : json.value(QStringLiteral("notices")).toArray()) {
            std::fprintf(stderr, "attnscope-cli: notice: %s\n", notice.toString().toLocal8Bit().constData());
        }
        printJson(json);
        return 0;
    } catch (const ModelError& e) {
        return fail(QStringLiteral("attend: %1").arg(QString::fromLocal8Bit(e.what())));
    } catch (const std::invalid_argument& e) {
        return usageError("attend", QString::fromStdString(e.what()));
    } catch (const std::exception& e) {
        return fail(QStringLiteral("attend: %1").arg(QString::fromLocal8Bit(e.what())));
    }
}

} // namespace

ATTN_CLI_COMMAND({"attend", "Run a text model and print its attention maps (JSON).", false, &runAttend});

} // namespace attn::cli
