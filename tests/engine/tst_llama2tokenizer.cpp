// The llama2.c tokenizer: encoding must give the token ids of the upstream C reference.
#include "engine/llama2/llama2tokenizer.h"
#include "engine/textmodel.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <cstdint>
#include <cstring>
#include <gtest/gtest.h>
#include <random>
#include <string>
#include <utility>
#include <vector>

using namespace attn;

namespace {

const QString kTok512 = QStringLiteral(ATTN_SHARED_DATA_DIR "/tinystories/tok512.bin");

void appendInt(QByteArray& out, std::int32_t v)
{
    for (int i = 0; i < 4; ++i) {
        out.append(char((std::uint32_t(v) >> (8 * i)) & 0xff));
    }
}

void appendFloat(QByteArray& out, float f)
{
    std::int32_t v;
    std::memcpy(&v, &f, 4);
    appendInt(out, v);
}

// A vocabulary laid out as llama2.c's: <unk>, <s>, </s>, the 256 byte tokens, then the pieces given.
QByteArray tokenizerBytes(const std::vector<std::pair<std::string, float>>& pieces)
{
    std::vector<std::pair<std::string, float>> all = {{"<unk>", 0}, {"\n<s>\n", 0}, {"\n</s>\n", 0}};
    for (int b = 0; b < 256; ++b) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "<0x%02X>", b);
        all.emplace_back(buf, 0.0f);
    }
    all.insert(all.end(), pieces.begin(), pieces.end());
    QByteArray out;
    appendInt(out, 8);
    for (const auto& [piece, score] : all) {
        appendFloat(out, score);
        appendInt(out, std::int32_t(piece.size()));
        out.append(piece.data(), qsizetype(piece.size()));
    }
    return out;
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(bytes);
    return path;
}

std::string errorOf(const QString& path, int vocab)
{
    try {
        Llama2Tokenizer::read(path, vocab);
    } catch (const ModelError& e) {
        return e.what();
    }
    return "no error";
}

// Ids 259.. of the synthetic vocabulary below.
const std::vector<std::pair<std::string, float>> kPieces = {
    {" ", -5.0f}, {"a", -1.0f},  {"b", -1.0f}, {"c", -1.0f}, {"ab", 1.0f}, {"bc", 2.0f},
    {" a", 0.5f}, {" ab", 3.0f}, {"x", -1.0f}, {"y", -1.0f}, {"xy", 1.0f}, {"yx", 1.0f},
};
constexpr int kSpace = 259, kA = 260, kB = 261, kC = 262, kAB = 263, kBC = 264, kSpaceA = 265, kSpaceAB = 266;
constexpr int kX = 267, kXY = 269;

} // namespace

TEST(Llama2Tokenizer, MergesTheBestScoringPairFirst)
{
    QTemporaryDir dir;
    const auto tok = Llama2Tokenizer::read(writeFile(dir, "t.bin", tokenizerBytes(kPieces)), 259 + int(kPieces.size()));
    // " abc": [" ", a, b, c]; pairs " a" 0.5, ab 1, bc 2 -> bc wins; then [" ", a, bc]: " a" 0.5 -> [" a", bc].
    EXPECT_EQ(tok.encode("abc", true, false), (std::vector<int>{1, kSpaceA, kBC}));
    // " ab": " a" 0.5 vs ab 1 -> [" ", ab]; then " ab" 3 -> [" ab"]; EOS appended when asked.
    EXPECT_EQ(tok.encode("ab", false, true), (std::vector<int>{kSpaceAB, 2}));
    // Nothing merges with "c" before it: " c" and "ca" are not pieces.
    EXPECT_EQ(tok.encode("ca", false, false), (std::vector<int>{kSpace, kC, kA}));
    EXPECT_EQ(tok.encode("", true, false), (std::vector<int>{1}));
    // Equal scores: the leftmost pair merges first (" ", x, y, x -> " ", xy, x; not " ", x, yx).
    EXPECT_EQ(tok.encode("xyx", false, false), (std::vector<int>{kSpace, kXY, kX}));
    (void)kB;
    (void)kAB;
}

