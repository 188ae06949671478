#include "engine/classify/pairdata.h"

#include "core/random.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <set>

namespace attn::classify {

namespace {

enum class Pos
{
    Noun,
    Adjective,
    Verb
};

// A concept is a set of interchangeable forms (synonyms); `group` ties a concept to its antonym (the other
// concept of the same group), so a premise uses each group at most once.
struct Concept
{
    Pos pos;
    int group;
    int antonym; // concept index, or -1
    std::vector<std::string> forms;
};

struct Lexicon
{
    std::vector<Concept> concepts;
    std::vector<int> nouns, adjectives, verbs; // concept indices
    std::vector<std::string> words;            // every word the generator writes
    std::set<std::string> content;
};

const Lexicon& lexicon()
{
    static const Lexicon kLexicon = [] {
        const std::vector<std::vector<std::string>> nouns = {
            {"dog", "hound"},        {"car", "automobile"},     {"house", "home"},   {"child", "kid"},
            {"woman", "lady"},       {"road", "street"},        {"boat", "ship"},    {"stone", "rock"},
            {"doctor", "physician"}, {"teacher", "instructor"}, {"film", "movie"},   {"shop", "store"},
            {"gift", "present"},     {"sofa", "couch"},         {"forest", "woods"}, {"bag", "sack"},
            {"jacket", "coat"},      {"pupil", "student"},      {"hat", "cap"},      {"picture", "photo"}};
        // pairs of antonym concepts
        const std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>> adjectives = {
            {{"big", "large", "huge"}, {"small", "little", "tiny"}},
            {{"happy", "glad", "cheerful"}, {"sad", "unhappy", "gloomy"}},
            {{"fast", "quick", "rapid"}, {"slow", "sluggish"}},
            {{"hot", "warm"}, {"cold", "chilly"}},
            {{"rich", "wealthy"}, {"poor", "needy"}},
            {{"clean", "tidy"}, {"dirty", "messy"}},
            {{"loud", "noisy"}, {"quiet", "silent"}},
            {{"strong", "powerful"}, {"weak", "feeble"}},
            {{"easy", "simple"}, {"hard", "difficult"}},
            {{"full", "packed"}, {"empty", "bare"}},
            {{"wet", "damp"}, {"dry", "parched"}},
            {{"safe", "secure"}, {"dangerous", "risky"}},
            {{"cheap", "inexpensive"}, {"expensive", "costly"}},
            {{"young", "youthful"}, {"old", "elderly"}}};
        const std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>> verbs = {
            {{"bought", "purchased"}, {"sold"}},
            {{"opened"}, {"closed", "shut"}},
            {{"won"}, {"lost"}},
            {{"loved", "adored"}, {"hated", "loathed"}},
            {{"started", "began"}, {"finished", "ended"}},
            {{"accepted", "approved"}, {"refused", "rejected"}},
            {{"liked", "enjoyed"}, {"disliked"}},
            {{"built", "made"}, {"destroyed", "wrecked"}},
            {{"raised", "lifted"}, {"lowered", "dropped"}},
            {{"pushed", "shoved"}, {"pulled", "dragged"}},
            {{"praised", "lauded"}, {"blamed", "criticised"}},
            {{"helped", "assisted"}, {"hindered", "obstructed"}}};
        Lexicon l;
        int group = 0;
        for (const auto& forms : nouns) {
            l.nouns.push_back(int(l.concepts.size()));
            l.concepts.push_back({Pos::Noun, group++, -1, forms});
        }
        auto addPairs = [&](const auto& pairs, Pos pos, std::vector<int>& into) {
            for (const auto& [a, b] : pairs) {
                const int i = int(l.concepts.size());
                l.concepts.push_back({pos, group, i + 1, a});
                l.concepts.push_back({pos, group, i, b});
                into.push_back(i);
                into.push_back(i + 1);
                ++group;
            }
        };
        addPairs(adjectives, Pos::Adjective, l.adjectives);
        addPairs(verbs, Pos::Verb, l.verbs);
        for (const std::string w :
             {"the", "a", "an", "was", "someone", "yesterday", "and", "while", "then", "near", "in"}) {
            l.words.push_back(w);
        }
        for (const auto& c : l.concepts) {
            for (const auto& f : c.forms) {
                l.words.push_back(f);
                l.content.insert(f);
            }
        }
        return l;
    }();
    return kLexicon;
}

// One content word as generated: its concept and the token index where it stands.
struct Slot
{
    int concept = -1;
    int index = -1;
    const char* word = nullptr; // a function word (concept -1)
};

struct Clause
{
    Slot adj1, noun1, verb, adj2, noun2;
};

class PairGenerator
{
public:
    explicit PairGenerator(std::uint64_t seed) : m_rng(seed) {}

