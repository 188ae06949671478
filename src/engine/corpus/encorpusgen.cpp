// The seeded drawing of sentences for EnFrCorpus, and its fixed demo sentences and word lists.
#include "engine/corpus/corpusbuilder.h"
#include "engine/corpus/encorpus.h"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace attn {

using namespace corpus;

// Draws the parts of sentences from the corpus's random stream.
struct CorpusDraw
{
    EnFrCorpus& c;

    template <typename T>
    const T& pick(const std::vector<T>& items)
    {
        return items[std::size_t(c.below(int(items.size())))];
    }

    const Noun& noun(std::initializer_list<NounClass> classes)
    {
        std::vector<const Noun*> pool;
        for (auto cls : classes) {
            auto some = nounsOf(cls);
            pool.insert(pool.end(), some.begin(), some.end());
        }
        return *pick(pool);
    }

    // the [big|small] [colour] NOUN (places take no colour)
    int everydayPhrase(Builder& b, const Noun& n)
    {
        const Adjective* size = c.uniform() < 0.35 ? &pick(sizeAdjectives()) : nullptr;
        std::vector<const Adjective*> after;
        if (n.cls != NounClass::Place && c.uniform() < 0.4) {
            after.push_back(&pick(colourAdjectives()));
        }
        return b.nounPhrase(n, size, after);
    }

    // the ADJ1 .. ADJk NOUN -> le NOUN ADJk .. ADJ1, with 0..maxAdjectives distinct adjectives
    int institutionPhrase(Builder& b, int minAdjectives, int maxAdjectives)
    {
        const Noun& n = noun({NounClass::Institution});
        const int count = minAdjectives + c.below(maxAdjectives - minAdjectives + 1);
        std::vector<const Adjective*> adjectives;
        while (int(adjectives.size()) < count) {
            const Adjective* a = &pick(institutionAdjectives());
            if (std::find(adjectives.begin(), adjectives.end(), a) == adjectives.end()) {
                adjectives.push_back(a);
            }
        }
        return b.nounPhrase(n, nullptr, adjectives);
    }

    const Adjective& predicate()
    {
        const auto& pred = predicateAdjectives();
        const auto& colours = colourAdjectives();
        const int i = c.below(int(pred.size() + colours.size()));
        return i < int(pred.size()) ? pred[std::size_t(i)] : colours[std::size_t(i) - pred.size()];
    }

    // the NP is ADJ
    void descriptionClause(Builder& b)
    {
        const Noun& n = noun({NounClass::Animal, NounClass::Vehicle, NounClass::Object, NounClass::Place});
        everydayPhrase(b, n);
        const Adjective& a = predicate();
        const int is = b.en("is");
        const int adj = b.en(a.en);
        b.fr("est", is);
        b.fr(n.feminine ? a.feminine : a.masculine, adj);
    }

    // the NP1 VERB the NP2
    void transitiveClause(Builder& b)
    {
        everydayPhrase(b, noun({NounClass::Animal, NounClass::Vehicle}));
        const Verb& v = pick(transitiveVerbs());
        b.fr(v.fr, b.en(v.en));
        everydayPhrase(b, noun({NounClass::Animal, NounClass::Vehicle, NounClass::Object, NounClass::Place}));
    }

    // the european central bank supports the common agricultural policy
    void institutionClause(Builder& b)
    {
        institutionPhrase(b, 1, 3);
        const Verb& v = pick(institutionVerbs());
        b.fr(v.fr, b.en(v.en));
        institutionPhrase(b, 0, 2);
    }

    // we like the NP because it is ADJ
    SentencePair pronounSentence()
    {
        Builder b;
        b.fr("nous", b.en("we"));
        b.fr("aimons", b.en("like"));
        const Noun& n = noun({NounClass::Animal, NounClass::Vehicle, NounClass::Object, NounClass::Place});
        const int referent = everydayPhrase(b, n);
        const int because = b.en("because");
        b.fr("parce", because);
        b.fr("que", because);
        const int it = b.en("it");
        b.fr(n.feminine ? "elle" : "il", it);
        b.fr("est", b.en("is"));
        const Adjective& a = predicate();
        b.fr(n.feminine ? a.feminine : a.masculine, b.en(a.en));
        b.fr(".", b.en("."));
        SentencePair p = b.finish(SentenceKind::Pronoun);
        p.pronoun = it;
        p.referent = referent;
        return p;
    }

    SentencePair coreference()
    {
        const bool sameClass = c.uniform() < c.m_options.sameClassShare;
        std::vector<const CorefFrame*> frames;
        for (const auto& f : corefFrames()) {
            if ((f.subjectClass == f.objectClass) == sameClass) {
                frames.push_back(&f);
            }
        }
        const CorefFrame& frame = *pick(frames);
        const Noun& subject = noun({frame.subjectClass});
        const Noun* object = nullptr;
        do { // the candidates differ in gender, so only the referent tells il from elle
            object = &noun({frame.objectClass});
        } while (object->feminine == subject.feminine);
        const bool referentIsSubject = c.below(2) == 0;
        const auto& adjectives = referentIsSubject ? frame.subjectAdjectives : frame.objectAdjectives;
        const Adjective* adjective = findPredicate(pick(adjectives));
        return makeCoreference(frame, subject, *object, *adjective, referentIsSubject);
    }
};

