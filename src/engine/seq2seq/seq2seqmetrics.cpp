// The seq2seq models' metrics, held-out sentences and card (no torch here).
#include "engine/seq2seq/seq2seq.h"

#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSaveFile>

#include <algorithm>

namespace attn {

QStringList seq2seqScoreNames()
{
    return {"dot", "scaled_dot", "cosine", "general", "concat_linear", "concat_tanh", "additive", "location", "myatt",
            "none"};
}

Seq2SeqMetrics emptySeq2SeqMetrics()
{
    Seq2SeqMetrics m;
    m.buckets = {{"1-9", 1, 9}, {"10-19", 10, 19}, {"20-29", 20, 29}, {"30+", 30, 1000}};
    m.all = {"all", 1, 1000};
    m.order = {{"reordered", 1, 1000, 1}, {"same order", 1, 1000, 0}, {"reordered, 1-19", 1, 19, 1},
               {"same order, 1-19", 1, 19, 0}};
    return m;
}

bool frenchOrderDiffers(const SentencePair& pair)
{
    int last = -1;
    for (int at : pair.alignment) {
        if (at < 0) {
            continue;
        }
        if (at < last) {
            return true;
        }
        last = at;
    }
    return false;
}

void addSentence(Seq2SeqMetrics& m, int sourceWords, const std::vector<std::string>& predicted,
                 const std::vector<std::string>& reference, int order)
{
    long correct = 0;
    for (std::size_t i = 0; i < reference.size() && i < predicted.size(); ++i) {
        correct += predicted[i] == reference[i] ? 1 : 0;
    }
    const bool exact = predicted == reference;
    for (LengthBucket* b : {&m.all}) {
        b->sentences += 1;
        b->exact += exact ? 1 : 0;
        b->tokens += long(reference.size());
        b->correct += correct;
    }
    for (auto& b : m.buckets) {
        if (sourceWords >= b.minWords && sourceWords <= b.maxWords) {
            b.sentences += 1;
            b.exact += exact ? 1 : 0;
            b.tokens += long(reference.size());
            b.correct += correct;
        }
    }
    for (auto& b : m.order) {
        if (order >= 0 && b.order == order && sourceWords >= b.minWords && sourceWords <= b.maxWords) {
            b.sentences += 1;
            b.exact += exact ? 1 : 0;
            b.tokens += long(reference.size());
            b.correct += correct;
        }
    }
}

QJsonObject Seq2SeqMetrics::toJson() const
{
    QJsonArray list;
    for (const auto& b : buckets) {
        list.append(QJsonObject{{"bucket", b.name},
                                {"sentences", b.sentences},
                                {"exact_match", b.exactMatch()},
                                {"token_accuracy", b.tokenAccuracy()}});
    }
    QJsonObject o{{"buckets", list},
                  {"all", QJsonObject{{"sentences", all.sentences},
                                      {"exact_match", all.exactMatch()},
                                      {"token_accuracy", all.tokenAccuracy()}}}};
    QJsonArray orderList;
    for (const auto& b : order) {
        if (b.sentences > 0) {
            orderList.append(QJsonObject{{"bucket", b.name},
                                         {"sentences", b.sentences},
                                         {"exact_match", b.exactMatch()},
                                         {"token_accuracy", b.tokenAccuracy()}});
        }
    }
    if (!orderList.isEmpty()) {
        o.insert("word_order", orderList);
    }
    return o;
}

namespace {

// Fills a bucket from stored rates (the counts are not stored: sentences and rates are enough to compare).
void setRates(LengthBucket& b, int sentences, double exact, double token)
{
    b.sentences = sentences;
    b.exact = int(std::lround(exact * sentences));
    b.tokens = 1000000;
    b.correct = long(std::lround(token * 1000000.0));
}

} // namespace

Seq2SeqMetrics Seq2SeqMetrics::fromJson(const QJsonObject& o)
{
    Seq2SeqMetrics m = emptySeq2SeqMetrics();
    const QJsonArray list = o.value("buckets").toArray();
    for (int i = 0; i < list.size() && i < int(m.buckets.size()); ++i) {
        const QJsonObject b = list[i].toObject();
        setRates(m.buckets[std::size_t(i)], b.value("sentences").toInt(), b.value("exact_match").toDouble(),
                 b.value("token_accuracy").toDouble());
    }
    const QJsonObject a = o.value("all").toObject();
    setRates(m.all, a.value("sentences").toInt(), a.value("exact_match").toDouble(),
             a.value("token_accuracy").toDouble());
    for (const QJsonValue& v : o.value("word_order").toArray()) {
        const QJsonObject b = v.toObject();
        for (auto& row : m.order) {
            if (row.name == b.value("bucket").toString()) {
                setRates(row, b.value("sentences").toInt(), b.value("exact_match").toDouble(),
                         b.value("token_accuracy").toDouble());
            }
        }
    }
    return m;
}

Seq2SeqMetrics Seq2SeqMetrics::fromCard(const QString& cardPath)
{
    QFile file(cardPath);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        throw ModelError(cardPath.toStdString() + ": cannot read the card");
    }
    Seq2SeqMetrics m = emptySeq2SeqMetrics();
    // | 30+ | 97 | 12.4 % | 83.1 % |
    static const QRegularExpression row(QStringLiteral(
        R"(^\|\s*([0-9+\-]+|all|reordered|same order|reordered, 1-19|same order, 1-19)\s*\|\s*(\d+)\s*\|\s*([0-9.]+) %\s*\|\s*([0-9.]+) %\s*\|)"));
    int found = 0;
    for (const QString& line : QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'))) {
        const auto match = row.match(line.trimmed());
        if (!match.hasMatch()) {
            continue;
        }
        LengthBucket* target = match.captured(1) == QLatin1String("all") ? &m.all : nullptr;
        for (auto& b : m.buckets) {
            if (b.name == match.captured(1)) {
                target = &b;
            }
        }
        for (auto& b : m.order) {
            if (b.name == match.captured(1)) { // optional rows: not counted in `found`
                setRates(b, match.captured(2).toInt(), match.captured(3).toDouble() / 100.0,
                         match.captured(4).toDouble() / 100.0);
            }
        }
        if (target) {
            setRates(*target, match.captured(2).toInt(), match.captured(3).toDouble() / 100.0,
                     match.captured(4).toDouble() / 100.0);
            ++found;
        }
    }
    if (found != int(m.buckets.size()) + 1) {
        throw ModelError(cardPath.toStdString() + ": the metrics table needs rows 1-9, 10-19, 20-29, 30+ and all");
    }
    return m;
}

