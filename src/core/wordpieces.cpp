#include "core/wordpieces.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringDecoder>
#include <stdexcept>

namespace attn {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("attn", text);
}

const QString kByteLevelSpace = QStringLiteral("\u0120"); // Ġ
const QString kMetaspace = QStringLiteral("\u2581");      // ▁

// BERT's _is_chinese_char: the CJK Unified Ideographs blocks.
bool isCjk(char32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF) ||
           (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B820 && c <= 0x2CEAF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

char32_t firstChar(const QString& s)
{
    if (s.isEmpty()) {
        return 0;
    }
    if (s.size() > 1 && s.at(0).isHighSurrogate() && s.at(1).isLowSurrogate()) {
        return QChar::surrogateToUcs4(s.at(0), s.at(1));
    }
    return s.at(0).unicode();
}

char32_t lastChar(const QString& s)
{
    const auto n = s.size();
    if (n == 0) {
        return 0;
    }
    if (n > 1 && s.at(n - 1).isLowSurrogate() && s.at(n - 2).isHighSurrogate()) {
        return QChar::surrogateToUcs4(s.at(n - 2), s.at(n - 1));
    }
    return s.at(n - 1).unicode();
}

// "<0xE4>" -> 0xE4, else -1.
int byteOf(const QString& label, qsizetype at = 0)
{
    if (label.size() < at + 6 || label.at(at) != QLatin1Char('<') || label.at(at + 1) != QLatin1Char('0') ||
        label.at(at + 2) != QLatin1Char('x') || label.at(at + 5) != QLatin1Char('>')) {
        return -1;
    }
    bool ok = false;
    const int b = label.mid(at + 3, 2).toInt(&ok, 16);
    return ok ? b : -1;
}

// A label made only of byte tokens ("<0xE4><0xBD>"): its bytes; empty otherwise.
QByteArray bytesOf(const QString& label)
{
    QByteArray bytes;
    for (qsizetype at = 0; at < label.size(); at += 6) {
        const int b = byteOf(label, at);
        if (b < 0) {
            return {};
        }
        bytes.append(char(b));
    }
    return bytes;
}

// Characters byte-level vocabularies use for white space: Ġ (space), Ċ (newline), ĉ (tab), č (carriage return).
bool isByteLevelSpace(const QString& label)
{
    if (label.isEmpty()) {
        return false;
    }
    for (const QChar c : label) {
        if (c != QChar(0x0120) && c != QChar(0x010A) && c != QChar(0x0109) && c != QChar(0x010D) && !c.isSpace()) {
            return false;
        }
    }
    return true;
}

enum class CharClass
{
    Letter,
    Digit,
    Space,
    Other
};

CharClass classOf(char32_t c)
{
    if (QChar::isLetter(c) || QChar::isMark(c)) {
        return CharClass::Letter;
    }
    if (QChar::isNumber(c)) {
        return CharClass::Digit;
    }
    if (QChar::isSpace(c)) {
        return CharClass::Space;
    }
    return CharClass::Other;
}

bool isContraction(const QString& label)
{
    static const QStringList kContractions = {QStringLiteral("'s"),  QStringLiteral("'t"), QStringLiteral("'re"),
                                              QStringLiteral("'ve"), QStringLiteral("'m"), QStringLiteral("'ll"),
                                              QStringLiteral("'d")};
    return kContractions.contains(label.toLower());
}

void checkGroups(const AttentionBlock& block, const WordGroups& words, int count, const char* what)
{
    if (int(words.size()) != count) {
        throw std::invalid_argument(QStringLiteral("attention block '%1': %2 word indices for %3 %4")
                                        .arg(block.name)
                                        .arg(words.size())
                                        .arg(count)
                                        .arg(QLatin1String(what))
                                        .toStdString());
    }
    int previous = -1;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (words[i] != previous && words[i] != previous + 1) {
            throw std::invalid_argument(QStringLiteral("attention block '%1': word index %2 at %3 %4 does not follow "
                                                       "%5 (words count 0, 0, 1, 2, ... in order)")
                                            .arg(block.name)
                                            .arg(words[i])
                                            .arg(QLatin1String(what))
                                            .arg(i)
                                            .arg(previous)
                                            .toStdString());
        }
        previous = words[i];
    }
}

} // namespace

