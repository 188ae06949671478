// attnscope-cli tokenize (issue 16): the JSON a user gets for a Hugging Face folder, and one-line errors.
#include "cli/clirun.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using attn::test::cli;

namespace {

const QString kData = QStringLiteral(ATTN_SHARED_DATA_DIR "/tokenizers");

// A folder holding links to the shared files named (never copies).
QString folder(QTemporaryDir& dir, const QString& name, const QStringList& files, const QByteArray& config)
{
    const QString path = dir.path() + "/" + name;
    QDir().mkpath(path);
    for (const QString& f : files) {
        QFile::link(kData + "/" + f, path + "/" + QFileInfo(f).fileName());
    }
    QFile c(path + "/config.json");
    EXPECT_TRUE(c.open(QIODevice::WriteOnly));
    c.write(config);
    return path;
}

QJsonObject json(const QByteArray& out)
{
    return QJsonDocument::fromJson(out).object();
}

} // namespace

TEST(TokenizeCli, PrintsIdsAndTokensWithTheSpecialTokens)
{
    ASSERT_TRUE(QFileInfo::exists(kData + "/expected.json"))
        << "missing ../shared/data/tokenizers (ATTN_SHARED_DATA_DIR): the test reads the real tokenizer files";
    QTemporaryDir dir;
    const QString bert = folder(dir, "bert", {"bert-base-uncased/tokenizer.json"}, R"({"model_type": "bert"})");
    const auto run = cli({"tokenize", "--model", bert, "--text", "Hello, my dog is cute"});
    ASSERT_EQ(run.code, 0) << run.err.toStdString();
    const QJsonObject o = json(run.out);
    EXPECT_EQ(o["ids"].toArray(), (QJsonArray{101, 7592, 1010, 2026, 3899, 2003, 10140, 102}));
    EXPECT_EQ(o["tokens"].toArray(), (QJsonArray{"[CLS]", "hello", ",", "my", "dog", "is", "cute", "[SEP]"}));

    const QString roberta =
        folder(dir, "roberta", {"roberta-base/vocab.json", "roberta-base/merges.txt"}, R"({"model_type": "roberta"})");
    const auto r = cli({"tokenize", "--model", roberta, "--text", "Hello world"});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_EQ(json(r.out)["ids"].toArray(), (QJsonArray{0, 31414, 232, 2}));
    EXPECT_EQ(json(r.out)["tokens"].toArray(), (QJsonArray{"<s>", "Hello", "\u0120world", "</s>"}));

    const QString llama = folder(dir, "llama", {"llama2c/tokenizer.model"}, R"({"model_type": "llama"})");
    const auto l = cli({"tokenize", "--model", llama, "--text", "Hello world"});
    ASSERT_EQ(l.code, 0) << l.err.toStdString();
    EXPECT_EQ(json(l.out)["ids"].toArray(), (QJsonArray{1, 15043, 3186}));
    const auto n = cli({"tokenize", "--model", llama, "--text", "Hello world", "--no-special-tokens"});
    EXPECT_EQ(json(n.out)["ids"].toArray(), (QJsonArray{15043, 3186}));

    const auto pair = cli({"tokenize", "--model", bert, "--text", "hello", "--text2", "world"});
    EXPECT_EQ(json(pair.out)["type_ids"].toArray(), (QJsonArray{0, 0, 0, 1, 1}));
    // Empty text: only what the tokenizer adds, as Hugging Face's tokenizer gives.
    const auto empty = cli({"tokenize", "--model", bert, "--text", ""});
    EXPECT_EQ(empty.code, 0);
    EXPECT_EQ(json(empty.out)["ids"].toArray(), (QJsonArray{101, 102}));
}

TEST(TokenizeCli, BadInputGetsOneLine)
{
    QTemporaryDir dir;
    const QString empty = dir.path() + "/empty";
    QDir().mkpath(empty);
    auto run = cli({"tokenize", "--model", empty, "--text", "hi"});
    EXPECT_EQ(run.code, 1);
    EXPECT_EQ(run.err.trimmed(), "attnscope-cli: error: " + empty +
                                     ": no tokenizer: looked for tokenizer.json, vocab.txt, vocab.json + "
                                     "merges.txt, tokenizer.model, spiece.model");
    EXPECT_TRUE(run.out.isEmpty());

    QFile broken(empty + "/tokenizer.json");
    ASSERT_TRUE(broken.open(QIODevice::WriteOnly));
    broken.write("{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0}, \"merges\": [\"a q\"]}}");
    broken.close();
    run = cli({"tokenize", "--model", empty, "--text", "hi"});
    EXPECT_EQ(run.code, 1);
    EXPECT_EQ(run.err.trimmed(),
              "attnscope-cli: error: " + empty + "/tokenizer.json: merge 0 ('a q'): 'q' is not in the vocabulary");

    ASSERT_TRUE(QFileInfo::exists(kData + "/expected.json")) << "missing ../shared/data/tokenizers";
    const QString gpt2 = folder(dir, "gpt2", {"gpt2/vocab.json", "gpt2/merges.txt"}, R"({"model_type": "gpt2"})");
    QFile text(dir.path() + "/bad.txt");
    ASSERT_TRUE(text.open(QIODevice::WriteOnly));
    text.write("caf\xc3 au lait");
    text.close();
    run = cli({"tokenize", "--model", gpt2, "--text-file", text.fileName()});
    EXPECT_EQ(run.code, 1);
    EXPECT_EQ(run.err.trimmed(),
              "attnscope-cli: error: " + text.fileName() + ": the text is not valid UTF-8: byte 0xc3 at offset 3");

    run = cli({"tokenize", "--text", "hi"});
    EXPECT_EQ(run.code, 2);
    EXPECT_NE(run.err.indexOf("--model"), -1) << run.err.toStdString();
    EXPECT_EQ(run.err.trimmed().count('\n'), 0);
}
