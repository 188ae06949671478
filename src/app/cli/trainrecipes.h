#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>

#include <functional>
#include <vector>

namespace attn::cli {

// A recipe of `attnscope-cli train RECIPE --out DIR [--steps N] [--seed S]`. Each model family registers one
// with ATTN_TRAIN_RECIPE from its own file. run() gets the parsed options (out, steps, seed are always there,
// plus the recipe's own) and returns the exit code; it prints a progress bar to stderr.
struct TrainRecipe
{
    QString name;
    QString summary;
    std::vector<QCommandLineOption> options;
    std::function<int(const QCommandLineParser& parser)> run;
};

bool registerTrainRecipe(TrainRecipe recipe);
const std::vector<TrainRecipe>& trainRecipes();

// A one-line progress bar on stderr, redrawn in place: [#####.....] step 300/3000 loss 1.234 acc 0.87 ETA 2m10s
void printProgress(long step, long total, double loss, double accuracy, double secondsElapsed);

} // namespace attn::cli

#define ATTN_TRAIN_RECIPE(...)                                                                                         \
    static const bool ATTN_CLI_CONCAT(kTrainRecipe_, __LINE__) =                                                      \
        ::attn::cli::registerTrainRecipe(::attn::cli::TrainRecipe __VA_ARGS__)
