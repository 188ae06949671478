#include "core/attentionselection.h"

#include <QCoreApplication>

#include <stdexcept>

namespace attn {

namespace {

// The context is "attn": lupdate files a free function's tr() calls under the enclosing namespace, and the
// lookup must use the context the .ts file has, or the text stays English.
QString tr(const char* text)
{
    return QCoreApplication::translate("attn", text);
}

} // namespace

const AttentionBlock& selectedBlock(const AttentionSet& set, const AttentionSelection& selection)
{
    if (set.blocks.empty()) {
        throw std::invalid_argument("the attention set has no blocks");
    }
    if (selection.kind.isEmpty()) {
        // Blocks may come in any order (JSON objects sort their keys): self-attention over the input first.
        const auto* encoder = set.block(QStringLiteral("encoder_self"));
        return encoder ? *encoder : set.blocks.front();
    }
    if (const auto* b = set.block(selection.kind)) {
        return *b;
    }
    QStringList names;
    for (const auto& b : set.blocks) {
        names << b.name;
    }
    throw std::invalid_argument(QStringLiteral("no attention kind '%1' in this run (it has %2)")
                                    .arg(selection.kind, names.join(", "))
                                    .toStdString());
}

int selectedLayer(const AttentionBlock& block, const AttentionSelection& selection)
{
    const int index = selection.layer < 0 ? block.layers - 1 : block.layerIndex(selection.layer);
    if (index < 0 || index >= block.layers) {
        QStringList kept;
        for (int i = 0; i < block.layers; ++i) {
            kept << QString::number(block.layerNumber(i));
        }
        throw std::invalid_argument(
            (block.layerNumbers.empty()
                 ? QStringLiteral("layer %1 out of range: '%2' has layers 0 to %3")
                       .arg(selection.layer)
                       .arg(block.name)
                       .arg(block.layers - 1)
                 : QStringLiteral("layer %1 was not kept: '%2' holds layers %3").arg(selection.layer).arg(block.name,
                                                                                                     kept.join(", ")))
                .toStdString());
    }
    return index;
}

AttentionMap selectedMap(const AttentionSet& set, const AttentionSelection& selection, int* zeroRows)
{
    const AttentionBlock& block = selectedBlock(set, selection);
    AttentionMap map = aggregate(block, selectedLayer(block, selection), selection.head, selection.aggregation);
    if (zeroRows) {
        *zeroRows = 0;
    }
    return selection.filter.isActive() ? filterMap(map, selection.filter, zeroRows) : map;
}

std::vector<AttentionMap> selectedHeadMaps(const AttentionSet& set, const AttentionSelection& selection)
{
    if (selection.aggregation != Aggregation::None) {
        return {selectedMap(set, selection)};
    }
    const AttentionBlock& block = selectedBlock(set, selection);
    const int layer = selectedLayer(block, selection);
    std::vector<AttentionMap> maps;
    for (int h = 0; h < block.heads; ++h) {
        AttentionMap m = headMap(block, layer, h);
        maps.push_back(selection.filter.isActive() ? filterMap(m, selection.filter) : std::move(m));
    }
    return maps;
}

QString blockLabel(const QString& name)
{
    if (name == QLatin1String("encoder_self")) {
        return tr("encoder self-attention");
    }
    if (name == QLatin1String("decoder_self")) {
        return tr("decoder self-attention");
    }
    if (name == QLatin1String("cross")) {
        return tr("cross-attention");
    }
    if (name == QLatin1String("image")) {
        return tr("image attention");
    }
    return name;
}

QString describeSelection(const AttentionSet& set, const AttentionSelection& selection)
{
    const AttentionBlock& block = selectedBlock(set, selection);
    const int layer = selectedLayer(block, selection);
    QString what;
    switch (selection.aggregation) {
    case Aggregation::None:
        what = tr("head %1").arg(selection.head);
        break;
    case Aggregation::Mean:
        what = tr("mean over heads");
        break;
    case Aggregation::Max:
        what = tr("max over heads (rows need not sum to 1)");
        break;
    case Aggregation::Rollout:
        // Rollout multiplies the kept layers only: say where it starts when the first layers were dropped.
        what = block.layerNumber(0) == 0
                   ? tr("rollout of layers 0 to %1").arg(block.layerNumber(layer))
                   : tr("rollout of the kept layers %1 to %2").arg(block.layerNumber(0)).arg(block.layerNumber(layer));
        break;
    }
    QString text = tr("%1, layer %2, %3").arg(blockLabel(block.name)).arg(block.layerNumber(layer)).arg(what);
    if (selection.filter.isActive()) {
        text += tr(", tokens hidden, rows renormalised");
    }
    return text;
}

} // namespace attn