QString byteNotation(const QByteArray& bytes)
{
    QString out;
    for (const char b : bytes) {
        out +=
            QStringLiteral("<0x%1>").arg(QString::number(uchar(b), 16).toUpper().rightJustified(2, QLatin1Char('0')));
    }
    return out;
}

bool isSpecialTokenLabel(const QString& label)
{
    static const QStringList kSpecial = {
        QStringLiteral("<s>"),          QStringLiteral("</s>"),  QStringLiteral("<bos>"),  QStringLiteral("<eos>"),
        QStringLiteral("<pad>"),        QStringLiteral("<unk>"), QStringLiteral("<mask>"), QStringLiteral("[cls]"),
        QStringLiteral("[sep]"),        QStringLiteral("[pad]"), QStringLiteral("[unk]"),  QStringLiteral("[mask]"),
        QStringLiteral("<start>"),      QStringLiteral("<end>"), QStringLiteral("<sos>"),  QStringLiteral("<null>"),
        QStringLiteral("<|endoftext|>")};
    const QString t = label.trimmed();
    if (kSpecial.contains(t.toLower())) {
        return true;
    }
    // Hugging Face's special tokens: <|im_start|>, <|begin_of_text|>, ...; [CLS]-like upper-case names.
    static const QRegularExpression kPattern(QStringLiteral("^(<\\|[^|\\s]+\\|>|\\[[A-Z][A-Z0-9_]*\\])$"));
    return kPattern.match(t).hasMatch();
}

WordGroups wordGroupsOf(const QStringList& labels)
{
    bool wordPiece = false;
    bool byteLevel = false;
    bool metaspace = false; // SentencePiece's "▁", or llama2.c's leading space
    for (const QString& l : labels) {
        wordPiece = wordPiece || (l.size() > 2 && l.startsWith(QLatin1String("##")));
        byteLevel = byteLevel || l.startsWith(kByteLevelSpace);
        metaspace = metaspace || l.startsWith(kMetaspace) || l.startsWith(QLatin1Char(' '));
    }
    WordGroups words;
    words.reserve(std::size_t(labels.size()));
    int word = -1;
    for (int i = 0; i < labels.size(); ++i) {
        const QString& label = labels.at(i);
        bool starts = i == 0 || isSpecialTokenLabel(label) || isSpecialTokenLabel(labels.at(i - 1));
        if (!starts && wordPiece) {
            starts = !(label.size() > 2 && label.startsWith(QLatin1String("##")));
        } else if (!starts) {
            const QString& previous = labels.at(i - 1);
            const int byte = byteOf(label);
            const bool previousIsBytes = byteOf(previous) >= 0;
            if (previous == kByteLevelSpace && !isByteLevelSpace(label) && !label.startsWith(kByteLevelSpace)) {
                starts = false; // a lone space token belongs to the word after it, as in GPT-2's pre-tokens (" 你好")
            } else if (byte >= 0) {
                starts = byte < 0x80 || byte >= 0xC0; // a continuation byte finishes the character before it
            } else if (label.startsWith(kByteLevelSpace) || label.startsWith(kMetaspace) ||
                       label.startsWith(QLatin1Char(' '))) {
                starts = true;
            } else if (isCjk(firstChar(label)) || isCjk(lastChar(previous)) || previousIsBytes) {
                starts = true;
            } else if (byteLevel) {
                const bool space = isByteLevelSpace(label);
                const bool previousSpace = isByteLevelSpace(previous);
                starts = space != previousSpace || isContraction(label) ||
                         (!space && classOf(firstChar(label)) != classOf(lastChar(previous)));
            } else {
                starts = !metaspace; // no markers at all: every token is a word
            }
        }
        if (starts) {
            ++word;
        }
        words.push_back(word);
    }
    return words;
}

int wordCount(const WordGroups& words)
{
    return words.empty() ? 0 : words.back() + 1;
}

bool hasPieces(const WordGroups& words)
{
    return wordCount(words) < int(words.size());
}

