// The fast path of models/coref-en-fr (Eigen, incremental decoder with cached keys and values) against the
// reference path (LibTorch, the whole prefix recomputed at every step): the same tokens and every attention map
// (encoder self, decoder self, cross; all layers and heads) within 1e-5, on held-out sentences.
#include "engine/corpus/encorpus.h"
#include "engine/corpus/vocabulary.h"
#include "engine/modelregistry.h"
#include "engine/torchscoring.h"
#include "engine/transformer/corefmodel.h"
#include "engine/transformer/transformer_torch.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <cmath>
#include <cstdio>
#include <gtest/gtest.h>
#include <limits>
#include <torch/torch.h>

using namespace attn;

namespace {

const QString kModelDir = QDir(QStringLiteral(ATTN_MODELS_DIR)).filePath(QStringLiteral("coref-en-fr"));
constexpr std::uint64_t kHeldOutSeed = 31337; // neither training (2) nor its evaluation seeds (1002, 2002)
constexpr double kTolerance = 1e-5;
constexpr double kMismatch = std::numeric_limits<double>::infinity();

CorefModel& model()
{
    static std::unique_ptr<TextModel> m = [] {
        setEngineThreads(1);
        return openTextModel(kModelDir);
    }();
    return dynamic_cast<CorefModel&>(*m);
}

// Largest |a - b|, infinite when the sizes differ.
double maxDifference(const std::vector<float>& a, const std::vector<float>& b)
{
    if (a.size() != b.size()) {
        return kMismatch;
    }
    double worst = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        worst = std::max(worst, double(std::abs(a[i] - b[i])));
    }
    return worst;
}

// The same, for blocks: infinite when their names, sizes or labels differ.
double maxDifference(const AttentionBlock& a, const AttentionBlock& b)
{
    if (a.name != b.name || a.layers != b.layers || a.heads != b.heads || a.queryLabels != b.queryLabels ||
        a.keyLabels != b.keyLabels) {
        return kMismatch;
    }
    return maxDifference(a.weights, b.weights);
}

struct Runs
{
    AttentionSet fast, reference;
};

Runs attendBothWays(const QString& text)
{
    Runs r;
    model().setPath(CorefModel::Path::Reference);
    r.reference = model().attend(text);
    model().setPath(CorefModel::Path::Fast);
    r.fast = model().attend(text);
    return r;
}

std::vector<std::string> heldOutTexts()
{
    std::vector<std::string> texts;
    CorpusOptions o;
    o.seed = kHeldOutSeed;
    EnFrCorpus corpus(o);
    for (const Split split : {Split::Test, Split::Valid}) {
        for (const auto& p : corpus.generate(split, split == Split::Test ? 300 : 100, /*unique=*/true)) {
            texts.push_back(p.sourceText());
        }
    }
    // unknown words, no final '.', capitals: the paths must agree on <unk> too
    texts.insert(texts.end(), {"The animal didn't cross the street because it was too tired.",
                               "The animal didn't cross the street because it was too wide.",
                               "The zebra didn't cross the street because it was too tired.", "the dog sees the cat",
                               "The european economic area supports the central bank."});
    return texts;
}

// The loaded weights as a LibTorch module, as CorefModel builds it.
Seq2SeqTransformer loadModule()
{
    QFile f(QDir(kModelDir).filePath("config.json"));
    EXPECT_TRUE(f.open(QIODevice::ReadOnly));
    TransformerConfig config = TransformerConfig::fromJson(QJsonDocument::fromJson(f.readAll()).object(), f.fileName());
    config.dropout = 0.0;
    Seq2SeqTransformer module(config);
    loadTransformer(module, QDir(kModelDir).filePath("model.safetensors").toStdString());
    module->eval();
    return module;
}

std::vector<std::int64_t> canonicalIds()
{
    const Vocabulary v = Vocabulary::load(QDir(kModelDir).filePath("source.vocab").toStdString());
    return v.encode(EnFrCorpus::canonical("tired").source);
}

