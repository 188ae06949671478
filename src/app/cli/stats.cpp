// attnscope-cli stats --attention FILE: per head, entropy, mean distance and top targets as JSON. Core only: no
// model, no LibTorch.
#include "cli/command.h"
#include "core/attentionfile.h"
#include "core/attentionstats.h"

#include <cstdio>
#include <stdexcept>

namespace attn::cli {

namespace {

int runStats(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addOption({"attention", "An attention file: .npy, .npz, .safetensors or attention JSON.", "FILE"});
    parser.addOption({"tokens", "The tokens (one a line, or a JSON list) instead of those inside or beside FILE.",
                      "FILE"});
    parser.addOption({"kind", "Only this kind of attention (encoder_self, decoder_self, cross, attention).", "KIND"});
    parser.addOption({"top", "How many top targets per head (default 3).", "K", "3"});
    int code = 0;
    if (!parseArgs(parser, QStringLiteral("stats"),
                   QStringLiteral("Prints, for every head of an attention file, the mean entropy of its rows (nats, "
                                  "and divided by ln keys), the mean distance from query to key in positions (self-"
                                  "attention), and the keys that receive the most attention, as JSON."),
                   args, code))
        return code;
    if (!parser.isSet("attention"))
        return usageError("stats", "--attention FILE is required");
    bool ok = false;
    const int top = parser.value("top").toInt(&ok);
    if (!ok || top < 0 || top > 1000)
        return usageError("stats", QStringLiteral("--top %1: expected a whole number from 0 to 1000").arg(parser.value("top")));
    try {
        const auto source = openAttentionFile(parser.value("attention"), parser.value("tokens"));
        int block = -1;
        if (parser.isSet("kind")) {
            block = source->blockIndex(parser.value("kind"));
            if (block < 0)
                return usageError("stats", QStringLiteral("--kind %1: the file has %2")
                                               .arg(parser.value("kind"), source->blockNames().join(", ")));
        }
        printJson(attentionStatsJson(*source, top, block));
        // After the result: a bad head found while reading must stay the only line on stderr.
        for (const QString& notice : source->notices())
            std::fprintf(stderr, "attnscope-cli: notice: %s\n", notice.toLocal8Bit().constData());
    } catch (const std::exception& e) {
        return fail(QString::fromStdString(e.what()));
    }
    return 0;
}

} // namespace

ATTN_CLI_COMMAND({"stats", "Per-head entropy, mean distance and top targets of an attention file, as JSON.", false,
                  &runStats});

} // namespace attn::cli
