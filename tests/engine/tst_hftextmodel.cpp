// Hugging Face folders as text models (issue 16): a tiny random BERT written here (cli/hftinybert.h) opens
// through openTextModel with its vocab.txt, gives the tokenizer's tokens with [CLS]/[SEP], the network's own
// weights, rows that sum to 1; token ids without a tokenizer; the word view; the memory limit; bad folders.
#include "cli/hftinybert.h"
#include "core/attentionanalysis.h"
#include "core/attentionselection.h"
#include "core/canceltoken.h"
#include "core/wordpieces.h"
#include "engine/hf/hfnetwork.h"
#include "engine/hf/hftextmodel.h"
#include "engine/modelregistry.h"
#include "engine/textmodel.h"
#include "engine/tokenizers/tokenizerloader.h"
#include "errorof.h"
#include "hfencodertestmodel.h"
#include "hfgeneratefolders.h"
#include "hftestmodel.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace attn;
using attn::test::errorOf;

namespace {

struct Folder
{
    QTemporaryDir tmp;
    QString dir;
    explicit Folder(const tinybert::Spec& spec = {})
    {
        dir = tmp.filePath("tiny-bert");
        EXPECT_TRUE(tinybert::write(dir, spec)) << "cannot write " << dir.toStdString();
    }
};

std::string openError(const QString& dir)
{
    return errorOf([&] { openTextModel(dir)->attend("the cat sat ."); });
}

} // namespace

TEST(HfTextModel, AttendGivesTheTokenizersTokensWithClsAndSep)
{
    Folder f;
    auto model = openTextModel(f.dir);
    EXPECT_EQ(model->name(), QString("tiny-bert"));
    EXPECT_EQ(model->architecture(), QString("bert"));
    const AttentionSet set = model->attend("The cat sat on the mat.");
    ASSERT_EQ(set.blocks.size(), 1u);
    const AttentionBlock& b = set.blocks.front();
    EXPECT_EQ(b.name, QString("encoder_self"));
    EXPECT_EQ(b.layers, 2);
    EXPECT_EQ(b.heads, 2);
    EXPECT_EQ(b.queryLabels, (QStringList{"[CLS]", "the", "cat", "sat", "on", "the", "mat", ".", "[SEP]"}));
    EXPECT_EQ(set.sourceTokens, b.queryLabels);
    EXPECT_NO_THROW(set.validate(1e-5));
    EXPECT_LT(b.maxRowSumError(), 1e-5);
    EXPECT_TRUE(set.notices.isEmpty());
    // The special-token filter hides the tokenizer's specials.
    TokenFilter filter;
    filter.specialTokens = true;
    EXPECT_TRUE(filter.hides(b.queryLabels.front()));
    EXPECT_TRUE(filter.hides(b.queryLabels.back()));
}

TEST(HfTextModel, WeightsAreTheNetworksOwnOnTheSameIds)
{
    Folder f;
    auto model = hf::HfTextModel::open(f.dir);
    const hf::HfRun run = model->run("the dog was playing cards");
    const auto tokenizer = tok::loadTokenizer(f.dir);
    EXPECT_EQ(run.ids, tokenizer.encode("the dog was playing cards").ids);
    const auto network = hf::openNetwork(f.dir);
    const hf::ForwardResult direct = network->forward(run.ids, hf::Capture{});
    ASSERT_EQ(direct.attention.size(), run.set.blocks.front().weights.size());
    for (std::size_t i = 0; i < direct.attention.size(); ++i) {
        ASSERT_EQ(direct.attention[i], run.set.blocks.front().weights[i]) << "weight " << i;
    }
    EXPECT_EQ(run.keptLayers, (std::vector<int>{0, 1}));
    EXPECT_EQ(run.modelLayers, 2);
    // Not uniform: the random weights make heads that prefer some keys.
    const AttentionBlock& b = run.set.blocks.front();
    float top = 0;
    for (int k = 0; k < b.keys; ++k) {
        top = std::max(top, b.at(0, 0, 1, k));
    }
    EXPECT_GT(top, 1.5f / b.keys);
}

