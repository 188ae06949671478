// Generation with Hugging Face decoder folders (issue 16): tiny random GPT-2, Llama, Mistral and Qwen2 models with
// real tokenizers. Greedy decoding must pick, step after step, the argmax of the whole-sequence forward's logits;
// the attention rows kept per token must be the rows of the whole sequence's forward; seeds must repeat.
#include "engine/generation.h"
#include "engine/hf/hfgenerator.h"
#include "engine/hfgeneratefolders.h"
#include "engine/textmodel.h"
#include "errorof.h"

#include <QTemporaryDir>
#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <limits>

using namespace attn;
using namespace attn::test;

namespace {

int argmax(const std::vector<float>& v)
{
    return int(std::max_element(v.begin(), v.end()) - v.begin());
}

GenerationOptions greedy(int steps)
{
    GenerationOptions o;
    o.steps = steps;
    return o;
}

class HfGenerate : public ::testing::TestWithParam<std::string>
{
protected:
    void SetUp() override
    {
        const QString missing = missingGenerateTokenizers();
        ASSERT_TRUE(missing.isEmpty()) << missing.toStdString();
        m_path = writeGenerateFolder(m_dir.path() + "/model", GetParam());
        m_model = std::make_unique<hf::HfGenerator>(m_path);
    }

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<hf::HfGenerator> m_model;
};

} // namespace

TEST_P(HfGenerate, GreedyPicksTheArgmaxOfTheWholeSequenceEveryStep)
{
    const Generation gen = m_model->generate(QStringLiteral("Once upon a time"), greedy(12));
    ASSERT_GT(gen.promptLength, 0);
    ASSERT_GT(int(gen.tokens.size()), gen.promptLength) << gen.stopReason.toStdString();
    hf::Capture none;
    none.attention = false;
    for (int t = gen.promptLength; t < int(gen.tokens.size()); ++t) {
        const std::vector<int> before(gen.tokens.begin(), gen.tokens.begin() + t);
        EXPECT_EQ(argmax(m_model->network().forward(before, none).logits), gen.tokens[std::size_t(t)])
            << "step " << t - gen.promptLength;
    }
    if (!gen.stopReason.isEmpty()) {
        // Only the end of text stops greedy decoding of 12 tokens in a 64-token context.
        EXPECT_EQ(argmax(m_model->network().forward(gen.tokens, none).logits), m_model->network().config().eosTokenId);
    } else {
        EXPECT_EQ(int(gen.tokens.size()), gen.promptLength + 12);
    }
}

TEST_P(HfGenerate, AttentionRowsAreTheWholeSequencesRows)
{
    const Generation gen = m_model->generate(QStringLiteral("The cat sat on the mat."), greedy(10));
    const int count = int(gen.tokens.size());
    const hf::HfConfig& c = m_model->network().config();
    ASSERT_EQ(int(gen.rows.size()), count);
    ASSERT_EQ(gen.layers, c.layers);
    ASSERT_EQ(gen.heads, c.heads);
    const hf::ForwardResult full = m_model->network().forward(gen.tokens, hf::Capture{});
    ASSERT_EQ(full.tokens, count);
    ASSERT_EQ(int(full.keptLayers.size()), c.layers);
    double worstSum = 0.0, worstDiff = 0.0;
    for (int t = 0; t < count; ++t) {
        ASSERT_EQ(gen.rows[std::size_t(t)].size(), std::size_t(c.layers) * c.heads * std::size_t(t + 1));
        for (int l = 0; l < c.layers; ++l) {
            for (int h = 0; h < c.heads; ++h) {
                double sum = 0.0;
                for (int k = 0; k <= t; ++k) {
                    const float w = gen.weight(t, l, h, k);
                    ASSERT_TRUE(std::isfinite(w) && w >= 0.0f);
                    sum += w;
                    const float expected =
                        full.attention[((std::size_t(l) * c.heads + h) * count + std::size_t(t)) * count + k];
                    worstDiff = std::max(worstDiff, double(std::abs(w - expected)));
                }
                worstSum = std::max(worstSum, std::abs(sum - 1.0));
            }
        }
    }
    EXPECT_LT(worstSum, 1e-5);
    EXPECT_LT(worstDiff, 1e-5);
    // The causal block the views read holds the same rows.
    const AttentionSet set = gen.toAttentionSet(m_model->name());
    ASSERT_EQ(set.blocks.size(), 1u);
    EXPECT_FLOAT_EQ(set.blocks[0].at(1, 2, count - 1, 0), gen.weight(count - 1, 1, 2, 0));
}

