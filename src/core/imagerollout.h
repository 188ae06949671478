#pragma once
// What a Vision Transformer's [CLS] token attends to over the patch grid (issue 16): one head's row, and the
// attention rollout of Abnar & Zuidema 2020 as jacobgil/vit-explain computes it for images.

#include "core/attentionset.h"

#include <QString>
#include <QStringList>
#include <vector>

namespace attn {

// How vit-explain fuses one layer's heads before the rollout.
enum class HeadFusion
{
    Mean,
    Max,
    Min
};
QStringList headFusionIds(); // "mean", "max", "min"
QString headFusionId(HeadFusion f);
// Throws std::invalid_argument naming the id and the choices.
HeadFusion headFusionFromId(const QString& id);

struct ImageRolloutOptions
{
    HeadFusion fusion = HeadFusion::Mean;
    double discardRatio = 0.0; // fraction of each fused layer's lowest weights set to 0 (never [CLS] -> [CLS])
};

// The block's [CLS] row (query 0) over the patches (keys 1..): (keys - 1), the weights as they are (they sum to
// 1 minus what [CLS] gives itself). Throws std::invalid_argument when layer or head is out of range or the block
// is not square self-attention with at least one patch.
// block: (layers, heads, T, T), token 0 = [CLS]; result: (T - 1)
std::vector<float> clsAttention(const AttentionBlock& block, int layer, int head);

// Attention rollout through layers 0..lastLayer (-1: every layer):
//   per layer: F = fuse_h A_h (mean, max or min); the discardRatio lowest entries of F (over the whole T x T
//   matrix, but never F[0][0]) set to 0; A~ = (F + I) / 2 with every row renormalised to sum 1;
//   R = A~_last ... A~_0 (the identity before the first layer); result: R's [CLS] row over the patches.
// vit-explain divides by a.sum(dim=-1) without keepdim, which (batch 1) divides column j by row j's sum; here rows
// are renormalised, as the paper says. The two agree for mean fusion without discarding (rows already sum to 1).
// block: (layers, heads, T, T); result: (T - 1), not scaled (views scale to the maximum, as vit-explain does).
std::vector<float> clsRollout(const AttentionBlock& block, const ImageRolloutOptions& options, int lastLayer = -1);
// The same through every layer at once (one product a layer): result (layers, T - 1), row l the rollout through l.
std::vector<float> clsRolloutLayers(const AttentionBlock& block, const ImageRolloutOptions& options);

} // namespace attn
