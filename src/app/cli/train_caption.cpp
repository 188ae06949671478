// attnscope-cli train caption: trains the Show, Attend and Tell captioner on the synthetic scene world.
#include "cli/command.h"
#include "cli/trainrecipes.h"
#include "engine/caption/captionscene.h"
#include "engine/caption/captiontrainer.h"
#include "engine/textmodel.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>

namespace attn::cli {

namespace {

constexpr long kDefaultSteps = 2500;
constexpr std::uint64_t kDefaultSeed = 1;
// Validation scenes come from seed + kValidationOffset; the shipped test uses yet another seed.
constexpr std::uint64_t kValidationOffset = 1000;

int runTrainCaption(const QCommandLineParser& parser)
{
    CaptionTrainOptions options;
    options.outDir = parser.value("out");
    options.steps = parser.isSet("steps") ? parser.value("steps").toLong() : kDefaultSteps;
    options.seed = parser.isSet("seed") ? parser.value("seed").toULongLong() : kDefaultSeed;
    bool ok = true;
    if (parser.isSet("batch")) {
        options.batch = parser.value("batch").toInt(&ok);
        if (!ok || options.batch < 1 || options.batch > 1024) {
            return usageError("train", "--batch must be a whole number from 1 to 1024");
        }
    }
    if (parser.isSet("threads")) {
        options.threads = parser.value("threads").toInt(&ok);
        if (!ok || options.threads < 1 || options.threads > 64) {
            return usageError("train", "--threads must be a whole number from 1 to 64");
        }
    }
    if (parser.isSet("lambda")) {
        options.lambda = parser.value("lambda").toDouble(&ok);
        if (!ok || options.lambda < 0.0) {
            return usageError("train", "--lambda must be a number, 0 or more");
        }
    }
    const bool evaluateOnly = parser.isSet("evaluate-only");
    QElapsedTimer timer;
    timer.start();
    try {
        if (!evaluateOnly) {
            trainCaptioner(options, [&](long step, long total, double loss, double accuracy) {
                printProgress(step, total, loss, accuracy, timer.elapsed() / 1000.0);
            });
        }
        const double trainSeconds = timer.elapsed() / 1000.0;
        auto model = CaptionModel::open(options.outDir);
        const CaptionMetrics m = evaluateCaptioner(*model, options.seed + kValidationOffset, 300, 3);
        std::fprintf(stderr, "validation: %s\n", formatMetrics(m).toLocal8Bit().constData());
        QJsonObject metrics{{"steps", double(options.steps)},
                            {"seed", double(options.seed)},
                            {"batch", options.batch},
                            {"lambda", options.lambda},
                            {"train_seconds", trainSeconds},
                            {"validation_seed", double(options.seed + kValidationOffset)},
                            {"validation_scenes", m.scenes},
                            {"exact_match", m.exactMatch},
                            {"word_accuracy", m.wordAccuracy},
                            {"colour_peak_in_box", m.colourPeakInBox},
                            {"shape_peak_in_box", m.shapePeakInBox},
                            {"size_peak_in_box", m.sizePeakInBox},
                            {"colour_peak_offset", QJsonArray{m.colourPeakOffset.x(), m.colourPeakOffset.y()}},
                            {"shape_peak_offset", QJsonArray{m.shapePeakOffset.x(), m.shapePeakOffset.y()}},
                            {"size_peak_offset", QJsonArray{m.sizePeakOffset.x(), m.sizePeakOffset.y()}},
                            {"colour_peak_in_box_small_large", QJsonArray{m.colourPeakInSmallBox, m.colourPeakInLargeBox}},
                            {"shape_peak_in_box_small_large", QJsonArray{m.shapePeakInSmallBox, m.shapePeakInLargeBox}},
                            {"mean_beta_content", m.meanContentBeta},
                            {"mean_beta_function", m.meanFunctionBeta}};
        if (evaluateOnly) { // a checkpoint's figures; the shipped metrics.json stays the training run's
            for (const char* key : {"steps", "batch", "lambda", "train_seconds"}) { // not known for a checkpoint
                metrics.remove(QLatin1String(key));
            }
            printJson(metrics);
            return 0;
        }
        QFile file(QDir(options.outDir).filePath("metrics.json"));
        if (file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            file.write(QJsonDocument(metrics).toJson());
        }
        printJson(metrics);
        return 0;
    } catch (const ModelError& e) {
        return fail(QStringLiteral("train caption: %1").arg(QString::fromLocal8Bit(e.what())));
    }
}

} // namespace

ATTN_TRAIN_RECIPE({"caption",
                   "Show, Attend and Tell captioner on synthetic shape scenes (models/caption-shapes).",
                   {{"batch", "Scenes per step (caption; default 32).", "N"},
                    {"lambda", "Weight of the doubly stochastic attention term (caption; default 0.1).", "X"},
                    {"threads", "Torch threads (caption; default 1).", "N"},
                    {"evaluate-only", "Do not train: evaluate the model already in --out on the validation scenes "
                                      "(caption; for checkpoints)."}},
                   &runTrainCaption});

} // namespace attn::cli