std::vector<SentencePair> seq2seqEvalSentences(std::uint64_t evalSeed, int count, double longShare, int maxLongWords)
{
    CorpusOptions options;
    options.seed = evalSeed;
    options.longShare = longShare;
    options.maxLongWords = maxLongWords;
    EnFrCorpus corpus(options);
    return corpus.generate(Split::Test, count, /*unique=*/true);
}

namespace {

// The card's first paragraph after the encoder: how this model's decoder attends.
QString attentionParagraph(const std::string& score)
{
    const QString name = QString::fromStdString(score);
    if (score == "none") {
        return QStringLiteral("Without attention the decoder sees the sentence only through one fixed vector (the "
                              "encoder's final states), at every step.");
    }
    if (score == "myatt") {
        return QStringLiteral(
            "The decoder is the attention decoder of PyTorch's seq2seq tutorial, the course notes' rule 1 (module "
            "`MyAtt`, core/myattention.h): Q is the embedding of the previous French word, K the decoder's previous "
            "state, V the encoder states. `attn = Linear(embedding + hidden -> %1)` gives one weight per source "
            "position directly, `weights = softmax(attn([Q; K]))` (positions past the sentence's end are masked), "
            "`applied = weights . V`; then `relu(attn_combine([Q; applied]))` (Linear(embedding + hidden -> hidden)) "
            "is the GRU's input. The weights never look at what V contains: the model attends by position. No "
            "dropout (the tutorial has 0.1), no input feeding.")
            .arg(Seq2SeqModel::maxSourceTokens());
    }
    QString text = QStringLiteral("At each step the decoder state scores every encoder state with the `%1` function "
                                  "of core/scoring.h, a softmax turns the scores into weights and their weighted sum "
                                  "is the context (Luong et al. 2015, with input feeding).")
                       .arg(name);
    if (score == "concat_tanh") {
        text += QStringLiteral(" `concat_tanh` is the course notes' rule 2: s_i = sum(tanh(W [q; k_i] + b)), one "
                               "Linear(2 hidden -> hidden) over the concatenation, then tanh and a sum.");
    } else if (score == "concat_linear") {
        text += QStringLiteral(" `concat_linear` is w^T [q; k_i] + b without a non-linearity: the query's part "
                               "w_q^T q + b is the same for every key, so the softmax cancels it and the weights "
                               "never depend on the decoder state.");
    }
    return text;
}

} // namespace

