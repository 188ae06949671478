#include "engine/tokenizers/addedvocabulary.h"

#include "engine/tokenizers/unicodechars.h"

namespace attn::tok {

void AddedVocabulary::add(const AddedToken& token)
{
    if (token.content.isEmpty()) {
        return; // an empty token would match everywhere
    }
    for (AddedToken& t : m_tokens) {
        if (t.content == token.content) {
            t = token;
            return;
        }
    }
    m_tokens.push_back(token);
}

const AddedToken* AddedVocabulary::find(const QString& content) const
{
    for (const AddedToken& t : m_tokens) {
        if (t.content == content) {
            return &t;
        }
    }
    return nullptr;
}

const AddedToken* AddedVocabulary::findId(int id) const
{
    for (const AddedToken& t : m_tokens) {
        if (t.id == id) {
            return &t;
        }
    }
    return nullptr;
}

std::vector<AddedVocabulary::Segment> AddedVocabulary::split(const QString& text, bool normalized) const
{
    std::vector<Segment> out;
    std::vector<int> candidates;
    for (int i = 0; i < int(m_tokens.size()); ++i) {
        if (m_tokens[std::size_t(i)].normalized == normalized) {
            candidates.push_back(i);
        }
    }
    if (candidates.empty() || text.isEmpty()) {
        out.push_back({text, -1});
        return out;
    }
    auto isWordAt = [&](qsizetype at) { return at >= 0 && at < text.size() && isWordChar(text.at(at).unicode()); };
    qsizetype segmentStart = 0;
    qsizetype i = 0;
    while (i < text.size()) {
        int best = -1;
        for (const int c : candidates) {
            const AddedToken& t = m_tokens[std::size_t(c)];
            if (text.at(i) != t.content.at(0) || !QStringView(text).mid(i).startsWith(t.content)) {
                continue;
            }
            const qsizetype end = i + t.content.size();
            if (t.singleWord && (isWordAt(i - 1) || isWordAt(end))) {
                continue;
            }
            if (best < 0 || t.content.size() > m_tokens[std::size_t(best)].content.size()) {
                best = c;
            }
        }
        if (best < 0) {
            ++i;
            continue;
        }
        const AddedToken& t = m_tokens[std::size_t(best)];
        qsizetype start = i;
        qsizetype end = i + t.content.size();
        if (t.lstrip) {
            while (start > segmentStart && isWhitespace(text.at(start - 1).unicode())) {
                --start;
            }
        }
        if (t.rstrip) {
            while (end < text.size() && isWhitespace(text.at(end).unicode())) {
                ++end;
            }
        }
        if (start > segmentStart) {
            out.push_back({text.mid(segmentStart, start - segmentStart), -1});
        }
        out.push_back({t.content, best});
        segmentStart = end;
        i = end;
    }
    if (segmentStart < text.size()) {
        out.push_back({text.mid(segmentStart), -1});
    }
    return out;
}

} // namespace attn::tok
