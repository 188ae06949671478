#pragma once
// A deterministic, seeded generator of the synthetic English -> French corpus (no torch, no Qt).
//
// Usage:
//   attn::CorpusOptions opt;            // opt.seed = 1; opt.longShare = 0.3 for long chained sentences
//   attn::EnFrCorpus corpus(opt);
//   std::vector<attn::SentencePair> train = corpus.generate(attn::Split::Train, 10000);
//   std::vector<attn::SentencePair> test  = corpus.generate(attn::Split::Test, 500, /*unique=*/true);
//   for (const auto& p : train) { p.source; p.target; p.sourceForms; p.alignment; p.kind; p.referent; }
//   attn::Vocabulary src = attn::Vocabulary::build(attn::EnFrCorpus::sourceWords());   // engine/corpus/vocabulary.h
//
// Splits are decided by a hash of the sentence (of the minimal pair for coreference sentences), not by the
// seed: train, valid and test never share a sentence, whatever seeds generated them, so a test set drawn
// with another seed is truly held out. The canonical demo pair ("the animal didn't cross the street because
// it was too tired / wide .") is always in the test split.
//
// The corpus: gendered nouns in classes (animals, places, vehicles, objects, institutions); adjectives that
// agree in gender, some before the noun in French, most after it, in mirrored order ("the european economic
// area" -> "la zone économique européenne"); French elision (l', qu', n'); coreference sentences whose
// pronoun "it" is il or elle after its referent, which is the subject or the object depending on the adjective
// ("... because it was too tired" -> the subject, "... too wide" -> the object); the two candidate nouns
// always differ in gender, and in half of them they come from the same class, so nothing but the referent
// tells the pronoun's gender. Long sentences chain clauses with "and", "while" and "because".

#include <cstdint>
#include <string>
#include <vector>

namespace attn {

enum class Split
{
    Train, // 80% of the sentence space
    Valid, // 10%
    Test   // 10%
};

enum class SentenceKind
{
    Coreference, // "the N1 didn't V the N2 because it was too ADJ ." (two candidate referents)
    Description, // "the ADJ ADJ N is ADJ ."
    Transitive,  // "the ADJ N1 V the ADJ N2 ."
    Institution, // "the european central bank supports the national economic policy ."
    Pronoun,     // "we like the N because it is ADJ ." (one candidate referent)
    Long         // clauses chained with and / while / because, up to CorpusOptions::maxLongWords words
};

struct SentencePair
{
    std::vector<std::string> source; // English tokens, lower case, "." included
    std::vector<std::string> target; // French tokens ("l'", "qu'", "n'" are tokens of their own)
    // For each source token, the French token it turns into (the first if several, "<none>" if none): "it"
    // -> "il"/"elle", "tired" -> "fatigué"/"fatiguée", "the" -> "le"/"la"/"l'". Same length as source.
    std::vector<std::string> sourceForms;
    // For each source token, the index in target of its French form, or -1. Same length as source.
    std::vector<int> alignment;
    SentenceKind kind = SentenceKind::Description;
    // Coreference and Pronoun sentences: source indices of the pronoun "it" and of its referent noun
    // (-1 otherwise); referentIsSubject tells which of the two candidates it is (Coreference only).
    int pronoun = -1;
    int referent = -1;
    int otherNoun = -1; // the other candidate (Coreference only)
    bool referentIsSubject = false;
    bool sameClass = false; // Coreference: both candidates from the same class

    std::string sourceText() const; // tokens joined by spaces
    std::string targetText() const; // French detokenised: "l'animal n'a pas traversé la rue ..."
};

struct CorpusOptions
{
    std::uint64_t seed = 1;
    double coreferenceShare = 0.5; // of the short sentences
    double sameClassShare = 0.5;   // of the coreference sentences
    double pronounShare = 0.1;     // single-referent pronoun sentences, of the short sentences
    double longShare = 0.0;        // share of Long sentences (0 = the coreference model's corpus)
    int minLongWords = 16;         // Long sentences have between min and max source tokens
    int maxLongWords = 45;
};

class EnFrCorpus
{
public:
    explicit EnFrCorpus(CorpusOptions options = {});

    const CorpusOptions& options() const { return m_options; }

    // One random pair from any split.
    SentencePair next();
    // count pairs of one split (drawn in order from this generator's stream). unique: no sentence twice.
    // Throws std::runtime_error if the split cannot supply that many unique sentences.
    std::vector<SentencePair> generate(Split split, int count, bool unique = false);

    static Split splitOf(const SentencePair& pair);

    // The canonical demo pair: the referent is "animal" (subject) for "tired" and "street" (object) for "wide".
    static SentencePair canonical(const std::string& adjective /* "tired" or "wide" */);
    // A coreference sentence with the given words; throws std::invalid_argument for a word or frame the
    // corpus does not know. verb: "cross", "overtake", "catch", "carry", "follow".
    static SentencePair coreference(const std::string& subject, const std::string& verb, const std::string& object,
                                    const std::string& adjective);

    // Every word the generator can emit, sorted (specials not included): build vocabularies from these so
    // that vocabularies do not depend on the seed.
    static std::vector<std::string> sourceWords();
    static std::vector<std::string> targetWords();

private:
    SentencePair shortSentence();
    SentencePair longSentence();

    CorpusOptions m_options;
    std::uint64_t m_state; // splitmix64 state: the same stream with every compiler
    std::uint64_t draw();
    int below(int n);
    double uniform();
    friend struct CorpusDraw;
};

const char* sentenceKindName(SentenceKind kind);

} // namespace attn
