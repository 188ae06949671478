#pragma once

#include "views/scorescompareview.h"

#include <QString>

namespace attn {

// Where the shipped models are: $ATTNSCOPE_MODELS, else the first "models" folder holding seq2seq models found
// walking up from the executable (build/src/app -> the source tree). Empty when there is none.
QString findSeq2SeqModelsDir();

// Loads every models/seq2seq-<score> folder (the eight scoring functions, myatt and none, in core order), translates
// text with the attention model that is best on 30+ word sentences, and has every model read that same
// translation (teacher forcing) to give alignments on the same labels. Throws ModelError naming the folder or the
// problem (no models, empty text).
ScoresCompareData computeScoresCompare(const QString& modelsDir, const QString& text);

// A long held-out sentence for the default view (test split, so no model saw it).
QString defaultCompareSentence();

} // namespace attn