TEST(HfTextModel, TokenIdsRunWithoutATokenizer)
{
    tinybert::Spec spec;
    spec.tokenizer = false;
    Folder f(spec);
    // Text needs the tokenizer: one line naming the folder and the files looked for.
    const std::string error = openError(f.dir);
    EXPECT_NE(error.find(f.dir.toStdString()), std::string::npos) << error;
    EXPECT_NE(error.find("vocab.txt"), std::string::npos) << error;
    EXPECT_NE(error.find("tokenizer.json"), std::string::npos) << error;
    EXPECT_EQ(error.find('\n'), std::string::npos) << error;

    auto model = hf::HfTextModel::open(f.dir, /*needTokenizer=*/false);
    EXPECT_FALSE(model->hasTokenizer());
    const hf::HfRun run = model->runIds({2, 5, 6, 3});
    EXPECT_EQ(run.set.blocks.front().queryLabels, (QStringList{"2", "5", "6", "3"}));
    EXPECT_NO_THROW(run.set.validate(1e-5));
    try {
        model->runIds({2, 99});
        FAIL() << "an id outside the vocabulary was run";
    } catch (const ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("99"), std::string::npos) << e.what();
    }
    EXPECT_THROW(model->runIds({}), ModelError);
    EXPECT_THROW(model->run("text"), ModelError);

    // A broken tokenizer does not stop ids: they are labelled with their numbers, and a notice says why.
    QFile broken(QDir(f.dir).filePath("tokenizer.json"));
    ASSERT_TRUE(broken.open(QIODevice::WriteOnly));
    broken.write("{");
    broken.close();
    const hf::HfRun despite = hf::HfTextModel::open(f.dir, false)->runIds({2, 3});
    EXPECT_EQ(despite.set.blocks.front().queryLabels, (QStringList{"2", "3"}));
    ASSERT_EQ(despite.set.notices.size(), 1);
    EXPECT_TRUE(despite.set.notices.front().contains("tokenizer.json")) << despite.set.notices.front().toStdString();
    EXPECT_THROW(hf::HfTextModel::open(f.dir, true), ModelError);

    // With a tokenizer the ids are labelled with its tokens, and nothing is added.
    Folder withVocab;
    const hf::HfRun labelled = hf::HfTextModel::open(withVocab.dir, false)->runIds({5, 10, 11});
    EXPECT_EQ(labelled.set.blocks.front().queryLabels, (QStringList{"the", "play", "##ing"}));
}

TEST(HfTextModel, WordViewMergesTheTokenizersPieces)
{
    Folder f;
    const AttentionSet set = openTextModel(f.dir)->attend("Playing unbelievable cards");
    const AttentionBlock& b = set.blocks.front();
    ASSERT_EQ(b.queryLabels,
              (QStringList{"[CLS]", "play", "##ing", "un", "##believ", "##able", "card", "##s", "[SEP]"}));
    ASSERT_TRUE(hasWordPieces(set));
    const AttentionSet words = mergeWordPieces(set);
    const AttentionBlock& w = words.blocks.front();
    EXPECT_EQ(w.queryLabels, (QStringList{"[CLS]", "playing", "unbelievable", "cards", "[SEP]"}));
    EXPECT_NO_THROW(words.validate(1e-5));
    // "unbelievable" (pieces 3..5) to "cards" (pieces 6, 7) in layer 1, head 1: the mean over the query pieces of
    // the sum over the key pieces.
    double expected = 0;
    for (int q = 3; q <= 5; ++q) {
        expected += (b.at(1, 1, q, 6) + b.at(1, 1, q, 7)) / 3.0;
    }
    EXPECT_NEAR(w.at(1, 1, 2, 3), expected, 1e-6);
}

TEST(HfTextModel, CjkCharactersAreTokensOfTheirOwn)
{
    Folder f;
    const AttentionSet set = openTextModel(f.dir)->attend("我爱");
    EXPECT_EQ(set.blocks.front().queryLabels, (QStringList{"[CLS]", "我", "爱", "[SEP]"}));
    EXPECT_FALSE(hasWordPieces(set));
}

