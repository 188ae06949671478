#pragma once

#include "engine/tokenizers/tokenizer.h"

#include <QString>

namespace attn::tok {

// Reads the tokenizer of a Hugging Face model folder, as transformers' AutoTokenizer would:
//  - tokenizer.json when there is one (the fast tokenizer; its post_processor adds the special tokens);
//  - otherwise vocab.txt (WordPiece with BERT's basic tokenizer; do_lower_case, strip_accents and
//    tokenize_chinese_chars from tokenizer_config.json), vocab.json + merges.txt (byte-level BPE: GPT-2's
//    pre-tokenizer, or Qwen2's for model_type qwen2; <s> A </s> for RoBERTa), or tokenizer.model (SentencePiece;
//    BOS first as add_bos_token says, EOS last as add_eos_token says);
//  - special tokens from tokenizer_config.json and special_tokens_map.json (strings or {"content": ...}),
//    added_tokens_decoder and added_tokens.json; config.json's model_type decides the defaults.
// Throws TokenizerError with one line naming the folder and what was looked for, or the file at fault.
// A file (tokenizer.json, tokenizer.model, ...) stands for the folder it is in.
Tokenizer loadTokenizer(const QString& dir);

// True when the folder holds one of the files above (for callers deciding how to open a folder).
bool hasTokenizerFiles(const QString& dir);

} // namespace attn::tok
