#pragma once
// Synthetic text pairs for the CNN + attention classifiers (issue 15): a premise and a hypothesis labelled
// entails, contradicts or unrelated, built from a lexicon of concepts with synonyms and antonyms, so that which
// premise word each hypothesis word corresponds to is known by construction. Deterministic by seed (core/random.h
// draws), std only.
//
// Premise:    [yesterday] CLAUSE [(and|while|then) CLAUSE] [(near|in) ART [ADJ] NOUN]
//             CLAUSE = ART [ADJ] NOUN VERB ART [ADJ] NOUN        ("the big dog sold a cheap car")
// Hypothesis: one of  ART [ADJ] NOUN VERB ART [ADJ] NOUN   (one premise clause, adjectives maybe dropped)
//                     ART NOUN was ADJ                     (one adjective-noun pair of the premise)
//                     someone VERB ART [ADJ] NOUN          (a clause's verb and object)
// Every content word of the hypothesis is a form of a premise concept (the same word or a synonym), so for
//   entails:     nothing changed;
//   contradicts: exactly one adjective or verb replaced by a form of its antonym ("big" -> "tiny");
//   unrelated:   one or more content words replaced by concepts the premise does not mention at all.
// A premise never holds two concepts of one synonym/antonym group, so each hypothesis word has at most one
// counterpart. Tokens are lower case words without punctuation; positions count from 0.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace attn::classify {

// Label indices: 0 = contradicts, 1 = entails, 2 = unrelated (alphabetical, as ClassificationResult::fromJson
// orders them).
const std::vector<std::string>& pairLabels();
constexpr int kContradicts = 0;
constexpr int kEntails = 1;
constexpr int kUnrelated = 2;

struct PairExample
{
    std::vector<std::string> premise;
    std::vector<std::string> hypothesis;
    int label = kEntails;
    // (hypothesis index, premise index) for each hypothesis content word that has a premise counterpart (the same
    // concept, a synonym, or for contradicts the antonym it replaced), in hypothesis order.
    std::vector<std::pair<int, int>> aligned;
    // Hypothesis indices of all content words (aligned or not).
    std::vector<int> hypothesisContent;

    std::string premiseText() const;
    std::string hypothesisText() const;
};

// count pairs, labels in turn (contradicts, entails, unrelated, ...) so the three are balanced.
std::vector<PairExample> generatePairs(std::uint64_t seed, int count);

// Every word the generator can write (the models' vocabulary), in a fixed order.
const std::vector<std::string>& pairWords();

// True for the words that carry content (nouns, adjectives, verbs), false for articles and connectives.
bool isPairContentWord(const std::string& word);

// The example as one JSON line of `data --task pairs`:
// {"premise": "...", "hypothesis": "...", "label": "entails", "aligned": [[h, p], ...]}
std::string pairExampleJson(const PairExample& example);

} // namespace attn::classify
