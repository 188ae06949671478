// trainSeq2Seq: the training loop of the GRU encoder-decoders, then the folder, the evaluation and the card.
#include "core/canceltoken.h"
#include "engine/safetensors.h"
#include "engine/seq2seq/seq2seq.h"
#include "engine/seq2seq/seq2seqnet_torch.h"
#include "engine/seq2seq/seq2seqtrainer_torch.h"

#include <QDir>

#include <chrono>

namespace attn {

using namespace s2s;

Seq2SeqMetrics trainSeq2Seq(const Seq2SeqTrainOptions& o, const std::function<void(long, long, double, double)>& progress)
{
    if (!seq2seqScoreNames().contains(QString::fromStdString(o.score))) {
        throw ModelError("--score: unknown scoring function '" + o.score + "' (choose " +
                         seq2seqScoreNames().join(", ").toStdString() + ")");
    }
    const QString dir = QString::fromStdString(o.outDir);
    if (!QDir().mkpath(dir)) {
        throw ModelError(o.outDir + ": cannot create the folder");
    }
    try {
        Trainer trainer(o);
        const auto start = std::chrono::steady_clock::now();
        for (long stepNo = 1; stepNo <= o.steps; ++stepNo) {
            checkCancelled();
            trainer.step();
            if (progress && (stepNo % 10 == 0 || stepNo == o.steps)) {
                progress(stepNo, o.steps, trainer.smoothedLoss(), trainer.smoothedAccuracy());
            }
        }
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        Net net = trainer.netHolder();
        net->eval();
        const Vocabulary& src = trainer.source();
        const Vocabulary& tgt = trainer.target();

        SafeTensorsWriter writer;
        long parameters = 0;
        for (const auto& p : net->named_parameters()) {
            const auto t = p.value().detach().contiguous();
            writer.addFloats(p.key(), t.sizes().vec(), t.data_ptr<float>());
            parameters += long(t.numel());
        }
        writer.setMetadata("format", "attnscope-seq2seq-1");
        writer.write(QDir(dir).filePath("model.safetensors").toStdString());
        src.save(QDir(dir).filePath("source.vocab").toStdString());
        tgt.save(QDir(dir).filePath("target.vocab").toStdString());
        QJsonObject config{{"architecture", "seq2seq-gru"},
                           {"score", QString::fromStdString(o.score)},
                           {"embedding", o.embedding},
                           {"hidden", o.hidden},
                           {"max_source_tokens", kMaxSource},
                           {"train_seed", qint64(o.seed)},
                           {"steps", qint64(o.steps)},
                           {"batch", o.batch},
                           {"long_share", o.longShare},
                           {"max_long_words", o.maxLongWords},
                           {"eval_seed", qint64(o.evalSeed)},
                           {"eval_sentences", o.evalSentences}};
        writeJson(QDir(dir).filePath("config.json"), config);

        const auto model = Seq2SeqModel::open(dir);
        const auto metrics =
            model->evaluate(seq2seqEvalSentences(o.evalSeed, o.evalSentences, o.longShare, o.maxLongWords));
        config.insert("metrics", metrics.toJson());
        writeJson(QDir(dir).filePath("config.json"), config);
        writeSeq2SeqCard(dir, o, metrics, seconds, parameters);
        return metrics;
    } catch (const c10::Error& e) {
        throw ModelError(std::string("seq2seq training: ") + e.what_without_backtrace());
    } catch (const SafeTensorsError& e) {
        throw ModelError(e.what());
    } catch (const VocabularyError& e) {
        throw ModelError(e.what());
    }
}

} // namespace attn
