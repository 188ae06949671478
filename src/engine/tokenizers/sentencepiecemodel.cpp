#include "engine/tokenizers/sentencepiecemodel.h"

#include "engine/tokenizers/protoreader.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <queue>

namespace attn::tok {

namespace {

const QChar kSpaceMark(0x2581); // "▁", SentencePiece's visible space

int codePointCount(const QString& s)
{
    int n = 0;
    for (qsizetype i = 0; i < s.size(); ++i) {
        n += s[i].isLowSurrogate() ? 0 : 1;
    }
    return n;
}

} // namespace

SentencePieceModel::SentencePieceModel(const QByteArray& serialized, const QString& fileName)
{
    std::fill(std::begin(m_byteIds), std::end(m_byteIds), -1);
    if (serialized.isEmpty()) {
        throw TokenizerError(QStringLiteral("%1: the file is empty").arg(fileName).toStdString());
    }
    parse(serialized, fileName);
    if (m_pieces.empty()) {
        throw TokenizerError(QStringLiteral("%1: a SentencePiece model without pieces").arg(fileName).toStdString());
    }
    if (m_modelType < 1 || m_modelType > 4) {
        throw TokenizerError(
            QStringLiteral("%1: unknown SentencePiece model type %2").arg(fileName).arg(m_modelType).toStdString());
    }
    const int n = int(m_pieces.size());
    for (int* id : {&m_unkId, &m_bosId, &m_eosId}) {
        *id = (*id >= 0 && *id < n) ? *id : -1;
    }
    m_minScore = std::numeric_limits<float>::max();
    for (int id = 0; id < n; ++id) {
        const Piece& p = m_pieces[std::size_t(id)];
        if (p.type == PieceType::Normal) {
            m_minScore = std::min(m_minScore, p.score);
        }
        if (p.type == PieceType::Normal || p.type == PieceType::UserDefined) {
            m_maxPieceChars = std::max(m_maxPieceChars, codePointCount(p.text));
        }
        if (p.type == PieceType::UserDefined && !p.text.isEmpty()) {
            m_userDefined.push_back(p.text);
        }
        bool ok = false;
        const int byte = p.text.mid(3, 2).toInt(&ok, 16);
        // "<0x-1>" reads as -1: only two hex digits name a byte.
        if (p.type == PieceType::Byte && ok && byte >= 0 && byte < 256 && p.text.size() == 6 &&
            p.text.startsWith(QLatin1String("<0x")) && p.text.endsWith(QLatin1Char('>'))) {
            m_byteIds[byte] = id;
        }
    }
    for (int id = n - 1; id >= 0; --id) { // the first piece of a text owns it, as in the library
        m_ids.insert(m_pieces[std::size_t(id)].text, id);
    }
    if (m_minScore == std::numeric_limits<float>::max()) {
        m_minScore = 0.0f;
    }
    std::sort(m_userDefined.begin(), m_userDefined.end(),
              [](const QString& a, const QString& b) { return a.size() > b.size(); });
}

void SentencePieceModel::parse(const QByteArray& bytes, const QString& fileName)
{
    ProtoReader model(bytes.constData(), bytes.size(), fileName);
    while (!model.atEnd()) {
        const auto [field, wire] = model.tag();
        if (field == 1 && wire == 2) { // repeated SentencePiece pieces
            ProtoReader r = model.message();
            Piece piece;
            while (!r.atEnd()) {
                const auto [f, w] = r.tag();
                if (f == 1 && w == 2) {
                    piece.text = QString::fromUtf8(r.bytes());
                } else if (f == 2 && w == 5) {
                    piece.score = r.fixed32();
                } else if (f == 3 && w == 0) {
                    const quint64 type = r.varint();
                    if (type < 1 || type > 6) {
                        r.fail(QStringLiteral("piece %1 has an unknown type %2").arg(m_pieces.size()).arg(type));
                    }
                    piece.type = PieceType(type);
                } else {
                    r.skip(w);
                }
            }
            m_pieces.push_back(piece);
        } else if (field == 2 && wire == 2) { // TrainerSpec
            ProtoReader r = model.message();
            while (!r.atEnd()) {
                const auto [f, w] = r.tag();
                if (w != 0) {
                    r.skip(w);
                } else if (f == 3) {
                    m_modelType = r.int32();
                } else if (f == 35) {
                    m_byteFallback = r.varint() != 0;
                } else if (f == 40) {
                    m_unkId = r.int32();
                } else if (f == 41) {
                    m_bosId = r.int32();
                } else if (f == 42) {
                    m_eosId = r.int32();
                } else {
                    r.skip(w);
                }
            }
        } else if (field == 3 && wire == 2) { // NormalizerSpec
            ProtoReader r = model.message();
            while (!r.atEnd()) {
                const auto [f, w] = r.tag();
                if (f == 1 && w == 2) {
                    m_normaliserName = QString::fromUtf8(r.bytes());
                } else if (f == 3 && w == 0) {
                    m_addDummyPrefix = r.varint() != 0;
                } else if (f == 4 && w == 0) {
                    m_removeExtraWhitespaces = r.varint() != 0;
                } else if (f == 5 && w == 0) {
                    m_escapeWhitespaces = r.varint() != 0;
                } else {
                    r.skip(w);
                }
            }
        } else {
            model.skip(wire);
        }
    }
}

QString SentencePieceModel::kind() const
{
    switch (m_modelType) {
    case 1:
        return QStringLiteral("SentencePiece (Unigram)");
    case 2:
        return QStringLiteral("SentencePiece (BPE)");
    case 3:
        return QStringLiteral("SentencePiece (word)");
    default:
        return QStringLiteral("SentencePiece (char)");
    }
}

QString SentencePieceModel::idToToken(int id) const
{
    return (id >= 0 && id < vocabSize()) ? m_pieces[std::size_t(id)].text : QString();
}

int SentencePieceModel::tokenToId(const QString& token) const
{
    return m_ids.value(token, -1);
}

int SentencePieceModel::usableId(const QString& piece) const
{
    const int id = m_ids.value(piece, -1);
    if (id < 0) {
        return -1;
    }
    const PieceType type = m_pieces[std::size_t(id)].type;
    return (type == PieceType::Normal || type == PieceType::UserDefined) ? id : -1;
}

QString SentencePieceModel::normalise(const QString& input) const
{
    QString text = input;
    if (m_normaliserName.contains(QLatin1String("nfkc"))) {
        text = text.normalized(QString::NormalizationForm_KC);
        if (m_normaliserName.endsWith(QLatin1String("_cf"))) {
            text = text.toCaseFolded();
        }
        for (QChar& c : text) {
            if (c == QLatin1Char('\t') || c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
                c = QLatin1Char(' ');
            }
        }
    }
    if (m_removeExtraWhitespaces) {
        QString collapsed;
        collapsed.reserve(text.size());
        for (const QChar c : text) {
            if (c == QLatin1Char(' ') && (collapsed.isEmpty() || collapsed.back() == QLatin1Char(' '))) {
                continue;
            }
            collapsed += c;
        }
        while (collapsed.endsWith(QLatin1Char(' '))) {
            collapsed.chop(1);
        }
        text = collapsed;
    }
    if (text.isEmpty()) {
        return text;
    }
    if (m_addDummyPrefix) {
        text.prepend(QLatin1Char(' '));
    }
    if (m_escapeWhitespaces) {
        text.replace(QLatin1Char(' '), kSpaceMark);
    }
    return text;
}

std::vector<QString> SentencePieceModel::characters(const QString& text) const
{
    std::vector<QString> out;
    qsizetype i = 0;
    while (i < text.size()) {
        const QStringView rest = QStringView(text).mid(i);
        const auto user = std::find_if(m_userDefined.begin(), m_userDefined.end(),
                                       [&](const QString& symbol) { return rest.startsWith(symbol); });
        qsizetype n = user != m_userDefined.end() ? user->size() : 1;
        if (n == 1 && text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            n = 2;
        }
        out.push_back(text.mid(i, n));
        i += n;
    }
    return out;
}

void SentencePieceModel::appendUnknown(const QString& symbol, std::vector<int>& ids) const
{
    if (m_byteFallback) {
        for (const char byte : symbol.toUtf8()) {
            const int id = m_byteIds[static_cast<unsigned char>(byte)];
            if (id >= 0) {
                ids.push_back(id);
            } else if (m_unkId >= 0) {
                ids.push_back(m_unkId);
            }
        }
        return;
    }
    if (m_unkId < 0) {
        throw TokenizerError(QStringLiteral("SentencePiece: '%1' is not in the vocabulary and the model has no "
                                            "unknown piece")
                                 .arg(symbol)
                                 .toStdString());
    }
    ids.push_back(m_unkId);
}

void SentencePieceModel::encodeBpe(const std::vector<QString>& chars, std::vector<int>& ids) const
{
    // Repeatedly merges the adjacent pair whose union is the highest-scoring piece (leftmost on ties).
    const int n = int(chars.size());
    std::vector<QString> symbol(chars);
    std::vector<int> prev(static_cast<std::size_t>(n));
    std::vector<int> next(static_cast<std::size_t>(n));
    std::vector<bool> frozen(static_cast<std::size_t>(n)); // user-defined symbols never merge
    for (int i = 0; i < n; ++i) {
        prev[std::size_t(i)] = i - 1;
        next[std::size_t(i)] = i + 1 < n ? i + 1 : -1;
        frozen[std::size_t(i)] = chars[std::size_t(i)].size() > 1 && usableId(chars[std::size_t(i)]) >= 0 &&
                                 m_pieces[std::size_t(usableId(chars[std::size_t(i)]))].type == PieceType::UserDefined;
    }
    struct Candidate
    {
        float score;
        int left;
        int right;
        qsizetype size; // of the merged text, to spot candidates made stale by other merges
    };
    const auto worse = [](const Candidate& a, const Candidate& b) {
        return a.score != b.score ? a.score < b.score : a.left > b.left;
    };
    std::priority_queue<Candidate, std::vector<Candidate>, decltype(worse)> agenda(worse);
    const auto consider = [&](int left, int right) {
        if (left < 0 || right < 0 || frozen[std::size_t(left)] || frozen[std::size_t(right)]) {
            return;
        }
        const QString merged = symbol[std::size_t(left)] + symbol[std::size_t(right)];
        const int id = usableId(merged);
        if (id >= 0) {
            agenda.push({m_pieces[std::size_t(id)].score, left, right, merged.size()});
        }
    };
    for (int i = 0; i + 1 < n; ++i) {
        consider(i, i + 1);
    }
    while (!agenda.empty()) {
        const Candidate c = agenda.top();
        agenda.pop();
        if (symbol[std::size_t(c.left)].isEmpty() || symbol[std::size_t(c.right)].isEmpty() ||
            next[std::size_t(c.left)] != c.right ||
            symbol[std::size_t(c.left)].size() + symbol[std::size_t(c.right)].size() != c.size) {
            continue;
        }
        symbol[std::size_t(c.left)] += symbol[std::size_t(c.right)];
        symbol[std::size_t(c.right)].clear();
        next[std::size_t(c.left)] = next[std::size_t(c.right)];
        if (next[std::size_t(c.right)] >= 0) {
            prev[std::size_t(next[std::size_t(c.right)])] = c.left;
        }
        consider(prev[std::size_t(c.left)], c.left);
        consider(c.left, next[std::size_t(c.left)]);
    }
    for (int i = n > 0 ? 0 : -1; i >= 0; i = next[std::size_t(i)]) {
        const int id = usableId(symbol[std::size_t(i)]);
        if (id >= 0) {
            ids.push_back(id);
        } else {
            appendUnknown(symbol[std::size_t(i)], ids);
        }
    }
}

void SentencePieceModel::encodeUnigram(const std::vector<QString>& chars, std::vector<int>& ids) const
{
    // Viterbi over the lattice of pieces: the segmentation with the largest total score. A character no piece
    // covers is one unknown piece, scored below every real piece.
    const int n = int(chars.size());
    const float unknownScore = m_minScore - 10.0f;
    float maxScore = 0.0f;
    for (const auto& p : m_pieces) {
        maxScore = std::max(maxScore, p.score);
    }
    constexpr float kUnreached = -std::numeric_limits<float>::infinity();
    std::vector<float> best(std::size_t(n) + 1, kUnreached);
    std::vector<int> from(std::size_t(n) + 1, -1), pieceOf(std::size_t(n) + 1, -1);
    best[0] = 0.0f;
    for (int i = 0; i < n; ++i) {
        if (best[std::size_t(i)] == kUnreached) {
            continue;
        }
        QString text;
        bool single = false;
        for (int j = i; j < n && j - i < m_maxPieceChars; ++j) {
            text += chars[std::size_t(j)];
            const int id = usableId(text);
            if (id < 0) {
                continue;
            }
            const Piece& p = m_pieces[std::size_t(id)];
            const float score = p.type == PieceType::UserDefined ? float(j - i + 1) * maxScore - 0.1f : p.score;
            single = single || j == i;
            if (best[std::size_t(i)] + score > best[std::size_t(j) + 1]) {
                best[std::size_t(j) + 1] = best[std::size_t(i)] + score;
                from[std::size_t(j) + 1] = i;
                pieceOf[std::size_t(j) + 1] = id;
            }
        }
        if (!single && best[std::size_t(i)] + unknownScore > best[std::size_t(i) + 1]) {
            best[std::size_t(i) + 1] = best[std::size_t(i)] + unknownScore;
            from[std::size_t(i) + 1] = i;
            pieceOf[std::size_t(i) + 1] = -1;
        }
    }
    std::vector<std::pair<int, int>> path; // (start, piece id or -1)
    for (int end = n; end > 0;) {
        const int start = from[std::size_t(end)];
        if (start < 0 || start >= end) {
            // Not reached: scores of -inf or NaN, or sums that overflow to -inf (a hostile file). The character
            // becomes an unknown piece instead of a walk off the lattice.
            path.emplace_back(end - 1, -1);
            --end;
            continue;
        }
        path.emplace_back(start, pieceOf[std::size_t(end)]);
        end = start;
    }
    std::reverse(path.begin(), path.end());
    for (std::size_t k = 0; k < path.size(); ++k) {
        if (path[k].second >= 0) {
            ids.push_back(path[k].second);
            continue;
        }
        // Consecutive unknown characters make one unknown piece, as the library does.
        QString unknown;
        std::size_t last = k;
        while (last < path.size() && path[last].second < 0) {
            unknown += chars[std::size_t(path[last].first)];
            ++last;
        }
        appendUnknown(unknown, ids);
        k = last - 1;
    }
}

void SentencePieceModel::tokenize(const QString& text, std::vector<int>& ids) const
{
    const QString normalised = normalise(text);
    if (normalised.isEmpty()) {
        return;
    }
    const std::vector<QString> chars = characters(normalised);
    switch (m_modelType) {
    case 1:
        encodeUnigram(chars, ids);
        return;
    case 2:
        encodeBpe(chars, ids);
        return;
    default:
        break;
    }
    // Word and character models: whole words (each starting at a space mark) or single characters.
    std::vector<QString> units;
    for (const QString& c : chars) {
        if (m_modelType == 4 || units.empty() || c == QString(kSpaceMark)) {
            units.push_back(c);
        } else {
            units.back() += c;
        }
    }
    for (const QString& u : units) {
        const int id = usableId(u);
        if (id >= 0) {
            ids.push_back(id);
        } else {
            appendUnknown(u, ids);
        }
    }
}

} // namespace attn::tok
