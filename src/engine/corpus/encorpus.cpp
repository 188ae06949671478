#include "engine/corpus/encorpus.h"

#include "engine/corpus/corpusbuilder.h"
#include "engine/corpus/vocabulary.h"

#include <algorithm>
#include <cstring>
#include <set>
#include <stdexcept>
#include <unordered_set>

namespace attn {

using namespace corpus;

namespace {

std::uint64_t fnv1a(const std::string& s)
{
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : s) {
        h = (h ^ c) * 1099511628211ULL;
    }
    h ^= h >> 33; // mix the high bits down before taking a remainder
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

std::string splitKey(const SentencePair& p)
{
    if (p.kind != SentenceKind::Coreference) {
        return p.sourceText();
    }
    std::vector<std::string> words = p.source; // the minimal pair shares a key: both adjectives in one split
    words[words.size() - 2] = "*";
    std::string key;
    for (const auto& w : words) {
        key += w + ' ';
    }
    return key;
}

} // namespace

std::string SentencePair::sourceText() const
{
    std::string s;
    for (const auto& w : source) {
        s += (s.empty() ? "" : " ") + w;
    }
    return s;
}

std::string SentencePair::targetText() const
{
    return detokenizeFrench(target);
}

const char* sentenceKindName(SentenceKind kind)
{
    switch (kind) {
    case SentenceKind::Coreference: return "coreference";
    case SentenceKind::Description: return "description";
    case SentenceKind::Transitive: return "transitive";
    case SentenceKind::Institution: return "institution";
    case SentenceKind::Pronoun: return "pronoun";
    case SentenceKind::Long: return "long";
    }
    return "?";
}

EnFrCorpus::EnFrCorpus(CorpusOptions options) : m_options(options), m_state(0)
{
    // Seeds one apart must not give streams one draw apart (splitmix64 adds a constant per draw): hash the seed.
    m_state = fnv1a("corpus seed " + std::to_string(options.seed));
    if (m_options.minLongWords < 8 || m_options.maxLongWords < m_options.minLongWords) {
        throw std::invalid_argument("corpus options: long sentences need 8 <= minLongWords <= maxLongWords");
    }
}

std::uint64_t EnFrCorpus::draw()
{
    std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL); // splitmix64
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

int EnFrCorpus::below(int n)
{
    return n <= 0 ? 0 : int(draw() % std::uint64_t(n));
}

double EnFrCorpus::uniform()
{
    return double(draw() >> 11) * (1.0 / 9007199254740992.0);
}

Split EnFrCorpus::splitOf(const SentencePair& pair)
{
    if (pair.kind == SentenceKind::Coreference && pair.source.size() > 4 && pair.source[1] == "animal" &&
        pair.source[3] == "cross" && pair.source[5] == "street") {
        return Split::Test; // the canonical demo pair is never trained on
    }
    const auto bucket = fnv1a(splitKey(pair)) % 100;
    return bucket < 80 ? Split::Train : (bucket < 90 ? Split::Valid : Split::Test);
}

std::vector<SentencePair> EnFrCorpus::generate(Split split, int count, bool unique)
{
    std::vector<SentencePair> out;
    std::unordered_set<std::string> seen;
    const long maxAttempts = 200L * count + 200000L;
    for (long attempt = 0; attempt < maxAttempts && int(out.size()) < count; ++attempt) {
        SentencePair p = next();
        if (splitOf(p) != split) {
            continue;
        }
        if (unique && !seen.insert(p.sourceText()).second) {
            continue;
        }
        out.push_back(std::move(p));
    }
    if (int(out.size()) < count) {
        throw std::runtime_error("corpus: the split cannot supply " + std::to_string(count) +
                                 " unique sentences (got " + std::to_string(out.size()) + ")");
    }
    return out;
}

SentencePair EnFrCorpus::next()
{
    if (m_options.longShare > 0 && uniform() < m_options.longShare) {
        return longSentence();
    }
    return shortSentence();
}

} // namespace attn
