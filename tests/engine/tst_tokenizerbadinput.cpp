// Hugging Face tokenizers (issue 16): broken files and text get one clear error naming the problem, never a crash.
#include "engine/tokenizers/bpemodel.h"
#include "engine/tokenizers/sentencepiecemodel.h"
#include "engine/tokenizers/tokenizerjson.h"
#include "engine/tokenizers/tokenizerloader.h"
#include "tokenizertestfiles.h"

using namespace attn;
using namespace attn::tok;

namespace {

// The error message of f(), or "" when it does not throw TokenizerError.
template <typename F> std::string errorOf(F f)
{
    try {
        f();
    } catch (const TokenizerError& e) {
        return e.what();
    }
    return {};
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << path.toStdString();
    return f.readAll();
}

const char* kTinyBpe = R"({
  "model": {"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2, "c": 3}, "merges": ["a b"]},
  "pre_tokenizer": {"type": "WhitespaceSplit"}
})";

} // namespace

TEST(TokenizerBadInput, MissingTokenizerNamesWhatWasLookedFor)
{
    QTemporaryDir dir;
    test::writeFile(dir.path() + "/config.json", R"({"model_type": "bert"})");
    const std::string message = errorOf([&] { loadTokenizer(dir.path()); });
    EXPECT_NE(message.find("no tokenizer: looked for tokenizer.json, vocab.txt, vocab.json + merges.txt, "
                           "tokenizer.model"),
              std::string::npos)
        << message;
    EXPECT_EQ(message.find('\n'), std::string::npos);
    test::writeFile(dir.path() + "/vocab.json", R"({"a": 0})");
    EXPECT_NE(errorOf([&] { loadTokenizer(dir.path()); }).find("vocab.json is there but merges.txt is not"),
              std::string::npos);
    EXPECT_NE(errorOf([&] { loadTokenizer(dir.path() + "/nope"); }).find("no such folder"), std::string::npos);
}

TEST(TokenizerBadInput, MalformedTokenizerJson)
{
    EXPECT_NE(errorOf([] { readTokenizerJson("{\"model\": ", "t.json"); }).find("t.json: not JSON"), std::string::npos);
    EXPECT_NE(errorOf([] { readTokenizerJson("[1, 2]", "t.json"); }).find("not a JSON object"), std::string::npos);
    EXPECT_NE(errorOf([] { readTokenizerJson("{}", "t.json"); }).find("no \"model\" object"), std::string::npos);
    EXPECT_NE(errorOf([] {
                  readTokenizerJson(R"({"model": {"type": "Unigram", "vocab": []}})", "t.json");
              }).find("model type 'Unigram' is not supported"),
              std::string::npos);
    EXPECT_NE(errorOf([] {
                  readTokenizerJson(R"({"model": {"type": "BPE", "vocab": {"a": -3}, "merges": []}})", "t");
              }).find("is not a whole number"),
              std::string::npos);
    EXPECT_NE(errorOf([] {
                  readTokenizerJson(R"({"model": {"type": "WordPiece", "vocab": {"a": 0}, "unk_token": "[UNK]"}})",
                                    "t.json");
              }).find("the unknown token '[UNK]' is not in the vocabulary"),
              std::string::npos);
    EXPECT_NE(errorOf([] {
                  readTokenizerJson(R"({"model": {"type": "BPE", "vocab": {"a": 0}, "merges": []},
                                        "pre_tokenizer": {"type": "Split", "pattern": {"Regex": "(("}, "behavior": "Isolated"}})",
                                    "t.json");
              }).find("not a valid regex"),
              std::string::npos);
    EXPECT_NE(errorOf([] {
                  readTokenizerJson(R"({"model": {"type": "BPE", "vocab": {"a": 0}, "merges": []},
                                        "normalizer": {"type": "Precompiled"}})",
                                    "t.json");
              }).find("normalizer type 'Precompiled' is not supported"),
              std::string::npos);
    // Found by fuzz_tokenizerjson: a template adding an id the vocabulary does not have.
    EXPECT_EQ(errorOf([] {
                  readTokenizerJson(R"({"model": {"type": "BPE", "vocab": {"a": 0}, "merges": []},
                      "post_processor": {"type": "BertProcessing", "cls": ["<s>", 7], "sep": ["a", 0]}})",
                                    "t.json");
              }),
              "t.json: post_processor special token '<s>' has id 7, outside the vocabulary of 1 tokens");
    EXPECT_NE(errorOf([] {
                  readTokenizerJson(readAll(ATTN_FIXTURES_DIR "/fuzz/tokenizerjson/template-id-beyond-vocabulary.json"),
                                    "tokenizer.json");
              }).find("outside the vocabulary"),
              std::string::npos);
    // The real file, cut in half.
    ASSERT_TRUE(test::haveTokenizerData());
    const QByteArray full = readAll(test::tokenizerData() + "/bert-base-uncased/tokenizer.json");
    EXPECT_NE(errorOf([&] { readTokenizerJson(full.left(full.size() / 2), "tokenizer.json"); }).find("not JSON"),
              std::string::npos);
    // A tiny well-formed one works.
    EXPECT_EQ(readTokenizerJson(kTinyBpe, "t.json").encode("ab c").ids, (std::vector<int>{2, 3}));
}

