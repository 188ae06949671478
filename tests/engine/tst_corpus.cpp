// The English -> French corpus generator: determinism, disjoint splits, agreement, alignment, long sentences.
#include "engine/corpus/encorpus.h"
#include "engine/corpus/vocabulary.h"

#include <gtest/gtest.h>

#include <set>

using namespace attn;

namespace {

std::set<std::string> texts(const std::vector<SentencePair>& pairs)
{
    std::set<std::string> out;
    for (const auto& p : pairs) {
        out.insert(p.sourceText());
    }
    return out;
}

} // namespace

TEST(Corpus, SameSeedSameSentencesOtherSeedOthers)
{
    EnFrCorpus a({/*seed=*/5}), b({/*seed=*/5}), c({/*seed=*/6});
    int differ = 0;
    for (int i = 0; i < 200; ++i) {
        const auto pa = a.next(), pb = b.next(), pc = c.next();
        EXPECT_EQ(pa.source, pb.source);
        EXPECT_EQ(pa.target, pb.target);
        differ += pa.source != pc.source;
    }
    EXPECT_GT(differ, 150);
}

TEST(Corpus, SplitsNeverShareSentencesAcrossSeeds)
{
    EnFrCorpus a({/*seed=*/1}), b({/*seed=*/2});
    const auto train = texts(a.generate(Split::Train, 4000));
    const auto test = texts(b.generate(Split::Test, 400, /*unique=*/true));
    const auto valid = texts(b.generate(Split::Valid, 400, /*unique=*/true));
    EXPECT_EQ(test.size(), 400u);
    for (const auto& s : test) {
        EXPECT_EQ(train.count(s), 0u) << s;
        EXPECT_EQ(valid.count(s), 0u) << s;
    }
}

TEST(Corpus, CanonicalPairAgreesAndIsHeldOut)
{
    const auto tired = EnFrCorpus::canonical("tired");
    const auto wide = EnFrCorpus::canonical("wide");
    EXPECT_EQ(tired.sourceText(), "the animal didn't cross the street because it was too tired .");
    EXPECT_EQ(tired.targetText(), "l'animal n'a pas traversé la rue parce qu'il était trop fatigué.");
    EXPECT_EQ(wide.targetText(), "l'animal n'a pas traversé la rue parce qu'elle était trop large.");
    EXPECT_EQ(tired.source[std::size_t(tired.referent)], "animal");
    EXPECT_EQ(wide.source[std::size_t(wide.referent)], "street");
    EXPECT_EQ(tired.source[std::size_t(tired.pronoun)], "it");
    EXPECT_EQ(tired.sourceForms[std::size_t(tired.pronoun)], "il");
    EXPECT_EQ(wide.sourceForms[std::size_t(wide.pronoun)], "elle");
    EXPECT_EQ(EnFrCorpus::splitOf(tired), Split::Test);
    EXPECT_EQ(EnFrCorpus::splitOf(wide), Split::Test);
    EXPECT_THROW(EnFrCorpus::canonical("green"), std::invalid_argument);
    EXPECT_THROW(EnFrCorpus::coreference("zebra", "cross", "street", "tired"), std::invalid_argument);
}

TEST(Corpus, AdjectivesMoveAfterTheNounInMirroredOrder)
{
    EnFrCorpus c({/*seed=*/3});
    int checked = 0;
    for (int i = 0; i < 3000 && checked < 20; ++i) {
        const auto p = c.next();
        if (p.kind != SentenceKind::Institution || p.source.size() < 5 || p.source[4] == "supports") {
            continue;
        }
        // "the a1 a2 a3 noun" with three adjectives: French "le noun a3' a2' a1'"
        const auto& al = p.alignment;
        if (p.source.size() > 5 && al[4] >= 0 && al[3] >= 0 && al[2] >= 0 && al[1] >= 0 &&
            p.sourceForms[1] != "<none>" && al[4] < al[3] && al[3] < al[2]) {
            ++checked;
        }
    }
    EXPECT_GT(checked, 5);
}

