// stories260K end to end: the upstream reference continuation, causal attention rows, and the pronoun heads.
#include "core/attentionanalysis.h"
#include "engine/llama2/llama2model.h"
#include "engine/textmodel.h"
#include "llama2testfiles.h"

#include <QFileInfo>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <gtest/gtest.h>
#include <limits>

using namespace attn;
using namespace attn::test;

namespace {

// PROVENANCE.md: greedy decoding from BOS + "Once upon a time" with the upstream C reference.
const char* const kReference =
    "Once upon a time, there was a little girl named Lily. She loved to play outside in the park. "
    "One day, she saw a big, red ball. She wanted to play with it, but it was too high";

class Llama2Generation : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_path = tinyStoriesFile("stories260K.bin");
        ASSERT_TRUE(QFileInfo::exists(m_path) && QFileInfo::exists(tinyStoriesFile("tok512.bin")))
            << "TinyStories data not found beside " << m_path.toStdString()
            << " (scripts/setup.sh says where it comes from)";
        m_model = std::make_unique<Llama2Model>(m_path, QString()); // finds tok512.bin beside it
    }

    QString m_path;
    std::unique_ptr<Llama2Model> m_model;
};

// Every row of a causal map: finite, non-negative, zero above the diagonal, summing to 1.
void expectCausalRows(const AttentionBlock& block)
{
    ASSERT_EQ(block.queries, block.keys);
    double worst = 0.0;
    for (int l = 0; l < block.layers; ++l) {
        for (int h = 0; h < block.heads; ++h) {
            for (int q = 0; q < block.queries; ++q) {
                double sum = 0.0;
                for (int k = 0; k < block.keys; ++k) {
                    const float w = block.at(l, h, q, k);
                    ASSERT_TRUE(std::isfinite(w) && w >= 0.0f);
                    if (k > q) {
                        ASSERT_EQ(w, 0.0f) << "layer " << l << " head " << h << " query " << q << " key " << k;
                    }
                    sum += w;
                }
                worst = std::max(worst, std::abs(sum - 1.0));
            }
        }
    }
    EXPECT_LT(worst, 1e-5);
}

} // namespace

TEST_F(Llama2Generation, GreedyDecodingReproducesTheUpstreamReference)
{
    // Upstream's `run -t 0 -n 60` runs 60 positions after BOS: the 4 prompt tokens, then 56 new ones.
    GenerationOptions options;
    options.steps = 56;
    const Generation gen = m_model->generate(QStringLiteral("Once upon a time"), options);
    EXPECT_EQ(gen.promptLength, 5); // BOS, " Once", " upon", " a", " time"
    EXPECT_EQ(int(gen.tokens.size()), 61);
    EXPECT_TRUE(gen.stopReason.isEmpty()) << gen.stopReason.toStdString();
    EXPECT_EQ(gen.text.toStdString(), kReference);
    EXPECT_EQ(gen.pieces.join(QString()), gen.text);

    // 60 new tokens continue the same text.
    options.steps = 60;
    const Generation longer = m_model->generate(QStringLiteral("Once upon a time"), options);
    EXPECT_EQ(int(longer.tokens.size()), 65);
    EXPECT_EQ(longer.text.left(int(std::strlen(kReference))).toStdString(), kReference);
    EXPECT_EQ(std::vector<int>(longer.tokens.begin(), longer.tokens.begin() + 61), gen.tokens);
}

TEST_F(Llama2Generation, EveryAttentionRowIsCausalAndSumsToOne)
{
    GenerationOptions options;
    options.steps = 60;
    const Generation gen = m_model->generate(QStringLiteral("Once upon a time"), options);
    const AttentionSet set = gen.toAttentionSet(m_model->name());
    const AttentionBlock* block = set.block(QStringLiteral("decoder_self"));
    ASSERT_NE(block, nullptr);
    EXPECT_EQ(block->layers, 5);
    EXPECT_EQ(block->heads, 8); // 4 key/value heads expanded to the 8 query heads
    EXPECT_EQ(block->queries, 65);
    EXPECT_NO_THROW(set.validate());
    expectCausalRows(*block);
    // Query heads that share a key/value head still attend differently (their queries differ).
    double diff = 0.0;
    for (int k = 0; k < block->keys; ++k) {
        diff += std::abs(block->at(4, 0, 64, k) - block->at(4, 1, 64, k));
    }
    EXPECT_GT(diff, 1e-3);
}

