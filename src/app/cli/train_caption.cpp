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

#include <algorithm>
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
    if (parser.isSet("field")) {
        options.design.valueField = parser.value("field").toInt(&ok);
        if (!ok || !isCaptionValueField(options.design.valueField)) {
            return usageError("train", "--field must be 9, 17 or 25");
        }
    }
    // Keys are never wider than the values: a narrower --field also narrows the default keys.
    options.design.keyField = std::min(options.design.keyField, options.design.valueField);
    if (parser.isSet("key-field")) {
        options.design.keyField = parser.value("key-field").toInt(&ok);
        if (!ok || !isCaptionKeyField(options.design.keyField) || options.design.keyField > options.design.valueField) {
            return usageError("train", "--key-field must be 4, 9, 17 or 25, and at most --field");
        }
    }
    if (parser.isSet("key-context")) {
        options.design.keyContext = parser.value("key-context").toInt(&ok);
        if (!ok || options.design.keyContext < 0 || options.design.keyContext > 8) {
            return usageError("train", "--key-context must be a whole number from 0 to 8");
        }
        if (options.design.keyContext > 0 && options.design.keyField < options.design.valueField) {
            return usageError("train", "--key-context needs keys as wide as the values (--key-field equal to --field)");
        }
    }
    options.design.centredCells = parser.isSet("centred");
    options.design.localValues = parser.isSet("local-values");
    // Colour from the cell needs the cell's own colour features (4 px keys): wider keys default to colour
    // from the wide convolutions.
    options.design.colourFromCell = options.design.colourFromCell && options.design.keyField == 4;
    if (parser.isSet("colour-from")) {
        const QString from = parser.value("colour-from");
        if (from != QLatin1String("cell") && from != QLatin1String("wide")) {
            return usageError("train", "--colour-from must be cell or wide");
        }
        options.design.colourFromCell = from == QLatin1String("cell");
        if (options.design.colourFromCell && options.design.keyField != 4) {
            return usageError("train", "--colour-from cell needs --key-field 4");
        }
    }
    if (parser.isSet("lambda")) {
        options.lambda = parser.value("lambda").toDouble(&ok);
        if (!ok || options.lambda < 0.0) {
            return usageError("train", "--lambda must be a number, 0 or more");
        }
    }
    if (parser.isSet("attention-dropout")) {
        options.attentionDropout = parser.value("attention-dropout").toDouble(&ok);
        if (!ok || options.attentionDropout < 0.0 || options.attentionDropout >= 1.0) {
            return usageError("train", "--attention-dropout must be a number from 0 to below 1");
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
                            {"attention_dropout", options.attentionDropout},
                            {"field", model->config().valueField},
                            {"key_field", model->config().keyField},
                            {"key_context", model->config().keyContext},
                            {"centred_cells", model->config().centredCells},
                            {"local_values", model->config().localValues},
                            {"colour_from_cell", model->config().colourFromCell},
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
            for (const char* key : {"steps", "batch", "lambda", "attention_dropout", "train_seconds"}) { // not known for a checkpoint
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
                    {"field", "Receptive field of the cell features in pixels: 9, 17 or 25 (caption; default 25).", "PX"},
                    {"key-field", "Receptive field of the features the attention keys see: 4 (the cell's mean "
                                  "colour), 9, 17 or 25, at most --field (caption; default 4).", "PX"},
                    {"key-context", "3 x 3 convolutions seen only by the attention keys (caption; default 0).", "N"},
                    {"centred", "4 x 4 strided kernels, so each cell's features are centred on the cell (caption)."},
                    {"local-values", "Values also carry the 9 px features of the first convolutions (caption)."},
                    {"colour-from", "Where the values get colour from: cell (the wide convolutions see only chroma, "
                                    "colour comes from each cell's own pixels; needs --key-field 4) or wide (the wide "
                                    "convolutions see RGB) (caption; default cell).", "FROM"},
                    {"attention-dropout", "Dropout on the attention weights the context is read with, in training "
                                          "(caption; default 0).", "P"},
                    {"threads", "Torch threads (caption; default 1).", "N"},
                    {"evaluate-only", "Do not train: evaluate the model already in --out on the validation scenes "
                                      "(caption; for checkpoints)."}},
                   &runTrainCaption});

} // namespace attn::cli
