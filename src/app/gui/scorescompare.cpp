#include "gui/scorescompare.h"

#include "core/canceltoken.h"

#include "engine/corpus/vocabulary.h"
#include "engine/seq2seq/seq2seq.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace attn {

QString findSeq2SeqModelsDir()
{
    const QString env = qEnvironmentVariable("ATTNSCOPE_MODELS");
    if (!env.isEmpty()) {
        return env;
    }
    QDir dir(QCoreApplication::applicationDirPath());
    for (int up = 0; up < 5; ++up) {
        if (QFileInfo::exists(dir.filePath(QStringLiteral("models/seq2seq-none/config.json")))) {
            return dir.filePath(QStringLiteral("models"));
        }
        if (!dir.cdUp()) {
            break;
        }
    }
    return {};
}

QString defaultCompareSentence()
{
    for (const auto& p : seq2seqEvalSentences(7, 60, 0.6, 45)) {
        if (p.source.size() >= 28 && p.source.size() <= 34) {
            return QString::fromStdString(p.sourceText());
        }
    }
    return QStringLiteral("the small dog sees the red car and the big cat follows the old bus while the green "
                          "train crosses the long bridge .");
}

ScoresCompareData computeScoresCompare(const QString& modelsDir, const QString& text)
{
    if (modelsDir.isEmpty()) {
        throw ModelError("no models folder with seq2seq models found (set ATTNSCOPE_MODELS or train them with "
                         "`attnscope-cli train seq2seq`)");
    }
    QStringList source;
    for (const auto& w : tokenizeText(text.toStdString())) {
        source << QString::fromStdString(w);
    }
    if (source.isEmpty()) {
        throw ModelError("the sentence is empty");
    }
    std::vector<std::unique_ptr<Seq2SeqModel>> models;
    for (const QString& score : seq2seqScoreNames()) {
        checkCancelled();
        const QString dir = QDir(modelsDir).filePath(QStringLiteral("seq2seq-") + score);
        if (QFileInfo::exists(dir + QStringLiteral("/config.json"))) {
            models.push_back(Seq2SeqModel::open(dir));
        }
    }
    if (models.empty()) {
        throw ModelError(modelsDir.toStdString() + ": no seq2seq-<score> model folders");
    }
    // The target words come from the attention model that does best on long sentences.
    const Seq2SeqModel* best = nullptr;
    double bestLong = -1.0;
    for (const auto& m : models) {
        checkCancelled();
        const double acc = Seq2SeqMetrics::fromJson(m->config().value("metrics").toObject()).buckets.back().tokenAccuracy();
        if (m->hasAttention() && acc > bestLong) {
            bestLong = acc;
            best = m.get();
        }
    }
    if (!best) {
        best = models.front().get();
    }
    const auto translation = best->translate(source);
    ScoresCompareData data;
    data.source = translation.source;
    data.target = translation.target;
    data.targetSource = best->score();
    for (const auto& m : models) {
        ComparedModel c;
        c.score = m->score();
        const Seq2SeqMetrics metrics = Seq2SeqMetrics::fromJson(m->config().value("metrics").toObject());
        for (const auto& b : metrics.buckets) {
            c.buckets << b.name;
            c.tokenAccuracy.push_back(b.tokenAccuracy());
            c.exactMatch.push_back(b.exactMatch());
        }
        c.allTokenAccuracy = metrics.all.tokenAccuracy();
        c.allExactMatch = metrics.all.exactMatch();
        c.testSentences = metrics.all.sentences;
        if (metrics.order.size() == 4 && metrics.order[2].sentences > 0 && metrics.order[3].sentences > 0) {
            c.reorderedTokenAccuracy = metrics.order[2].tokenAccuracy(); // reordered, 1-19
            c.sameOrderTokenAccuracy = metrics.order[3].tokenAccuracy(); // same order, 1-19
        }
        if (m->hasAttention() && !data.target.isEmpty()) {
            const auto aligned = m->align(data.source, data.target);
            c.cross = AttentionBlock(QStringLiteral("cross"), 1, 1, data.target, data.source);
            c.cross.weights = aligned.attention;
        }
        data.models.push_back(std::move(c));
    }
    return data;
}

} // namespace attn
