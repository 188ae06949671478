#pragma once

#include <QString>
#include <QStringList>

#include <string>
#include <vector>

namespace attn {

// One kind of attention of one run: layers x heads x queries x keys weights, row-major in that order.
// Image attention has no key tokens: keys = gridRows * gridCols cells, row-major.
struct AttentionBlock
{
    QString name;            // "encoder_self", "decoder_self", "cross", "image"
    int layers = 0;
    int heads = 0;
    int queries = 0;
    int keys = 0;
    QStringList queryLabels; // queries entries
    QStringList keyLabels;   // keys entries, or empty for an image grid
    int gridRows = 0;        // image attention only
    int gridCols = 0;
    std::vector<float> weights; // (layers, heads, queries, keys)
    // The model's numbers of these layers, increasing, when only some were kept (memory, or --layers); empty means
    // 0 to layers-1. Whatever a person reads (titles, labels, JSON) uses layerNumber(); indexing uses positions.
    std::vector<int> layerNumbers;

    AttentionBlock() = default;
    AttentionBlock(QString blockName, int numLayers, int numHeads, QStringList queryTokens, QStringList keyTokens);

    float at(int layer, int head, int query, int key) const
    {
        return weights[((std::size_t(layer) * heads + head) * queries + query) * keys + key];
    }
    float& at(int layer, int head, int query, int key)
    {
        return weights[((std::size_t(layer) * heads + head) * queries + query) * keys + key];
    }
    // One head's map: pointer to queries x keys floats, row-major.
    const float* map(int layer, int head) const
    {
        return weights.data() + (std::size_t(layer) * heads + head) * queries * keys;
    }

    int layerNumber(int index) const { return layerNumbers.empty() ? index : layerNumbers.at(std::size_t(index)); }
    // The position of the model's layer number in this block, or -1 when that layer was not kept.
    int layerIndex(int number) const;

    // Throws std::invalid_argument naming the block and the first inconsistency: sizes that disagree with the
    // labels or the weight count, layer numbers that are not one increasing
    // number >= 0 per layer, negative or non-finite weights, or a row whose sum is off 1 by more than
    // tolerance (masked rows must still sum to 1: a causal row puts all its weight on earlier keys).
    void validate(double tolerance = 1e-5) const;
    // Largest |row sum - 1| over all rows.
    double maxRowSumError() const;
};

// The attention of one run of a model, the data that crosses from the engine to the views.
struct AttentionSet
{
    QString modelName;
    QStringList sourceTokens;
    QStringList targetTokens;
    std::vector<AttentionBlock> blocks;
    QStringList notices; // things the user should know about this run ("unknown word 'zebra' shown as <unk>")

    const AttentionBlock* block(const QString& name) const;
    AttentionBlock* block(const QString& name);
    void validate(double tolerance = 1e-5) const;
};

} // namespace attn
