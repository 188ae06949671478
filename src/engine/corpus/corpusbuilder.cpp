#include "engine/corpus/corpusbuilder.h"

#include <cstring>
#include <string>

namespace attn::corpus {

namespace {

bool startsWithVowel(const std::string& w)
{
    static const char* const kAccented[] = {"é", "è", "ê", "â", "à", "î", "ô"};
    if (w.empty()) {
        return false;
    }
    if (std::string("aeiouyh").find(w[0]) != std::string::npos) {
        return true;
    }
    for (const char* a : kAccented) {
        if (w.compare(0, std::strlen(a), a) == 0) {
            return true;
        }
    }
    return false;
}

} // namespace

SentencePair Builder::finish(SentenceKind kind)
{
    // French elision: le/la -> l', que -> qu', ne -> n' before a vowel.
    for (std::size_t i = 0; i + 1 < pair.target.size(); ++i) {
        auto& t = pair.target[i];
        if (startsWithVowel(pair.target[i + 1])) {
            if (t == "le" || t == "la") {
                t = "l'";
            } else if (t == "que") {
                t = "qu'";
            } else if (t == "ne") {
                t = "n'";
            }
        }
    }
    pair.kind = kind;
    pair.alignment.assign(pair.source.size(), -1);
    pair.sourceForms.assign(pair.source.size(), "<none>");
    for (std::size_t t = 0; t < origin.size(); ++t) {
        const int s = origin[t];
        if (s >= 0 && pair.alignment[std::size_t(s)] < 0) {
            pair.alignment[std::size_t(s)] = int(t);
            pair.sourceForms[std::size_t(s)] = pair.target[t];
        }
    }
    return pair;
}

SentencePair makeCoreference(const CorefFrame& frame, const Noun& subject, const Noun& object,
                             const Adjective& adjective, bool referentIsSubject)
{
    Builder b;
    const int s = b.nounPhrase(subject, nullptr, {});
    const int neg = b.en(frame.could ? "couldn't" : "didn't");
    const int verb = b.en(frame.verb);
    b.fr("ne", neg);
    b.fr("a", neg);
    b.fr("pas", neg);
    if (frame.could) {
        b.fr("pu", neg);
    }
    b.fr(frame.frVerb, verb);
    const int o = b.nounPhrase(object, nullptr, {});
    const int because = b.en("because");
    const int it = b.en("it");
    const int was = b.en("was");
    const int too = b.en("too");
    const int adj = b.en(adjective.en);
    const int dot = b.en(".");
    const Noun& referent = referentIsSubject ? subject : object;
    b.fr("parce", because);
    b.fr("que", because);
    b.fr(referent.feminine ? "elle" : "il", it);
    b.fr("était", was);
    b.fr("trop", too);
    b.fr(referent.feminine ? adjective.feminine : adjective.masculine, adj);
    b.fr(".", dot);
    SentencePair p = b.finish(SentenceKind::Coreference);
    p.pronoun = it;
    p.referent = referentIsSubject ? s : o;
    p.otherNoun = referentIsSubject ? o : s;
    p.referentIsSubject = referentIsSubject;
    p.sameClass = subject.cls == object.cls;
    return p;
}

} // namespace attn::corpus