TEST(HfTextModel, TextLongerThanMaxPositionsNamesBothNumbers)
{
    Folder f; // max_position_embeddings 24
    QStringList words;
    for (int i = 0; i < 30; ++i) {
        words << "cat";
    }
    try {
        openTextModel(f.dir)->attend(words.join(' '));
        FAIL() << "32 tokens ran in a 24-position model";
    } catch (const ModelError& e) {
        const std::string m = e.what();
        EXPECT_NE(m.find("32"), std::string::npos) << m;
        EXPECT_NE(m.find("24"), std::string::npos) << m;
    }
    // 24 tokens exactly fit.
    words = words.mid(0, 22);
    EXPECT_EQ(openTextModel(f.dir)->attend(words.join(' ')).blocks.front().queries, 24);
}

TEST(HfTextModel, LayersBeyondTheMemoryLimitAreDroppedWithANotice)
{
    Folder f;
    auto model = hf::HfTextModel::open(f.dir);
    const hf::HfRun all = model->run("the cat sat");
    const int t = all.set.blocks.front().queries;
    // Room for one layer: the last one is kept, and the notice says so.
    model->setMemoryLimit(std::int64_t(2) * t * t * 4 + 8);
    const hf::HfRun one = model->run("the cat sat");
    EXPECT_EQ(one.keptLayers, (std::vector<int>{1}));
    ASSERT_EQ(one.set.blocks.front().layers, 1);
    ASSERT_EQ(one.set.notices.size(), 1);
    EXPECT_TRUE(one.set.notices.front().contains("only layer 1 is kept")) << one.set.notices.front().toStdString();
    EXPECT_EQ(one.set.blocks.front().layerNumbers, (std::vector<int>{1})); // the views say "L1", not "L0"
    const auto& a = all.set.blocks.front();
    const auto& o = one.set.blocks.front();
    for (int q = 0; q < t; ++q)
        for (int k = 0; k < t; ++k)
            EXPECT_NEAR(o.at(0, 1, q, k), a.at(1, 1, q, k), 1e-6); // the same layer, computed again
    // Layers asked for are kept whatever the limit.
    model->setLayers({0});
    EXPECT_EQ(model->run("the cat sat").keptLayers, (std::vector<int>{0}));
    model->setLayers({2});
    EXPECT_THROW(model->run("the cat sat"), ModelError);
    // Not even one layer fits: refused, with the numbers.
    model->setLayers({});
    model->setMemoryLimit(16);
    EXPECT_THROW(model->run("the cat sat"), ModelError);
}

TEST(HfTextModel, AnAskedLayerIsKeptWithItsNeighboursUnderTheModelsNumbers)
{
    tinybert::Spec spec;
    spec.layers = 5;
    Folder f(spec);
    auto model = hf::HfTextModel::open(f.dir);
    EXPECT_EQ(model->layerCount(), 5);
    const hf::HfRun all = model->run("the cat sat", 2);
    EXPECT_TRUE(all.set.blocks.front().layerNumbers.empty()); // everything fits: every layer, numbered as it is
    EXPECT_TRUE(all.set.notices.isEmpty());
    const int t = all.set.blocks.front().queries;
    model->setMemoryLimit(std::int64_t(3) * 2 * t * t * 4 + 8); // room for three layers of 2 heads
    const struct
    {
        int focus;
        std::vector<int> kept;
    } cases[] = {{0, {0, 1, 2}}, {2, {1, 2, 3}}, {4, {2, 3, 4}}, {-1, {2, 3, 4}}};
    for (const auto& c : cases) {
        const hf::HfRun run = model->run("the cat sat", c.focus);
        const AttentionBlock& b = run.set.blocks.front();
        EXPECT_EQ(run.keptLayers, c.kept) << "focus " << c.focus;
        EXPECT_EQ(b.layerNumbers, c.kept) << "focus " << c.focus;
        EXPECT_NO_THROW(run.set.validate());
        ASSERT_EQ(run.set.notices.size(), 1);
        const QString notice = run.set.notices.front();
        EXPECT_TRUE(
            notice.contains(QStringLiteral("only layers %1 to %2 are kept").arg(c.kept.front()).arg(c.kept.back())))
            << notice.toStdString();
        EXPECT_EQ(notice.contains(QStringLiteral("around layer %1").arg(c.focus)), c.focus >= 0)
            << notice.toStdString();
        EXPECT_EQ(notice.contains(QStringLiteral("--layers")), c.focus < 0) << notice.toStdString();
        // The selection speaks the model's numbers: the asked layer's map is that layer's, computed again.
        AttentionSelection sel;
        sel.layer = c.kept[1];
        sel.head = 1;
        EXPECT_EQ(describeSelection(run.set, sel),
                  QStringLiteral("encoder self-attention, layer %1, head 1").arg(sel.layer));
        const AttentionMap m = selectedMap(run.set, sel);
        for (int q = 0; q < t; ++q)
            for (int k = 0; k < t; ++k)
                EXPECT_NEAR(m.weights[std::size_t(q * m.keys + k)], all.set.blocks.front().at(sel.layer, 1, q, k),
                            1e-6);
        sel.layer = c.kept.front() == 0 ? 4 : 0;
        EXPECT_THROW(selectedLayer(b, sel), std::invalid_argument) << "layer " << sel.layer << " was not kept";
    }
    EXPECT_THROW(model->run("the cat sat", 5), ModelError); // the model has layers 0 to 4
    // Layers given by number: kept under their numbers, and the notice no longer renumbers them.
    model->setLayers({3, 1});
    const hf::HfRun given = model->run("the cat sat", 0);
    EXPECT_EQ(given.set.blocks.front().layerNumbers, (std::vector<int>{1, 3}));
    ASSERT_EQ(given.set.notices.size(), 1);
    EXPECT_FALSE(given.set.notices.front().contains(QStringLiteral("numbered")))
        << given.set.notices.front().toStdString();
}

