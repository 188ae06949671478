#pragma once
// The word view (issue 16): the attention of a word's sub-word pieces merged into one row and one column.
//
// The rule: for each query word, the MEAN over its pieces' rows; for each key word, the SUM over its pieces'
// columns. A query word then reads as "where its pieces look on average", a key word as "how much of the row
// the word as a whole receives", and every row still sums to 1 (a sum of a row's weights keeps its total, a mean
// of rows that sum to 1 sums to 1). Causal rows stay causal: a later piece's keys are never before an earlier one.

#include "core/attentionset.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <vector>

namespace attn {

// The word of each token, as indices 0, 0, 1, 2, 2, ...: non-decreasing, starting at 0, steps of 0 or 1
// (a word's pieces are next to each other).
using WordGroups = std::vector<int>;

// The words of labels as the tokenizers mark them:
//  - special tokens ([CLS], <s>, <|endoftext|>, ...; isSpecialTokenLabel) are words of their own;
//  - WordPiece (some label starts with "##"): a "##" piece continues the word before it, any other token starts one;
//  - otherwise a token starts a word when it starts with "Ġ" (byte-level BPE), "▁" (SentencePiece) or a space;
//    a CJK ideograph is a word of its own; a byte token "<0xXX>" continues the word before it when XX is a UTF-8
//    continuation byte (80-BF) and starts one otherwise;
//  - byte-level BPE (some label starts with "Ġ") splits where GPT-2's pre-tokenizer does: between letters, digits,
//    white space and other characters, and before the contractions 's 't 're 've 'm 'll 'd; a lone "Ġ" token
//    belongs to the word after it (" 你好" is "Ġ" + the bytes of 你: the word "Ġ你").
// Labels without any of these markers are one word each.
WordGroups wordGroupsOf(const QStringList& labels);
// The number of words (the last index + 1; 0 for no tokens).
int wordCount(const WordGroups& words);
// True when some word has two or more pieces (the word view would change something).
bool hasPieces(const WordGroups& words);
// A word's label: its pieces joined, "##" dropped from continuations, runs of byte tokens decoded when they form
// UTF-8 ("<0xE4><0xBD><0xA0>" -> "你").
QStringList wordLabels(const QStringList& labels, const WordGroups& words);

// True for labels of special tokens: <s>, </s>, <pad>, <unk>, <mask>, [CLS], [SEP], [PAD], [UNK], [MASK] (any
// upper-case name in brackets), <|endoftext|> (any <|...|>), <bos>, <eos>, ... The special-token filter uses it.
bool isSpecialTokenLabel(const QString& label);

// Bytes written as byte tokens are (SentencePiece's byte fallback): "<0xE4><0xBD>". Labels show a character cut
// between byte-level tokens this way.
QString byteNotation(const QByteArray& bytes);

// The block with each word's pieces merged (rule above). queryWords has block.queries entries, keyWords
// block.keys. Throws std::invalid_argument naming the block when the groups do not fit (wrong length, not
// 0, 0, 1, ...) or for image blocks.
// result: (layers, heads, query words, key words)
AttentionBlock mergeWordPieces(const AttentionBlock& block, const WordGroups& queryWords, const WordGroups& keyWords);
// Every token block merged by the word groups of its own labels (image blocks kept as they are); the source and
// target tokens become words too. Adds a notice saying that words are shown when something was merged.
AttentionSet mergeWordPieces(const AttentionSet& set);
// True when some token block of the set has a word of two or more pieces.
bool hasWordPieces(const AttentionSet& set);

} // namespace attn
