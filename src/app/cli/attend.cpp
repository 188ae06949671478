// attnscope-cli attend: runs a text model and prints its attention as DESIGN.md section 3 specifies.
#include "cli/command.h"
#include "core/attentionjson.h"
#include "engine/textmodel.h"

#include <cstdio>

namespace attn::cli {

namespace {

int runAttend(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addOption({"model", "A model folder (config.json, model.safetensors, ...) or a model file.", "DIR"});
    parser.addOption({"tokenizer", "The tokenizer file, for model files that keep it apart.", "FILE"});
    parser.addOption({"text", "The input text.", "TEXT"});
    int code = 0;
    if (!parseArgs(parser, "attend", "Runs a model on a text and prints every attention map as JSON.", args, code)) {
        return code;
    }
    if (!parser.isSet("model")) {
        return usageError("attend", "--model is required");
    }
    if (!parser.isSet("text")) {
        return usageError("attend", "--text is required");
    }
    try {
        auto model = openTextModel(parser.value("model"), parser.value("tokenizer"));
        const AttentionSet set = model->attend(parser.value("text"));
        for (const auto& notice : set.notices) {
            std::fprintf(stderr, "attnscope-cli: notice: %s\n", notice.toLocal8Bit().constData());
        }
        printJson(attentionSetToJson(set));
        return 0;
    } catch (const ModelError& e) {
        return fail(QStringLiteral("attend: %1").arg(QString::fromLocal8Bit(e.what())));
    }
}

} // namespace

ATTN_CLI_COMMAND({"attend", "Run a text model and print its attention maps (JSON).", false, &runAttend});

} // namespace attn::cli
