#include "engine/tokenizers/bpemodel.h"

#include "engine/tokenizers/unicodechars.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <queue>

namespace attn::tok {

BpeModel::BpeModel(QHash<QString, int> vocab, const std::vector<std::pair<QString, QString>>& merges,
                   BpeOptions options, const QString& source)
    : m_vocab(std::move(vocab)), m_options(std::move(options))
{
    if (m_vocab.isEmpty()) {
        throw TokenizerError(QStringLiteral("%1: the vocabulary is empty").arg(source).toStdString());
    }
    for (auto it = m_vocab.cbegin(); it != m_vocab.cend(); ++it) {
        if (!m_tokens.contains(it.value()) || it.key() < m_tokens.value(it.value())) {
            m_tokens.insert(it.value(), it.key());
        }
        m_vocabSize = std::max(m_vocabSize, it.value() + 1);
    }
    m_merges.reserve(merges.size());
    const int prefixLength = int(m_options.continuingSubwordPrefix.size());
    for (std::size_t rank = 0; rank < merges.size(); ++rank) {
        const auto& [a, b] = merges[rank];
        const int idA = m_vocab.value(a, -1);
        const int idB = m_vocab.value(b, -1);
        // The result drops b's continuation prefix: "##a" + "##b" -> "##ab".
        const QString joined =
            a + (prefixLength > 0 && b.startsWith(m_options.continuingSubwordPrefix) ? b.mid(prefixLength) : b);
        const int result = m_vocab.value(joined, -1);
        const QString missing = idA < 0 ? a : idB < 0 ? b : result < 0 ? joined : QString();
        if (!missing.isNull()) {
            throw TokenizerError(QStringLiteral("%1: merge %2 ('%3 %4'): '%5' is not in the vocabulary")
                                     .arg(source)
                                     .arg(rank)
                                     .arg(a, b, missing)
                                     .toStdString());
        }
        m_merges.insert_or_assign(pairKey(idA, idB), Merge{int(rank), result}); // a repeated pair: the last rank, as HF
    }
    m_unk = m_options.unkToken.isEmpty() ? -1 : m_vocab.value(m_options.unkToken, -1);
    for (int b = 0; b < 256; ++b) {
        const QString hex = QString::number(b, 16).toUpper().rightJustified(2, QLatin1Char('0'));
        m_byteIds[b] = m_vocab.value(QStringLiteral("<0x") + hex + QLatin1Char('>'), -1);
    }
}

QString BpeModel::kind() const
{
    return m_options.byteLevel ? QStringLiteral("byte-level BPE") : QStringLiteral("BPE");
}

QHash<QString, int> BpeModel::readVocabJson(const QByteArray& bytes, const QString& fileName)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        throw TokenizerError(QStringLiteral("%1: not a JSON object (%2)")
                                 .arg(fileName, error.error != QJsonParseError::NoError
                                                    ? error.errorString()
                                                    : QStringLiteral("another value"))
                                 .toStdString());
    }
    return readVocabObject(doc.object(), fileName);
}

QHash<QString, int> BpeModel::readVocabObject(const QJsonObject& object, const QString& fileName)
{
    QHash<QString, int> vocab;
    vocab.reserve(object.size());
    for (auto it = object.begin(); it != object.end(); ++it) {
        const double id = it.value().toDouble(-1);
        if (!it.value().isDouble() || id < 0 || id > 16777216 || id != double(int(id))) {
            throw TokenizerError(QStringLiteral("%1: the id of '%2' is not a whole number from 0 to 16777216")
                                     .arg(fileName, it.key().left(40))
                                     .toStdString());
        }
        vocab.insert(it.key(), int(id));
    }
    return vocab;
}

std::vector<std::pair<QString, QString>> BpeModel::readMergesTxt(const QByteArray& bytes, const QString& fileName)
{
    QString text;
    QString error;
    if (!decodeUtf8(bytes, text, error)) {
        throw TokenizerError(
            QStringLiteral("%1: %2").arg(fileName, error.mid(error.indexOf(QLatin1String("not valid")))).toStdString());
    }
    const QStringList lines = text.split(QLatin1Char('\n'));
    std::vector<std::pair<QString, QString>> merges;
    merges.reserve(std::size_t(lines.size()));
    for (int i = 0; i < lines.size(); ++i) {
        QString line = lines[i];
        if (line.endsWith(QLatin1Char('\r'))) {
            line.chop(1);
        }
        if ((i == 0 && line.startsWith(QLatin1String("#version"))) || line.isEmpty()) {
            continue;
        }
        const QStringList parts = line.split(QLatin1Char(' '));
        if (parts.size() != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw TokenizerError(QStringLiteral("%1: line %2 is not two tokens separated by one space")
                                     .arg(fileName)
                                     .arg(i + 1)
                                     .toStdString());
        }
        merges.emplace_back(parts[0], parts[1]);
    }
    return merges;
}

