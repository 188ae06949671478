// The review and document generators of classifydata.h.
#include "engine/classify/classifydata.h"

#include "core/random.h"

#include <algorithm>
#include <set>

namespace attn::classify {

namespace {

using Words = std::vector<std::string>;

const Words kNouns{"director", "actor",   "actress", "camera", "city",     "studio",  "village",   "train",
                   "station",  "ticket",  "cinema",  "sequel", "budget",   "hero",    "audience",  "screen",
                   "chapter",  "kitchen", "letter",  "friend", "sister",   "brother", "teacher",   "doctor",
                   "harbour",  "garden",  "island",  "summer", "winter",   "evening", "crew",      "producer",
                   "poster",   "trailer", "editor",  "river",  "bridge",   "hotel",   "market",    "museum",
                   "school",   "office",  "farm",    "forest", "weather",  "popcorn", "parking",   "traffic",
                   "seat",     "coffee",  "queue",   "bus",    "dinner",   "film",    "plot",      "story",
                   "acting",   "ending",  "script",  "cast",   "dialogue", "movie",   "soundtrack"};
// What a review judges: a polar phrase about one of these ("it had not good acting .") decides the label.
const Words kTopics{"acting", "writing", "music",   "dialogue",   "direction",
                    "pacing", "editing", "casting", "camerawork", "photography"};
// What it does not judge: a polar phrase about one of these ("it had awful popcorn .") is a decoy.
const Words kOffTopic{"food",    "parking", "popcorn", "coffee",  "weather",
                      "traffic", "service", "seating", "heating", "company"};
// How a polar clause begins.
const std::vector<Words> kPolarOpenings{
    {"it", "had"}, {"there", "was"}, {"we", "got"}, {"it", "offered"}, {"it", "showed"}};
const Words kPronouns{"it", "he", "she"};
// Intransitive verbs: third person singular and base form ("does not arrive").
const std::vector<std::pair<std::string, std::string>> kVerbs{
    {"arrives", "arrive"}, {"begins", "begin"}, {"returns", "return"},     {"stays", "stay"},     {"waits", "wait"},
    {"travels", "travel"}, {"sings", "sing"},   {"speaks", "speak"},       {"appears", "appear"}, {"changes", "change"},
    {"leaves", "leave"},   {"moves", "move"},   {"continues", "continue"}, {"sleeps", "sleep"},   {"walks", "walk"}};
const Words kCopulas{"was", "is", "seemed", "felt", "looked"};
const Words kNeutralAdjectives{"old",   "new",  "small", "large", "closed", "open",  "empty", "quiet",
                               "busy",  "long", "short", "local", "famous", "early", "late",  "french",
                               "green", "dark", "loud",  "young", "modern", "full"};
const Words kIntensifiers{"really", "truly", "very", "quite", "rather"};
const Words kNegators{"not", "never"};
const Words kPositive{"good",       "great",     "excellent", "wonderful", "superb",    "brilliant",
                      "delightful", "enjoyable", "charming",  "lovely",    "fantastic", "moving",
                      "gripping",   "clever",    "beautiful", "terrific"};
const Words kNegative{"bad",  "awful", "terrible", "boring",  "dull",  "poor",     "dreadful", "tedious",
                      "weak", "bland", "clumsy",   "painful", "silly", "lifeless", "mediocre", "disappointing"};
// Extensions that lengthen a clause by 1, 2 or 3 tokens without changing its meaning.
const Words kAdverbs{"again", "today", "later", "twice", "early", "anyway", "slowly", "then"};
const std::vector<Words> kTwoWordExtensions{{"at", "night"},  {"by", "train"},    {"in", "winter"},
                                            {"on", "sunday"}, {"after", "lunch"}, {"in", "june"}};
const Words kPrepositions{"in", "near", "with", "after", "from", "behind"};
// The share of filler clauses (of 5 tokens or more) that are off-topic polar decoys.
constexpr double kDecoyShare = 0.5;

const std::string& pick(SeededRandom& rng, const Words& words)
{
    return words[rng.below(words.size())];
}
int between(SeededRandom& rng, int lo, int hi)
{
    return lo + int(rng.below(std::uint64_t(hi - lo + 1)));
}

void append(Words& out, const Words& more)
{
    out.insert(out.end(), more.begin(), more.end());
}

// Extension pieces adding exactly n tokens (n >= 0).
void extend(SeededRandom& rng, Words& out, int n)
{
    while (n > 0) {
        const int piece = std::min(n, between(rng, 1, 3));
        if (piece == 1) {
            out.push_back(pick(rng, kAdverbs));
        } else if (piece == 2) {
            append(out, kTwoWordExtensions[rng.below(kTwoWordExtensions.size())]);
        } else {
            append(out, {pick(rng, kPrepositions), "the", pick(rng, kNouns)});
        }
        n -= piece;
    }
}

Words subject(SeededRandom& rng, int length)
{
    return length == 1 ? Words{pick(rng, kPronouns)} : Words{"the", pick(rng, kNouns)};
}

// A neutral clause of exactly k tokens ending with "." (k >= 3); k of 1 or 2 gives adverbs alone.
Words fillerClause(SeededRandom& rng, int k)
{
    Words out;
    if (k < 3) {
        extend(rng, out, k);
        return out;
    }
    // The openings of polar clauses also open neutral ones ("it had not old windows ."), so that the word before a
    // polar phrase tells nothing: only the phrase does.
    if (k >= 5 && rng.uniform() < 0.5) {
        out = kPolarOpenings[rng.below(kPolarOpenings.size())];
        if (k >= 6 && rng.uniform() < 0.4) {
            out.push_back(pick(rng, kNegators));
        }
        append(out, {pick(rng, kNeutralAdjectives), pick(rng, kNouns)});
        extend(rng, out, k - int(out.size()) - 1);
        out.push_back(".");
        return out;
    }
    // Types: plain verb (min 3), negated verb (min 5), copula with a neutral adjective, maybe negated (min 4).
    std::vector<int> types{0};
    if (k >= 4) {
        types.push_back(2);
    }
    if (k >= 5) {
        types.push_back(1);
    }
    const int type = types[rng.below(types.size())];
    const auto& verb = kVerbs[rng.below(kVerbs.size())];
    int body = 0;
    if (type == 0) {
        body = 1;
    } else if (type == 1) {
        body = 3;
    } else {
        body = 2;
    }
    const int subjectLength = k - body - 1 >= 2 && rng.uniform() < 0.8 ? 2 : 1;
    out = subject(rng, subjectLength);
    if (type == 0) {
        out.push_back(verb.first);
    } else if (type == 1) {
        append(out, {"does", "not", verb.second});
    } else {
        out.push_back(pick(rng, kCopulas));
        int room = k - subjectLength - body - 1;
        if (room >= 1 && rng.uniform() < 0.4) { // "the hotel was not old": a negator that decides nothing
            out.push_back(pick(rng, kNegators));
            --room;
        }
        if (room >= 1 && rng.uniform() < 0.3) {
            out.push_back(pick(rng, kIntensifiers));
        }
        out.push_back(pick(rng, kNeutralAdjectives));
    }
    extend(rng, out, k - int(out.size()) - 1);
    out.push_back(".");
    return out;
}

// "[negator] adjective noun", the noun a topic or (decoy) an off-topic noun, appended to out; the indices of the
// negator, the adjective and a topic noun go to decisive. The phrase is contiguous and has no intensifier, so
// that inside it no other token sits between the words that decide.
void polarPhrase(SeededRandom& rng, int polarity, bool decoy, Words& out, std::vector<int>& decisive, bool allowNegator)
{
    const bool negate = allowNegator && rng.uniform() < 0.4;
    if (negate) {
        decisive.push_back(int(out.size()));
        out.push_back(pick(rng, kNegators));
    }
    const bool positiveWord = negate ? polarity == 0 : polarity == 1;
    decisive.push_back(int(out.size()));
    out.push_back(pick(rng, positiveWord ? kPositive : kNegative));
    decisive.push_back(int(out.size()));
    out.push_back(pick(rng, decoy ? kOffTopic : kTopics));
}

// "it had not good acting ." (5 or 6 tokens) lengthened by up to `extra` tokens of extensions but to at most
// maxTokens (>= 5). A decoy is about an off-topic noun; its indices are not decisive.
Words polarClause(SeededRandom& rng, int polarity, int maxTokens, std::vector<int>& decisive, int extra, bool decoy)
{
    Words out = kPolarOpenings[rng.below(kPolarOpenings.size())];
    std::vector<int> indices;
    polarPhrase(rng, polarity, decoy, out, indices, maxTokens >= 6);
    if (!decoy) {
        decisive.insert(decisive.end(), indices.begin(), indices.end());
    }
    extend(rng, out, std::min(extra, maxTokens - int(out.size()) - 1));
    out.push_back(".");
    return out;
}

std::string joinTokens(const Words& tokens)
{
    std::string s;
    for (const auto& t : tokens) {
        if (!s.empty() && t != "." && t != "!" && t != "?") {
            s += ' ';
        }
        s += t;
    }
    return s;
}

ReviewExample makeReview(SeededRandom& rng, int length)
{
    ReviewExample r;
    r.label = int(rng.below(2));
    const int phrases = length >= 20 && rng.uniform() < 0.3 ? 2 : 1;
    std::vector<Words> clauses;
    std::vector<std::vector<int>> clauseDecisive;
    int used = 0;
    for (int p = 0; p < phrases; ++p) {
        std::vector<int> dec;
        const int extra = rng.uniform() < 0.3 ? between(rng, 1, 3) : 0;
        clauses.push_back(polarClause(rng, r.label, std::min(6 + extra, length - used), dec, extra, false));
        clauseDecisive.push_back(dec);
        used += int(clauses.back().size());
    }
    int filler = length - used;
    while (filler > 0) {
        int k = std::min(filler, between(rng, 3, 12));
        if (filler - k < 3) {
            k = filler;
        }
        std::vector<int> ignored;
        if (k >= 5 && rng.uniform() < kDecoyShare) {
            clauses.push_back(polarClause(rng, int(rng.below(2)), k, ignored, k, true));
        } else {
            clauses.push_back(fillerClause(rng, k));
        }
        clauseDecisive.emplace_back();
        filler -= k;
    }
    // Shuffle clause order (Fisher-Yates with our own draws), so the decisive clauses land anywhere.
    std::vector<int> order(clauses.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = int(i);
    }
    for (std::size_t i = order.size(); i > 1; --i) {
        std::swap(order[i - 1], order[rng.below(i)]);
    }
    for (int idx : order) {
        for (int d : clauseDecisive[idx]) {
            r.decisive.push_back(int(r.tokens.size()) + d);
        }
        append(r.tokens, clauses[idx]);
    }
    return r;
}

DocumentExample makeDocument(SeededRandom& rng, int sentenceCount)
{
    DocumentExample doc;
    doc.label = int(rng.below(2));
    doc.decisiveSentence = int(rng.below(std::uint64_t(sentenceCount)));
    for (int s = 0; s < sentenceCount; ++s) {
        if (s == doc.decisiveSentence) {
            const int extra = rng.uniform() < 0.5 ? between(rng, 1, 6) : 0;
            doc.sentences.push_back(polarClause(rng, doc.label, 6 + extra, doc.decisive, extra, false));
            continue;
        }
        const double kind = rng.uniform();
        if (kind < 0.3) { // mixed: one phrase of each polarity about topics, deciding nothing
            Words out = kPolarOpenings[rng.below(kPolarOpenings.size())];
            std::vector<int> ignored;
            const int first = int(rng.below(2));
            polarPhrase(rng, first, false, out, ignored, true);
            out.push_back("but");
            polarPhrase(rng, 1 - first, false, out, ignored, true);
            out.push_back(".");
            doc.sentences.push_back(out);
        } else if (kind < 0.55) { // decoy: a polar phrase about something off-topic
            std::vector<int> ignored;
            const int extra = between(rng, 0, 5);
            doc.sentences.push_back(polarClause(rng, int(rng.below(2)), 6 + extra, ignored, extra, true));
        } else {
            doc.sentences.push_back(fillerClause(rng, between(rng, 4, 12)));
        }
    }
    return doc;
}

} // namespace

const std::vector<std::string>& sentimentLabels()
{
    static const Words kLabels{"negative", "positive"};
    return kLabels;
}

std::string ReviewExample::text() const
{
    return joinTokens(tokens);
}

std::string DocumentExample::text() const
{
    Words all;
    for (const auto& s : sentences) {
        append(all, s);
    }
    return joinTokens(all);
}

std::vector<ReviewExample> generateReviews(std::uint64_t seed, int count, int minTokens, int maxTokens)
{
    minTokens = std::clamp(minTokens, kMinReviewTokens, kMaxReviewTokens);
    maxTokens = std::clamp(maxTokens, minTokens, kMaxReviewTokens);
    SeededRandom rng(seed);
    std::vector<ReviewExample> out;
    for (int i = 0; i < count; ++i) {
        out.push_back(makeReview(rng, between(rng, minTokens, maxTokens)));
    }
    return out;
}

std::vector<ReviewExample> generateReviewsOfLength(std::uint64_t seed, int count, int tokens)
{
    return generateReviews(seed, count, tokens, tokens);
}

std::vector<DocumentExample> generateDocuments(std::uint64_t seed, int count, int minSentences, int maxSentences)
{
    minSentences = std::clamp(minSentences, kMinDocumentSentences, kMaxDocumentSentences);
    maxSentences = std::clamp(maxSentences, minSentences, kMaxDocumentSentences);
    SeededRandom rng(seed);
    std::vector<DocumentExample> out;
    for (int i = 0; i < count; ++i) {
        out.push_back(makeDocument(rng, between(rng, minSentences, maxSentences)));
    }
    return out;
}

const std::vector<std::string>& reviewTopics()
{
    return kTopics;
}

const std::vector<std::string>& reviewWords()
{
    static const Words kWords = [] {
        Words all{".", "the", "does", "but"};
        for (const auto& o : kPolarOpenings) {
            append(all, o);
        }
        for (const Words* list : {&kNouns, &kTopics, &kOffTopic, &kPronouns, &kCopulas, &kNeutralAdjectives,
                                  &kIntensifiers, &kNegators, &kPositive, &kNegative, &kAdverbs, &kPrepositions}) {
            append(all, *list);
        }
        for (const auto& v : kVerbs) {
            append(all, {v.first, v.second});
        }
        for (const auto& e : kTwoWordExtensions) {
            append(all, e);
        }
        Words unique;
        std::set<std::string> seen;
        for (const auto& w : all) {
            if (seen.insert(w).second) {
                unique.push_back(w);
            }
        }
        return unique;
    }();
    return kWords;
}

std::vector<std::vector<std::string>> splitSentences(const std::vector<std::string>& tokens)
{
    std::vector<Words> out;
    Words current;
    for (const auto& t : tokens) {
        current.push_back(t);
        if (t == "." || t == "!" || t == "?") {
            out.push_back(std::move(current));
            current.clear();
        }
    }
    if (!current.empty()) {
        out.push_back(std::move(current));
    }
    return out;
}

} // namespace attn::classify
