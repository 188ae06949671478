// The word view's merge (issue 16): words from the tokenizers' markers, mean over a word's query pieces, sum over
// its key pieces.
#include "core/attentionanalysis.h"
#include "core/wordpieces.h"

#include <gtest/gtest.h>
#include <random>

using namespace attn;

namespace {

AttentionBlock handBlock()
{
    const QStringList labels = {"[CLS]", "play", "##ing", "cards", "[SEP]"};
    AttentionBlock b("encoder_self", 1, 1, labels, labels);
    const float rows[5][5] = {{.2f, .2f, .2f, .2f, .2f},
                              {.1f, .3f, .2f, .1f, .3f},
                              {.5f, .1f, .1f, .1f, .2f},
                              {0.f, .4f, .4f, .2f, 0.f},
                              {1.f, 0.f, 0.f, 0.f, 0.f}};
    for (int q = 0; q < 5; ++q)
        for (int k = 0; k < 5; ++k)
            b.at(0, 0, q, k) = rows[q][k];
    return b;
}

AttentionBlock randomBlock(const QStringList& labels, bool causal, unsigned seed)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> u(0.01f, 1.0f);
    AttentionBlock b("decoder_self", 2, 3, labels, labels);
    for (int l = 0; l < b.layers; ++l)
        for (int h = 0; h < b.heads; ++h)
            for (int q = 0; q < b.queries; ++q) {
                const int last = causal ? q : b.keys - 1;
                float sum = 0;
                for (int k = 0; k <= last; ++k)
                    sum += (b.at(l, h, q, k) = u(rng));
                for (int k = 0; k <= last; ++k)
                    b.at(l, h, q, k) /= sum;
            }
    return b;
}

} // namespace

TEST(WordPieces, HandExampleMeanOverQueryPiecesSumOverKeyPieces)
{
    const AttentionBlock b = handBlock();
    const WordGroups words = wordGroupsOf(b.queryLabels);
    ASSERT_EQ(words, (WordGroups{0, 1, 1, 2, 3}));
    const AttentionBlock m = mergeWordPieces(b, words, words);
    EXPECT_EQ(m.queryLabels, (QStringList{"[CLS]", "playing", "cards", "[SEP]"}));
    EXPECT_EQ(m.keyLabels, m.queryLabels);
    ASSERT_EQ(m.queries, 4);
    ASSERT_EQ(m.keys, 4);
    const float expected[4][4] = {{.2f, .4f, .2f, .2f},   // [CLS]: "play" + "##ing" columns added
                                  {.3f, .35f, .1f, .25f}, // playing: the mean of its two rows
                                  {0.f, .8f, .2f, 0.f},
                                  {1.f, 0.f, 0.f, 0.f}};
    for (int q = 0; q < 4; ++q)
        for (int k = 0; k < 4; ++k)
            EXPECT_NEAR(m.at(0, 0, q, k), expected[q][k], 1e-6) << q << "," << k;
    EXPECT_NO_THROW(m.validate());
}

TEST(WordPieces, RowsStillSumToOneAndCausalRowsStayCausal)
{
    const QStringList labels = {"<|endoftext|>", "Hello", "Ġwor", "ld", "!", "Ġit", "'s", "Ġun", "believ", "able"};
    const AttentionBlock b = randomBlock(labels, /*causal=*/true, 7);
    const WordGroups words = wordGroupsOf(labels);
    ASSERT_TRUE(hasPieces(words));
    const AttentionBlock m = mergeWordPieces(b, words, words);
    EXPECT_LT(m.maxRowSumError(), 1e-5);
    EXPECT_NO_THROW(m.validate());
    for (int l = 0; l < m.layers; ++l)
        for (int h = 0; h < m.heads; ++h)
            for (int q = 0; q < m.queries; ++q)
                for (int k = q + 1; k < m.keys; ++k)
                    EXPECT_EQ(m.at(l, h, q, k), 0.0f) << "a word attends to a later word";
}

TEST(WordPieces, WordPieceContinuations)
{
    EXPECT_EQ(wordGroupsOf({"[CLS]", "the", "un", "##believ", "##able", "cat", ".", "[SEP]"}),
              (WordGroups{0, 1, 2, 2, 2, 3, 4, 5}));
    // A text where nothing was split has no pieces: the word view changes nothing.
    EXPECT_FALSE(hasPieces(wordGroupsOf({"[CLS]", "the", "cat", "[SEP]"})));
}

TEST(WordPieces, ByteLevelSplitsWhereGpt2PreTokenizerDoes)
{
    const QStringList labels = {"Hello", "Ġwor", "ld", "!", "Ġit", "'s", "Ġ202", "6", "Ċ", "Ġok"};
    EXPECT_EQ(wordGroupsOf(labels), (WordGroups{0, 1, 1, 2, 3, 4, 5, 5, 6, 7}));
    EXPECT_EQ(wordLabels(labels, wordGroupsOf(labels)),
              (QStringList{"Hello", "Ġworld", "!", "Ġit", "'s", "Ġ2026", "Ċ", "Ġok"}));
}

