// train pooling | han: the review classifiers (last-state, mean or attention pooling over a BiGRU) and the
// hierarchical attention network on synthetic documents (issue 15).
#include "cli/command.h"
#include "cli/trainrecipes.h"
#include "engine/classify/classifiertraining.h"
#include "engine/torchscoring.h"

#include <chrono>

namespace attn::cli {

namespace {

int runClassifier(const QCommandLineParser& parser, const std::string& family)
{
    classify::ClassifierTrainOptions o;
    o.family = family;
    o.outDir = parser.value("out").toStdString();
    o.steps = family == "han" ? 2500 : 3000;
    if (parser.isSet("steps")) {
        o.steps = parser.value("steps").toLong();
    }
    if (parser.isSet("seed")) {
        o.seed = parser.value("seed").toULongLong();
    }
    if (o.steps < 1) {
        return usageError("train",
                          QStringLiteral("--steps must be 1 or more for %1").arg(QString::fromStdString(family)));
    }
    QString command = QStringLiteral("attnscope-cli train %1").arg(QString::fromStdString(family));
    if (family == "pooling") {
        const QString pooling = parser.value("pooling");
        if (pooling != "last" && pooling != "mean" && pooling != "attention") {
            return usageError("train",
                              QStringLiteral("--pooling: unknown '%1' (choose last, mean, attention)").arg(pooling));
        }
        o.pooling = pooling.toStdString();
        command += QStringLiteral(" --pooling %1").arg(pooling);
    }
    o.command =
        (command + QStringLiteral(" --out %1 --steps %2 --seed %3").arg(parser.value("out")).arg(o.steps).arg(o.seed))
            .toStdString();
    setEngineThreads(1);
    const auto start = std::chrono::steady_clock::now();
    try {
        const auto m = classify::trainClassifier(o, [&](long step, long total, double loss, double acc) {
            printProgress(step, total, loss, acc,
                          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        });
        printJson(m.toJson(family == "han"));
    } catch (const ModelError& e) {
        return fail(QStringLiteral("train %1: %2").arg(QString::fromStdString(family), QString::fromUtf8(e.what())));
    }
    return 0;
}

int runPooling(const QCommandLineParser& parser)
{
    return runClassifier(parser, "pooling");
}
int runHan(const QCommandLineParser& parser)
{
    return runClassifier(parser, "han");
}

} // namespace

ATTN_TRAIN_RECIPE({"pooling",
                   "BiGRU review classifier with --pooling last|mean|attention on synthetic reviews "
                   "(models/pooling-*)",
                   {{"pooling", "pooling: how the BiGRU states become one vector (last, mean, attention).", "NAME",
                     "attention"}},
                   &runPooling});
ATTN_TRAIN_RECIPE({"han", "Hierarchical attention network on synthetic documents (models/han-documents)", {}, &runHan});

} // namespace attn::cli