    PairExample make(int label)
    {
        m_usedGroups.clear();
        m_premise.clear();
        std::vector<Clause> clauses;
        std::vector<std::pair<Slot, Slot>> adjNoun; // every adjective with its noun
        if (chance(0.3)) {
            m_premise.push_back("yesterday");
        }
        clauses.push_back(clause());
        if (chance(0.6)) {
            m_premise.push_back(pick({"and", "while", "then"}));
            clauses.push_back(clause());
        }
        Slot locAdj, locNoun;
        if (chance(0.4)) {
            m_premise.push_back(pick({"near", "in"}));
            nounPhrase(locAdj, locNoun);
            if (locAdj.concept >= 0) {
                adjNoun.push_back({locAdj, locNoun});
            }
        }
        for (const auto& c : clauses) {
            if (c.adj1.concept >= 0) {
                adjNoun.push_back({c.adj1, c.noun1});
            }
            if (c.adj2.concept >= 0) {
                adjNoun.push_back({c.adj2, c.noun2});
            }
        }

        // The hypothesis as (concept, premise index) slots; function words have concept -1.
        std::vector<Slot> hyp;
        auto word = [&](const char* w) { hyp.push_back({-1, -1, w}); };
        const int form = adjNoun.empty() ? int(below(2)) * 2 : int(below(3));
        const Clause& c = clauses[below(clauses.size())];
        if (form == 0) {
            word(article());
            if (c.adj1.concept >= 0 && chance(0.6)) {
                hyp.push_back(c.adj1);
            }
            hyp.push_back(c.noun1);
            hyp.push_back(c.verb);
            word(article());
            if (c.adj2.concept >= 0 && chance(0.6)) {
                hyp.push_back(c.adj2);
            }
            hyp.push_back(c.noun2);
        } else if (form == 1) {
            const auto& [adj, noun] = adjNoun[below(adjNoun.size())];
            word(article());
            hyp.push_back(noun);
            word("was");
            hyp.push_back(adj);
        } else {
            word("someone");
            hyp.push_back(c.verb);
            word(article());
            if (c.adj2.concept >= 0 && chance(0.6)) {
                hyp.push_back(c.adj2);
            }
            hyp.push_back(c.noun2);
        }

        std::vector<int> content;
        for (int i = 0; i < int(hyp.size()); ++i) {
            if (hyp[i].concept >= 0) {
                content.push_back(i);
            }
        }
        const Lexicon& lex = lexicon();
        if (label == kContradicts) {
            std::vector<int> flippable;
            for (int i : content) {
                if (lex.concepts[hyp[i].concept].antonym >= 0) {
                    flippable.push_back(i);
                }
            }
            const int i = flippable[below(flippable.size())]; // every form holds a verb or an adjective
            hyp[i].concept = lex.concepts[hyp[i].concept].antonym;
        } else if (label == kUnrelated) {
            // Replace a random non-empty subset of the content words by concepts the premise never mentions.
            std::vector<int> order = content;
            shuffle(order);
            const int replace = 1 + int(below(order.size()));
            for (int k = 0; k < replace; ++k) {
                Slot& s = hyp[order[k]];
                const Pos pos = lex.concepts[s.concept].pos;
                const auto& pool = pos == Pos::Noun ? lex.nouns : pos == Pos::Adjective ? lex.adjectives : lex.verbs;
                s.concept = freshConcept(pool);
                s.index = -1;
            }
        }

        PairExample e;
        e.label = label;
        e.premise = m_premise;
        for (int i = 0; i < int(hyp.size()); ++i) {
            if (hyp[i].concept < 0) {
                e.hypothesis.push_back(hyp[i].word);
                continue;
            }
            const Concept& concept = lex.concepts[hyp[i].concept];
            // Prefer another form than the premise's, so synonyms matter.
            std::string w = concept.forms[below(concept.forms.size())];
            if (hyp[i].index >= 0 && w == m_premise[hyp[i].index] && concept.forms.size() > 1 && chance(0.5)) {
                while (w == m_premise[hyp[i].index]) {
                    w = concept.forms[below(concept.forms.size())];
                }
            }
            e.hypothesis.push_back(w);
            e.hypothesisContent.push_back(i);
            if (hyp[i].index >= 0) {
                e.aligned.push_back({i, hyp[i].index});
            }
        }
        useAn(e.premise);
        useAn(e.hypothesis);
        return e;
    }

private:
    // "a" before a vowel becomes "an" (texts people type have it)
    static void useAn(std::vector<std::string>& words)
    {
        for (std::size_t i = 0; i + 1 < words.size(); ++i) {
            if (words[i] == "a" && std::string("aeiou").find(words[i + 1][0]) != std::string::npos) {
                words[i] = "an";
            }
        }
    }

