// Measuring the review and document classifiers through ClassifierModel (no torch), and their card.
#include "engine/classify/classifiertraining.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QStringList>
#include <algorithm>
#include <cmath>

namespace attn::classify {

namespace {

std::vector<LengthAccuracy> reviewBuckets()
{
    return {{5, 19}, {20, 39}, {40, 59}, {60, 79}, {80, 100}};
}

std::vector<LengthAccuracy> documentBuckets()
{
    return {{3, 5}, {6, 8}, {9, 12}};
}

void count(std::vector<LengthAccuracy>& buckets, int length, bool correct)
{
    for (auto& b : buckets) {
        if (length >= b.minWords && length <= b.maxWords) {
            ++b.count;
            b.correct += correct ? 1 : 0;
        }
    }
}

double rowError(const std::vector<float>& w)
{
    double sum = 0.0;
    for (float x : w) {
        sum += x;
    }
    return std::abs(sum - 1.0);
}

int argmax(const std::vector<float>& w)
{
    return int(std::max_element(w.begin(), w.end()) - w.begin());
}

bool contains(const std::vector<int>& v, int x)
{
    return std::find(v.begin(), v.end(), x) != v.end();
}

} // namespace

ClassifierMetrics evaluateReviews(const ClassifierModel& model, const std::vector<ReviewExample>& examples)
{
    ClassifierMetrics m;
    m.byLength = reviewBuckets();
    m.longReviews = {60, kMaxReviewTokens};
    for (const auto& e : examples) {
        const ClassificationResult r = model.classify(QString::fromStdString(e.text()));
        const bool correct = r.predicted == e.label;
        ++m.count;
        m.correct += correct ? 1 : 0;
        const int length = int(e.tokens.size());
        count(m.byLength, length, correct);
        if (length >= m.longReviews.minWords) {
            ++m.longReviews.count;
            m.longReviews.correct += correct ? 1 : 0;
        }
        if (correct && contains(e.decisive, argmax(r.wordWeights))) {
            ++m.topWordDecisive;
        }
        m.maxRowSumError = std::max(m.maxRowSumError, rowError(r.wordWeights));
    }
    return m;
}

ClassifierMetrics evaluateDocuments(const ClassifierModel& model, const std::vector<DocumentExample>& examples)
{
    ClassifierMetrics m;
    m.byLength = documentBuckets();
    for (const auto& e : examples) {
        const ClassificationResult r = model.classify(QString::fromStdString(e.text()));
        const bool correct = r.predicted == e.label;
        ++m.count;
        m.correct += correct ? 1 : 0;
        count(m.byLength, int(e.sentences.size()), correct);
        if (argmax(r.sentenceWeights) == e.decisiveSentence) {
            ++m.topSentenceDecisive;
        }
        if (std::size_t(e.decisiveSentence) < r.sentenceWordWeights.size() &&
            contains(e.decisive, argmax(r.sentenceWordWeights[std::size_t(e.decisiveSentence)]))) {
            ++m.topWordDecisive;
        }
        m.maxRowSumError = std::max(m.maxRowSumError, rowError(r.sentenceWeights));
        for (const auto& w : r.sentenceWordWeights) {
            m.maxRowSumError = std::max(m.maxRowSumError, rowError(w));
        }
    }
    return m;
}

QJsonObject ClassifierMetrics::toJson(bool documents) const
{
    QJsonArray buckets;
    for (const auto& b : byLength) {
        buckets.append(QJsonObject{{documents ? "min_sentences" : "min_words", b.minWords},
                                   {documents ? "max_sentences" : "max_words", b.maxWords},
                                   {"accuracy", b.accuracy()},
                                   {"count", b.count}});
    }
    QJsonObject o{{documents ? "accuracy_by_sentences" : "accuracy_by_length", buckets},
                  {"examples", count},
                  {"accuracy", accuracy()},
                  {"max_row_sum_error", maxRowSumError}};
    if (documents) {
        o.insert("top_sentence_decisive", count ? double(topSentenceDecisive) / count : 0.0);
        o.insert("top_word_decisive_in_decisive_sentence", count ? double(topWordDecisive) / count : 0.0);
    } else {
        o.insert("accuracy_60_plus", longReviews.accuracy());
        o.insert("count_60_plus", longReviews.count);
        o.insert("top_word_decisive_when_correct", correct ? double(topWordDecisive) / correct : 0.0);
    }
    return o;
}

void writeClassifierCard(const ClassifierTrainOptions& o, const ClassifierMetrics& m, double seconds, long parameters)
{
    const bool han = o.family == "han";
    const auto pct = [](double x) { return QString::number(100.0 * x, 'f', 1) + "%"; };
    QStringList lines;
    if (han) {
        lines << "# han-documents: hierarchical attention network"
              << ""
              << "Yang et al. 2016 on synthetic documents of 3-12 sentences (`attnscope-cli data --task documents`): "
                 "one sentence holds the decisive phrase (\"it had not good acting .\"), the others are neutral "
                 "filler, mixed (\"it had good music but dull pacing .\", one phrase of each polarity) or off-topic "
                 "decoys (\"there was awful popcorn .\"). A "
                 "BiGRU and attention pooling inside each sentence give sentence vectors; a second BiGRU and "
                 "attention pooling over them give the document vector; a linear layer classifies it. The word "
                 "attention scores read each word's embedding with its right neighbour's and pool the word states; "
                 "the sentence attention scores read each sentence's vector and pool the sentence states. The "
                 "attention is learned from the labels only.";
    } else {
        lines << QStringLiteral("# pooling-%1: BiGRU review classifier, %2 pooling")
                     .arg(QString::fromStdString(o.pooling), QString::fromStdString(o.pooling))
              << ""
              << "Synthetic reviews of 5-100 tokens (`attnscope-cli data --task reviews`): neutral filler clauses with "
                 "one or two decisive clauses (\"it had not good acting .\") anywhere, among off-topic decoys with "
                 "random polarity (\"there was awful popcorn .\"); the label is the polarity of the decisive "
                 "adjective about a topic (acting, music, pacing, ...), flipped by a negator before it. A "
                 "bidirectional GRU reads the review; the sentence vector is " +
                     QString::fromLatin1(o.pooling == "last"
                                             ? "the final states of the two directions (the forward one "
                                               "at the last token, the backward one at the first)"
                                         : o.pooling == "mean" ? "the mean of all states"
                                                               : "the attention-weighted sum of all states (additive "
                                                                 "attention with a learned context vector)") +
                     "; a linear layer classifies it. Attention, where there is any, is learned from the labels only."
              << ""
              << "The three pooling models (pooling-last, pooling-mean, pooling-attention) train with the same steps, "
                 "batch and seed, so their accuracy-by-length tables compare them at equal cost." +
                     QString::fromLatin1(
                         o.pooling == "attention"
                             ? " The attention scores read each word's embedding with its right neighbour's "
                               "and pool the BiGRU states: scores over the states themselves peaked "
                               "on the word before the decisive phrase (its backward state has read "
                               "the whole phrase) in about half of the reviews, and a window of three "
                               "words sometimes on the word after it."
                             : "");
    }
    lines << ""
          << "## Training"
          << ""
          << "```" << QString::fromStdString(o.command) << "```"
          << ""
          << QStringLiteral("- seed %1 (training batches are drawn from seeds derived from it), %2 steps of batch %3, "
                            "Adam %4, one thread")
                 .arg(o.seed)
                 .arg(o.steps)
                 .arg(o.batch)
                 .arg(o.learningRate)
          << QStringLiteral("- embedding %1, GRU hidden %2 per direction, attention %3; %4 parameters")
                 .arg(o.embedding)
                 .arg(o.hidden)
                 .arg(o.attention)
                 .arg(parameters)
          << QStringLiteral("- training time %1 s").arg(seconds, 0, 'f', 0) << ""
          << "## Metrics"
          << ""
          << QStringLiteral("Held-out %1 from seed %2 (`attnscope-cli data --task %3 --seed %2 --count %4`), measured "
                            "through the shipped folder:")
                 .arg(han ? "documents" : "reviews")
                 .arg(validationSeed(o.seed))
                 .arg(han ? "documents" : "reviews")
                 .arg(m.count)
          << ""
          << "| metric | value |"
          << "|---|---|" << QStringLiteral("| accuracy | %1 |").arg(pct(m.accuracy()));
    if (han) {
        lines << QStringLiteral("| top-weighted sentence is the decisive one | %1 |")
                     .arg(pct(double(m.topSentenceDecisive) / std::max(1, m.count)))
              << QStringLiteral("| top-weighted word of the decisive sentence is decisive | %1 |")
                     .arg(pct(double(m.topWordDecisive) / std::max(1, m.count)));
    } else {
        lines << QStringLiteral("| accuracy, reviews of 60+ tokens | %1 |").arg(pct(m.longReviews.accuracy()))
              << QStringLiteral("| top-weighted token is decisive (correct reviews) | %1 |")
                     .arg(pct(double(m.topWordDecisive) / std::max(1, m.correct)));
    }
    lines << "" << (han ? "Accuracy by number of sentences:" : "Accuracy by review length (tokens, \".\" included):")
          << ""
          << "| length | reviews | accuracy |"
          << "|---|---|---|";
    if (han) {
        lines.last() = "|---|---|---|";
        lines[lines.size() - 2] = "| sentences | documents | accuracy |";
    }
    for (const auto& b : m.byLength) {
        lines << QStringLiteral("| %1-%2 | %3 | %4 |")
                     .arg(b.minWords)
                     .arg(b.maxWords)
                     .arg(b.count)
                     .arg(pct(b.accuracy()));
    }
    lines << ""
          << "metrics.json holds the same figures.";
    QFile f(QDir(QString::fromStdString(o.outDir)).filePath("card.md"));
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        throw ModelError(o.outDir + "/card.md: cannot write");
    }
    f.write((lines.join("\n") + "\n").toUtf8());
}

} // namespace attn::classify