void writeSeq2SeqCard(const QString& dir, const Seq2SeqTrainOptions& o, const Seq2SeqMetrics& m, double seconds,
                      long parameters)
{
    const bool none = o.score == "none";
    QString text;
    text += QStringLiteral("# seq2seq-%1: GRU encoder-decoder, %2\n\n")
                .arg(QString::fromStdString(o.score),
                     none              ? QStringLiteral("no attention (fixed-vector bottleneck)")
                     : o.score == "myatt" ? QStringLiteral("the course notes' MyAtt (attention by position)")
                                       : QStringLiteral("%1 attention scores").arg(QString::fromStdString(o.score)));
    text += QStringLiteral(
                "A bidirectional GRU encoder (%1 per direction) reads the English sentence; a GRU decoder (%2) "
                "writes French one word at a time. %3 Embeddings %4, %5 parameters.\n\n")
                .arg(o.hidden / 2)
                .arg(o.hidden)
                .arg(attentionParagraph(o.score))
                .arg(o.embedding)
                .arg(parameters);
    text += QStringLiteral("## Training\n\n```sh\n%1\n```\n\n").arg(QString::fromStdString(o.command));
    text += QStringLiteral("Seed %1, %2 steps of batch %3, Adam (lr %4), one CPU thread, %5 s. Data: the synthetic "
                           "English->French corpus of src/engine/corpus (train split, seed %1), with a share of %6 "
                           "long sentences chained with and / while / because (up to %7 words).\n\n")
                .arg(o.seed)
                .arg(o.steps)
                .arg(o.batch)
                .arg(o.learningRate)
                .arg(int(seconds))
                .arg(o.longShare)
                .arg(o.maxLongWords);
    text += QStringLiteral("## Metrics\n\nGreedy decoding of %1 held-out sentences: the corpus's test split drawn "
                           "with seed %2 (never seen in training: splits are decided by a hash of the sentence). "
                           "Buckets by English length in tokens. Token accuracy compares position by position with "
                           "the reference translation.\n\n")
                .arg(m.all.sentences)
                .arg(o.evalSeed);
    text += QStringLiteral("| words | sentences | exact match | token accuracy |\n|---|---|---|---|\n");
    for (const LengthBucket* b : [&] {
             std::vector<const LengthBucket*> rows;
             for (const auto& x : m.buckets) {
                 rows.push_back(&x);
             }
             rows.push_back(&m.all);
             return rows;
         }()) {
        text += QStringLiteral("| %1 | %2 | %3 % | %4 % |\n")
                    .arg(b->name)
                    .arg(b->sentences)
                    .arg(b->exactMatch() * 100.0, 0, 'f', 1)
                    .arg(b->tokenAccuracy() * 100.0, 0, 'f', 1);
    }
    text += QStringLiteral("\nWord order: the same sentences split by whether the French puts some words in another "
                           "order than the English (the corpus's adjective phrases: \"the european economic area\" "
                           "-> \"la zone économique européenne\"), over all lengths and over sentences of 1-19 "
                           "words.\n\n| word order | sentences | exact match | token accuracy |\n|---|---|---|---|\n");
    for (const auto& b : m.order) {
        text += QStringLiteral("| %1 | %2 | %3 % | %4 % |\n")
                    .arg(b.name)
                    .arg(b.sentences)
                    .arg(b.exactMatch() * 100.0, 0, 'f', 1)
                    .arg(b.tokenAccuracy() * 100.0, 0, 'f', 1);
    }
    text += QStringLiteral("\nThe test tests/engine/tst_seq2seq.cpp re-evaluates this folder on the same "
                           "sentences and checks these numbers.\n");
    QSaveFile file(dir + QStringLiteral("/card.md"));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        throw ModelError((dir + QStringLiteral("/card.md")).toStdString() + ": cannot write");
    }
    file.write(text.toUtf8());
    if (!file.commit()) {
        throw ModelError((dir + QStringLiteral("/card.md")).toStdString() + ": cannot write");
    }
}

} // namespace attn