TEST(Llama2Tokenizer, FallsBackToByteTokensForUnknownCharacters)
{
    QTemporaryDir dir;
    const auto tok = Llama2Tokenizer::read(writeFile(dir, "t.bin", tokenizerBytes(kPieces)), 259 + int(kPieces.size()));
    // 'é' is C3 A9 in UTF-8: ids 0xC3 + 3 = 198 and 0xA9 + 3 = 172; 'z' is 0x7A + 3 = 125.
    EXPECT_EQ(tok.encode("é", false, false), (std::vector<int>{kSpace, 198, 172}));
    EXPECT_EQ(tok.encode("az", false, false), (std::vector<int>{kSpaceA, 125}));
    // Decoding a byte token gives the raw byte back; a leading space is dropped only right after BOS.
    EXPECT_EQ(tok.decode(kA, 198) + tok.decode(198, 172), "é");
    EXPECT_EQ(tok.decode(1, kSpaceA), "a");
    EXPECT_EQ(tok.decode(kA, kSpaceA), " a");
    EXPECT_EQ(tok.label(125).toStdString(), "z");
    EXPECT_EQ(tok.label(198).toStdString(), "<0xC3>");
    EXPECT_EQ(tok.label(1).toStdString(), "<s>");
    EXPECT_EQ(tok.label(kSpace).toStdString(), "\u2423");
}

TEST(Llama2Tokenizer, MatchesUpstreamIdsOnTok512)
{
    ASSERT_TRUE(QFileInfo::exists(kTok512)) << "TinyStories data not found at " << kTok512.toStdString()
                                            << " (scripts/setup.sh says where it comes from)";
    const auto tok = Llama2Tokenizer::read(kTok512, 512);
    EXPECT_EQ(tok.vocabSize(), 512);
    // Checked by hand against the vocabulary: 403 " Once", 407 " upon", 261 " a", 378 " time".
    EXPECT_EQ(tok.encode("Once upon a time", true, false), (std::vector<int>{1, 403, 407, 261, 378}));
    EXPECT_EQ(tok.piece(403), " Once");
    EXPECT_EQ(tok.piece(378), " time");
    // 317 " Lily", 426 ".", 338 " She".
    EXPECT_EQ(tok.encode("Lily. She", true, false), (std::vector<int>{1, 317, 426, 338}));
    // 'é' is in this vocabulary (485); the snowman (E2 98 83) is not and falls back to bytes 229, 155, 134.
    EXPECT_EQ(tok.encode("café ☃", true, false), (std::vector<int>{1, 280, 412, 431, 485, 410, 229, 155, 134}));
    EXPECT_EQ(tok.piece(229), "<0xE2>");
}

TEST(Llama2Tokenizer, RejectsWrongVocabularySizes)
{
    ASSERT_TRUE(QFileInfo::exists(kTok512)) << "TinyStories data not found at " << kTok512.toStdString()
                                            << " (scripts/setup.sh says where it comes from)";
    const std::string fewer = errorOf(kTok512, 32000);
    EXPECT_NE(fewer.find("has 512 tokens"), std::string::npos) << fewer;
    EXPECT_NE(fewer.find("32000"), std::string::npos) << fewer;
    const std::string more = errorOf(kTok512, 100);
    EXPECT_NE(more.find("more than 100"), std::string::npos) << more;
    EXPECT_NE(more.find("another model"), std::string::npos) << more;
}

