// The review and document generators of issue 15: determinism, lengths, and that the decisive positions really
// decide (every polar adjective sits at a decisive position, and the label follows from it and its negator).
#include "engine/classify/classifydata.h"
#include "engine/corpus/vocabulary.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <map>
#include <set>

using namespace attn;
using namespace attn::classify;

namespace {

bool isNegator(const std::string& w)
{
    return w == "not" || w == "never";
}
bool contains(const std::vector<int>& v, int x)
{
    return std::find(v.begin(), v.end(), x) != v.end();
}

const std::set<std::string>& topics()
{
    static const std::set<std::string> kTopics(reviewTopics().begin(), reviewTopics().end());
    return kTopics;
}

// Reads the polarity of each adjective from the decisive phrases "[negator] adjective topic": the adjective is the
// decisive token before a topic noun; its polarity is the label, flipped when a negator comes just before it.
void learnPolarity(const std::vector<std::string>& tokens, const std::vector<int>& decisive, int label,
                   std::map<std::string, int>& polarity)
{
    int topicCount = 0;
    for (int d : decisive) {
        ASSERT_GE(d, 0);
        ASSERT_LT(d, int(tokens.size()));
        const std::string& w = tokens[std::size_t(d)];
        if (isNegator(w)) {
            EXPECT_TRUE(contains(decisive, d + 1)) << "a decisive negator stands before its adjective";
            continue;
        }
        if (topics().count(w)) {
            ++topicCount;
            continue;
        }
        ASSERT_TRUE(contains(decisive, d + 1) && topics().count(tokens[std::size_t(d + 1)])) << w;
        const bool negated = d >= 1 && contains(decisive, d - 1) && isNegator(tokens[std::size_t(d - 1)]);
        const int p = negated ? 1 - label : label;
        const auto [it, inserted] = polarity.emplace(w, p);
        EXPECT_EQ(it->second, p) << "adjective '" << it->first << "' has both polarities";
    }
    EXPECT_GE(topicCount, 1);
}

} // namespace

TEST(ClassifyData, ReviewsAreDeterministicAndInRange)
{
    const auto a = generateReviews(5, 300), b = generateReviews(5, 300), c = generateReviews(6, 300);
    int differ = 0;
    std::set<std::size_t> lengths;
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].tokens, b[i].tokens);
        EXPECT_EQ(a[i].decisive, b[i].decisive);
        differ += a[i].tokens != c[i].tokens;
        EXPECT_GE(a[i].tokens.size(), std::size_t(kMinReviewTokens));
        EXPECT_LE(a[i].tokens.size(), std::size_t(kMaxReviewTokens));
        EXPECT_EQ(tokenizeText(a[i].text()), a[i].tokens) << a[i].text();
        EXPECT_FALSE(a[i].decisive.empty());
        lengths.insert(a[i].tokens.size());
    }
    EXPECT_GT(differ, 280);
    EXPECT_GT(lengths.size(), std::size_t(60)); // lengths spread over 5-100
    for (int n : {5, 6, 7, 23, 100}) {
        for (const auto& r : generateReviewsOfLength(n, 50, n)) {
            EXPECT_EQ(int(r.tokens.size()), n);
        }
    }
}

