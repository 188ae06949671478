#pragma once

#include "core/labexamples.h"
#include "core/scorerun.h"

#include <QStringList>

#include <vector>

namespace attn {

// The window [first, last] of key positions the local normaliser uses for n keys, with the same clipping and
// clamping as core/normaliser.cpp (the weights outside are zero there; the lab greys those keys out).
std::pair<int, int> localWindow(const NormaliserOptions& options, int n);

// Short notes for one scoring function's run, for the cases its formula leaves open or that surprise:
// a zero-length vector under cosine (defined as 0), ties under argmax (the first wins), equal scores, one key,
// a window wider than the keys (clipped), Luong's unrenormalised Gaussian, location ignoring key contents.
// With params, the cards whose formula hides a lesson say it: concat_linear the algebra of why q cancels (with the
// value of the cancelled part), concat_tanh that it is the notes' rule 2, additive that Luong's concat is the same.
QStringList labNotes(const ScoreRun& run, const LabVectors& vectors, NormaliserKind kind,
                     const NormaliserOptions& options, const ScoreParams* params = nullptr);

// One line describing the normaliser, e.g. "soft: a = softmax(s / T), T = 0.50".
QString normaliserDescription(NormaliserKind kind, const NormaliserOptions& options);

} // namespace attn
