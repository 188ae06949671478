#pragma once

// Internal to the attention-file loaders (attentionfile.cpp, attentionarchive.cpp).

#include "core/arrayattention.h"
#include "core/attentionfile.h"
#include "core/npyheader.h"

namespace attn::detail {

[[noreturn]] void fail(const QString& source, const QString& problem);

// One array found in a file, before labels: its kind (encoder_self, decoder_self, cross or attention), shape and
// where its data lies.
struct RawArray
{
    QString kind;
    QString label; // how messages name it: "array 'cross'", "tensor 'cross'", or empty for a lone .npy
    std::vector<std::int64_t> shape;
    ElementType type = ElementType::F32;
    std::shared_ptr<const ByteStore> store;
    std::uint64_t offset = 0;
};

bool isAttentionKind(const QString& name); // encoder_self, decoder_self, cross, attention
bool isTokensKind(const QString& name);    // tokens, source_tokens, target_tokens

// Checks the shape (2 to 4 dimensions, square for self-attention, none empty), labels it from the tokens (counts
// must match) and makes the block; adds a notice when positions stand in for missing tokens.
ArrayBlock makeArrayBlock(const RawArray& raw, const AttentionTokens& tokens, const QString& source,
                          QStringList& notices);

// Sets one of the three lists of tokens by its kind name.
void setTokens(AttentionTokens& tokens, const QString& kind, const QStringList& list);

// Loaders for the archive formats (attentionarchive.cpp).
std::shared_ptr<const AttentionSource> openNpz(std::shared_ptr<const ByteStore> store, const QString& name,
                                               const AttentionTokens& given, std::uint64_t maxInflate);
std::shared_ptr<const AttentionSource> openSafeTensors(std::shared_ptr<const ByteStore> store, const QString& name,
                                                       const AttentionTokens& given);

} // namespace attn::detail
