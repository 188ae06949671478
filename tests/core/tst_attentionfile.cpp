#include "attentionfilewriter.h"

#include "core/arrayattention.h"
#include "core/attentionfile.h"
#include "core/attentionjson.h"

#include <QDir>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace attn;
using namespace attn::testfiles;

namespace {

const QString kFixtures = QStringLiteral(ATTN_FIXTURES_DIR "/attention/");

std::shared_ptr<const AttentionSource> fromBytes(const QByteArray& bytes, const AttentionTokens& tokens = {},
                                                 std::uint64_t maxInflate = std::uint64_t(1) << 30)
{
    return openAttentionStore(std::make_shared<BufferStore>(bytes), QStringLiteral("test.bin"), tokens, maxInflate);
}

// The message of the exception opening (or, with readHead, reading every head of) bytes throws.
std::string errorOf(const QByteArray& bytes, const AttentionTokens& tokens = {}, bool readHeads = false)
{
    try {
        auto source = fromBytes(bytes, tokens);
        if (readHeads)
            for (int b = 0; b < source->blockCount(); ++b)
                for (int l = 0; l < source->blockInfo(b).layers; ++l)
                    for (int h = 0; h < source->blockInfo(b).heads; ++h)
                        source->head(b, l, h);
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "no error";
}

AttentionTokens words(int n)
{
    QStringList list;
    for (int i = 0; i < n; ++i)
        list << QStringLiteral("w%1").arg(i);
    AttentionTokens t;
    t.tokens = list;
    t.hasTokens = true;
    t.origin = QStringLiteral("words.txt");
    return t;
}

} // namespace

TEST(AttentionFile, NumpyWrittenNpyWithTokensBeside)
{
    auto source = openAttentionFile(kFixtures + "gpt.npy");
    ASSERT_EQ(source->blockCount(), 1);
    const AttentionBlockInfo& info = source->blockInfo(0);
    EXPECT_EQ(info.name, "attention");
    EXPECT_EQ(info.layers, 2);
    EXPECT_EQ(info.heads, 3);
    EXPECT_EQ(info.queries, 7);
    EXPECT_EQ(info.queryLabels, QStringList({"the", "cat", "sat", "on", "the", "mat", "."}));
    EXPECT_EQ(info.keyLabels, info.queryLabels);
    const Eigen::MatrixXf m = source->head(0, 1, 2);
    for (int q = 0; q < 7; ++q)
        EXPECT_NEAR(m.row(q).sum(), 1.0, 1e-5);
    EXPECT_TRUE(source->notices().isEmpty());
}

TEST(AttentionFile, Float16HeadWithJsonTokens)
{
    auto source = openAttentionFile(kFixtures + "head16.npy");
    const AttentionBlockInfo& info = source->blockInfo(0);
    EXPECT_EQ(info.layers, 1);
    EXPECT_EQ(info.heads, 1);
    EXPECT_EQ(info.queryLabels.at(1), "cat");
    EXPECT_NEAR(source->head(0, 0, 0).row(3).sum(), 1.0, 1e-2);
}

TEST(AttentionFile, NpzStoredAndDeflatedGiveTheSameHeads)
{
    auto stored = openAttentionFile(kFixtures + "seq2seq.npz");
    auto deflated = openAttentionFile(kFixtures + "seq2seq_compressed.npz");
    ASSERT_EQ(stored->blockNames(), QStringList({"encoder_self", "decoder_self", "cross"}));
    ASSERT_EQ(deflated->blockNames(), stored->blockNames());
    const AttentionBlockInfo& cross = stored->blockInfo(2);
    EXPECT_EQ(cross.queries, 6);
    EXPECT_EQ(cross.keys, 5);
    EXPECT_EQ(cross.queryLabels.at(2), QString::fromUtf8("était"));
    EXPECT_EQ(cross.keyLabels.at(1), "dog");
    EXPECT_EQ(stored->blockInfo(0).queryLabels.at(3), "tired");
    for (int b = 0; b < 3; ++b)
        for (int l = 0; l < 2; ++l)
            for (int h = 0; h < 2; ++h)
                EXPECT_EQ(stored->head(b, l, h), deflated->head(b, l, h));
}

TEST(AttentionFile, ShapesAndValuesOfWrittenArrays)
{
    const int T = 9;
    const auto values = softmaxRows(std::size_t(2) * 3 * T * T, T, 1);
    for (const auto& shape : {std::vector<std::int64_t>{2, 3, T, T}, std::vector<std::int64_t>{6, T, T}}) {
        auto source = fromBytes(npyBytes(shape, values), words(T));
        const AttentionBlockInfo& info = source->blockInfo(0);
        EXPECT_EQ(info.layers * info.heads, 6);
        const Eigen::MatrixXf m = source->head(0, info.layers - 1, info.heads - 1);
        EXPECT_FLOAT_EQ(m(4, 7), values[(std::size_t(5) * T + 4) * T + 7]);
    }
    auto single = fromBytes(npyBytes({T, T}, std::vector<float>(values.begin(), values.begin() + T * T), true), words(T));
    EXPECT_NEAR(single->head(0, 0, 0)(2, 3), values[2 * T + 3], 1e-3);
}

TEST(AttentionFile, PooledStreamingMatchesPoolingTheHead)
{
    const int Q = 37, K = 37;
    const auto values = softmaxRows(std::size_t(2) * Q * K, K, 2);
    auto source = fromBytes(npyBytes({2, Q, K}, values), words(Q));
    for (PoolMode mode : {PoolMode::Max, PoolMode::Mean}) {
        for (int side : {4, 10, 36, 40}) {
            const Eigen::MatrixXf expected = poolMatrix(source->head(0, 0, 1), side, mode);
            const Eigen::MatrixXf got = source->pooled(0, 0, 1, side, mode);
            ASSERT_EQ(got.rows(), expected.rows());
            ASSERT_EQ(got.cols(), expected.cols());
            EXPECT_TRUE(got.isApprox(expected, 1e-5f)) << "side " << side;
        }
    }
}

TEST(AttentionFile, SafeTensorsWithTokensInMetadata)
{
    const auto enc = softmaxRows(std::size_t(2) * 4 * 4, 4, 3);
    const auto cross = softmaxRows(std::size_t(2) * 3 * 4, 4, 4);
    const QByteArray bytes =
        safetensorsBytes({{"encoder_self", "F32", {2, 4, 4}, enc}, {"cross", "F16", {2, 3, 4}, cross}},
                         QJsonObject{{"source_tokens", tokensJson({"a", "b", "c", "d"})},
                                     {"target_tokens", tokensJson({"x", "y", "z"})}, {"format", "pt"}});
    auto source = fromBytes(bytes);
    ASSERT_EQ(source->blockNames(), QStringList({"encoder_self", "cross"}));
    EXPECT_EQ(source->blockInfo(1).queryLabels, QStringList({"x", "y", "z"}));
    EXPECT_EQ(source->blockInfo(1).keyLabels, QStringList({"a", "b", "c", "d"}));
    EXPECT_EQ(source->blockInfo(0).heads, 2);
    EXPECT_FLOAT_EQ(source->head(0, 0, 1)(2, 3), enc[(4 + 2) * 4 + 3]);
}

TEST(AttentionFile, AttentionJsonOpens)
{
    AttentionSet set;
    set.modelName = "m";
    set.sourceTokens = {"a", "b"};
    AttentionBlock b("encoder_self", 1, 1, set.sourceTokens, set.sourceTokens);
    b.weights = {0.25f, 0.75f, 1.f, 0.f};
    set.blocks = {b};
    const QByteArray json = QJsonDocument(attentionSetToJson(set)).toJson();
    auto source = fromBytes(json);
    EXPECT_FLOAT_EQ(source->head(0, 0, 0)(0, 1), 0.75f);
    b.weights[0] = 0.5f;
    set.blocks = {b};
    EXPECT_NE(errorOf(QJsonDocument(attentionSetToJson(set)).toJson()).find("sum"), std::string::npos);
}

TEST(AttentionFile, TokensFilesAndNamingRule)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const auto values = softmaxRows(std::size_t(3) * 3, 3, 5);
    const QString npy = dir.filePath("run.npy");
    ASSERT_TRUE(writeBytes(npy, npyBytes({3, 3}, values)));
    // No tokens: positions and a notice.
    auto bare = openAttentionFile(npy);
    EXPECT_EQ(bare->blockInfo(0).queryLabels, QStringList({"0", "1", "2"}));
    ASSERT_EQ(bare->notices().size(), 1);
    // tokens.txt in the folder, with CRLF.
    ASSERT_TRUE(writeBytes(dir.filePath("tokens.txt"), "x\r\ny\r\nz\r\n"));
    EXPECT_EQ(openAttentionFile(npy)->blockInfo(0).queryLabels, QStringList({"x", "y", "z"}));
    // NAME.tokens.json wins over tokens.txt.
    ASSERT_TRUE(writeBytes(dir.filePath("run.tokens.json"), R"({"tokens": ["p", "q", " r"]})"));
    EXPECT_EQ(findTokensFile(npy), dir.filePath("run.tokens.json"));
    EXPECT_EQ(openAttentionFile(npy)->blockInfo(0).queryLabels, QStringList({"p", "q", " r"}));
    // An explicit file wins over both.
    ASSERT_TRUE(writeBytes(dir.filePath("other.txt"), "1\n2\n3"));
    EXPECT_EQ(openAttentionFile(npy, dir.filePath("other.txt"))->blockInfo(0).queryLabels,
              QStringList({"1", "2", "3"}));
    // Bad tokens files.
    ASSERT_TRUE(writeBytes(dir.filePath("bad.json"), "[\"a\", 3]"));
    EXPECT_THROW(openAttentionFile(npy, dir.filePath("bad.json")), std::runtime_error);
    EXPECT_THROW(openAttentionFile(npy, dir.filePath("missing.txt")), std::runtime_error);
}

