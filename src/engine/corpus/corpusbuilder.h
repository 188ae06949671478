#pragma once
// Internal to src/engine/corpus: assembles sentence pairs word by word with their alignment.

#include "engine/corpus/corpuslexicon.h"
#include "engine/corpus/encorpus.h"

namespace attn::corpus {

struct Builder
{
    SentencePair pair;
    std::vector<int> origin; // per target token: source index or -1

    int en(const std::string& word)
    {
        pair.source.push_back(word);
        return int(pair.source.size()) - 1;
    }
    void fr(const std::string& word, int from)
    {
        pair.target.push_back(word);
        origin.push_back(from);
    }
    // the (ADJ..) NOUN: English size, then others, then the noun; French size, noun, then the others mirrored.
    int nounPhrase(const Noun& noun, const Adjective* size, const std::vector<const Adjective*>& after)
    {
        const int the = en("the");
        const int sizeIndex = size ? en(size->en) : -1;
        std::vector<int> afterIndex;
        for (const auto* a : after) {
            afterIndex.push_back(en(a->en));
        }
        const int nounIndex = en(noun.en);
        fr(noun.feminine ? "la" : "le", the);
        if (size) {
            fr(noun.feminine ? size->feminine : size->masculine, sizeIndex);
        }
        fr(noun.fr, nounIndex);
        for (std::size_t i = after.size(); i-- > 0;) {
            fr(noun.feminine ? after[i]->feminine : after[i]->masculine, afterIndex[i]);
        }
        return nounIndex;
    }
    // Appends another builder's words (a clause) after this one's.
    void append(const Builder& other)
    {
        const int offset = int(pair.source.size());
        pair.source.insert(pair.source.end(), other.pair.source.begin(), other.pair.source.end());
        pair.target.insert(pair.target.end(), other.pair.target.begin(), other.pair.target.end());
        for (int o : other.origin) {
            origin.push_back(o < 0 ? o : o + offset);
        }
    }
    SentencePair finish(SentenceKind kind);
};

// "the N1 didn't V the N2 because it was too ADJ ." (no seed involved: used by the generator and the demos)
SentencePair makeCoreference(const CorefFrame& frame, const Noun& subject, const Noun& object,
                             const Adjective& adjective, bool referentIsSubject);

} // namespace attn::corpus
