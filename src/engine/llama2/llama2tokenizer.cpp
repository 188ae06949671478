#include "engine/llama2/llama2tokenizer.h"

#include "engine/textmodel.h"

#include <QFile>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <queue>

namespace attn {

namespace {

constexpr int kMaxPieceBytes = 1 << 16;
constexpr int kByteTokenBase = 3; // <unk>, <s>, </s>, then <0x00>..<0xFF>

std::int32_t readInt32(const char* p)
{
    const auto* u = reinterpret_cast<const unsigned char*>(p);
    return std::int32_t(std::uint32_t(u[0]) | std::uint32_t(u[1]) << 8 | std::uint32_t(u[2]) << 16 |
                        std::uint32_t(u[3]) << 24);
}

float readFloat32(const char* p)
{
    const std::uint32_t bits = std::uint32_t(readInt32(p));
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
}

std::string bytePiece(int byte)
{
    char buf[8];
    std::snprintf(buf, sizeof buf, "<0x%02X>", byte);
    return buf;
}

// The byte a piece "<0xXX>" stands for, or -1. Same test as llama2.c's sscanf("<0x%02hhX>").
int pieceByte(const std::string& piece)
{
    if (piece.size() != 6 || piece.compare(0, 3, "<0x") != 0 || piece[5] != '>') {
        return -1;
    }
    int value = 0;
    for (int i = 3; i < 5; ++i) {
        const char ch = piece[std::size_t(i)];
        int digit;
        if (ch >= '0' && ch <= '9') {
            digit = ch - '0';
        } else if (ch >= 'A' && ch <= 'F') {
            digit = ch - 'A' + 10;
        } else if (ch >= 'a' && ch <= 'f') {
            digit = ch - 'a' + 10;
        } else {
            return -1;
        }
        value = value * 16 + digit;
    }
    return value;
}

} // namespace

Llama2Tokenizer Llama2Tokenizer::read(const QString& path, int expectedVocabSize)
{
    const std::string where = path.toStdString() + ": ";
    if (expectedVocabSize <= kEos) {
        // encode() always emits BOS and EOS, and decode() and label() look them up.
        throw ModelError(where + "a vocabulary of " + std::to_string(expectedVocabSize) +
                         " tokens has no room for <s> (id 1) and </s> (id 2): not a llama2.c model");
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        throw ModelError(where + "cannot open the tokenizer: " + file.errorString().toStdString());
    }
    // The file is read whole: its size bounds the memory, whatever its fields claim.
    const QByteArray bytes = file.readAll();
    const char* p = bytes.constData();
    const std::int64_t size = bytes.size();
    if (size < 4) {
        throw ModelError(where + "not a llama2.c tokenizer: " + std::to_string(size) +
                         " bytes, too short for its header");
    }
    Llama2Tokenizer tok;
    tok.m_maxTokenLength = readInt32(p);
    if (tok.m_maxTokenLength <= 0 || tok.m_maxTokenLength > kMaxPieceBytes) {
        throw ModelError(where + "not a llama2.c tokenizer: max_token_length " + std::to_string(tok.m_maxTokenLength) +
                         " is outside 1.." + std::to_string(kMaxPieceBytes));
    }
    std::int64_t offset = 4;
    while (offset < size) {
        const int id = int(tok.m_pieces.size());
        if (size - offset < 8) {
            throw ModelError(where + "truncated tokenizer: token " + std::to_string(id) + " is cut off in its header");
        }
        const float score = readFloat32(p + offset);
        const std::int32_t length = readInt32(p + offset + 4);
        offset += 8;
        if (!std::isfinite(score)) {
            throw ModelError(where + "not a llama2.c tokenizer: token " + std::to_string(id) +
                             " has a non-finite score");
        }
        if (length < 0 || length > kMaxPieceBytes) {
            throw ModelError(where + "not a llama2.c tokenizer: token " + std::to_string(id) + " has length " +
                             std::to_string(length));
        }
        if (size - offset < length) {
            throw ModelError(where + "truncated tokenizer: token " + std::to_string(id) + " needs " +
                             std::to_string(length) + " bytes, " + std::to_string(size - offset) + " are left");
        }
        tok.m_pieces.emplace_back(p + offset, std::size_t(length));
        tok.m_scores.push_back(score);
        offset += length;
        if (int(tok.m_pieces.size()) > expectedVocabSize) {
            break; // enough to know the sizes disagree; the count below says by how much at least
        }
    }
    if (int(tok.m_pieces.size()) != expectedVocabSize) {
        const std::string count = int(tok.m_pieces.size()) > expectedVocabSize
                                      ? "more than " + std::to_string(expectedVocabSize)
                                      : std::to_string(tok.m_pieces.size());
        throw ModelError(where + "the tokenizer has " + count + " tokens but the model's vocabulary has " +
                         std::to_string(expectedVocabSize) + ": this tokenizer belongs to another model");
    }
    for (int i = 0; i < int(tok.m_pieces.size()); ++i) {
        tok.m_index.emplace(tok.m_pieces[std::size_t(i)], i); // first wins, like a lookup in a sorted copy
        tok.m_longestPiece = std::max(tok.m_longestPiece, int(tok.m_pieces[std::size_t(i)].size()));
    }
    tok.m_hasByteTokens = expectedVocabSize >= kByteTokenBase + 256;
    for (int b = 0; tok.m_hasByteTokens && b < 256; ++b) {
        tok.m_hasByteTokens = tok.m_pieces[std::size_t(kByteTokenBase + b)] == bytePiece(b);
    }
    return tok;
}

int Llama2Tokenizer::lookup(const std::string& piece) const
{
    const auto it = m_index.find(piece);
    return it == m_index.end() ? -1 : it->second;
}

std::vector<int> Llama2Tokenizer::mergePairs(std::vector<int> tokens) const
{
    // Upstream rescans every pair after each merge (quadratic). This keeps the candidate pairs in a heap instead:
    // the same merges in the same order, because the heap's top is the best score and, among equal scores, the
    // pair whose left token came first (a merge keeps the left token's slot, so slots stay in text order).
    const int n = int(tokens.size());
    const auto slots = static_cast<std::size_t>(n);
    std::vector<int> next(slots), prev(slots), version(slots, 0);
    for (int i = 0; i < n; ++i) {
        next[std::size_t(i)] = i + 1 < n ? i + 1 : -1;
        prev[std::size_t(i)] = i - 1;
    }
    struct Candidate
    {
        float score;
        int left, right, id, leftVersion, rightVersion;
        bool operator<(const Candidate& o) const { return score != o.score ? score < o.score : left > o.left; }
    };
    std::priority_queue<Candidate> heap;
    auto consider = [&](int left) {
        const int right = left >= 0 ? next[std::size_t(left)] : -1;
        if (right < 0) {
            return;
        }
        const int id = lookup(m_pieces[std::size_t(tokens[std::size_t(left)])] +
                              m_pieces[std::size_t(tokens[std::size_t(right)])]);
        if (id >= 0 && m_scores[std::size_t(id)] > -1e10f) { // upstream's starting "best" score
            heap.push(
                {m_scores[std::size_t(id)], left, right, id, version[std::size_t(left)], version[std::size_t(right)]});
        }
    };
    for (int i = 0; i + 1 < n; ++i) {
        consider(i);
    }
    while (!heap.empty()) {
        const Candidate c = heap.top();
        heap.pop();
        if (version[std::size_t(c.left)] != c.leftVersion || version[std::size_t(c.right)] != c.rightVersion ||
            next[std::size_t(c.left)] != c.right) {
            continue; // one of its tokens has merged since
        }
        tokens[std::size_t(c.left)] = c.id;
        ++version[std::size_t(c.left)];
        version[std::size_t(c.right)] = -1; // gone
        next[std::size_t(c.left)] = next[std::size_t(c.right)];
        if (next[std::size_t(c.left)] >= 0) {
            prev[std::size_t(next[std::size_t(c.left)])] = c.left;
        }
        consider(prev[std::size_t(c.left)]);
        consider(c.left);
    }
    std::vector<int> out;
    out.reserve(slots);
    for (int i = 0; i >= 0 && i < n; i = next[std::size_t(i)]) {
        out.push_back(tokens[std::size_t(i)]);
    }
    return out;
}

std::vector<int> Llama2Tokenizer::encode(const std::string& text, bool bos, bool eos) const
{
    std::vector<int> tokens;
    tokens.reserve(text.size() + 3);
    if (bos) {
        tokens.push_back(kBos);
    }
    auto pushBytes = [&](const std::string& chars) {
        if (!m_hasByteTokens) {
            throw ModelError("cannot encode '" + chars +
                             "': it is not in the vocabulary and the tokenizer has no "
                             "<0xXX> byte tokens to fall back on");
        }
        for (unsigned char ch : chars) {
            tokens.push_back(int(ch) + kByteTokenBase);
        }
    };
    if (!text.empty()) {
        // SentencePiece's dummy prefix: "Once" and " Once" encode alike.
        const int space = lookup(" ");
        if (space >= 0) {
            tokens.push_back(space);
        } else {
            pushBytes(" ");
        }
    }
    // One token per UTF-8 character (at most 4 bytes, as upstream), or its bytes.
    std::string ch;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if ((c & 0xC0) != 0x80) {
            ch.clear();
        }
        ch.push_back(char(c));
        const bool nextContinues = i + 1 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80;
        if (nextContinues && ch.size() < 4) {
            continue;
        }
        const int id = lookup(ch);
        if (id >= 0) {
            tokens.push_back(id);
        } else {
            pushBytes(ch);
        }
        ch.clear();
    }
    // Merge the best-scoring adjacent pair until none merges; ties go to the leftmost pair, as upstream.
    const std::size_t first = bos ? 1 : 0;
    std::vector<int> merged = mergePairs(std::vector<int>(tokens.begin() + std::ptrdiff_t(first), tokens.end()));
    tokens.resize(first);
    tokens.insert(tokens.end(), merged.begin(), merged.end());
    if (eos) {
        tokens.push_back(kEos);
    }
    return tokens;
}

std::string Llama2Tokenizer::decode(int prev, int token) const
{
    const std::string& piece = m_pieces[std::size_t(token)];
    const int byte = pieceByte(piece);
    if (byte >= 0) {
        return std::string(1, char(byte));
    }
    if (prev == kBos && !piece.empty() && piece[0] == ' ') {
        return piece.substr(1);
    }
    return piece;
}

QString Llama2Tokenizer::label(int token) const
{
    if (token == kBos) {
        return QStringLiteral("<s>");
    }
    if (token == kEos) {
        return QStringLiteral("</s>");
    }
    const std::string& piece = m_pieces[std::size_t(token)];
    const int byte = pieceByte(piece);
    if (byte >= 0x20 && byte < 0x7f) {
        return QString(QChar(byte));
    }
    if (byte >= 0) {
        return QString::fromStdString(piece);
    }
    if (!piece.empty() && piece.find_first_not_of(' ') == std::string::npos) {
        return QString(int(piece.size()), QChar(0x2423)); // a space token would be an invisible label: ␣
    }
    return QString::fromUtf8(piece.data(), qsizetype(piece.size()));
}

} // namespace attn
