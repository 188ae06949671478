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

} // namespace attn::cli
