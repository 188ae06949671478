#pragma once

#include "core/scoring.h"

#include <QString>

namespace attn {

// The name a person reads for a scoring function, in the interface language: "scaled dot" in English, 缩放点积
// in Chinese. scoreFunctionName() stays the identifier that files, lessons and the command line use.
QString scoreFunctionLabel(ScoreFunction fn);
// The same for a score name as the seq2seq model folders spell it ("scaled_dot"; "none" for the model without
// attention); an unknown name comes back unchanged.
QString scoreNameLabel(const QString& name);

} // namespace attn