    SeededRandom m_rng;
    std::set<int> m_usedGroups;
    std::vector<std::string> m_premise;

    std::uint64_t below(std::size_t n) { return m_rng.below(n); }
    bool chance(double p) { return m_rng.uniform() < p; }
    const char* pick(std::initializer_list<const char*> options) { return options.begin()[below(options.size())]; }
    const char* article() { return chance(0.7) ? "the" : "a"; }

    template <typename T> void shuffle(std::vector<T>& v)
    {
        for (std::size_t i = v.size(); i > 1; --i) {
            std::swap(v[i - 1], v[below(i)]);
        }
    }

    // A concept of the pool whose group is unused; marks the group used.
    int freshConcept(const std::vector<int>& pool)
    {
        const Lexicon& lex = lexicon();
        for (;;) {
            const int c = pool[below(pool.size())];
            if (m_usedGroups.insert(lex.concepts[c].group).second) {
                return c;
            }
        }
    }

    Slot content(const std::vector<int>& pool)
    {
        const int c = freshConcept(pool);
        const auto& forms = lexicon().concepts[c].forms;
        m_premise.push_back(forms[below(forms.size())]);
        return {c, int(m_premise.size()) - 1};
    }

    void nounPhrase(Slot& adj, Slot& noun)
    {
        m_premise.push_back(article());
        adj = chance(0.7) ? content(lexicon().adjectives) : Slot{};
        noun = content(lexicon().nouns);
    }

    Clause clause()
    {
        Clause c;
        nounPhrase(c.adj1, c.noun1);
        c.verb = content(lexicon().verbs);
        nounPhrase(c.adj2, c.noun2);
        return c;
    }
};

std::string join(const std::vector<std::string>& words)
{
    std::string s;
    for (const auto& w : words) {
        s += (s.empty() ? "" : " ") + w;
    }
    return s;
}

} // namespace

const std::vector<std::string>& pairLabels()
{
    static const std::vector<std::string> kLabels = {"contradicts", "entails", "unrelated"};
    return kLabels;
}

std::string PairExample::premiseText() const
{
    return join(premise);
}

std::string PairExample::hypothesisText() const
{
    return join(hypothesis);
}

std::vector<PairExample> generatePairs(std::uint64_t seed, int count)
{
    PairGenerator generator(seed);
    std::vector<PairExample> out;
    out.reserve(std::size_t(std::max(0, count)));
    for (int i = 0; i < count; ++i) {
        out.push_back(generator.make(i % 3));
    }
    return out;
}

const std::vector<std::string>& pairWords()
{
    return lexicon().words;
}

bool isPairContentWord(const std::string& word)
{
    return lexicon().content.count(word) != 0;
}

std::string pairExampleJson(const PairExample& example)
{
    QJsonArray aligned;
    for (const auto& [h, p] : example.aligned) {
        aligned.append(QJsonArray{h, p});
    }
    const QJsonObject o{{"premise", QString::fromStdString(example.premiseText())},
                        {"hypothesis", QString::fromStdString(example.hypothesisText())},
                        {"label", QString::fromStdString(pairLabels()[std::size_t(example.label)])},
                        {"aligned", aligned}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString();
}

} // namespace attn::classify
