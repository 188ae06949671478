// Reading llama2.c checkpoints: the real one, and bad files that must give a clear message and bounded memory.
#include "engine/llama2/llama2checkpoint.h"
#include "engine/llama2/llama2model.h"
#include "engine/textmodel.h"
#include "errorof.h"
#include "llama2testfiles.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <climits>
#include <gtest/gtest.h>
#include <random>
#include <sys/resource.h>

using namespace attn;
using namespace attn::test;

namespace {

std::string readError(const QString& path)
{
    return errorOf([&] { Llama2Checkpoint::read(path); });
}

long peakRssKb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

bool contains(const std::string& text, const char* part)
{
    return text.find(part) != std::string::npos;
}

} // namespace

TEST(Llama2Checkpoint, ReadsStories260K)
{
    const QString path = tinyStoriesFile("stories260K.bin");
    ASSERT_TRUE(QFileInfo::exists(path)) << "TinyStories data not found at " << path.toStdString()
                                         << " (scripts/setup.sh says where it comes from)";
    const auto ckpt = Llama2Checkpoint::read(path);
    const Llama2Config& c = ckpt.config();
    EXPECT_EQ(c.dim, 64);
    EXPECT_EQ(c.hiddenDim, 172);
    EXPECT_EQ(c.layers, 5);
    EXPECT_EQ(c.heads, 8);
    EXPECT_EQ(c.kvHeads, 4);
    EXPECT_EQ(c.vocabSize, 512);
    EXPECT_EQ(c.seqLen, 512);
    EXPECT_TRUE(c.sharedClassifier);
    EXPECT_EQ(ckpt.classifier(), ckpt.tokenEmbedding());
    EXPECT_TRUE(Llama2Checkpoint::looksLikeCheckpoint(path));
    // The "260K" of the name, give or take.
    EXPECT_GT(ckpt.parameterCount(), 250000u);
    EXPECT_LT(ckpt.parameterCount(), 270000u);
}

TEST(Llama2Checkpoint, ReadsASeparateClassifier)
{
    QTemporaryDir dir;
    TinyConfig c;
    c.shared = false;
    const QByteArray bytes = tinyCheckpoint(c);
    ASSERT_TRUE(writeBytes(dir.filePath("sep.bin"), bytes));
    const auto ckpt = Llama2Checkpoint::read(dir.filePath("sep.bin"));
    EXPECT_FALSE(ckpt.config().sharedClassifier);
    EXPECT_EQ(ckpt.config().vocabSize, 267);
    // The classifier is the file's last vocab x dim floats.
    const std::size_t last = std::size_t(bytes.size()) - 4;
    float expected;
    std::memcpy(&expected, bytes.constData() + last, 4);
    EXPECT_EQ(ckpt.classifier()[std::size_t(c.vocab) * c.dim - 1], expected);
    EXPECT_NE(ckpt.classifier(), ckpt.tokenEmbedding());
}

TEST(Llama2Checkpoint, RejectsTruncatedFiles)
{
    QTemporaryDir dir;
    const QByteArray good = tinyCheckpoint(TinyConfig{});
    ASSERT_EQ(readError(dir.filePath("missing.bin")).find("cannot open") != std::string::npos, true);
    EXPECT_TRUE(contains(readError(dir.path()), "is a folder")) << readError(dir.path());
    for (const int cut : {0, 5, 27, 28, 100, int(good.size()) / 2, int(good.size()) - 1}) {
        const QString path = dir.filePath(QStringLiteral("cut%1.bin").arg(cut));
        ASSERT_TRUE(writeBytes(path, good.left(cut)));
        const std::string message = readError(path);
        EXPECT_TRUE(contains(message, "truncated") || contains(message, "shorter than the 28-byte header"))
            << "cut at " << cut << ": " << message;
        EXPECT_TRUE(contains(message, QFileInfo(path).fileName().toStdString().c_str())) << message;
    }
    const QString longer = dir.filePath("longer.bin");
    ASSERT_TRUE(writeBytes(longer, good + QByteArray(8, '\0')));
    EXPECT_TRUE(contains(readError(longer), "longer than its header says")) << readError(longer);
}

TEST(Llama2Checkpoint, RejectsRandomBytes)
{
    QTemporaryDir dir;
    std::mt19937 rng(123);
    for (int trial = 0; trial < 20; ++trial) {
        QByteArray bytes(int(rng() % 5000) + 1, '\0');
        for (char& ch : bytes) {
            ch = char(rng() & 0xff);
        }
        const QString path = dir.filePath("random.bin");
        ASSERT_TRUE(writeBytes(path, bytes));
        const std::string message = readError(path);
        EXPECT_TRUE(contains(message, "not a llama2.c checkpoint") || contains(message, "truncated")) << message;
    }
}

