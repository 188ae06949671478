#pragma once
// The LibTorch half of CorefModel (corefmodel_torch.cpp): the reference path (the whole decoder prefix recomputed
// at every step), beam search and batched translation. CorefModel opens it only when one of those is asked for, so
// attend on the fast path (eigentransformer.h) never loads LibTorch (issue 18). Internal to src/engine; no torch
// in this header.

#include "engine/transformer/eigentransformer.h"
#include "engine/transformer/transformerconfig.h"

#include <QString>
#include <cstdint>
#include <memory>
#include <vector>

namespace attn {

class CorefTorch
{
public:
    virtual ~CorefTorch() = default;
    // src (S) ids -> the translation with every map; beamSize 1 is greedy.
    virtual CapturedTranslation translateWithMaps(const std::vector<std::int64_t>& src, int beamSize) = 0;
    // Batched greedy translation: source ids per sentence -> target ids per sentence (<eos> excluded).
    virtual std::vector<std::vector<std::int64_t>> greedy(const std::vector<std::vector<std::int64_t>>& sources) = 0;
};

// Reads dir/model.safetensors into the LibTorch model (every tensor checked, none unexpected). Throws ModelError
// naming the file and the problem.
std::unique_ptr<CorefTorch> openCorefTorch(const QString& dir, const TransformerConfig& config);

} // namespace attn