TEST_F(Llama2Generation, AttendThroughTheRegistryGivesDecoderSelf)
{
    auto model = openTextModel(m_path);
    EXPECT_EQ(model->name().toStdString(), "stories260K");
    const AttentionSet set = model->attend(QStringLiteral("Once upon a time"));
    EXPECT_EQ(set.sourceTokens, set.targetTokens);
    EXPECT_EQ(set.sourceTokens.join(QLatin1Char('|')).toStdString(), "<s>| Once| upon| a| time");
    ASSERT_EQ(set.blocks.size(), 1u);
    EXPECT_EQ(set.blocks[0].name.toStdString(), "decoder_self");
    expectCausalRows(set.blocks[0]);
    // Attention of a prefix does not depend on what follows it (causality), to float precision.
    const AttentionSet longer = model->attend(QStringLiteral("Once upon a time, there"));
    for (int q = 0; q < 5; ++q) {
        for (int k = 0; k <= q; ++k) {
            EXPECT_NEAR(longer.blocks[0].at(2, 3, q, k), set.blocks[0].at(2, 3, q, k), 1e-6);
        }
    }
    EXPECT_THROW(model->attend(QStringLiteral("  ")), ModelError);
    // Characters outside the vocabulary become byte tokens, and the run says so.
    const AttentionSet snowman = model->attend(QStringLiteral("a snowman \u2603"));
    EXPECT_EQ(snowman.targetTokens.mid(snowman.targetTokens.size() - 3).join(QLatin1Char('|')).toStdString(),
              "<0xE2>|<0x98>|<0x83>");
    ASSERT_EQ(snowman.notices.size(), 1);
    EXPECT_TRUE(snowman.notices[0].startsWith(QStringLiteral("3 byte(s)"))) << snowman.notices[0].toStdString();
    // Longer than the context: a clear message, before any quadratic work on a huge text.
    try {
        model->attend(QStringLiteral("Lily ran. ").repeated(100000));
        FAIL() << "no error";
    } catch (const ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("context of 512 tokens"), std::string::npos) << e.what();
    }
    try {
        model->attend(QStringLiteral("Lily ran. ").repeated(300)); // 3000 bytes, yet more than 512 tokens
        FAIL() << "no error";
    } catch (const ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("reads at most 512"), std::string::npos) << e.what();
    }
}

TEST_F(Llama2Generation, RefusesNegativeStepsAndBadTemperatures)
{
    const auto message = [this](const GenerationOptions& options) -> std::string {
        try {
            m_model->generate(QStringLiteral("Once"), options);
        } catch (const ModelError& e) {
            return e.what();
        }
        return "(no error)";
    };
    GenerationOptions options;
    options.steps = -1;
    EXPECT_EQ(message(options), "the number of steps must be 0 or more");
    options.steps = 2;
    for (const float t : {-1.0f, std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity()}) {
        options.temperature = t;
        EXPECT_EQ(message(options), "the temperature must be a finite number, 0 or more") << t;
    }
}

TEST_F(Llama2Generation, SamplingIsSeededAndStopsAtTheContext)
{
    GenerationOptions options;
    options.steps = 40;
    options.temperature = 1.0f;
    options.seed = 42;
    const Generation a = m_model->generate(QStringLiteral("Once upon a time"), options);
    const Generation b = m_model->generate(QStringLiteral("Once upon a time"), options);
    EXPECT_EQ(a.tokens, b.tokens);
    options.seed = 43;
    const Generation c = m_model->generate(QStringLiteral("Once upon a time"), options);
    EXPECT_NE(a.tokens, c.tokens);

    options.temperature = 0.0f;
    options.steps = 600;
    options.captureAttention = false;
    const Generation full = m_model->generate(QStringLiteral("Once upon a time"), options);
    EXPECT_LE(int(full.tokens.size()), 512);
    EXPECT_FALSE(full.stopReason.isEmpty());
    EXPECT_TRUE(full.rows.empty());

    int calls = 0;
    options.steps = 50;
    options.progress = [&calls](int done, int) {
        ++calls;
        return done < 10;
    };
    const Generation cancelled = m_model->generate(QStringLiteral("Once upon a time"), options);
    EXPECT_TRUE(cancelled.cancelled);
    EXPECT_EQ(int(cancelled.tokens.size()), cancelled.promptLength + 10);
    EXPECT_EQ(calls, 10);
}

// The pronoun example: which heads send "She" back to "Lily"? Reported, and at least one must clearly do so.
TEST_F(Llama2Generation, FindsHeadsFromSheToLily)
{
    const AttentionSet set =
        m_model->attend(QStringLiteral("Once upon a time, there was a little girl named Lily. She"));
    const AttentionBlock& block = set.blocks.at(0);
    const int she = int(set.targetTokens.size()) - 1;
    const int lily = int(set.targetTokens.indexOf(QStringLiteral(" Lily")));
    ASSERT_EQ(set.targetTokens.at(she).toStdString(), " She");
    ASSERT_GT(lily, 0);
    const float threshold = 0.3f;
    const float uniform = 1.0f / float(she + 1);
    int found = 0;
    float best = 0.0f;
    for (int l = 0; l < block.layers; ++l) {
        for (int h = 0; h < block.heads; ++h) {
            const float w = block.at(l, h, she, lily);
            best = std::max(best, w);
            if (w > threshold) {
                ++found;
                std::printf("  head found: layer %d head %d (1-based, as the GUI) sends \"She\" to \"Lily\" with %.3f "
                            "(uniform %.3f)\n",
                            l + 1, h + 1, double(w), double(uniform));
            }
        }
    }
    std::printf("  %d of %d heads above %.2f; strongest %.3f\n", found, block.layers * block.heads, double(threshold),
                double(best));
    EXPECT_GE(found, 1);

    // The GUI's head search (core findHeads) finds the same heads from the token texts.
    const auto matches =
        findHeads(set, QStringLiteral("decoder_self"), QStringLiteral("She"), QStringLiteral("Lily"), threshold);
    EXPECT_EQ(int(matches.size()), found);
    for (const auto& m : matches) {
        EXPECT_GE(block.at(m.layer, m.head, she, lily), threshold);
    }
}