TEST(HfTextModel, ACancelledJobStops)
{
    Folder f;
    auto model = openTextModel(f.dir);
    CancelToken token;
    token.cancel();
    CancelScope scope(token);
    EXPECT_THROW(model->attend("the cat sat"), Cancelled);
}

TEST(HfTextModel, BadFoldersSayWhatIsWrongInOneLine)
{
    {
        Folder f;
        QFile config(QDir(f.dir).filePath("config.json"));
        ASSERT_TRUE(config.open(QIODevice::WriteOnly | QIODevice::Truncate));
        config.write(R"({"model_type": "t5", "d_model": 8})");
        config.close();
        const std::string m = openError(f.dir);
        EXPECT_NE(m.find("t5"), std::string::npos) << m;
        EXPECT_NE(m.find("bert"), std::string::npos) << m; // the supported ones are listed
        EXPECT_NE(m.find("qwen2"), std::string::npos) << m;
    }
    {
        tinybert::Spec spec;
        spec.dropTensor = "encoder.layer.1.attention.self.key.weight";
        Folder f(spec);
        const std::string m = openError(f.dir);
        EXPECT_NE(m.find("encoder.layer.1.attention.self.key.weight"), std::string::npos) << m;
    }
    {
        Folder f;
        QFile weights(QDir(f.dir).filePath("model.safetensors"));
        ASSERT_TRUE(weights.resize(weights.size() - 100));
        const std::string m = openError(f.dir);
        EXPECT_NE(m.find("model.safetensors"), std::string::npos) << m;
    }
    {
        tinybert::Spec spec;
        spec.shards = 2;
        Folder f(spec);
        EXPECT_NO_THROW(openTextModel(f.dir)->attend("the cat")); // both shards there
        ASSERT_TRUE(QFile::remove(QDir(f.dir).filePath("model-00002-of-00002.safetensors")));
        const std::string m = openError(f.dir);
        EXPECT_NE(m.find("model-00002-of-00002.safetensors"), std::string::npos) << m;
    }
}