TEST(Llama2Checkpoint, RejectsNegativeAndHugeHeaderFieldsWithoutTrustingThem)
{
    QTemporaryDir dir;
    const QByteArray good = tinyCheckpoint(TinyConfig{});
    const long before = peakRssKb();
    struct Case
    {
        int field;
        std::int32_t value;
        const char* expect;
    };
    const Case cases[] = {
        {0, -64, "dim = -64"},
        {1, 0, "hidden_dim = 0"},
        {2, INT_MAX, "n_layers = 2147483647"},
        {3, -1, "n_heads = -1"},
        {5, INT_MIN, "vocab_size = -2147483648"},
        {6, 1 << 30, "seq_len = 1073741824"},
        {3, 3, "not a multiple of n_heads"},
        {4, 2, "not a multiple of n_kv_heads"}, // 2 heads, 2 kv heads is fine; see the next case
        {6, 1 << 20, "needs"},                  // in range, but the tables it implies are not in the file
        {0, 1 << 16, "needs"},
        {1, 1 << 20, "needs"},
    };
    for (const Case& k : cases) {
        QByteArray bytes = good;
        for (int i = 0; i < 4; ++i) {
            bytes[4 * k.field + i] = char((std::uint32_t(k.value) >> (8 * i)) & 0xff);
        }
        if (k.field == 4 && k.value == 2) {
            bytes[4 * 3] = char(3); // 3 query heads over 2 kv heads
            bytes[0] = char(12);    // dim 12 so 3 heads divide it
        }
        const QString path = dir.filePath("header.bin");
        ASSERT_TRUE(writeBytes(path, bytes));
        const std::string message = readError(path);
        EXPECT_TRUE(contains(message, k.expect)) << "field " << k.field << " = " << k.value << ": " << message;
        EXPECT_TRUE(contains(message, "header.bin")) << message;
    }
    // Headers claiming gigabytes were answered from 28 bytes and the file size: memory did not follow them.
    EXPECT_LT(peakRssKb() - before, 64 * 1024);
}

TEST(Llama2Checkpoint, NamesNewerExportFormats)
{
    QTemporaryDir dir;
    QByteArray bytes;
    appendInt32(bytes, 0x616b3432); // "ak42"
    appendInt32(bytes, 1);          // version 1
    bytes += QByteArray(256, '\0');
    ASSERT_TRUE(writeBytes(dir.filePath("v1.bin"), bytes));
    EXPECT_TRUE(contains(readError(dir.filePath("v1.bin")), "a llama2.c version 1 export"))
        << readError(dir.filePath("v1.bin"));
}

TEST(Llama2Checkpoint, RejectsNonFiniteWeights)
{
    QTemporaryDir dir;
    QByteArray bytes = tinyCheckpoint(TinyConfig{});
    const float nan = std::numeric_limits<float>::quiet_NaN();
    std::memcpy(bytes.data() + 28 + 4 * 10, &nan, 4);
    ASSERT_TRUE(writeBytes(dir.filePath("nan.bin"), bytes));
    EXPECT_TRUE(contains(readError(dir.filePath("nan.bin")), "weight 10 is not a finite number"));
}

TEST(Llama2Checkpoint, RegistryNamesTheProblem)
{
    QTemporaryDir dir;
    ASSERT_TRUE(writeBytes(dir.filePath("noise.bin"), QByteArray(100, '\x07')));
    try {
        openTextModel(dir.filePath("noise.bin"));
        FAIL() << "no error";
    } catch (const ModelError& e) {
        EXPECT_TRUE(contains(e.what(), "not a llama2.c checkpoint")) << e.what();
    }
    // A valid checkpoint without a tokenizer beside it says what it looked for.
    ASSERT_TRUE(writeBytes(dir.filePath("tiny.bin"), tinyCheckpoint(TinyConfig{})));
    try {
        openTextModel(dir.filePath("tiny.bin"));
        FAIL() << "no error";
    } catch (const ModelError& e) {
        EXPECT_TRUE(contains(e.what(), "tok267.bin, tokenizer.bin")) << e.what();
    }
}

TEST(Llama2Checkpoint, RefusesAttentionCaptureThatCannotFitInMemory)
{
    // A legal but odd model: 1000 layers, a context of 4096. Keeping every row of 4000 tokens would need ~32 GB.
    QTemporaryDir dir;
    TinyConfig c;
    c.dim = 2;
    c.heads = 1;
    c.kvHeads = 1;
    c.hidden = 1;
    c.layers = 1000;
    c.seqLen = 4096;
    ASSERT_TRUE(writeBytes(dir.filePath("deep.bin"), tinyCheckpoint(c)));
    QByteArray tok;
    appendInt32(tok, 8);
    for (int i = 0; i < c.vocab; ++i) {
        appendFloat32(tok, 0.0f);
        const QByteArray piece =
            i < 3 ? QByteArray("<x>") : "<0x" + QByteArray::number(i - 3, 16).rightJustified(2, '0').toUpper() + ">";
        appendInt32(tok, std::int32_t(piece.size()));
        tok += piece;
    }
    ASSERT_TRUE(writeBytes(dir.filePath("tok267.bin"), tok));
    Llama2Model model(dir.filePath("deep.bin"), QString());
    GenerationOptions options;
    options.steps = 4000;
    const long before = peakRssKb();
    try {
        model.generate(QStringLiteral("a"), options);
        FAIL() << "no error";
    } catch (const ModelError& e) {
        EXPECT_TRUE(contains(e.what(), "generate fewer tokens")) << e.what();
    }
    EXPECT_LT(peakRssKb() - before, 64 * 1024);
    options.steps = 3;
    EXPECT_EQ(int(model.generate(QStringLiteral("a"), options).rows.size()), 6); // BOS, " ", "a" (bytes), 3 new
}

TEST(Llama2Checkpoint, RejectsATokenizerOfAnotherModel)
{
    const QString tok = tinyStoriesFile("tok512.bin");
    ASSERT_TRUE(QFileInfo::exists(tok)) << "TinyStories data not found at " << tok.toStdString()
                                        << " (scripts/setup.sh says where it comes from)";
    QTemporaryDir dir;
    ASSERT_TRUE(writeBytes(dir.filePath("tiny.bin"), tinyCheckpoint(TinyConfig{})));
    try {
        Llama2Model model(dir.filePath("tiny.bin"), tok);
        FAIL() << "no error";
    } catch (const ModelError& e) {
        EXPECT_TRUE(contains(e.what(), "tok512.bin")) << e.what();
        EXPECT_TRUE(contains(e.what(), "the model's vocabulary has 267")) << e.what();
    }
}
