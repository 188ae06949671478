#pragma once
// Synthetic classification tasks whose decisive words are known by construction (issue 15), so that a
// classifier's attention can be checked against them. Deterministic by seed (core/random.h draws), std only.
//
// Reviews: 5-100 tokens of neutral filler clauses ("the director moves to the city .", "the actor does not
// return .") with one or two decisive clauses ("it had not good acting .") anywhere among them. The decisive phrase
// is "[negator] adjective topic": the label is the adjective's polarity, flipped by the negator ("not", "never"),
// and it counts only because the noun is one a review judges (acting, music, pacing, ...). Filler also holds "not"
// (a negator alone decides nothing) and off-topic decoys with random polarity ("it had awful popcorn ."): a last
// state cannot simply keep the last polar word it read, and learns only at the noun whether the adjective before
// it mattered. Two decisive clauses agree.
// Documents: 3-12 sentences; exactly one decides the label (one decisive phrase); the others are neutral filler,
// mixed ("it had good music but dull pacing .", one phrase of each polarity about topics, which decides nothing)
// or off-topic decoys.
//
// Tokens are what tokenizeText (engine/corpus/vocabulary.h) makes of the text: lower case, "." a token of its
// own. Token counts include the "." tokens. Positions count from 0.

#include <cstdint>
#include <string>
#include <vector>

namespace attn::classify {

// Label indices: 0 = negative, 1 = positive (alphabetical, as ClassificationResult::fromJson orders them).
const std::vector<std::string>& sentimentLabels();

struct ReviewExample
{
    std::vector<std::string> tokens;
    int label = 0;
    std::vector<int> decisive; // token indices of the decisive words: negator (if any), adjective, topic noun
    std::string text() const;  // tokens joined, "." attached to the word before it
};

struct DocumentExample
{
    std::vector<std::vector<std::string>> sentences; // each ends with "."
    int label = 0;
    int decisiveSentence = 0;
    std::vector<int> decisive; // token indices inside the decisive sentence
    std::string text() const;
};

constexpr int kMinReviewTokens = 5;
constexpr int kMaxReviewTokens = 100;
constexpr int kMinDocumentSentences = 3;
constexpr int kMaxDocumentSentences = 12;

// count reviews with lengths drawn uniformly from [minTokens, maxTokens] (clamped to 5..100).
std::vector<ReviewExample> generateReviews(std::uint64_t seed, int count, int minTokens = kMinReviewTokens,
                                           int maxTokens = kMaxReviewTokens);
// count reviews of exactly `tokens` tokens (a training batch without padding).
std::vector<ReviewExample> generateReviewsOfLength(std::uint64_t seed, int count, int tokens);

// count documents with sentence counts drawn uniformly from [minSentences, maxSentences] (clamped to 3..12).
std::vector<DocumentExample> generateDocuments(std::uint64_t seed, int count, int minSentences = kMinDocumentSentences,
                                               int maxSentences = kMaxDocumentSentences);

// The nouns a review judges ("it had not good acting ." decides); polar phrases about other nouns ("it had awful
// popcorn .") are decoys that decide nothing.
const std::vector<std::string>& reviewTopics();

// Every word the generators can write (the models' vocabulary), in a fixed order.
const std::vector<std::string>& reviewWords();

// Splits tokens into sentences after each ".", "!" or "?" (a last sentence without one is kept).
std::vector<std::vector<std::string>> splitSentences(const std::vector<std::string>& tokens);

} // namespace attn::classify
