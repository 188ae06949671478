// Hugging Face tokenizers (issue 16): the ids of the real files in ../shared/data/tokenizers must equal the ids
// Hugging Face's tokenizers gave (expected.json), with the special tokens each configuration adds.
#include "engine/tokenizers/bytelevel.h"
#include "engine/tokenizers/splitpatterns.h"
#include "engine/tokenizers/tokenizerloader.h"
#include "engine/tokenizers/unicodechars.h"
#include "tokenizertestfiles.h"

#include <QRegularExpression>
#include <random>

using namespace attn;
using namespace attn::tok;

namespace {

std::vector<int> idsOf(const QJsonArray& a)
{
    std::vector<int> out;
    for (const auto& v : a) {
        out.push_back(v.toInt());
    }
    return out;
}

std::vector<QString> tokensOf(const Tokenizer& t, const QString& text, bool special = true)
{
    return t.encode(text, special).tokens;
}

struct Specials
{
    std::vector<int> prefix, suffix;
};

// expected.json's "specials" notes, as ids.
Specials specialsFor(const QString& key)
{
    if (key.startsWith("bert")) {
        return {{101}, {102}};
    }
    if (key == "roberta-base") {
        return {{0}, {2}};
    }
    if (key.startsWith("llama2c")) {
        return {{1}, {}};
    }
    return {};
}

} // namespace

class ExpectedIds : public ::testing::TestWithParam<const char*>
{
};

TEST_P(ExpectedIds, EverySentenceGivesHuggingFacesIds)
{
    ASSERT_TRUE(test::haveTokenizerData());
    const test::TokenizerFolders folders;
    const QString folder = GetParam();
    const QString key = folder == "bert-base-uncased-vocab" ? QStringLiteral("bert-base-uncased") : folder;
    const QJsonObject expected = test::expectedTokenizerIds();
    const QJsonArray sentences = expected["sentences"].toArray();
    const QJsonArray ids = expected["ids"].toObject()[key].toArray();
    ASSERT_EQ(ids.size(), 12) << key.toStdString();
    ASSERT_EQ(sentences.size(), ids.size());
    const Tokenizer t = loadTokenizer(folders.path(folder));
    const Specials specials = specialsFor(key);
    int agree = 0;
    for (int i = 0; i < sentences.size(); ++i) {
        const QString sentence = sentences[i].toString();
        const std::vector<int> want = idsOf(ids[i].toArray());
        const Encoding plain = t.encode(sentence, false);
        EXPECT_EQ(plain.ids, want) << key.toStdString() << " sentence " << i << ": " << sentence.toStdString();
        agree += plain.ids == want;
        std::vector<int> withSpecials = specials.prefix;
        withSpecials.insert(withSpecials.end(), want.begin(), want.end());
        withSpecials.insert(withSpecials.end(), specials.suffix.begin(), specials.suffix.end());
        EXPECT_EQ(t.encode(sentence).ids, withSpecials) << key.toStdString() << " sentence " << i;
        ASSERT_EQ(plain.tokens.size(), plain.ids.size());
        for (std::size_t k = 0; k < plain.ids.size(); ++k) {
            EXPECT_EQ(t.tokenToId(plain.tokens[k]), plain.ids[k]) << "token " << plain.tokens[k].toStdString();
        }
    }
    EXPECT_EQ(agree, sentences.size());
}

INSTANTIATE_TEST_SUITE_P(RealFiles, ExpectedIds,
                         ::testing::Values("bert-base-uncased", "bert-base-uncased-vocab", "bert-base-chinese", "gpt2",
                                           "roberta-base", "gpt2-vocab+qwen2-pretokenizer", "llama2c-sentencepiece"),
                         [](const auto& info) {
                             std::string name = info.param;
                             for (char& c : name) {
                                 c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                             }
                             return name;
                         });