QStringList wordLabels(const QStringList& labels, const WordGroups& words)
{
    QStringList out;
    QByteArray pendingBytes;
    auto flushBytes = [&] {
        if (pendingBytes.isEmpty()) {
            return;
        }
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString text = decoder.decode(pendingBytes);
        if (decoder.hasError()) {
            out.back() += byteNotation(pendingBytes);
        } else {
            out.back() += text;
        }
        pendingBytes.clear();
    };
    for (int i = 0; i < labels.size() && i < int(words.size()); ++i) {
        const bool first = i == 0 || words[std::size_t(i)] != words[std::size_t(i - 1)];
        if (first) {
            flushBytes();
            out << QString();
        }
        const QByteArray bytes = bytesOf(labels.at(i));
        if (!bytes.isEmpty()) {
            pendingBytes += bytes;
            continue;
        }
        flushBytes();
        QString piece = labels.at(i);
        if (!first && piece.size() > 2 && piece.startsWith(QLatin1String("##"))) {
            piece = piece.mid(2);
        }
        out.back() += piece;
    }
    flushBytes();
    return out;
}

AttentionBlock mergeWordPieces(const AttentionBlock& block, const WordGroups& queryWords, const WordGroups& keyWords)
{
    if (block.gridRows > 0 || block.keyLabels.isEmpty()) {
        throw std::invalid_argument(
            QStringLiteral("attention block '%1' has no key tokens to merge").arg(block.name).toStdString());
    }
    checkGroups(block, queryWords, block.queries, "queries");
    checkGroups(block, keyWords, block.keys, "keys");
    const int qw = wordCount(queryWords);
    const int kw = wordCount(keyWords);
    std::vector<int> pieces(std::size_t(qw), 0);
    for (const int w : queryWords) {
        ++pieces[std::size_t(w)];
    }
    AttentionBlock out(block.name, block.layers, block.heads, wordLabels(block.queryLabels, queryWords),
                       wordLabels(block.keyLabels, keyWords));
    out.layerNumbers = block.layerNumbers;
    // out.weights: (layers, heads, qw, kw), zero-filled by the constructor.
    // Key words are runs of columns: sum each run, then add the run's sum, scaled, to the query word's row.
    std::vector<int> runEnd(std::size_t(kw), 0); // one past each key word's last column
    for (int k = 0; k < block.keys; ++k) {
        runEnd[std::size_t(keyWords[std::size_t(k)])] = k + 1;
    }
    const std::size_t maps = std::size_t(block.layers) * block.heads;
    for (std::size_t m = 0; m < maps; ++m) {
        const float* in = block.weights.data() + m * std::size_t(block.queries) * block.keys;
        float* dst = out.weights.data() + m * std::size_t(qw) * kw;
        for (int q = 0; q < block.queries; ++q) {
            const int wq = queryWords[std::size_t(q)];
            const float scale = 1.0f / float(pieces[std::size_t(wq)]);
            const float* row = in + std::size_t(q) * block.keys;
            float* target = dst + std::size_t(wq) * kw;
            int k = 0;
            for (int w = 0; w < kw; ++w) {
                float sum = 0.0f;
                for (const int end = runEnd[std::size_t(w)]; k < end; ++k) {
                    sum += row[k];
                }
                target[w] += scale * sum;
            }
        }
    }
    return out;
}

AttentionSet mergeWordPieces(const AttentionSet& set)
{
    // Built block by block rather than copied first: a BERT-base run at 512 tokens holds 151 MB of weights.
    AttentionSet out;
    out.modelName = set.modelName;
    out.notices = set.notices;
    bool merged = false;
    for (const auto& block : set.blocks) {
        if (block.gridRows == 0 && !block.keyLabels.isEmpty()) {
            const WordGroups q = wordGroupsOf(block.queryLabels);
            const WordGroups k = wordGroupsOf(block.keyLabels);
            if (hasPieces(q) || hasPieces(k)) {
                out.blocks.push_back(mergeWordPieces(block, q, k));
                merged = true;
                continue;
            }
        }
        out.blocks.push_back(block);
    }
    out.sourceTokens = merged ? wordLabels(set.sourceTokens, wordGroupsOf(set.sourceTokens)) : set.sourceTokens;
    out.targetTokens = merged ? wordLabels(set.targetTokens, wordGroupsOf(set.targetTokens)) : set.targetTokens;
    if (merged) {
        out.notices << tr("Words: a word's pieces are merged (each word's row is the mean of its pieces' rows, each "
                          "word's column the sum of its pieces' columns).");
    }
    return out;
}

bool hasWordPieces(const AttentionSet& set)
{
    for (const auto& block : set.blocks) {
        if (block.gridRows == 0 && !block.keyLabels.isEmpty() &&
            (hasPieces(wordGroupsOf(block.queryLabels)) || hasPieces(wordGroupsOf(block.keyLabels)))) {
            return true;
        }
    }
    return false;
}

} // namespace attn
