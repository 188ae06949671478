#pragma once

#include "engine/textmodel.h"

#include <QString>
#include <vector>

namespace attn::tok {

// A tokenizer file that cannot be read, or text that cannot be encoded; what() names the file or the input.
class TokenizerError : public ModelError
{
public:
    using ModelError::ModelError;
};

// A well-formed tokenizer file that uses a part this program does not implement (a Unigram model, a Precompiled
// normaliser, ...): the folder loader then tries the folder's SentencePiece file instead.
class UnsupportedTokenizerError : public TokenizerError
{
public:
    using TokenizerError::TokenizerError;
};

// The model step of a tokenizer (WordPiece, BPE, SentencePiece): one pre-token in, its ids out.
class TokenModel
{
public:
    virtual ~TokenModel() = default;
    // Appends the ids of one pre-token (normalised and pre-tokenized already) to ids.
    virtual void tokenize(const QString& piece, std::vector<int>& ids) const = 0;
    // One past the largest id.
    virtual int vocabSize() const = 0;
    // The token of an id, or an empty string when the id has none.
    virtual QString idToToken(int id) const = 0;
    // The id of a token, or -1.
    virtual int tokenToId(const QString& token) const = 0;
    // "WordPiece", "BPE", "byte-level BPE", "SentencePiece (BPE)", ...
    virtual QString kind() const = 0;
};

} // namespace attn::tok
