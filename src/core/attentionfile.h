#pragma once

#include "core/attentionsource.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

namespace attn {

class ByteStore;

// Attention exported from any stack (README "Attention files"):
//   .npy          one array, T x T, H x T x T or L x H x T x T, float16 or float32, C order; tokens beside it
//   .npz          arrays named encoder_self, decoder_self, cross (or attention), with tokens / source_tokens /
//                 target_tokens string arrays
//   .safetensors  tensors named as in .npz (F16, BF16, F32), tokens as JSON lists in the metadata
//   .json         the `attend` JSON (src/core/attentionjson.h)
// The format is recognised from the first bytes, not the name.
enum class AttentionFileFormat
{
    Npy,
    Npz,
    SafeTensors,
    Json
};

// Token lists given by a tokens file or inside an archive. `tokens` labels every block when the specific list is
// missing; `source` labels encoder_self and the keys of cross, `target` decoder_self and the queries of cross.
struct AttentionTokens
{
    QStringList tokens;
    QStringList source;
    QStringList target;
    QString origin; // the file the lists came from, for messages
    bool hasSource = false;
    bool hasTarget = false;
    bool hasTokens = false;
    bool explicitFile = false; // given by the user (--tokens): overrides tokens inside the file; a file found
                               // beside the attention only fills lists the file lacks
    bool empty() const { return !hasTokens && !hasSource && !hasTarget; }
};

// The tokens file used when none is given: for DIR/NAME.EXT, the first that exists of DIR/NAME.tokens.json,
// DIR/NAME.tokens.txt, DIR/tokens.json, DIR/tokens.txt; empty when there is none.
QString findTokensFile(const QString& attentionPath);
// A tokens file: JSON (a list of strings, or an object with "tokens", "source_tokens", "target_tokens" lists) when
// its first non-blank character is [ or {, else one token a line (a final newline ends the last token; \r\n is
// accepted). Throws std::runtime_error naming the file and the problem.
AttentionTokens readTokensFile(const QString& path);
AttentionTokens parseTokens(const QByteArray& bytes, const QString& origin);

// Opens an attention file lazily: only headers are read (and a few sampled rows, see ArrayAttentionSource).
// tokensPath overrides the tokens inside or beside the file. Throws std::runtime_error with one message naming the
// file and the problem.
std::shared_ptr<const AttentionSource> openAttentionFile(const QString& path, const QString& tokensPath = {});

// The same from bytes already in a store (the fuzz harnesses and tests); name is used in messages.
// maxInflate bounds the inflated size of a deflated .npz member.
std::shared_ptr<const AttentionSource> openAttentionStore(std::shared_ptr<const ByteStore> store, const QString& name,
                                                          const AttentionTokens& tokens = {},
                                                          std::uint64_t maxInflate = std::uint64_t(2) << 30);

// Throws std::runtime_error "<name>: not an attention file ..." when the bytes are none of the four formats.
AttentionFileFormat detectAttentionFormat(const unsigned char* bytes, std::uint64_t size, const QString& name);
// The suffixes the GUI offers in File > Open attention and accepts on drop: npy, npz, safetensors, json.
QStringList attentionFileSuffixes();
bool looksLikeAttentionFile(const QString& path); // by suffix

} // namespace attn
