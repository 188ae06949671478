#pragma once

#include "core/attentionanalysis.h"

namespace attn {

// What the text views show of a set: the kind of attention (block), layer, head, aggregation and filter.
// The GUI and `attnscope-cli render` build their views from the same selection.
struct AttentionSelection
{
    QString kind;      // block name; empty means encoder_self, else the first block
    int layer = -1;    // the model's layer number (AttentionBlock::layerNumbers); -1 means the last kept layer
    int head = 0;
    Aggregation aggregation = Aggregation::None;
    TokenFilter filter;
};

// The block the selection names (encoder_self, else the first, when kind is empty); throws std::invalid_argument listing the
// blocks the set has.
const AttentionBlock& selectedBlock(const AttentionSet& set, const AttentionSelection& selection);
// The block's index of the layer the selection means (the last for -1); throws std::invalid_argument when that
// layer is out of range or was not kept.
int selectedLayer(const AttentionBlock& block, const AttentionSelection& selection);
// The map of the selection, filtered and renormalised when the filter is active. zeroRows as in filterMap.
// result: (queries, keys)
AttentionMap selectedMap(const AttentionSet& set, const AttentionSelection& selection, int* zeroRows = nullptr);
// One map per head of the selected layer (filtered), or the single aggregate map when aggregating.
std::vector<AttentionMap> selectedHeadMaps(const AttentionSet& set, const AttentionSelection& selection);
// "encoder_self, layer 2, head 1" / "encoder_self, layer 2, mean over heads" (+ ", filtered, rows renormalised").
QString describeSelection(const AttentionSet& set, const AttentionSelection& selection);
// A label for a block name: "encoder self-attention", "cross-attention", ...
QString blockLabel(const QString& name);

} // namespace attn