TEST(WordPieces, SentencePieceWordsStartWithTheMetaspace)
{
    EXPECT_EQ(wordGroupsOf({"<s>", "▁Hel", "lo", ",", "▁world"}), (WordGroups{0, 1, 1, 1, 2}));
    // llama2.c's labels keep the leading space instead.
    EXPECT_EQ(wordGroupsOf({"<s>", " Hel", "lo", " world"}), (WordGroups{0, 1, 1, 2}));
}

TEST(WordPieces, CjkCharactersAreWordsOfTheirOwn)
{
    // bert-base-chinese: one token per character already.
    EXPECT_FALSE(hasPieces(wordGroupsOf({"[CLS]", "我", "爱", "北", "京", "[SEP]"})));
    // A byte-level or SentencePiece model: characters in one pre-token still split, two-character tokens stay one.
    EXPECT_EQ(wordGroupsOf({"Ġ我", "爱", "北京", "Ġabc", "de"}), (WordGroups{0, 1, 2, 3, 3}));
    // GPT-2: " 你好" is a lone space, then each character's bytes; the space joins the first character.
    const QStringList gpt2 = {"Hi", "Ġ", "<0xE4><0xBD>", "<0xA0>", "<0xE5><0xA5>", "<0xBD>", "Ġ", "Ġok"};
    EXPECT_EQ(wordGroupsOf(gpt2), (WordGroups{0, 1, 1, 1, 2, 2, 3, 4}));
    EXPECT_EQ(wordLabels(gpt2, wordGroupsOf(gpt2)), (QStringList{"Hi", "Ġ你", "好", "Ġ", "Ġok"}));
    // Byte fallback: a character's continuation bytes stay with its lead byte, and the bytes decode in the label.
    const QStringList bytes = {"▁", "<0xE4>", "<0xBD>", "<0xA0>", "好"};
    const WordGroups words = wordGroupsOf(bytes);
    EXPECT_EQ(words, (WordGroups{0, 1, 1, 1, 2}));
    EXPECT_EQ(wordLabels(bytes, words), (QStringList{"▁", "你", "好"}));
    // Bytes that are not UTF-8 keep their notation.
    EXPECT_EQ(wordLabels({"<0xE4>", "<0xBD>"}, WordGroups{0, 0}), (QStringList{"<0xE4><0xBD>"}));
}

TEST(WordPieces, SpecialTokensStaySingle)
{
    EXPECT_EQ(wordGroupsOf({"<s>", "##a", "</s>"}), (WordGroups{0, 1, 2}));
    EXPECT_EQ(wordGroupsOf({"<|im_start|>", "user", "<|im_end|>"}), (WordGroups{0, 1, 2}));
    EXPECT_TRUE(isSpecialTokenLabel("[MASK]"));
    EXPECT_TRUE(isSpecialTokenLabel("<|begin_of_text|>"));
    EXPECT_TRUE(isSpecialTokenLabel("<mask>"));
    EXPECT_FALSE(isSpecialTokenLabel("[a]"));
    EXPECT_FALSE(isSpecialTokenLabel("<|a b|>"));
    EXPECT_FALSE(isSpecialTokenLabel("cls"));
    // The special-token filter uses the same list.
    TokenFilter filter;
    filter.specialTokens = true;
    EXPECT_TRUE(filter.hides("<|im_start|>"));
    EXPECT_TRUE(filter.hides("[MASK]"));
    EXPECT_FALSE(filter.hides("mask"));
}

TEST(WordPieces, BadGroupsAreRefusedWithTheBlockNamed)
{
    const AttentionBlock b = handBlock();
    try {
        mergeWordPieces(b, WordGroups{0, 1, 1, 2}, WordGroups{0, 1, 1, 2, 3});
        FAIL() << "a short group list was accepted";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("encoder_self"), std::string::npos) << e.what();
    }
    EXPECT_THROW(mergeWordPieces(b, WordGroups{0, 2, 2, 3, 4}, WordGroups{0, 1, 1, 2, 3}), std::invalid_argument);
    EXPECT_THROW(mergeWordPieces(b, WordGroups{1, 1, 1, 2, 3}, WordGroups{0, 1, 1, 2, 3}), std::invalid_argument);
}

TEST(WordPieces, SetMergesItsTokenBlocksAndSaysSo)
{
    AttentionSet set;
    set.sourceTokens = {"[CLS]", "play", "##ing", "cards", "[SEP]"};
    set.blocks.push_back(handBlock());
    ASSERT_TRUE(hasWordPieces(set));
    const AttentionSet merged = mergeWordPieces(set);
    EXPECT_EQ(merged.sourceTokens, (QStringList{"[CLS]", "playing", "cards", "[SEP]"}));
    EXPECT_EQ(merged.blocks.front().queries, 4);
    EXPECT_EQ(merged.notices.size(), 1);
    EXPECT_NO_THROW(merged.validate());
    EXPECT_FALSE(hasWordPieces(merged));
    // Nothing to merge: the set comes back as it was, without a notice.
    const AttentionSet words = mergeWordPieces(merged);
    EXPECT_EQ(words.notices.size(), 1);
}