TEST(AttentionFile, ExplicitTokensOverrideAnArchive)
{
    const auto values = softmaxRows(std::size_t(3) * 3, 3, 6);
    const QByteArray npz = npzBytes({{"attention", npyBytes({3, 3}, values)}, {"tokens", npyStrings({"a", "b", "c"})}});
    EXPECT_EQ(fromBytes(npz)->blockInfo(0).queryLabels, QStringList({"a", "b", "c"}));
    AttentionTokens beside = words(3);
    EXPECT_EQ(fromBytes(npz, beside)->blockInfo(0).queryLabels, QStringList({"a", "b", "c"}));
    beside.explicitFile = true;
    EXPECT_EQ(fromBytes(npz, beside)->blockInfo(0).queryLabels, QStringList({"w0", "w1", "w2"}));
}

TEST(AttentionFile, ReadingAHeadTwiceAfterReleasingItsPages)
{
    QTemporaryDir dir;
    const int T = 1024; // 4 MB a head: whole pages are given back after each read
    const auto values = softmaxRows(std::size_t(2) * T * T, T, 7);
    const QString path = dir.filePath("big.npy");
    ASSERT_TRUE(writeBytes(path, npyBytes({2, T, T}, values)));
    auto source = openAttentionFile(path);
    const Eigen::MatrixXf first = source->head(0, 0, 1);
    EXPECT_EQ(source->head(0, 0, 1), first);
    EXPECT_FLOAT_EQ(first(1000, 3), values[(std::size_t(T) + 1000) * T + 3]);
}