TEST(HfTextModel, ByteLevelLabelsAreReadable)
{
    EXPECT_EQ(hf::tokenLabel("ä½ł", true), QString("你"));
    EXPECT_EQ(hf::tokenLabel("Ġä½ł", true), QString("Ġ你"));
    EXPECT_EQ(hf::tokenLabel("Ã¼", true), QString("ü"));
    EXPECT_EQ(hf::tokenLabel("Ġworld", true), QString("Ġworld"));
    EXPECT_EQ(hf::tokenLabel("ä½", true), QString("<0xE4><0xBD>")); // a character cut between two tokens
    EXPECT_EQ(hf::tokenLabel("Ċ", true), QString("Ċ"));             // white space stays as Hugging Face shows it
    EXPECT_EQ(hf::tokenLabel("ĠĠ", true), QString("ĠĠ"));
    EXPECT_EQ(hf::tokenLabel("##ing", false), QString("##ing"));
    EXPECT_EQ(hf::tokenLabel("▁Hello", false), QString("▁Hello"));
}

TEST(HfTextModel, Gpt2IsCausalWithTheVocabularysTokensAndWords)
{
    const QString missing = test::missingGenerateTokenizers();
    ASSERT_TRUE(missing.isEmpty()) << missing.toStdString();
    QTemporaryDir tmp;
    const QString dir = test::writeGenerateFolder(tmp.filePath("tiny-gpt2"), "gpt2");
    auto model = hf::HfTextModel::open(dir);
    EXPECT_TRUE(model->isDecoder());
    const QString text = QStringLiteral("Hello unbelievable world, 你好 Zürich");
    const hf::HfRun run = model->run(text);
    QStringList raw;
    for (const auto& t : tok::loadTokenizer(dir).encode(text).tokens) {
        raw << t;
    }
    EXPECT_EQ(run.tokens, raw);
    const AttentionBlock& b = run.set.blocks.front();
    EXPECT_EQ(b.name, QString("decoder_self"));
    EXPECT_EQ(b.queryLabels, (QStringList{"Hello", "Ġunbelievable", "Ġworld", ",", "Ġ", "<0xE4><0xBD>", "<0xA0>",
                                          "<0xE5><0xA5>", "<0xBD>", "ĠZ", "ü", "rich"}));
    EXPECT_EQ(run.set.targetTokens, b.queryLabels);
    EXPECT_NO_THROW(run.set.validate(1e-5));
    for (int l = 0; l < b.layers; ++l)
        for (int h = 0; h < b.heads; ++h)
            for (int q = 0; q < b.queries; ++q)
                for (int k = q + 1; k < b.keys; ++k)
                    ASSERT_EQ(b.at(l, h, q, k), 0.0f) << "a later token was attended";
    const AttentionSet words = mergeWordPieces(run.set);
    EXPECT_EQ(words.blocks.front().queryLabels,
              (QStringList{"Hello", "Ġunbelievable", "Ġworld", ",", "Ġ你", "好", "ĠZürich"}));
    EXPECT_NO_THROW(words.validate(1e-5));
}

TEST(HfTextModel, LlamaKeepsSentencePiecesAndItsBos)
{
    const QString missing = test::missingGenerateTokenizers();
    ASSERT_TRUE(missing.isEmpty()) << missing.toStdString();
    QTemporaryDir tmp;
    const QString dir = test::writeGenerateFolder(tmp.filePath("tiny-llama"), "llama");
    const AttentionSet set = openTextModel(dir)->attend("Hello world");
    const AttentionBlock& b = set.blocks.front();
    EXPECT_EQ(b.name, QString("decoder_self"));
    ASSERT_GE(b.queries, 3);
    EXPECT_EQ(b.queryLabels.front(), QString("<s>"));
    EXPECT_TRUE(b.queryLabels.at(1).startsWith(QStringLiteral("▁"))) << b.queryLabels.at(1).toStdString();
    EXPECT_NO_THROW(set.validate(1e-5));
}