SentencePair EnFrCorpus::shortSentence()
{
    CorpusDraw d{*this};
    const double r = uniform();
    if (r < m_options.coreferenceShare) {
        return d.coreference();
    }
    if (r < m_options.coreferenceShare + m_options.pronounShare) {
        return d.pronounSentence();
    }
    Builder b;
    const int kind = below(10);
    SentenceKind k;
    if (kind < 3) {
        d.descriptionClause(b);
        k = SentenceKind::Description;
    } else if (kind < 7) {
        d.transitiveClause(b);
        k = SentenceKind::Transitive;
    } else {
        d.institutionClause(b);
        k = SentenceKind::Institution;
    }
    b.fr(".", b.en("."));
    return b.finish(k);
}

SentencePair EnFrCorpus::longSentence()
{
    CorpusDraw d{*this};
    const int target = m_options.minLongWords + below(m_options.maxLongWords - m_options.minLongWords + 1);
    Builder b;
    int tries = 0;
    while (int(b.pair.source.size()) + 1 < target && tries < 50) {
        Builder clause;
        const int kind = below(3);
        if (kind == 0) {
            d.descriptionClause(clause);
        } else if (kind == 1) {
            d.transitiveClause(clause);
        } else {
            d.institutionClause(clause);
        }
        const int joined = int(b.pair.source.size()) + (b.pair.source.empty() ? 0 : 1) +
                           int(clause.pair.source.size()) + 1;
        if (joined > m_options.maxLongWords) {
            ++tries; // too long: draw another, shorter clause
            continue;
        }
        if (!b.pair.source.empty()) {
            const int conj = below(3);
            if (conj == 0) {
                b.fr("et", b.en("and"));
            } else if (conj == 1) {
                const int w = b.en("while");
                b.fr("pendant", w);
                b.fr("que", w);
            } else {
                const int w = b.en("because");
                b.fr("parce", w);
                b.fr("que", w);
            }
        }
        b.append(clause);
    }
    b.fr(".", b.en("."));
    return b.finish(SentenceKind::Long);
}

SentencePair EnFrCorpus::canonical(const std::string& adjective)
{
    if (adjective != "tired" && adjective != "wide") {
        throw std::invalid_argument("canonical sentence: the adjective is 'tired' or 'wide', not '" + adjective + "'");
    }
    return coreference("animal", "cross", "street", adjective);
}

SentencePair EnFrCorpus::coreference(const std::string& subject, const std::string& verb, const std::string& object,
                                     const std::string& adjective)
{
    const Noun* s = findNoun(subject);
    const Noun* o = findNoun(object);
    const Adjective* a = findPredicate(adjective);
    if (!s || !o || !a) {
        throw std::invalid_argument("coreference sentence: unknown word '" + (!s ? subject : (!o ? object : adjective)) +
                                    "'");
    }
    for (const auto& f : corefFrames()) {
        if (verb != f.verb) {
            continue;
        }
        for (int role = 0; role < 2; ++role) {
            const auto& list = role == 0 ? f.subjectAdjectives : f.objectAdjectives;
            for (const char* name : list) {
                if (adjective == name) {
                    return makeCoreference(f, *s, *o, *a, role == 0);
                }
            }
        }
    }
    throw std::invalid_argument("coreference sentence: no frame for the verb '" + verb + "' with the adjective '" +
                                adjective + "'");
}

std::vector<std::string> EnFrCorpus::sourceWords()
{
    std::set<std::string> words(fixedSourceWords().begin(), fixedSourceWords().end());
    for (const auto& n : nouns()) {
        words.insert(n.en);
    }
    for (const auto* list : {&predicateAdjectives(), &sizeAdjectives(), &colourAdjectives(), &institutionAdjectives()}) {
        for (const auto& a : *list) {
            words.insert(a.en);
        }
    }
    for (const auto& f : corefFrames()) {
        words.insert(f.verb);
    }
    for (const auto* list : {&transitiveVerbs(), &institutionVerbs()}) {
        for (const auto& v : *list) {
            words.insert(v.en);
        }
    }
    return {words.begin(), words.end()};
}

std::vector<std::string> EnFrCorpus::targetWords()
{
    std::set<std::string> words(fixedTargetWords().begin(), fixedTargetWords().end());
    for (const auto& n : nouns()) {
        words.insert(n.fr);
    }
    for (const auto* list : {&predicateAdjectives(), &sizeAdjectives(), &colourAdjectives(), &institutionAdjectives()}) {
        for (const auto& a : *list) {
            words.insert(a.masculine);
            words.insert(a.feminine);
        }
    }
    for (const auto& f : corefFrames()) {
        words.insert(f.frVerb);
    }
    for (const auto* list : {&transitiveVerbs(), &institutionVerbs()}) {
        for (const auto& v : *list) {
            words.insert(v.fr);
        }
    }
    return {words.begin(), words.end()};
}

} // namespace attn