TEST(ClassifyData, OnlyTheDecisivePhrasesCarryPolarity)
{
    const auto reviews = generateReviews(11, 2000);
    std::map<std::string, int> polarity;
    int negated = 0, labels[2] = {0, 0}, twoPhrases = 0;
    std::vector<int> where(10, 0); // decisive position by tenth of the review
    for (const auto& r : reviews) {
        learnPolarity(r.tokens, r.decisive, r.label, polarity);
        ++labels[r.label];
        for (int d : r.decisive) {
            negated += isNegator(r.tokens[std::size_t(d)]);
        }
        twoPhrases += std::count_if(r.decisive.begin(), r.decisive.end(),
                                    [&](int d) { return topics().count(r.tokens[std::size_t(d)]) != 0; }) == 2;
        ++where[std::size_t(10 * r.decisive.front() / int(r.tokens.size()))];
    }
    EXPECT_GE(polarity.size(), std::size_t(30));
    EXPECT_GT(negated, 500);
    EXPECT_GT(twoPhrases, 200);
    EXPECT_NEAR(labels[1] / 2000.0, 0.5, 0.05);
    for (int w : where) {
        EXPECT_GT(w, 60) << "decisive phrases should land anywhere in the review";
    }
    // Outside the decisive phrases, polar adjectives sit only in decoy clauses about an off-topic noun; negators
    // occur outside too (they decide nothing alone).
    int fillerNegators = 0, decoys = 0;
    for (const auto& r : reviews) {
        for (std::size_t i = 0; i < r.tokens.size(); ++i) {
            const bool decisive = contains(r.decisive, int(i));
            fillerNegators += !decisive && isNegator(r.tokens[i]);
            if (polarity.count(r.tokens[i])) {
                ASSERT_LT(i + 1, r.tokens.size());
                EXPECT_EQ(topics().count(r.tokens[i + 1]), decisive ? 1u : 0u)
                    << "'" << r.tokens[i] << "' at " << i << (decisive ? " decides" : " is a decoy") << ": "
                    << r.text();
                decoys += !decisive;
            }
        }
    }
    EXPECT_GT(fillerNegators, 500);
    EXPECT_GT(decoys, 1000);
}

TEST(ClassifyData, DocumentsHaveOneDecisiveSentence)
{
    const auto docs = generateDocuments(21, 1500);
    std::map<std::string, int> polarity;
    for (const auto& d : docs) {
        ASSERT_GE(d.sentences.size(), std::size_t(kMinDocumentSentences));
        ASSERT_LE(d.sentences.size(), std::size_t(kMaxDocumentSentences));
        ASSERT_GE(d.decisiveSentence, 0);
        ASSERT_LT(d.decisiveSentence, int(d.sentences.size()));
        learnPolarity(d.sentences[std::size_t(d.decisiveSentence)], d.decisive, d.label, polarity);
    }
    int mixed = 0;
    for (const auto& d : docs) {
        std::vector<std::string> all;
        for (const auto& s : d.sentences) {
            EXPECT_EQ(s.back(), ".");
            all.insert(all.end(), s.begin(), s.end());
        }
        EXPECT_EQ(splitSentences(tokenizeText(d.text())), d.sentences);
        for (std::size_t s = 0; s < d.sentences.size(); ++s) {
            if (int(s) == d.decisiveSentence) {
                continue;
            }
            // Other sentences: no polar word, or a mixed pair whose meanings (negators applied) cancel.
            std::vector<int> meanings;
            const auto& words = d.sentences[s];
            for (std::size_t i = 0; i < words.size(); ++i) {
                const auto it = polarity.find(words[i]);
                if (it != polarity.end()) {
                    const bool neg = i >= 1 && isNegator(words[i - 1]);
                    if (i + 1 < words.size() && topics().count(words[i + 1])) { // decoys decide nothing
                        meanings.push_back(neg ? 1 - it->second : it->second);
                    }
                }
            }
            if (!meanings.empty()) {
                ASSERT_EQ(meanings.size(), 2u);
                EXPECT_NE(meanings[0], meanings[1]);
                ++mixed;
            }
        }
    }
    EXPECT_GT(mixed, 800);
}

TEST(ClassifyData, VocabularyCoversEveryGeneratedWord)
{
    const std::set<std::string> words(reviewWords().begin(), reviewWords().end());
    EXPECT_EQ(words.size(), reviewWords().size());
    for (const auto& r : generateReviews(3, 300)) {
        for (const auto& t : r.tokens) {
            EXPECT_EQ(words.count(t), 1u) << t;
        }
    }
    for (const auto& d : generateDocuments(3, 200)) {
        for (const auto& s : d.sentences) {
            for (const auto& t : s) {
                EXPECT_EQ(words.count(t), 1u) << t;
            }
        }
    }
}

TEST(ClassifyData, SplitSentencesKeepsATrailingSentence)
{
    const auto s = splitSentences({"a", ".", "b", "c", "!", "d"});
    ASSERT_EQ(s.size(), 3u);
    EXPECT_EQ(s[1], (std::vector<std::string>{"b", "c", "!"}));
    EXPECT_EQ(s[2], (std::vector<std::string>{"d"}));
    EXPECT_TRUE(splitSentences({}).empty());
}