TEST(Llama2Tokenizer, RejectsTruncatedAndMalformedFiles)
{
    QTemporaryDir dir;
    const QByteArray good = tokenizerBytes(kPieces);
    const int vocab = 259 + int(kPieces.size());
    EXPECT_EQ(errorOf(writeFile(dir, "good.bin", good), vocab), "no error");
    for (const int cut : {0, 2, 4, 9, 13, int(good.size()) - 1}) {
        const std::string message = errorOf(writeFile(dir, "cut.bin", good.left(cut)), vocab);
        const bool named = message.find("truncated") != std::string::npos ||
                           message.find("too short") != std::string::npos ||
                           message.find("has 0 tokens") != std::string::npos;
        EXPECT_TRUE(named) << "cut at " << cut << ": " << message;
        EXPECT_NE(message.find("cut.bin"), std::string::npos) << message;
    }
    QByteArray negative = good;
    negative[0] = char(0xff);
    negative[3] = char(0xff);
    EXPECT_NE(errorOf(writeFile(dir, "neg.bin", negative), vocab).find("max_token_length"), std::string::npos);
    QByteArray hugeLength = good;
    hugeLength[8] = char(0x7f); // first token's length: 0x7f000005
    hugeLength[11] = char(0x7f);
    EXPECT_NE(errorOf(writeFile(dir, "huge.bin", hugeLength), vocab).find("has length"), std::string::npos);
    EXPECT_NE(errorOf(dir.filePath("missing.bin"), vocab).find("cannot open"), std::string::npos);
}

namespace {

// llama2.c's encode, transcribed loop for loop (quadratic): the reference for the engine's faster merging.
std::vector<int> upstreamEncode(const Llama2Tokenizer& t, const std::string& text)
{
    std::vector<int> tokens{1};
    if (!text.empty()) {
        tokens.push_back(t.lookup(" "));
    }
    std::string buf;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            buf.clear();
        }
        buf.push_back(text[i]);
        if (i + 1 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80 && buf.size() < 4) {
            continue;
        }
        const int id = t.lookup(buf);
        if (id != -1) {
            tokens.push_back(id);
        } else {
            for (unsigned char ch : buf) {
                tokens.push_back(int(ch) + 3);
            }
        }
        buf.clear();
    }
    for (;;) {
        float best = -1e10f;
        int bestId = -1, bestIdx = -1;
        for (int i = 0; i + 1 < int(tokens.size()); ++i) {
            const int id = t.lookup(t.piece(tokens[std::size_t(i)]) + t.piece(tokens[std::size_t(i + 1)]));
            if (id != -1 && t.score(id) > best) {
                best = t.score(id);
                bestId = id;
                bestIdx = i;
            }
        }
        if (bestIdx == -1) {
            break;
        }
        tokens[std::size_t(bestIdx)] = bestId;
        tokens.erase(tokens.begin() + bestIdx + 1);
    }
    return tokens;
}

} // namespace

TEST(Llama2Tokenizer, AgreesWithTheUpstreamLoopOnRandomTexts)
{
    ASSERT_TRUE(QFileInfo::exists(kTok512)) << "TinyStories data not found at " << kTok512.toStdString()
                                            << " (scripts/setup.sh says where it comes from)";
    const auto tok = Llama2Tokenizer::read(kTok512, 512);
    std::mt19937 rng(2024);
    const std::vector<std::string> extras = {" ", "  ", ".", "\n", "é", "☃", "ß", "Z", "q", "x", "!", "'", "\t"};
    for (int trial = 0; trial < 300; ++trial) {
        std::string text;
        const int parts = 1 + int(rng() % 40);
        for (int p = 0; p < parts; ++p) {
            if (rng() % 4 == 0) {
                text += extras[rng() % extras.size()];
            } else {
                const int id = 259 + int(rng() % 253); // a merged piece: text the vocabulary knows
                text += tok.piece(id);
            }
        }
        ASSERT_EQ(tok.encode(text, true, false), upstreamEncode(tok, text)) << "text: '" << text << "'";
    }
    const std::string story = "Once upon a time, there was a little girl named Lily. She loved to play outside in "
                              "the park. One day, she saw a big, red ball.";
    EXPECT_EQ(tok.encode(story, true, false), upstreamEncode(tok, story));
}
