// The pair generator (issue 15, CNN + attention): deterministic by seed, balanced labels, and "aligned" pointing
// at the premise word of the same concept (the same word or a synonym) for entailing pairs.
#include "engine/classify/pairdata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <gtest/gtest.h>
#include <map>
#include <set>

using namespace attn::classify;

namespace {

// Some of the lexicon's synonym sets (spot checks, not the whole lexicon): word -> set number.
const std::map<std::string, int> kSynonyms = {{"dog", 0},    {"hound", 0}, {"car", 1},    {"automobile", 1},
                                              {"big", 2},    {"large", 2}, {"huge", 2},   {"small", 3},
                                              {"little", 3}, {"tiny", 3},  {"bought", 4}, {"purchased", 4},
                                              {"closed", 5}, {"shut", 5},  {"loved", 6},  {"adored", 6}};

} // namespace

TEST(PairData, SameSeedSameExamplesOtherSeedOthers)
{
    const auto a = generatePairs(7, 60), b = generatePairs(7, 60), c = generatePairs(8, 60);
    ASSERT_EQ(a.size(), 60u);
    int differ = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(pairExampleJson(a[i]), pairExampleJson(b[i]));
        differ += pairExampleJson(a[i]) != pairExampleJson(c[i]);
    }
    EXPECT_GT(differ, 50);
}

TEST(PairData, LabelsBalancedAndAlignmentsPointAtContentWords)
{
    const auto examples = generatePairs(3, 3000);
    std::array<int, 3> counts{};
    for (const auto& e : examples) {
        ASSERT_GE(e.label, 0);
        ASSERT_LT(e.label, 3);
        ++counts[std::size_t(e.label)];
        EXPECT_GE(e.premise.size(), 5u);
        EXPECT_LE(e.premise.size(), 20u);
        EXPECT_GE(e.hypothesis.size(), 3u);
        EXPECT_LE(e.hypothesis.size(), 7u);
        ASSERT_FALSE(e.hypothesisContent.empty());
        for (int i : e.hypothesisContent) {
            EXPECT_TRUE(isPairContentWord(e.hypothesis[std::size_t(i)])) << e.hypothesisText();
        }
        for (const auto& [h, p] : e.aligned) {
            ASSERT_GE(h, 0);
            ASSERT_LT(h, int(e.hypothesis.size()));
            ASSERT_GE(p, 0);
            ASSERT_LT(p, int(e.premise.size()));
            EXPECT_TRUE(isPairContentWord(e.premise[std::size_t(p)]));
        }
        if (e.label == kEntails) {
            // every content word has its premise counterpart
            EXPECT_EQ(e.aligned.size(), e.hypothesisContent.size()) << e.premiseText() << " / " << e.hypothesisText();
        } else if (e.label == kContradicts) {
            EXPECT_EQ(e.aligned.size(), e.hypothesisContent.size());
            int changed = 0;
            for (const auto& [h, p] : e.aligned) {
                changed += e.hypothesis[std::size_t(h)] != e.premise[std::size_t(p)];
            }
            EXPECT_GE(changed, 1);
        } else {
            EXPECT_LT(e.aligned.size(), e.hypothesisContent.size())
                << "an unrelated pair has a word without counterpart";
        }
        // the premise's content words are all different
        std::set<std::string> seen;
        for (const auto& w : e.premise) {
            if (isPairContentWord(w)) {
                EXPECT_TRUE(seen.insert(w).second) << e.premiseText();
            }
        }
    }
    EXPECT_EQ(counts[0], 1000);
    EXPECT_EQ(counts[1], 1000);
    EXPECT_EQ(counts[2], 1000);
}

TEST(PairData, EntailingWordsAreTheSameOrSynonyms)
{
    int synonyms = 0, identical = 0, checked = 0;
    for (const auto& e : generatePairs(11, 3000)) {
        if (e.label != kEntails) {
            continue;
        }
        for (const auto& [h, p] : e.aligned) {
            const std::string& hw = e.hypothesis[std::size_t(h)];
            const std::string& pw = e.premise[std::size_t(p)];
            if (hw == pw) {
                ++identical;
                continue;
            }
            ++synonyms;
            const auto hs = kSynonyms.find(hw), ps = kSynonyms.find(pw);
            if (hs != kSynonyms.end() || ps != kSynonyms.end()) {
                ASSERT_TRUE(hs != kSynonyms.end() && ps != kSynonyms.end()) << hw << " aligned with " << pw;
                EXPECT_EQ(hs->second, ps->second) << hw << " aligned with " << pw;
                ++checked;
            }
        }
    }
    EXPECT_GT(synonyms, 500);  // synonyms matter
    EXPECT_GT(identical, 500); // so do repeated words
    EXPECT_GT(checked, 50);
}

TEST(PairData, JsonLineHasTheDataFields)
{
    const auto e = generatePairs(5, 2)[1]; // the second is an entailing pair
    ASSERT_EQ(e.label, kEntails);
    const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(pairExampleJson(e))).object();
    EXPECT_EQ(o.value("label").toString(), QStringLiteral("entails"));
    EXPECT_EQ(o.value("premise").toString().toStdString(), e.premiseText());
    EXPECT_EQ(o.value("hypothesis").toString().toStdString(), e.hypothesisText());
    const QJsonArray aligned = o.value("aligned").toArray();
    ASSERT_EQ(aligned.size(), qsizetype(e.aligned.size()));
    EXPECT_EQ(aligned[0].toArray()[0].toInt(), e.aligned[0].first);
    EXPECT_EQ(aligned[0].toArray()[1].toInt(), e.aligned[0].second);
    EXPECT_EQ(pairLabels(), (std::vector<std::string>{"contradicts", "entails", "unrelated"}));
}