TEST(Tokenizers, TokensAreTheVocabularysOwnSpelling)
{
    ASSERT_TRUE(test::haveTokenizerData());
    const test::TokenizerFolders f;
    EXPECT_EQ(tokensOf(loadTokenizer(f.path("bert-base-uncased")), "Hello, tokenizers!"),
              (std::vector<QString>{"[CLS]", "hello", ",", "token", "##izer", "##s", "!", "[SEP]"}));
    EXPECT_EQ(tokensOf(loadTokenizer(f.path("gpt2")), "Hello world"), (std::vector<QString>{"Hello", "\u0120world"}));
    EXPECT_EQ(tokensOf(loadTokenizer(f.path("roberta-base")), "Hello world"),
              (std::vector<QString>{"<s>", "Hello", "\u0120world", "</s>"}));
    EXPECT_EQ(tokensOf(loadTokenizer(f.path("llama2c-sentencepiece")), "Hello world"),
              (std::vector<QString>{"<s>", "\u2581Hello", "\u2581world"}));
    // Documented ids: BERT's "Hello, my dog is cute", RoBERTa's and Llama's "Hello world".
    EXPECT_EQ(loadTokenizer(f.path("bert-base-uncased")).encode("Hello, my dog is cute").ids,
              (std::vector<int>{101, 7592, 1010, 2026, 3899, 2003, 10140, 102}));
    EXPECT_EQ(loadTokenizer(f.path("roberta-base")).encode("Hello world", false).ids, (std::vector<int>{31414, 232}));
}

TEST(Tokenizers, ChineseCharactersAreOneTokenEach)
{
    ASSERT_TRUE(test::haveTokenizerData());
    const test::TokenizerFolders f;
    EXPECT_EQ(tokensOf(loadTokenizer(f.path("bert-base-chinese")), "我喜欢吃苹果。", false),
              (std::vector<QString>{"我", "喜", "欢", "吃", "苹", "果", "。"}));
}

TEST(Tokenizers, LowerCasingAndAccentsFollowTheConfiguration)
{
    ASSERT_TRUE(test::haveTokenizerData());
    const test::TokenizerFolders f;
    const Tokenizer uncased = loadTokenizer(f.path("bert-base-uncased-vocab"));
    EXPECT_EQ(tokensOf(uncased, "CAFÉ", false), (std::vector<QString>{"cafe"}));
    // The same vocabulary read as cased: no lower-casing, accents kept, so "CAFÉ" is not one of its words.
    QTemporaryDir dir;
    QFile::link(test::tokenizerData() + "/bert-base-uncased/vocab.txt", dir.path() + "/vocab.txt");
    test::writeFile(dir.path() + "/tokenizer_config.json", R"({"do_lower_case": false})");
    EXPECT_EQ(tokensOf(loadTokenizer(dir.path()), "CAFÉ", false), (std::vector<QString>{"[UNK]"}));
    test::writeFile(dir.path() + "/tokenizer_config.json", R"({"do_lower_case": true, "strip_accents": false})");
    // Lower-cased but with its accent: "caf" then no "##é" in this vocabulary, so the word is unknown.
    EXPECT_EQ(tokensOf(loadTokenizer(dir.path()), "café", false), (std::vector<QString>{"[UNK]"}));
}

TEST(Tokenizers, AWordLongerThanTheLimitIsUnknown)
{
    ASSERT_TRUE(test::haveTokenizerData());
    const test::TokenizerFolders f;
    const Tokenizer t = loadTokenizer(f.path("bert-base-uncased"));
    const std::vector<int> pieces = t.encode(QString(100, QLatin1Char('a')), false).ids; // 100 characters: pieces
    EXPECT_GT(pieces.size(), 1u);
    EXPECT_EQ(std::count(pieces.begin(), pieces.end(), 100), 0);
    EXPECT_EQ(t.encode(QString(101, QLatin1Char('a')), false).ids, (std::vector<int>{100}));
}