TEST(TokenizerBadInput, MergesWithUnknownSymbols)
{
    const QByteArray vocab = R"({"a": 0, "b": 1, "ab": 2})";
    const auto build = [&](const QByteArray& merges) {
        BpeModel(BpeModel::readVocabJson(vocab, "vocab.json"), BpeModel::readMergesTxt(merges, "merges.txt"), {},
                 "merges.txt");
    };
    EXPECT_EQ(errorOf([&] { build("#version: 0.2\na b\n"); }), "");
    EXPECT_EQ(errorOf([&] { build("a x\n"); }), "merges.txt: merge 0 ('a x'): 'x' is not in the vocabulary");
    EXPECT_EQ(errorOf([&] { build("a b\nb a\n"); }), "merges.txt: merge 1 ('b a'): 'ba' is not in the vocabulary");
    EXPECT_EQ(errorOf([&] { build("a b c\n"); }), "merges.txt: line 1 is not two tokens separated by one space");
    EXPECT_NE(errorOf([&] { build("a \xff\n"); }).find("merges.txt: not valid UTF-8"), std::string::npos);
    EXPECT_NE(errorOf([] {
                  readTokenizerJson(R"({"model": {"type": "BPE", "vocab": {"a": 0}, "merges": ["a q"]}})",
                                    "tokenizer.json");
              }).find("'q' is not in the vocabulary"),
              std::string::npos);
}

TEST(TokenizerBadInput, TruncatedSentencePieceModel)
{
    ASSERT_TRUE(test::haveTokenizerData());
    const QByteArray full = readAll(test::tokenizerData() + "/llama2c/tokenizer.model");
    for (const qsizetype size : {qsizetype(0), qsizetype(1), qsizetype(100), full.size() / 2, full.size() - 1}) {
        const std::string message = errorOf([&] { SentencePieceModel(full.left(size), "tokenizer.model"); });
        EXPECT_NE(message.find("tokenizer.model: "), std::string::npos) << "size " << size;
    }
    EXPECT_NE(
        errorOf([] { SentencePieceModel("not a model at all", "tokenizer.model"); }).find("not a SentencePiece model"),
        std::string::npos);
    QTemporaryDir dir;
    test::writeFile(dir.path() + "/tokenizer.model", full.left(full.size() / 3));
    EXPECT_NE(errorOf([&] { loadTokenizer(dir.path()); }).find("tokenizer.model: not a SentencePiece model"),
              std::string::npos);
}

TEST(TokenizerBadInput, InvalidUtf8TextNamesTheByte)
{
    const Tokenizer t = readTokenizerJson(kTinyBpe, "t.json");
    EXPECT_EQ(errorOf([&] { t.encodeUtf8("ab \xc3\x28 c"); }), "the text is not valid UTF-8: byte 0xc3 at offset 3");
    EXPECT_EQ(errorOf([&] { t.encodeUtf8("\xed\xa0\x80"); }), "the text is not valid UTF-8: byte 0xed at offset 0");
    EXPECT_EQ(errorOf([&] { t.encodeUtf8("\xc0\xaf"); }), "the text is not valid UTF-8: byte 0xc0 at offset 0");
    EXPECT_EQ(errorOf([&] { t.encodeUtf8("ab\xf0\x9f\x98"); }), "the text is not valid UTF-8: byte 0xf0 at offset 2");
    EXPECT_EQ(errorOf([&] { t.encode(QString(QChar(0xD800))); }),
              "the text is not valid Unicode: a lone surrogate at character 0");
    EXPECT_EQ(t.encodeUtf8("ab").ids, (std::vector<int>{2}));
}

TEST(TokenizerBadInput, EmptyTextAndEmptyVocabularies)
{
    const Tokenizer t = readTokenizerJson(kTinyBpe, "t.json");
    EXPECT_TRUE(t.encode("").ids.empty());
    EXPECT_TRUE(t.encodeUtf8("").ids.empty());
    QTemporaryDir dir;
    test::writeFile(dir.path() + "/vocab.txt", "");
    EXPECT_NE(errorOf([&] { loadTokenizer(dir.path()); }).find("vocab.txt: no tokens"), std::string::npos);
    test::writeFile(dir.path() + "/vocab.txt", "[PAD]\nhello\n");
    EXPECT_NE(errorOf([&] { loadTokenizer(dir.path()); }).find("the unknown token '[UNK]' is not in the vocabulary"),
              std::string::npos);
    QTemporaryDir dir2;
    test::writeFile(dir2.path() + "/config.json", "{\"model_type\": ");
    EXPECT_NE(errorOf([&] { loadTokenizer(dir2.path()); }).find("config.json: not a JSON object"), std::string::npos);
}