TEST(HfTextModel, RobertaAddsItsSpecialsAndLosesTwoPositionsToPadding)
{
    const QString data = QStringLiteral(ATTN_SHARED_DATA_DIR "/tokenizers/roberta-base");
    ASSERT_TRUE(QFileInfo::exists(data + "/vocab.json")) << "missing " << data.toStdString();
    tinybert::Spec spec;
    spec.modelType = "roberta";
    spec.tokenizer = false;
    spec.vocabSize = 50265;
    spec.maxPositions = 12; // positions 2..11: ten tokens
    QTemporaryDir tmp;
    const QString dir = tmp.filePath("tiny-roberta");
    ASSERT_TRUE(tinybert::write(dir, spec));
    ASSERT_TRUE(QFile::link(data + "/vocab.json", dir + "/vocab.json"));
    ASSERT_TRUE(QFile::link(data + "/merges.txt", dir + "/merges.txt"));
    auto model = hf::HfTextModel::open(dir);
    EXPECT_EQ(model->maxTokens(), 10);
    const AttentionSet set = model->attend("Hello unbelievable world");
    EXPECT_EQ(set.blocks.front().name, QString("encoder_self"));
    EXPECT_EQ(set.blocks.front().queryLabels, (QStringList{"<s>", "Hello", "Ġunbelievable", "Ġworld", "</s>"}));
    EXPECT_NO_THROW(set.validate(1e-5));
    EXPECT_EQ(model->run("a a a a a a a a").ids.size(), 10u); // exactly the ten positions
    try {
        model->run("a a a a a a a a a");
        FAIL() << "eleven tokens ran in ten positions";
    } catch (const ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("the text has 11 tokens; tiny-roberta reads at most 10"),
                  std::string::npos)
            << e.what();
    }
}

namespace {

// A tiny random encoder of the kit's writer with a real tokenizer of ../shared/data/tokenizers linked in.
QString encoderWithTokenizer(const QTemporaryDir& tmp, const std::string& modelType, const QString& tokenizer,
                             int vocab)
{
    test::EncoderSpec spec;
    spec.modelType = modelType;
    spec.vocab = vocab;
    spec.maxPositions = 32;
    const QString dir = tmp.filePath(QString::fromStdString("tiny-" + modelType));
    hftest::TestModel model = test::encoderModel(spec, 5);
    model.prefix = modelType + ".";
    model.write(dir);
    const QString data = QStringLiteral(ATTN_SHARED_DATA_DIR "/tokenizers/") + tokenizer;
    for (const QString& file : QDir(data).entryList(QDir::Files)) {
        QFile::link(data + "/" + file, dir + "/" + file);
    }
    return dir;
}

} // namespace

TEST(HfTextModel, DistilBertWithBertBaseUncasedsTokenizer)
{
    ASSERT_TRUE(QFileInfo::exists(ATTN_SHARED_DATA_DIR "/tokenizers/bert-base-uncased/tokenizer.json"));
    QTemporaryDir tmp;
    const QString dir = encoderWithTokenizer(tmp, "distilbert", "bert-base-uncased", 30522);
    const AttentionSet set = openTextModel(dir)->attend("Tokenization helps");
    const QStringList labels = set.blocks.front().queryLabels;
    EXPECT_EQ(labels, (QStringList{"[CLS]", "token", "##ization", "helps", "[SEP]"}));
    EXPECT_NO_THROW(set.validate(1e-5));
    EXPECT_EQ(mergeWordPieces(set).blocks.front().queryLabels,
              (QStringList{"[CLS]", "tokenization", "helps", "[SEP]"}));
}

TEST(HfTextModel, BertBaseChineseGivesOneRowPerCharacter)
{
    ASSERT_TRUE(QFileInfo::exists(ATTN_SHARED_DATA_DIR "/tokenizers/bert-base-chinese/vocab.txt"));
    QTemporaryDir tmp;
    const QString dir = encoderWithTokenizer(tmp, "bert", "bert-base-chinese", 21128);
    const AttentionSet set = openTextModel(dir)->attend("我爱北京天安门");
    EXPECT_EQ(set.blocks.front().queryLabels,
              (QStringList{"[CLS]", "我", "爱", "北", "京", "天", "安", "门", "[SEP]"}));
    EXPECT_FALSE(hasWordPieces(set)); // the word view has nothing to merge: each character is a word
    EXPECT_NO_THROW(set.validate(1e-5));
}

TEST(HfTextModel, TheScoringLabSaysAFolderGivesNoVectors)
{
    Folder f;
    try {
        readModelVectors(f.dir, "the cat");
        FAIL() << "a Hugging Face folder gave vectors";
    } catch (const ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("a Hugging Face folder gives no vectors for the scoring lab"),
                  std::string::npos)
            << e.what();
    }
}