TEST_P(HfGenerate, TheSameSeedGivesTheSameText)
{
    GenerationOptions o = greedy(16);
    o.temperature = 1.0f;
    o.seed = 7;
    const Generation a = m_model->generate(QStringLiteral("Once upon a time"), o);
    const Generation b = m_model->generate(QStringLiteral("Once upon a time"), o);
    EXPECT_EQ(a.tokens, b.tokens);
    EXPECT_EQ(a.text, b.text);
    o.seed = 8;
    const Generation c = m_model->generate(QStringLiteral("Once upon a time"), o);
    EXPECT_NE(a.tokens, c.tokens) << "seeds 7 and 8 drew the same 16 tokens from " << m_model->shape().vocabSize;
}

TEST_P(HfGenerate, PiecesMakeTheDecodedText)
{
    const Generation gen = m_model->generate(QStringLiteral("Hello world, 你好!"), greedy(20));
    ASSERT_EQ(gen.pieces.size(), int(gen.tokens.size()));
    ASSERT_EQ(gen.labels.size(), int(gen.tokens.size()));
    EXPECT_EQ(gen.pieces.join(QString()), gen.text);
    EXPECT_EQ(gen.text, m_model->tokenizer().decode(gen.tokens));
    EXPECT_TRUE(gen.text.startsWith(QStringLiteral("Hello world, 你好!"))) << gen.text.toStdString();
    // " world" reads with its leading space whether the vocabulary spells it "Ġworld" or "▁world".
    EXPECT_TRUE(gen.labels.contains(QStringLiteral(" world"))) << gen.labels.join(QLatin1Char('|')).toStdString();
    for (int t = 0; t < gen.labels.size(); ++t) {
        EXPECT_FALSE(gen.labels[t].isEmpty()) << t;
        EXPECT_FALSE(gen.labels[t].contains(QChar(0xFFFD))) << t << ": " << gen.labels[t].toStdString();
    }
}

INSTANTIATE_TEST_SUITE_P(Decoders, HfGenerate, ::testing::Values("gpt2", "llama", "mistral", "qwen2"),
                         [](const auto& info) { return info.param; });

class HfGenerateGpt2 : public ::testing::Test
{
protected:
    void SetUp() override
    {
        const QString missing = missingGenerateTokenizers();
        ASSERT_TRUE(missing.isEmpty()) << missing.toStdString();
    }
    QTemporaryDir m_dir;
};

TEST_F(HfGenerateGpt2, BytePiecesWaitForTheirCharacter)
{
    const hf::HfGenerator model(writeGenerateFolder(m_dir.path() + "/gpt2", "gpt2"));
    // GPT-2 spells 你 as two tokens (bytes E4 BD, then A0): the first shows its bytes and adds no text.
    const Generation gen = model.generate(QStringLiteral("你"), greedy(0));
    ASSERT_EQ(gen.tokens.size(), 2u);
    EXPECT_EQ(gen.labels[0], QStringLiteral("<0xE4><0xBD>"));
    EXPECT_EQ(gen.pieces[0], QString());
    EXPECT_EQ(gen.pieces[1], QStringLiteral("你"));
    EXPECT_EQ(gen.text, QStringLiteral("你"));

    // An id the tokenizer does not know (a model vocabulary padded past it) still has a label, and no text.
    Generation padded = gen;
    padded.tokens.push_back(50300);
    hf::HfGenerator::labelTokens(model.tokenizer(), padded);
    EXPECT_EQ(padded.labels.value(2), QStringLiteral("<id 50300>"));
    EXPECT_EQ(padded.pieces.value(2), QString());
    EXPECT_EQ(padded.text, QStringLiteral("你"));
}

