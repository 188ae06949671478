// attnscope-cli generate with Hugging Face decoder folders (issue 16), run as a user would: the same JSON as for
// llama2.c checkpoints, from tiny random GPT-2 and Llama folders with their real tokenizers.
#include "cli/clirun.h"
#include "cli/generatejsoncheck.h"
#include "engine/hfgeneratefolders.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using attn::test::cli;
using attn::test::CliRun;

namespace {

class GenerateHfCli : public ::testing::TestWithParam<std::string>
{
protected:
    void SetUp() override
    {
        const QString missing = attn::test::missingGenerateTokenizers();
        ASSERT_TRUE(missing.isEmpty()) << missing.toStdString();
        m_model =
            attn::test::writeGenerateFolder(m_dir.path() + "/tiny-" + QString::fromStdString(GetParam()), GetParam());
        attn::test::editGenerateConfig(m_model, QStringLiteral("eos_token_id"), QJsonValue()); // every step runs
    }
    QTemporaryDir m_dir;
    QString m_model;
};

} // namespace

TEST_P(GenerateHfCli, JsonIsTheLlama2Json)
{
    const CliRun r = cli({"generate", "--model", m_model, "--prompt", "Once upon a time", "--steps", "6",
                          "--temperature", "0.8", "--seed", "7", "--json"});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_TRUE(r.err.isEmpty()) << r.err.toStdString();
    const QJsonObject json = QJsonDocument::fromJson(r.out).object();
    for (const char* key : {"model", "text", "tokens", "token_ids", "prompt_tokens", "temperature", "seed", "layers",
                            "heads", "steps", "prompt_attention"}) {
        EXPECT_TRUE(json.contains(QLatin1String(key))) << key;
    }
    EXPECT_EQ(json["model"].toString(), QStringLiteral("tiny-") + QString::fromStdString(GetParam()));
    EXPECT_EQ(json["layers"].toInt(), 2);
    EXPECT_EQ(json["heads"].toInt(), 4);
    const int prompt = json["prompt_tokens"].toInt();
    EXPECT_EQ(prompt, GetParam() == "gpt2" ? 4 : 5); // Llama's tokenizer puts <s> first
    EXPECT_TRUE(json["text"].toString().startsWith(QStringLiteral("Once upon a time")));
    const QJsonArray steps = json["steps"].toArray();
    ASSERT_EQ(steps.size(), 6);
    EXPECT_EQ(json["tokens"].toArray().size(), prompt + 6);
    EXPECT_EQ(json["prompt_attention"].toArray().size(), prompt);
    attn::test::expectGenerateSteps(json, prompt, /*layers=*/2, /*heads=*/4);
    // The same seed gives the same text; plain output is the text.
    const CliRun again = cli({"generate", "--model", m_model, "--prompt", "Once upon a time", "--steps", "6",
                              "--temperature", "0.8", "--seed", "7"});
    ASSERT_EQ(again.code, 0) << again.err.toStdString();
    EXPECT_EQ(QString::fromUtf8(again.out.trimmed()), json["text"].toString().trimmed());
}

TEST_P(GenerateHfCli, TheContextLimitStopsWithANotice)
{
    attn::test::editGenerateConfig(
        m_model, GetParam() == "gpt2" ? QStringLiteral("n_positions") : QStringLiteral("max_position_embeddings"), 12);
    if (GetParam() == "gpt2") {
        attn::test::editGenerateConfig(m_model, QStringLiteral("n_ctx"), 12);
    }
    // GPT-2's position table has 64 rows: a config saying 12 is a shape error, so only Llama runs to the limit.
    const CliRun r = cli({"generate", "--model", m_model, "--prompt", "Once upon a time", "--steps", "50"});
    if (GetParam() == "gpt2") {
        EXPECT_EQ(r.code, 1);
        EXPECT_TRUE(r.err.contains("wpe")) << r.err.toStdString();
        return;
    }
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_EQ(r.err.trimmed().toStdString(), "attnscope-cli: notice: stopped early: the model's context of 12 tokens "
                                             "is full");
}

TEST_P(GenerateHfCli, AFolderTakesNoTokenizerOption)
{
    const CliRun r = cli({"generate", "--model", m_model, "--tokenizer", m_model + "/config.json", "--prompt", "x"});
    EXPECT_EQ(r.code, 2);
    EXPECT_TRUE(r.err.contains("a model folder brings its own tokenizer")) << r.err.toStdString();
}

INSTANTIATE_TEST_SUITE_P(Decoders, GenerateHfCli, ::testing::Values("gpt2", "llama"),
                         [](const auto& info) { return info.param; });

// models/stories260K (config.json naming the checkpoint) generates as its checkpoint does.
TEST(GenerateCliFolders, TheShippedLlama2FolderGenerates)
{
    const QString folder = QStringLiteral(ATTN_MODELS_DIR "/stories260K");
    ASSERT_TRUE(QFile::exists(folder + "/stories260K.bin")) << "scripts/setup.sh installs models/stories260K";
    const CliRun byFolder = cli({"generate", "--model", folder, "--prompt", "Once upon a time", "--steps", "20"});
    const CliRun byFile =
        cli({"generate", "--model", folder + "/stories260K.bin", "--prompt", "Once upon a time", "--steps", "20"});
    ASSERT_EQ(byFolder.code, 0) << byFolder.err.toStdString();
    EXPECT_EQ(byFolder.out, byFile.out);
}
