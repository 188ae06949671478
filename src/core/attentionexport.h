#pragma once

#include "core/attentionset.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <vector>

namespace attn {

// CSV with a header and one line per weight: block,layer,head,query,query_token,key,key_token,weight
// (tokens quoted as RFC 4180 asks when they hold commas, quotes or line breaks).
QByteArray attentionSetToCsv(const AttentionSet& set);

// A NumPy .npy (format 1.0) of one block: little-endian float32, C order, shape (layers, heads, queries, keys).
QByteArray blockToNpy(const AttentionBlock& block);

// A float32 array read back from .npy bytes (what NumPy's np.save writes for '<f4' C-order arrays). Throws
// std::invalid_argument naming what is wrong. data: prod(shape) floats.
struct NpyArray
{
    std::vector<int> shape;
    std::vector<float> data;
};
NpyArray npyFromBytes(const QByteArray& bytes);

// Writes the set to path by its extension: .json (the attend JSON), .csv, or .npy. A set with several blocks
// writes one .npy per block, named <stem>_<block>.npy beside path. Returns the files written; throws
// std::invalid_argument naming the file on failure.
QStringList exportAttentionSet(const AttentionSet& set, const QString& path);
// The file-dialog filter for exportAttentionSet (translated).
QString attentionSetExportFilter();

} // namespace attn
