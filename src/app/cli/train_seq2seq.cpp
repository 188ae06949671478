// train seq2seq: a GRU encoder-decoder with one scoring function (or none) on the English->French corpus.
#include "cli/command.h"
#include "cli/trainrecipes.h"
#include "engine/seq2seq/seq2seq.h"
#include "engine/torchscoring.h"

#include <chrono>

namespace attn::cli {

namespace {

int runSeq2Seq(const QCommandLineParser& parser)
{
    Seq2SeqTrainOptions o;
    o.score = parser.value("score").toStdString();
    o.outDir = parser.value("out").toStdString();
    if (parser.isSet("steps")) {
        o.steps = parser.value("steps").toLong();
    }
    if (parser.isSet("seed")) {
        o.seed = parser.value("seed").toULongLong();
    }
    if (o.steps < 1) {
        return usageError("train", "--steps must be 1 or more for seq2seq");
    }
    if (parser.value("score") == QLatin1String("concat")) {
        return usageError("train", QStringLiteral("--score: %1")
                                       .arg(QString::fromStdString(renamedScoreFunctionHint("concat"))));
    }
    if (!seq2seqScoreNames().contains(parser.value("score"))) {
        return usageError("train", QStringLiteral("--score: unknown '%1' (choose %2)")
                                       .arg(parser.value("score"), seq2seqScoreNames().join(", ")));
    }
    o.evalSeed = o.seed + 1000;
    o.command = QStringLiteral("attnscope-cli train seq2seq --score %1 --out %2 --steps %3 --seed %4")
                    .arg(parser.value("score"), parser.value("out"))
                    .arg(o.steps)
                    .arg(o.seed)
                    .toStdString();
    setEngineThreads(1);
    const auto start = std::chrono::steady_clock::now();
    try {
        const auto m = trainSeq2Seq(o, [&](long step, long total, double loss, double acc) {
            printProgress(step, total, loss, acc,
                          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        });
        printJson(m.toJson());
    } catch (const ModelError& e) {
        return fail(QStringLiteral("train seq2seq: %1").arg(QString::fromUtf8(e.what())));
    }
    return 0;
}

} // namespace

ATTN_TRAIN_RECIPE({"seq2seq",
                   "GRU encoder-decoder per scoring function (--score dot|scaled_dot|cosine|general|concat_linear|"
                   "concat_tanh|additive|location|myatt|none) on the English->French corpus",
                   {{"score", "seq2seq: the scoring function, myatt (the course notes' rule 1) or none for no attention.", "NAME", "additive"}},
                   &runSeq2Seq});

} // namespace attn::cli
