// trainSeq2Seq: the training loop of the GRU encoder-decoders, then the folder, the evaluation and the card.
#include "engine/safetensors.h"
#include "engine/seq2seq/seq2seq.h"
#include "engine/seq2seq/seq2seqnet.h"

#include <QDir>

#include <algorithm>
#include <chrono>
#include <random>

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
        torch::manual_seed(o.seed);
        const Vocabulary src = Vocabulary::build(EnFrCorpus::sourceWords());
        const Vocabulary tgt = Vocabulary::build(EnFrCorpus::targetWords());
        Net net(o.score, src.size(), tgt.size(), o.embedding, o.hidden);
        torch::optim::Adam optim(net->parameters(), torch::optim::AdamOptions(o.learningRate));
        CorpusOptions copt;
        copt.seed = o.seed;
        copt.longShare = o.longShare;
        copt.maxLongWords = o.maxLongWords;
        EnFrCorpus corpus(copt);
        const auto start = std::chrono::steady_clock::now();
        double avgLoss = 0.0, avgAcc = 0.0;
        // Batches of similar lengths waste less time on padding: draw kPool batches at once, sort them by
        // length, and train on them in a shuffled order.
        constexpr int kPool = 8;
        std::vector<std::vector<SentencePair>> queue;
        std::mt19937_64 order(o.seed);
        for (long stepNo = 1; stepNo <= o.steps; ++stepNo) {
            if (queue.empty()) {
                auto pool = corpus.generate(Split::Train, o.batch * kPool);
                std::sort(pool.begin(), pool.end(), [](const SentencePair& a, const SentencePair& b) {
                    return a.target.size() < b.target.size();
                });
                for (int k = 0; k < kPool; ++k) {
                    queue.emplace_back(pool.begin() + k * o.batch, pool.begin() + (k + 1) * o.batch);
                }
                std::shuffle(queue.begin(), queue.end(), order);
            }
            const std::vector<SentencePair> pairs = std::move(queue.back());
            queue.pop_back();
            std::vector<std::vector<int64_t>> srcRows, inRows, outRows;
            for (const auto& p : pairs) {
                srcRows.push_back(sourceIds(src, p.source));
                auto t = tgt.encode(p.target);
                std::vector<int64_t> in{Vocabulary::kBos};
                in.insert(in.end(), t.begin(), t.end());
                t.push_back(Vocabulary::kEos);
                inRows.push_back(in);
                outRows.push_back(t);
            }
            const auto srcT = padBatch(srcRows), inT = padBatch(inRows), outT = padBatch(outRows); // (B, S), (B, T)
            auto e = net->encode(srcT);
            auto state = e.init;
            auto feed = torch::zeros({srcT.size(0), int64_t(o.hidden)});
            std::vector<torch::Tensor> logits;
            for (int64_t t = 0; t < inT.size(1); ++t) {
                auto r = net->step(inT.select(1, t), state, feed, e);
                state = r.state;
                feed = r.feed;
                logits.push_back(r.logits);
            }
            const auto all = torch::stack(logits, 1);                                   // (B, T, V)
            const auto loss = torch::nn::functional::cross_entropy(
                all.reshape({-1, all.size(2)}), outT.reshape({-1}),
                torch::nn::functional::CrossEntropyFuncOptions().ignore_index(0));
            optim.zero_grad();
            loss.backward();
            torch::nn::utils::clip_grad_norm_(net->parameters(), 1.0);
            optim.step();
            const auto mask = outT.ne(0);
            const double acc = (all.argmax(2).eq(outT) & mask).sum().item<double>() / mask.sum().item<double>();
            avgLoss = stepNo == 1 ? loss.item<double>() : 0.95 * avgLoss + 0.05 * loss.item<double>();
            avgAcc = stepNo == 1 ? acc : 0.95 * avgAcc + 0.05 * acc;
            if (progress && (stepNo % 10 == 0 || stepNo == o.steps)) {
                progress(stepNo, o.steps, avgLoss, avgAcc);
            }
        }
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        net->eval();

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
