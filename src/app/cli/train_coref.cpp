// attnscope-cli train coref: the coreference Transformer of models/coref-en-fr.
#include "cli/command.h"
#include "cli/trainrecipes.h"
#include "engine/textmodel.h"
#include "engine/transformer/coreftraining.h"

#include <cstdio>

namespace attn::cli {

namespace {

int runCorefTraining(const QCommandLineParser& parser)
{
    CorefTrainOptions o;
    o.outDir = parser.value("out");
    if (parser.isSet("steps")) {
        o.steps = parser.value("steps").toLong();
    }
    if (parser.isSet("seed")) {
        o.seed = parser.value("seed").toULongLong();
    }
    if (o.steps < 1) {
        return usageError("train", "--steps must be at least 1 for coref");
    }
    o.command = QStringLiteral("attnscope-cli train coref --out %1 --steps %2 --seed %3")
                    .arg(o.outDir).arg(o.steps).arg(qulonglong(o.seed));
    o.progress = [](long step, long total, double loss, double acc, double seconds) {
        printProgress(step, total, loss, acc, seconds);
        return true;
    };
    try {
        const CorefTrainReport r = trainCorefModel(o);
        std::fprintf(stderr,
                     "coref: %ld steps, %.0f s CPU, %.0f s wall; validation exact match %.1f%%, il/elle %.1f%%; "
                     "referent head: encoder layer %d head %d (0-based), \"it\" peaks on the referent in %.1f%% "
                     "(subject %.1f%%, object %.1f%%); canonical tired: animal %.2f street %.2f, wide: street %.2f "
                     "animal %.2f\n",
                     r.steps, r.cpuSeconds, r.wallSeconds, 100 * r.exactMatch, 100 * r.pronounAccuracy,
                     r.referentLayer, r.referentHead, 100 * r.referentTop, 100 * r.referentTopSubject,
                     100 * r.referentTopObject, r.canonicalTired[0], r.canonicalTired[1], r.canonicalWide[0],
                     r.canonicalWide[1]);
        std::fprintf(stderr, "coref: wrote %s (config.json, model.safetensors, source.vocab, target.vocab, card.md)\n",
                     o.outDir.toLocal8Bit().constData());
        return 0;
    } catch (const ModelError& e) {
        return fail(QStringLiteral("train coref: %1").arg(QString::fromLocal8Bit(e.what())));
    }
}

} // namespace

ATTN_TRAIN_RECIPE({"coref", "the coreference Transformer (English -> French), models/coref-en-fr", {},
                   &runCorefTraining});

} // namespace attn::cli
