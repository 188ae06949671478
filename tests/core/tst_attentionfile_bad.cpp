// Bad attention files: each gets one message naming the problem (README "Attention files" and the bad-input table).
#include "attentionfilewriter.h"

#include "core/arrayattention.h"
#include "core/attentionfile.h"

#include <gtest/gtest.h>

using namespace attn;
using namespace attn::testfiles;

namespace {

// The message of the exception that opening (and, with readHeads, reading every head of) bytes throws.
std::string errorOf(const QByteArray& bytes, const AttentionTokens& tokens = {}, bool readHeads = false,
                    std::uint64_t maxInflate = std::uint64_t(1) << 30)
{
    try {
        auto source = openAttentionStore(std::make_shared<BufferStore>(bytes), QStringLiteral("a.npy"), tokens, maxInflate);
        if (readHeads)
            for (int b = 0; b < source->blockCount(); ++b)
                for (int l = 0; l < source->blockInfo(b).layers; ++l)
                    for (int h = 0; h < source->blockInfo(b).heads; ++h)
                        source->pooled(b, l, h, 2, PoolMode::Max);
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "no error";
}

#define EXPECT_MESSAGE(message, part)                                                                                  \
    do {                                                                                                               \
        const std::string m_ = (message);                                                                              \
        EXPECT_NE(m_.find(part), std::string::npos) << "message: " << m_;                                              \
        EXPECT_EQ(m_.find('\n'), std::string::npos) << "one line: " << m_;                                             \
        EXPECT_EQ(m_.rfind("a.npy", 0), 0u) << "names the file: " << m_;                                             \
    } while (0)

AttentionTokens words(int n)
{
    AttentionTokens t;
    for (int i = 0; i < n; ++i)
        t.tokens << QStringLiteral("w%1").arg(i);
    t.hasTokens = true;
    t.origin = QStringLiteral("words.txt");
    return t;
}

const int T = 6;
std::vector<float> rows(std::size_t heads = 2, unsigned seed = 1)
{
    return softmaxRows(heads * T * T, T, seed);
}

} // namespace

TEST(AttentionFileBad, TruncatedNpy)
{
    const QByteArray good = npyBytes({2, T, T}, rows());
    EXPECT_MESSAGE(errorOf(good.left(good.size() - 1)), "truncated");
    EXPECT_MESSAGE(errorOf(good.left(40)), "truncated"); // inside the header
    EXPECT_MESSAGE(errorOf(good.left(5)), "not an attention file");
}

TEST(AttentionFileBad, WrongDtypeOrOrder)
{
    const QByteArray data = encodeValues(rows(), false) + encodeValues(rows(), false);
    EXPECT_MESSAGE(errorOf(npyHeader({2, T, T}, "<f8") + data), "dtype '<f8' is not supported");
    EXPECT_MESSAGE(errorOf(npyHeader({2, T, T}, "<i4") + data), "dtype '<i4' is not supported");
    EXPECT_MESSAGE(errorOf(npyHeader({2, T, T}, ">f4") + data), "big-endian");
    EXPECT_MESSAGE(errorOf(npyHeader({2, T, T}, "<f4", true) + data), "Fortran order");
    EXPECT_MESSAGE(errorOf(npyHeader({2, T, T}, "|O") + data), "pickled");
}

TEST(AttentionFileBad, ShapeNotSquareOrNotAttention)
{
    const auto values = softmaxRows(std::size_t(2) * T * (T + 1), T + 1, 3);
    EXPECT_MESSAGE(errorOf(npyBytes({2, T, T + 1}, values)), "not square");
    EXPECT_MESSAGE(errorOf(npyBytes({std::int64_t(values.size())}, values)), "not attention");
    EXPECT_MESSAGE(errorOf(npyBytes({1, 1, 2, T, T + 1}, values)), "batch dimension");
    EXPECT_MESSAGE(errorOf(npyBytes({0, T, T}, {})), "empty");
}

TEST(AttentionFileBad, TokenCountMismatch)
{
    EXPECT_MESSAGE(errorOf(npyBytes({2, T, T}, rows()), words(T - 1)), "token count mismatch");
    EXPECT_MESSAGE(errorOf(npyBytes({2, T, T}, rows()), words(T - 1)), "words.txt holds 5 tokens");
    // Cross attention: queries are the target tokens, keys the source tokens.
    const auto cross = softmaxRows(std::size_t(3) * 4, 4, 4);
    const QByteArray npz = npzBytes({{"cross", npyBytes({3, 4}, cross)},
                                     {"source_tokens", npyStrings({"a", "b", "c"})},
                                     {"target_tokens", npyStrings({"x", "y", "z"})}});
    EXPECT_MESSAGE(errorOf(npz), "has 4 keys but source_tokens");
}

TEST(AttentionFileBad, NanAtOpenAndInAHeadReadLater)
{
    auto values = rows(4);
    values[std::size_t(T) * T * 0 + 0] = std::nanf(""); // first row of the first head: the sample at open sees it
    EXPECT_MESSAGE(errorOf(npyBytes({4, T, T}, values)), "layer 0, head 0, row 0: NaN at key 0");
    values = rows(4);
    values[std::size_t(T) * T * 2 + T * 1 + 3] = std::nanf(""); // head 2, row 1: found when that head is read
    EXPECT_EQ(errorOf(npyBytes({4, T, T}, values)), "no error");
    EXPECT_MESSAGE(errorOf(npyBytes({4, T, T}, values), {}, true), "layer 0, head 2, row 1: NaN at key 3");
    values = rows(4);
    values[std::size_t(T) * T * 1 + T * 4 + 2] = INFINITY;
    EXPECT_MESSAGE(errorOf(npyBytes({4, T, T}, values), {}, true), "infinity");
}

TEST(AttentionFileBad, NegativeOrNotSummingToOne)
{
    auto values = rows(4);
    values[std::size_t(T) * T * 3 + T * 4 + 1] = -0.25f; // head 3, row 4
    EXPECT_MESSAGE(errorOf(npyBytes({4, T, T}, values), {}, true), "head 3, row 4: negative weight -0.25 at key 1");
    values = rows(4);
    values[std::size_t(T) * T * 0 + T * 3 + 0] += 0.2f; // head 0, row 3 = the middle row: sampled at open
    EXPECT_MESSAGE(errorOf(npyBytes({4, T, T}, values)), "not 1");
    values = rows(4);
    for (int k = 0; k < T; ++k)
        values[std::size_t(T) * T * 2 + T * 1 + std::size_t(k)] = 0.f; // a row of zeros (padding)
    EXPECT_MESSAGE(errorOf(npyBytes({4, T, T}, values), {}, true), "head 2, row 1: the weights sum to 0");
    // float16 rounding is within tolerance: the same rows as float16 open and read cleanly.
    EXPECT_EQ(errorOf(npyBytes({4, T, T}, rows(4), true), {}, true), "no error");
}

TEST(AttentionFileBad, Archives)
{
    const QByteArray head = npyBytes({T, T}, rows(1));
    const QByteArray npz = npzBytes({{"attention", head}});
    EXPECT_MESSAGE(errorOf(npz.left(npz.size() - 10)), "npz");
    EXPECT_MESSAGE(errorOf(npzBytes({{"logits", head}})), "no attention arrays");
    EXPECT_MESSAGE(errorOf(npzBytes({{"attention", head}, {"tokens", npyHeader({T}, "|O") + QByteArray(48, 0)}})),
                   "np.array(tokens, dtype=str)");
    EXPECT_MESSAGE(errorOf(npzBytes({{"attention", head}}, true), {}, false, 64), "savez_compressed");
    QByteArray damaged = npzBytes({{"attention", head}}, true);
    damaged[50] = char(damaged[50] ^ 0x55); // inside the deflated data
    EXPECT_MESSAGE(errorOf(damaged), "member 'attention.npy'");

    const auto values = rows(1);
    EXPECT_MESSAGE(errorOf(safetensorsBytes({{"attention", "F32", {T, T}, values}},
                                            QJsonObject{{"tokens", "the cat"}})),
                   "metadata 'tokens' is not a JSON list");
    QByteArray ints = safetensorsBytes({{"attention", "F32", {T, T}, values}});
    ints.replace("\"F32\"", "\"I32\"");
    EXPECT_MESSAGE(errorOf(ints), "tensor 'attention' is I32");
    const QByteArray st = safetensorsBytes({{"attention", "F32", {T, T}, values}});
    EXPECT_MESSAGE(errorOf(st.left(st.size() - 4)), "truncated");
}
