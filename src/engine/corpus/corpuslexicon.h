#pragma once
// The English -> French lexicon behind EnFrCorpus (internal to src/engine/corpus).

#include <string>
#include <vector>

namespace attn::corpus {

enum class NounClass
{
    Animal,
    Place,
    Vehicle,
    Object,
    Institution
};

struct Noun
{
    const char* en;
    const char* fr;
    bool feminine;
    NounClass cls;
};

struct Adjective
{
    const char* en;
    const char* masculine;
    const char* feminine;
    bool beforeNoun = false; // French puts it before the noun ("la grande voiture")
};

// "the N1 didn't cross the N2 because it was too ADJ": subjectAdjectives make the subject the referent.
struct CorefFrame
{
    const char* verb;        // "cross"
    bool could;              // "couldn't catch" (n'a pas pu attraper) rather than "didn't cross" (n'a pas traversé)
    const char* frVerb;      // participle ("traversé") or infinitive after "pu" ("attraper")
    NounClass subjectClass;
    NounClass objectClass;
    std::vector<const char*> subjectAdjectives;
    std::vector<const char*> objectAdjectives;
};

struct Verb
{
    const char* en; // third person present: "sees"
    const char* fr; // "voit"
};

const std::vector<Noun>& nouns();
const std::vector<Adjective>& predicateAdjectives(); // "... is ADJ", "... was too ADJ"
const std::vector<Adjective>& sizeAdjectives();      // big, small: before the noun in French
const std::vector<Adjective>& colourAdjectives();     // after the noun
const std::vector<Adjective>& institutionAdjectives(); // european, economic, ...: after the noun, mirrored
const std::vector<CorefFrame>& corefFrames();
const std::vector<Verb>& transitiveVerbs();
const std::vector<Verb>& institutionVerbs();

const Noun* findNoun(const std::string& en);
const Adjective* findPredicate(const std::string& en);
std::vector<const Noun*> nounsOf(NounClass cls);

// The fixed words of the templates, English and French.
const std::vector<std::string>& fixedSourceWords();
const std::vector<std::string>& fixedTargetWords();

} // namespace attn::corpus