// Largest difference over all three maps; infinite when the tokens differ.
double maxDifference(const CapturedTranslation& a, const CapturedTranslation& b)
{
    if (a.ids != b.ids) {
        return kMismatch;
    }
    return std::max({maxDifference(a.encoderSelf, b.encoderSelf), maxDifference(a.decoderSelf, b.decoderSelf),
                     maxDifference(a.cross, b.cross)});
}

} // namespace

TEST(CorefIncremental, MatchesTheReferenceOnHeldOutSentences)
{
    double worst = 0.0;
    int sentences = 0, maps = 0;
    for (const auto& text : heldOutTexts()) {
        const Runs r = attendBothWays(QString::fromStdString(text));
        ASSERT_EQ(r.fast.targetTokens, r.reference.targetTokens) << text;
        ASSERT_EQ(r.fast.sourceTokens, r.reference.sourceTokens) << text;
        ASSERT_EQ(r.fast.notices, r.reference.notices) << text;
        ASSERT_EQ(r.fast.blocks.size(), 3u) << text;
        ASSERT_EQ(r.fast.blocks.size(), r.reference.blocks.size()) << text;
        for (std::size_t b = 0; b < r.fast.blocks.size(); ++b) {
            const AttentionBlock& fast = r.fast.blocks[b];
            const double diff = maxDifference(fast, r.reference.blocks[b]);
            EXPECT_LE(diff, kTolerance) << text << ": " << fast.name.toStdString();
            EXPECT_LE(fast.maxRowSumError(), kTolerance) << text << ": " << fast.name.toStdString();
            EXPECT_NO_THROW(fast.validate(kTolerance)) << text;
            worst = std::max(worst, diff);
            maps += fast.layers * fast.heads;
        }
        ++sentences;
    }
    std::printf("fast path = reference on %d sentences (%d maps): same tokens, largest map difference %.2g\n",
                sentences, maps, worst);
    EXPECT_GE(sentences, 400);
}

TEST(CorefIncremental, MatchesAtTheLengthLimitAndWithPadding)
{
    Seq2SeqTransformer module = loadModule();
    const EigenTransformer fast = toEigen(module);
    auto padded = canonicalIds();
    padded.insert(padded.end(), {Vocabulary::kPad, Vocabulary::kPad}); // padding keys must get zero weight
    for (const auto& src : {canonicalIds(), padded}) {
        const std::size_t full = fast.greedy(src, 64).ids.size();
        ASSERT_GT(full, 4u);
        for (const int maxLength : {1, 4, 64}) {
            const CapturedTranslation reference = translateWithMaps(module, src, /*beamSize=*/1, maxLength);
            const CapturedTranslation got = fast.greedy(src, maxLength);
            EXPECT_LE(maxDifference(got, reference), kTolerance) << "maxLength " << maxLength << ", S " << src.size();
            EXPECT_EQ(got.ids.size(), std::min(std::size_t(maxLength), full)) << maxLength;
            if (src.size() > canonicalIds().size()) {
                for (std::size_t i = 0; i < got.cross.size(); i += src.size()) {
                    EXPECT_EQ(got.cross[i + src.size() - 1], 0.0f); // the last key is padding
                }
            }
            EXPECT_EQ(fast.greedy(src, maxLength, /*withMaps=*/false).ids, got.ids);
        }
    }
}

TEST(CorefIncremental, TheComparisonCatchesADifferentWeight)
{
    // The parity test could pass vacuously if the comparison were blind: one decoder bias moved by 1e-3 must
    // show, and so must a single map cell moved by twice the tolerance.
    Seq2SeqTransformer module = loadModule();
    const auto src = canonicalIds();
    const CapturedTranslation reference = translateWithMaps(module, src, 1, 64);
    {
        const torch::NoGradGuard noGrad;
        module->named_parameters()["decoder.0.self_attn.in_proj_bias"][0].add_(1e-3);
    }
    const CapturedTranslation perturbed = toEigen(module).greedy(src, 64);
    EXPECT_GT(maxDifference(perturbed, reference), kTolerance);

    CapturedTranslation moved = reference;
    moved.cross[moved.cross.size() / 2] += float(2 * kTolerance);
    EXPECT_GT(maxDifference(moved, reference), kTolerance);
    moved = reference;
    moved.ids.back() += 1;
    EXPECT_GT(maxDifference(moved, reference), kTolerance);
}
