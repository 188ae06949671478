#pragma once

#include "core/scorerun.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

#include <vector>

namespace attn::cli {

// The options shared by `scores` and `render --view matrix`: query, keys, values, function, mode, temperature...
std::vector<QCommandLineOption> scoreOptions();
// Builds the request from parsed options; throws std::invalid_argument naming the bad option. Without
// withVectors, --query, --keys and --values are left to the caller (scores --model takes them from a model).
ScoreRequest scoreRequestFromOptions(const QCommandLineParser& parser, bool withVectors = true);

// scores --function myatt (scores_myatt.cpp): the course notes' rule 1 on --query (Q), --keys (one vector: K, the
// decoder state) and --values (V), with --positions fixed positions and --output-size outputs.
std::vector<QCommandLineOption> myAttOptions();
int runMyAtt(const QCommandLineParser& parser);

} // namespace attn::cli