TEST(Tokenizers, SpecialTokensInTheTextAreMatchedWhole)
{
    ASSERT_TRUE(test::haveTokenizerData());
    const test::TokenizerFolders f;
    EXPECT_EQ(loadTokenizer(f.path("bert-base-uncased")).encode("a [MASK] b", false).ids,
              (std::vector<int>{1037, 103, 1038}));
    // RoBERTa's <mask> takes the space before it (lstrip).
    EXPECT_EQ(tokensOf(loadTokenizer(f.path("roberta-base")), "Hello <mask>!", false),
              (std::vector<QString>{"Hello", "<mask>", "!"}));
    EXPECT_EQ(loadTokenizer(f.path("gpt2")).encode("a<|endoftext|>b", false).ids, (std::vector<int>{64, 50256, 65}));
    EXPECT_EQ(loadTokenizer(f.path("llama2c-sentencepiece")).encode("</s>", false).ids, (std::vector<int>{2}));
}

// A tokenizer.json this program cannot read (T5's: Unigram, Precompiled) with a SentencePiece file beside it: the
// SentencePiece file is used, as the slow tokenizer would be.
TEST(Tokenizers, UnsupportedTokenizerJsonFallsBackToTheSentencePieceFile)
{
    ASSERT_TRUE(test::haveTokenizerData());
    QTemporaryDir dir;
    test::writeFile(dir.path() + "/tokenizer.json", R"({"model": {"type": "Unigram", "vocab": []}})");
    test::writeFile(dir.path() + "/config.json", R"({"model_type": "llama"})");
    EXPECT_THROW(loadTokenizer(dir.path()), UnsupportedTokenizerError);
    QFile::link(test::tokenizerData() + "/llama2c/tokenizer.model", dir.path() + "/spiece.model");
    EXPECT_EQ(loadTokenizer(dir.path()).encode("Hello world").ids, (std::vector<int>{1, 15043, 3186}));
}

TEST(Tokenizers, PairsGetSeparatorsAndTypeIds)
{
    ASSERT_TRUE(test::haveTokenizerData());
    const test::TokenizerFolders f;
    const Encoding bert = loadTokenizer(f.path("bert-base-uncased")).encodePair("hello", "world");
    EXPECT_EQ(bert.ids, (std::vector<int>{101, 7592, 102, 2088, 102}));
    EXPECT_EQ(bert.typeIds, (std::vector<int>{0, 0, 0, 1, 1}));
    const Tokenizer t = loadTokenizer(f.path("roberta-base"));
    const Encoding roberta = t.encodePair("Hello", "world");
    EXPECT_EQ(roberta.ids, (std::vector<int>{0, 31414, 2, 2, t.tokenToId("world"), 2}));
    EXPECT_EQ(roberta.typeIds, std::vector<int>(6, 0));
    EXPECT_EQ(roberta.special, (std::vector<bool>{true, false, true, true, false, true}));
}

TEST(Tokenizers, EmptyTextGivesOnlyTheSpecialTokens)
{
    ASSERT_TRUE(test::haveTokenizerData());
    const test::TokenizerFolders f;
    EXPECT_EQ(loadTokenizer(f.path("bert-base-uncased")).encode("").ids, (std::vector<int>{101, 102}));
    EXPECT_EQ(loadTokenizer(f.path("bert-base-chinese")).encode("   ").ids, (std::vector<int>{101, 102}));
    EXPECT_TRUE(loadTokenizer(f.path("gpt2")).encode("").ids.empty());
    EXPECT_EQ(loadTokenizer(f.path("roberta-base")).encode("").ids, (std::vector<int>{0, 2}));
    EXPECT_EQ(loadTokenizer(f.path("llama2c-sentencepiece")).encode("").ids, (std::vector<int>{1}));
}

// Byte-level tokens give back the exact bytes of the text (fuzz_tokenizerencode checks it on any input; its first
// run found its own map wrong on "我喜欢吃苹果。", not the tokenizer).
TEST(Tokenizers, ByteLevelTokensGiveBackTheText)
{
    ASSERT_TRUE(test::haveTokenizerData());
    const test::TokenizerFolders f;
    const QJsonArray sentences = test::expectedTokenizerIds()["sentences"].toArray();
    for (const char* key : {"gpt2", "gpt2-vocab+qwen2-pretokenizer"}) {
        const Tokenizer t = loadTokenizer(f.path(key));
        for (const auto& s : sentences) {
            QString joined;
            for (const QString& token : t.encode(s.toString(), false).tokens) {
                joined += token;
            }
            EXPECT_EQ(fromByteLevel(joined), s.toString().toUtf8()) << key;
        }
    }
    // Space, newline and U+00FF (UTF-8 C3 BF) in GPT-2's alphabet.
    EXPECT_EQ(toByteLevel(QStringLiteral(" \n") + QChar(0xFF)), QString::fromUtf8("\u0120\u010a\u00c3\u00bf"));
}

