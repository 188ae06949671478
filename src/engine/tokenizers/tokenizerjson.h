#pragma once

#include "engine/tokenizers/tokenizer.h"

#include <QByteArray>
#include <QString>

namespace attn::tok {

// A tokenizer.json (Hugging Face tokenizers' own file): model WordPiece or BPE, normalizer, pre_tokenizer,
// added_tokens and post_processor. Throws TokenizerError naming fileName and what in it is wrong or unsupported.
Tokenizer readTokenizerJson(const QByteArray& bytes, const QString& fileName);

} // namespace attn::tok
