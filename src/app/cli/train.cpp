// attnscope-cli train RECIPE: trains a shipped model with its recipe (DESIGN.md section 3).
#include "cli/command.h"
#include "cli/trainrecipes.h"

#include <QSet>

#include <cstdio>

namespace attn::cli {

namespace {

std::vector<TrainRecipe>& recipeRegistry()
{
    static std::vector<TrainRecipe> kRecipes;
    return kRecipes;
}

QString formatDuration(double seconds)
{
    const long s = long(seconds + 0.5);
    return s >= 60 ? QStringLiteral("%1m%2s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'))
                   : QStringLiteral("%1s").arg(s);
}

int runTrain(const QStringList& args)
{
    QCommandLineParser parser;
    QStringList names;
    QString summaries;
    for (const auto& r : trainRecipes()) {
        names << r.name;
        summaries += QStringLiteral("\n  %1: %2").arg(r.name, -10).arg(r.summary);
    }
    parser.addPositionalArgument("recipe", QStringLiteral("What to train: %1.").arg(names.join(", ")));
    parser.addOption({"out", "The model folder to write.", "DIR"});
    parser.addOption({"steps", "Training steps (default: the recipe's).", "N"});
    parser.addOption({"seed", "Random seed (default: the recipe's).", "S"});
    QSet<QString> added{"out", "steps", "seed", "help", "h"};
    for (const auto& r : trainRecipes()) {
        for (const auto& o : r.options) {
            if (!added.contains(o.names().first())) {
                added.insert(o.names().first());
                parser.addOption(o);
            }
        }
    }
    int code = 0;
    if (!parseArgs(parser, "train", QStringLiteral("Trains a model with a recipe.") + summaries, args, code)) {
        return code;
    }
    if (parser.positionalArguments().size() != 1) {
        return usageError("train", QStringLiteral("give exactly one recipe (%1)").arg(names.join(", ")));
    }
    if (!parser.isSet("out")) {
        return usageError("train", "--out is required");
    }
    for (const QString opt : {QStringLiteral("steps"), QStringLiteral("seed")}) {
        bool ok = true;
        if (parser.isSet(opt) && (parser.value(opt).toLongLong(&ok) < 0 || !ok)) {
            return usageError("train", QStringLiteral("--%1 must be a whole number, 0 or more").arg(opt));
        }
    }
    const QString name = parser.positionalArguments().first();
    for (const auto& r : trainRecipes()) {
        if (r.name == name) {
            return r.run(parser);
        }
    }
    return usageError("train", QStringLiteral("unknown recipe '%1' (choose %2)").arg(name, names.join(", ")));
}

} // namespace

bool registerTrainRecipe(TrainRecipe recipe)
{
    recipeRegistry().push_back(std::move(recipe));
    return true;
}

const std::vector<TrainRecipe>& trainRecipes()
{
    return recipeRegistry();
}

void printProgress(long step, long total, double loss, double accuracy, double secondsElapsed)
{
    constexpr int kWidth = 30;
    const double frac = total > 0 ? double(step) / double(total) : 1.0;
    const int filled = int(frac * kWidth);
    QString bar = QString(filled, QLatin1Char('#')) + QString(kWidth - filled, QLatin1Char('.'));
    const double left = step > 0 ? secondsElapsed * double(total - step) / double(step) : 0.0;
    std::fprintf(stderr, "\r[%s] step %ld/%ld  loss %.4f  acc %.3f  elapsed %s  left %s   ", bar.toLatin1().constData(),
                 step, total, loss, accuracy, formatDuration(secondsElapsed).toLatin1().constData(),
                 formatDuration(left).toLatin1().constData());
    if (step >= total) {
        std::fputc('\n', stderr);
    }
    std::fflush(stderr);
}

ATTN_CLI_COMMAND({"train", "Train a shipped model with its recipe (progress bar on stderr).", false, &runTrain});

} // namespace attn::cli