TEST(Tokenizers, DecodeGivesBackTheText)
{
    ASSERT_TRUE(test::haveTokenizerData());
    const test::TokenizerFolders f;
    const QJsonArray sentences = test::expectedTokenizerIds()["sentences"].toArray();
    for (const char* key : {"gpt2", "roberta-base", "gpt2-vocab+qwen2-pretokenizer", "llama2c-sentencepiece"}) {
        const Tokenizer t = loadTokenizer(f.path(key));
        for (const auto& s : sentences) {
            EXPECT_EQ(t.decode(t.encode(s.toString()).ids), s.toString()) << key;
        }
    }
    const Tokenizer llama = loadTokenizer(f.path("llama2c-sentencepiece"));
    EXPECT_EQ(llama.decode(llama.encode("Hello world").ids, false), "<s> Hello world"); // as transformers decodes it
    const Tokenizer bert = loadTokenizer(f.path("bert-base-uncased"));
    EXPECT_EQ(bert.decode(bert.encode("Hello, tokenizers! I'm here.").ids), "hello, tokenizers! i'm here.");
    EXPECT_EQ(bert.decode(bert.encode("Hi").ids, false), "[CLS] hi [SEP]");
}

// The hand-written pre-tokenizer splits against the same patterns run by Qt's regex engine (PCRE2), on random
// text drawn from characters of every class the patterns tell apart.
TEST(SplitPatterns, AgreeWithTheRegexEngine)
{
    const std::u32string alphabet = U"aZé中ß1٣½ \t\n\r\u00a0\u3000'sStTmdrevlLD.,!?-—😀\u0301_$";
    std::mt19937 rng(16);
    for (const SplitPattern p : {SplitPattern::Gpt2, SplitPattern::Qwen2, SplitPattern::Llama3}) {
        const QRegularExpression re(patternSource(p), QRegularExpression::UseUnicodePropertiesOption);
        ASSERT_TRUE(re.isValid()) << re.errorString().toStdString();
        for (int trial = 0; trial < 3000; ++trial) {
            std::u32string text;
            const int length = 1 + int(rng() % 24);
            for (int i = 0; i < length; ++i) {
                text.push_back(alphabet[rng() % alphabet.size()]);
            }
            QStringList mine;
            for (const auto& [b, e] : splitByPattern(p, text)) {
                mine << fromCodePoints(text.data() + b, text.data() + e);
            }
            QStringList theirs;
            auto it = re.globalMatch(fromCodePoints(text));
            while (it.hasNext()) {
                theirs << it.next().captured();
            }
            ASSERT_EQ(mine, theirs) << "pattern " << int(p) << " on '" << fromCodePoints(text).toStdString() << "'";
        }
    }
}

TEST(SplitPatterns, Qwen2SplitsDigitsOneByOneAndKeepsPunctuationWithItsWord)
{
    const auto split = [](SplitPattern p, const QString& text) {
        QStringList out;
        const std::u32string t = toCodePoints(text);
        for (const auto& [b, e] : splitByPattern(p, t)) {
            out << fromCodePoints(t.data() + b, t.data() + e);
        }
        return out;
    };
    EXPECT_EQ(split(SplitPattern::Qwen2, "in 2024, (hello) I'M"),
              (QStringList{"in", " ", "2", "0", "2", "4", ",", " (", "hello", ")", " I", "'M"}));
    EXPECT_EQ(split(SplitPattern::Llama3, "12345"), (QStringList{"123", "45"}));
    EXPECT_EQ(split(SplitPattern::Gpt2, "I'M  2024"), (QStringList{"I", "'", "M", " ", " 2024"}));
}