TEST_F(HfGenerateGpt2, SentencePieceFoldersStartWithBos)
{
    const hf::HfGenerator model(writeGenerateFolder(m_dir.path() + "/llama", "llama"));
    const Generation gen = model.generate(QStringLiteral("Once upon a time"), greedy(3));
    ASSERT_GE(gen.tokens.size(), 2u);
    EXPECT_EQ(gen.tokens[0], 1);
    EXPECT_EQ(gen.labels[0], QStringLiteral("<s>"));
    EXPECT_EQ(gen.pieces[0], QString());
    EXPECT_EQ(gen.labels[1], QStringLiteral(" Once"));
    EXPECT_EQ(gen.pieces[1], QStringLiteral("Once"));
    EXPECT_EQ(gen.promptLength, 5); // <s> ▁Once ▁upon ▁a ▁time
}

TEST_F(HfGenerateGpt2, AnEmptyPromptStartsFromBos)
{
    const hf::HfGenerator model(writeGenerateFolder(m_dir.path() + "/gpt2", "gpt2"));
    const Generation gen = model.generate(QString(), greedy(2));
    ASSERT_GE(gen.tokens.size(), 1u);
    EXPECT_EQ(gen.tokens[0], 50256); // <|endoftext|>, GPT-2's bos_token_id
    EXPECT_EQ(gen.promptLength, 1);
    EXPECT_EQ(gen.labels[0], QStringLiteral("<|endoftext|>"));
}

TEST_F(HfGenerateGpt2, StopsAtTheEndOfText)
{
    const QString dir = writeGenerateFolder(m_dir.path() + "/gpt2", "gpt2");
    const Generation first = hf::HfGenerator(dir).generate(QStringLiteral("Once upon a time"), greedy(3));
    ASSERT_GT(int(first.tokens.size()), first.promptLength);
    // Make the token greedy decoding picks first the end of text: generation stops before it.
    const int next = first.tokens[std::size_t(first.promptLength)];
    editGenerateConfig(dir, QStringLiteral("eos_token_id"), next);
    const Generation gen = hf::HfGenerator(dir).generate(QStringLiteral("Once upon a time"), greedy(3));
    EXPECT_EQ(int(gen.tokens.size()), gen.promptLength);
    EXPECT_EQ(gen.rows.size(), gen.tokens.size());
    EXPECT_TRUE(gen.stopReason.contains(QStringLiteral("ended the text"))) << gen.stopReason.toStdString();

    // Instruction-tuned folders list several end-of-text ids, in generation_config.json too.
    editGenerateConfig(dir, QStringLiteral("eos_token_id"), 50256);
    EXPECT_EQ(int(hf::HfGenerator(dir).generate(QStringLiteral("Once upon a time"), greedy(3)).tokens.size()),
              first.promptLength + 3);
    writeDecoderJson(dir + "/generation_config.json", QJsonObject{{"eos_token_id", QJsonArray{50256, next}}});
    const Generation listed = hf::HfGenerator(dir).generate(QStringLiteral("Once upon a time"), greedy(3));
    EXPECT_EQ(int(listed.tokens.size()), listed.promptLength);
}

TEST_F(HfGenerateGpt2, StopsWhenTheContextIsFull)
{
    const QString dir = writeGenerateFolder(m_dir.path() + "/gpt2", "gpt2", 16);
    editGenerateConfig(dir, QStringLiteral("eos_token_id"), QJsonValue()); // nothing ends the text early
    const Generation gen = hf::HfGenerator(dir).generate(QStringLiteral("Once upon a time"), greedy(100));
    EXPECT_EQ(gen.tokens.size(), 16u);
    EXPECT_EQ(gen.rows.size(), 16u);
    EXPECT_EQ(gen.stopReason.toStdString(), "the model's context of 16 tokens is full");
}