TEST(Corpus, CoreferenceCandidatesDifferInGenderAndPronounFollowsReferent)
{
    EnFrCorpus c({/*seed=*/9});
    int same = 0, subject = 0, n = 0;
    for (int i = 0; i < 2000; ++i) {
        const auto p = c.next();
        ASSERT_EQ(p.sourceForms.size(), p.source.size());
        ASSERT_EQ(p.alignment.size(), p.source.size());
        for (std::size_t s = 0; s < p.source.size(); ++s) {
            if (p.alignment[s] >= 0) {
                EXPECT_EQ(p.target[std::size_t(p.alignment[s])], p.sourceForms[s]);
            }
        }
        if (p.kind != SentenceKind::Coreference) {
            continue;
        }
        ++n;
        same += p.sameClass;
        subject += p.referentIsSubject;
        const auto refArticle = p.sourceForms[std::size_t(p.referent) - 1];
        const auto otherArticle = p.sourceForms[std::size_t(p.otherNoun) - 1];
        const auto pron = p.sourceForms[std::size_t(p.pronoun)];
        EXPECT_TRUE(pron == "il" || pron == "elle");
        if (refArticle != "l'") {
            EXPECT_EQ(refArticle == "la", pron == "elle") << p.sourceText();
        }
        if (refArticle != "l'" && otherArticle != "l'") {
            EXPECT_NE(refArticle, otherArticle) << p.sourceText();
        }
    }
    EXPECT_GT(n, 800);
    EXPECT_NEAR(double(same) / n, 0.5, 0.08);
    EXPECT_NEAR(double(subject) / n, 0.5, 0.08);
}

TEST(Corpus, LongSentencesChainClausesWithinTheLengthLimits)
{
    CorpusOptions opt;
    opt.seed = 4;
    opt.longShare = 1.0;
    opt.minLongWords = 30;
    opt.maxLongWords = 48;
    EnFrCorpus c(opt);
    int atLeast40 = 0;
    for (int i = 0; i < 300; ++i) {
        const auto p = c.next();
        EXPECT_EQ(p.kind, SentenceKind::Long);
        EXPECT_LE(int(p.source.size()), 48);
        EXPECT_GE(int(p.source.size()), 26); // a clause may be too long to fill the last few words
        atLeast40 += p.source.size() >= 40;
    }
    EXPECT_GT(atLeast40, 30);
}

TEST(Corpus, EveryGeneratedWordIsInTheWordLists)
{
    const auto src = Vocabulary::build(EnFrCorpus::sourceWords());
    const auto tgt = Vocabulary::build(EnFrCorpus::targetWords());
    CorpusOptions opt;
    opt.longShare = 0.3;
    EnFrCorpus c(opt);
    for (int i = 0; i < 3000; ++i) {
        const auto p = c.next();
        for (const auto& w : p.source) {
            ASSERT_TRUE(src.contains(w)) << w;
        }
        for (const auto& w : p.target) {
            ASSERT_TRUE(tgt.contains(w)) << w;
        }
        ASSERT_EQ(tokenizeText(p.sourceText()), p.source);
        ASSERT_EQ(tokenizeText(p.targetText()), p.target) << p.targetText();
    }
}

TEST(Vocabulary, TokenizesAndRoundTrips)
{
    EXPECT_EQ(tokenizeText("The animal didn't cross the street, because it was too tired."),
              (std::vector<std::string>{"the", "animal", "didn't", "cross", "the", "street", ",", "because", "it", "was",
                                        "too", "tired", "."}));
    EXPECT_TRUE(tokenizeText("  ").empty());
    EXPECT_TRUE(isPunctuation("."));
    EXPECT_FALSE(isPunctuation("it"));
    const auto v = Vocabulary::build({"b", "a", "b"});
    EXPECT_EQ(v.size(), 6);
    EXPECT_EQ(v.id("zebra"), Vocabulary::kUnk);
    EXPECT_EQ(v.decode(v.encode({"a", "zebra"})), (std::vector<std::string>{"a", "<unk>"}));
    const std::string path = testing::TempDir() + "/v.vocab";
    v.save(path);
    EXPECT_EQ(Vocabulary::load(path).words(), v.words());
    EXPECT_THROW(Vocabulary::load(path + ".missing"), VocabularyError);
}
