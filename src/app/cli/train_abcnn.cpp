// attnscope-cli train abcnn --variant abcnn-1|abcnn-2|attentive-pooling: the CNN + attention pair classifiers
// (models/pair-abcnn1, models/pair-abcnn2, models/pair-attentive-pooling).
#include "cli/command.h"
#include "cli/trainrecipes.h"
#include "engine/classify/pairtrainer.h"
#include "engine/textmodel.h"

#include <cstdio>

namespace attn::cli {

namespace {

int runAbcnnTraining(const QCommandLineParser& parser)
{
    classify::PairTrainOptions o;
    o.outDir = parser.value("out");
    if (parser.isSet("variant")) {
        o.variant = parser.value("variant");
    }
    const QStringList variants = {"abcnn-1", "abcnn-2", "attentive-pooling"};
    if (!variants.contains(o.variant)) {
        return usageError("train",
                          QStringLiteral("--variant must be one of %1 (not '%2')").arg(variants.join(", "), o.variant));
    }
    if (parser.isSet("steps")) {
        o.steps = parser.value("steps").toLong();
    }
    if (parser.isSet("seed")) {
        o.seed = parser.value("seed").toULongLong();
    }
    if (o.steps < 1) {
        return usageError("train", "--steps must be at least 1 for abcnn");
    }
    o.command = QStringLiteral("attnscope-cli train abcnn --variant %1 --out %2 --steps %3 --seed %4")
                    .arg(o.variant, o.outDir)
                    .arg(o.steps)
                    .arg(qulonglong(o.seed));
    o.progress = [](long step, long total, double loss, double acc, double seconds) {
        printProgress(step, total, loss, acc, seconds);
        return true;
    };
    try {
        const classify::PairTrainReport r = classify::trainPairModel(o);
        std::fprintf(stderr, "abcnn (%s): %ld steps, %.0f s CPU, %.0f s wall; held-out: %s\n",
                     o.variant.toLatin1().constData(), r.steps, r.cpuSeconds, r.wallSeconds,
                     classify::pairMetricsLine(r.validation).c_str());
        std::fprintf(stderr, "abcnn: wrote %s (config.json, model.safetensors, vocab.txt, card.md)\n",
                     o.outDir.toLocal8Bit().constData());
        return 0;
    } catch (const ModelError& e) {
        return fail(QStringLiteral("train abcnn: %1").arg(QString::fromLocal8Bit(e.what())));
    }
}

} // namespace

ATTN_TRAIN_RECIPE({"abcnn",
                   "CNN + attention pair classifiers (entails / contradicts / unrelated), models/pair-*",
                   {QCommandLineOption("variant",
                                       "abcnn: abcnn-1 (attention before the convolution), abcnn-2 (after it) or "
                                       "attentive-pooling (in place of max pooling).",
                                       "V", "abcnn-1")},
                   &runAbcnnTraining});

} // namespace attn::cli