TEST_F(HfGenerateGpt2, APromptLongerThanTheContextNamesBothNumbers)
{
    const hf::HfGenerator model(writeGenerateFolder(m_dir.path() + "/gpt2", "gpt2", 16));
    const QString prompt = QStringLiteral("one two three four five six seven eight nine ten eleven twelve thirteen "
                                          "fourteen fifteen sixteen seventeen");
    const int tokens = int(model.promptIds(prompt).size());
    ASSERT_GT(tokens, 16);
    EXPECT_EQ(errorOf([&] { model.generate(prompt, greedy(4)); }),
              "the prompt has " + std::to_string(tokens) + " tokens; gpt2 reads at most 16");
}

TEST_F(HfGenerateGpt2, RefusesNegativeStepsAndBadTemperatures)
{
    const hf::HfGenerator model(writeGenerateFolder(m_dir.path() + "/gpt2", "gpt2"));
    EXPECT_EQ(errorOf([&] { model.generate(QStringLiteral("Once"), greedy(-1)); }),
              "the number of steps must be 0 or more");
    for (const float t : {-1.0f, std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity()}) {
        GenerationOptions o = greedy(2);
        o.temperature = t;
        EXPECT_EQ(errorOf([&] { model.generate(QStringLiteral("Once"), o); }),
                  "the temperature must be a finite number, 0 or more")
            << t;
    }
}

TEST_F(HfGenerateGpt2, ProgressCanStopGeneration)
{
    const hf::HfGenerator model(writeGenerateFolder(m_dir.path() + "/gpt2", "gpt2"));
    GenerationOptions o = greedy(10);
    editGenerateConfig(m_dir.path() + "/gpt2", QStringLiteral("eos_token_id"), QJsonValue());
    o.progress = [](int done, int) { return done < 3; };
    const hf::HfGenerator noEos(m_dir.path() + "/gpt2");
    const Generation gen = noEos.generate(QStringLiteral("Once upon a time"), o);
    EXPECT_TRUE(gen.cancelled);
    EXPECT_EQ(int(gen.tokens.size()), gen.promptLength + 3);
    EXPECT_EQ(gen.rows.size(), gen.tokens.size());
}

TEST_F(HfGenerateGpt2, OpensDecodersAndRefusesOtherFolders)
{
    const QString gpt2 = writeGenerateFolder(m_dir.path() + "/gpt2", "gpt2");
    EXPECT_TRUE(isGenerativeModelPath(gpt2));
    EXPECT_TRUE(isGenerativeModelPath(gpt2 + "/config.json"));
    const auto model = openGenerativeModel(gpt2 + "/config.json");
    EXPECT_EQ(model->name().toStdString(), "gpt2");
    EXPECT_EQ(model->architecture().toStdString(), "gpt2");
    EXPECT_EQ(model->shape().vocabSize, 50257);
    EXPECT_EQ(model->shape().context, 64);
    EXPECT_EQ(model->shape().tokenizer.toStdString(), "vocab.json");

    const QString bert = writeBertConfigFolder(m_dir.path() + "/bert");
    EXPECT_FALSE(isGenerativeModelPath(bert));
    EXPECT_EQ(errorOf([&] { openGenerativeModel(bert); }),
              "generation needs a decoder (gpt2, llama, mistral, qwen2); " + bert.toStdString() + " is a bert model");
    EXPECT_EQ(errorOf([&] { hf::HfGenerator{bert}; }),
              "generation needs a decoder (gpt2, llama, mistral, qwen2); " + bert.toStdString() + " is a bert model");

    const QString own = m_dir.path() + "/coref";
    QDir().mkpath(own);
    writeDecoderJson(own + "/config.json", QJsonObject{{"architecture", "transformer"}});
    EXPECT_EQ(errorOf([&] { openGenerativeModel(own); }), "generation needs a decoder (gpt2, llama, mistral, qwen2); " +
                                                              own.toStdString() + " is a transformer model");
    EXPECT_EQ(errorOf([&] { openGenerativeModel(m_dir.path() + "/nothing"); }),
              m_dir.path().toStdString() + "/nothing: no such model file or folder");
}
