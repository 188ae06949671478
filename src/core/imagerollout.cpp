#include "core/imagerollout.h"

#include <Eigen/Core>
#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace attn {

namespace {

using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

[[noreturn]] void fail(const QString& what)
{
    throw std::invalid_argument(what.toStdString());
}

void checkBlock(const AttentionBlock& block)
{
    if (block.queries != block.keys || block.keys < 2) {
        fail(QStringLiteral("attention block '%1': the [CLS] view needs self-attention over [CLS] and at least one "
                            "patch, not %2 x %3")
                 .arg(block.name)
                 .arg(block.queries)
                 .arg(block.keys));
    }
}

// F: (T, T), the heads of layer fused.
RowMatrix fuse(const AttentionBlock& block, int layer, HeadFusion fusion)
{
    const int n = block.queries;
    RowMatrix f(n, n);
    for (int h = 0; h < block.heads; ++h) {
        const Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> a(
            block.map(layer, h), n, n);
        const RowMatrix ad = a.cast<double>();
        if (h == 0) {
            f = ad;
        } else if (fusion == HeadFusion::Mean) {
            f += ad;
        } else if (fusion == HeadFusion::Max) {
            f = f.cwiseMax(ad);
        } else {
            f = f.cwiseMin(ad);
        }
    }
    if (fusion == HeadFusion::Mean) {
        f /= double(block.heads);
    }
    return f;
}

} // namespace

QStringList headFusionIds()
{
    return {QStringLiteral("mean"), QStringLiteral("max"), QStringLiteral("min")};
}

QString headFusionId(HeadFusion f)
{
    return headFusionIds().at(int(f));
}

HeadFusion headFusionFromId(const QString& id)
{
    const int i = int(headFusionIds().indexOf(id));
    if (i < 0) {
        fail(
            QStringLiteral("unknown head fusion '%1' (choose %2)").arg(id, headFusionIds().join(QStringLiteral(", "))));
    }
    return HeadFusion(i);
}

std::vector<float> clsAttention(const AttentionBlock& block, int layer, int head)
{
    checkBlock(block);
    if (layer < 0 || layer >= block.layers || head < 0 || head >= block.heads) {
        fail(QStringLiteral("attention block '%1': no layer %2 head %3 (layers 0-%4, heads 0-%5)")
                 .arg(block.name)
                 .arg(layer)
                 .arg(head)
                 .arg(block.layers - 1)
                 .arg(block.heads - 1));
    }
    const float* row = block.map(layer, head); // query 0
    return std::vector<float>(row + 1, row + block.keys);
}

namespace {

// (lastLayer + 1, T - 1): row l the [CLS] row over the patches of the rollout through layer l.
std::vector<float> rolloutRows(const AttentionBlock& block, const ImageRolloutOptions& options, int lastLayer)
{
    checkBlock(block);
    if (lastLayer < 0 || lastLayer >= block.layers) {
        fail(QStringLiteral("attention block '%1': no layer %2 (layers 0-%3)")
                 .arg(block.name)
                 .arg(lastLayer)
                 .arg(block.layers - 1));
    }
    if (!(options.discardRatio >= 0.0 && options.discardRatio < 1.0)) {
        fail(QStringLiteral("the discard ratio must be at least 0 and below 1, not %1").arg(options.discardRatio));
    }
    const int n = block.queries;
    RowMatrix result = RowMatrix::Identity(n, n);
    std::vector<int> order(std::size_t(n) * n);
    std::vector<float> out;
    out.reserve(std::size_t(lastLayer + 1) * (n - 1));
    for (int l = 0; l <= lastLayer; ++l) {
        RowMatrix f = fuse(block, l, options.fusion);
        const int drop = int(double(n) * n * options.discardRatio); // torch: int(flat.size(-1) * discard_ratio)
        if (drop > 0) {
            std::iota(order.begin(), order.end(), 0);
            std::stable_sort(order.begin(), order.end(), [&f](int a, int b) { return f.data()[a] < f.data()[b]; });
            for (int i = 0; i < drop; ++i) {
                if (order[std::size_t(i)] != 0) { // [CLS] -> [CLS] stays
                    f.data()[order[std::size_t(i)]] = 0.0;
                }
            }
        }
        RowMatrix a = (f + RowMatrix::Identity(n, n)) * 0.5;
        for (int q = 0; q < n; ++q) {
            const double sum = a.row(q).sum();
            if (sum > 0.0) {
                a.row(q) /= sum;
            }
        }
        result = a * result; // (n, n): layer l mixes what the layers below rolled out
        for (int k = 1; k < n; ++k) {
            out.push_back(float(result(0, k)));
        }
    }
    return out;
}

} // namespace

std::vector<float> clsRollout(const AttentionBlock& block, const ImageRolloutOptions& options, int lastLayer)
{
    if (lastLayer < 0) {
        lastLayer = block.layers - 1;
    }
    std::vector<float> rows = rolloutRows(block, options, lastLayer);
    const std::size_t patches = std::size_t(block.keys - 1);
    return std::vector<float>(rows.end() - std::ptrdiff_t(patches), rows.end());
}

std::vector<float> clsRolloutLayers(const AttentionBlock& block, const ImageRolloutOptions& options)
{
    return rolloutRows(block, options, block.layers - 1);
}

} // namespace attn