void BpeModel::initialSymbols(const QString& piece, std::vector<int>& symbols) const
{
    const std::u32string chars = toCodePoints(piece);
    bool lastWasUnk = false;
    for (std::size_t i = 0; i < chars.size(); ++i) {
        QString symbol = fromCodePoints(chars.data() + i, chars.data() + i + 1);
        if (i > 0) {
            symbol.prepend(m_options.continuingSubwordPrefix);
        }
        if (i + 1 == chars.size()) {
            symbol.append(m_options.endOfWordSuffix);
        }
        const int id = m_vocab.value(symbol, -1);
        if (id >= 0) {
            symbols.push_back(id);
            lastWasUnk = false;
            continue;
        }
        if (m_options.byteFallback) {
            const QByteArray utf8 = fromCodePoints(chars.data() + i, chars.data() + i + 1).toUtf8();
            bool all = true;
            for (const char b : utf8) {
                all = all && m_byteIds[std::uint8_t(b)] >= 0;
            }
            if (all) {
                for (const char b : utf8) {
                    symbols.push_back(m_byteIds[std::uint8_t(b)]);
                }
                lastWasUnk = false;
                continue;
            }
        }
        if (m_unk >= 0 && !(m_options.fuseUnk && lastWasUnk)) {
            symbols.push_back(m_unk);
        }
        lastWasUnk = m_unk >= 0;
    }
}

// Hugging Face's merge loop: a queue of candidate pairs, lowest rank first and leftmost among equals; a candidate
// whose symbols have changed since it was queued is dropped.
void BpeModel::mergeSymbols(std::vector<int>& symbols) const
{
    const int n = int(symbols.size());
    if (n < 2 || m_merges.empty()) {
        return;
    }
    std::vector<int> prev(static_cast<std::size_t>(n));
    std::vector<int> next(static_cast<std::size_t>(n));
    std::vector<bool> alive(static_cast<std::size_t>(n), true);
    for (int i = 0; i < n; ++i) {
        prev[std::size_t(i)] = i - 1;
        next[std::size_t(i)] = i + 1 < n ? i + 1 : -1;
    }
    struct Candidate
    {
        int rank, pos, right, result;
        bool operator>(const Candidate& o) const { return rank != o.rank ? rank > o.rank : pos > o.pos; }
    };
    std::priority_queue<Candidate, std::vector<Candidate>, std::greater<>> queue;
    auto push = [&](int left) {
        const int right = next[std::size_t(left)];
        if (right < 0) {
            return;
        }
        const auto it = m_merges.find(pairKey(symbols[std::size_t(left)], symbols[std::size_t(right)]));
        if (it != m_merges.end()) {
            queue.push({it->second.rank, left, right, it->second.result});
        }
    };
    for (int i = 0; i + 1 < n; ++i) {
        push(i);
    }
    while (!queue.empty()) {
        const Candidate c = queue.top();
        queue.pop();
        const auto l = std::size_t(c.pos);
        if (!alive[l] || next[l] != c.right || !alive[std::size_t(c.right)]) {
            continue;
        }
        const auto it = m_merges.find(pairKey(symbols[l], symbols[std::size_t(c.right)]));
        if (it == m_merges.end() || it->second.rank != c.rank) {
            continue;
        }
        symbols[l] = c.result;
        alive[std::size_t(c.right)] = false;
        next[l] = next[std::size_t(c.right)];
        if (next[l] >= 0) {
            prev[std::size_t(next[l])] = c.pos;
        }
        if (prev[l] >= 0) {
            push(prev[l]);
        }
        push(c.pos);
    }
    std::vector<int> merged;
    for (int i = 0; i >= 0; i = next[std::size_t(i)]) {
        merged.push_back(symbols[std::size_t(i)]);
    }
    symbols.swap(merged);
}

void BpeModel::tokenize(const QString& piece, std::vector<int>& ids) const
{
    if (piece.isEmpty()) {
        return;
    }
    if (m_options.ignoreMerges) {
        const int whole = m_vocab.value(piece, -1);
        if (whole >= 0) {
            ids.push_back(whole);
            return;
        }
    }
    {
        const std::lock_guard<std::mutex> lock(m_cacheMutex);
        const auto it = m_cache.constFind(piece);
        if (it != m_cache.constEnd()) {
            ids.insert(ids.end(), it->begin(), it->end());
            return;
        }
    }
    std::vector<int> symbols;
    initialSymbols(piece, symbols);
    mergeSymbols(symbols);
    ids.insert(ids.end(), symbols.begin(), symbols.end());
    if (piece.size() < 256) {
        const std::lock_guard<std::mutex> lock(m_cacheMutex);
        if (m_cache.size() >= kCacheSize) {
            m_cache.clear();
        }
        m_cache.insert(piece, std::move(symbols));
    }
}

} // namespace attn::tok
