// trainClassifier (classifiertrainer_torch.cpp): the torch side of issue 15's review and document classifiers. The
// modules mirror the Eigen inference of classifierlayers.h name for name; after training the folder is reopened through
// ClassifierModel and measured there, so the shipped figures are those of the code that serves them.
#include "core/canceltoken.h"
#include "core/random.h"
#include "engine/classify/classifiertraining.h"
#include "engine/corpus/vocabulary.h"
#include "engine/safetensors.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <chrono>
#include <map>
#include <torch/torch.h>

namespace attn::classify {

namespace {

using torch::Tensor;

// Additive attention pooling with a learned context vector: a = softmax(context(tanh(proj(h)))).
struct AttentionPoolImpl : torch::nn::Module
{
    AttentionPoolImpl(int64_t input, int64_t attention)
        : proj(register_module("proj", torch::nn::Linear(input, attention))),
          context(register_module("context", torch::nn::Linear(torch::nn::LinearOptions(attention, 1).bias(false))))
    {
    }
    // h: (B, T, D) -> weights (B, T)
    Tensor weights(const Tensor& h) { return torch::softmax(context(torch::tanh(proj(h))).squeeze(-1), 1); }
    // keys: (B, T, K), values: (B, T, D) -> pooled (B, D)
    Tensor pool(const Tensor& keys, const Tensor& values) { return (weights(keys).unsqueeze(-1) * values).sum(1); }
    torch::nn::Linear proj, context;
};
TORCH_MODULE(AttentionPool);

// The attention keys of word-level pooling: each word's embedding with its right neighbour's (zeros past the end).
// x: (B, T, E) -> (B, T, 2E). Keys from the words, not from the BiGRU states: a state has read the whole clause in
// one direction, so scores over states peaked beside the decisive words (on the word before a phrase, whose
// backward state has read all of it). With a symmetric window of three, the word after the phrase ("." after
// "acting") still saw the topic noun and took the peak in one of three trials; with the right neighbour only, the
// windows that see a whole decisive pair ("good acting") start on a decisive word.
Tensor wordWindow(const Tensor& x)
{
    const int64_t t = x.size(1);
    const Tensor zero = torch::zeros({x.size(0), 1, x.size(2)});
    return torch::cat({x, torch::cat({x.slice(1, 1, t), zero}, 1)}, 2);
}

torch::nn::GRU biGru(int64_t input, int64_t hidden)
{
    return torch::nn::GRU(torch::nn::GRUOptions(input, hidden).batch_first(true).bidirectional(true));
}

struct PoolingNetImpl : torch::nn::Module
{
    PoolingNetImpl(const std::string& pooling, int64_t vocab, const ClassifierTrainOptions& o, int64_t classes)
        : pooling(pooling), embedding(register_module("embedding", torch::nn::Embedding(vocab, o.embedding))),
          gru(register_module("gru", biGru(o.embedding, o.hidden))),
          out(register_module("out", torch::nn::Linear(2 * o.hidden, classes)))
    {
        if (pooling == "attention") {
            attention = register_module("attention", AttentionPool(2 * o.embedding, o.attention));
        }
    }
    // ids: (B, T) of one length -> logits (B, classes)
    Tensor forward(const Tensor& ids)
    {
        const Tensor x = embedding(ids); // (B, T, E)
        auto [h, hn] = gru(x);           // h: (B, T, 2H), hn: (2, B, H)
        Tensor pooled;
        if (pooling == "attention") {
            pooled = attention->pool(wordWindow(x), h); // keys: word windows; values: the states

        } else if (pooling == "mean") {
            pooled = h.mean(1);
        } else {
            pooled = torch::cat({hn[0], hn[1]}, 1); // forward state at the last token, backward at the first
        }
        return out(pooled);
    }
    std::string pooling;
    torch::nn::Embedding embedding;
    torch::nn::GRU gru;
    AttentionPool attention{nullptr};
    torch::nn::Linear out;
};
TORCH_MODULE(PoolingNet);

struct HanNetImpl : torch::nn::Module
{
    HanNetImpl(int64_t vocab, const ClassifierTrainOptions& o, int64_t classes)
        : embedding(register_module("embedding", torch::nn::Embedding(vocab, o.embedding))),
          word_gru(register_module("word_gru", biGru(o.embedding, o.hidden))),
          word_attention(register_module("word_attention", AttentionPool(2 * o.embedding, o.attention))),
          sentence_gru(register_module("sentence_gru", biGru(2 * o.hidden, o.hidden))),
          sentence_attention(register_module("sentence_attention", AttentionPool(2 * o.hidden, o.attention))),
          out(register_module("out", torch::nn::Linear(2 * o.hidden, classes)))
    {
    }
    // sentences: B * S token-id rows (document-major), every document S sentences -> logits (B, classes).
    // Sentences of one length run together, so no padding ever enters a GRU (inference sees none either).
    Tensor forward(const std::vector<std::vector<int64_t>>& sentences, int64_t documents)
    {
        std::map<std::size_t, std::vector<int64_t>> byLength;
        for (std::size_t i = 0; i < sentences.size(); ++i) {
            byLength[sentences[i].size()].push_back(int64_t(i));
        }
        std::vector<Tensor> parts;
        std::vector<int64_t> order;
        for (const auto& [length, rows] : byLength) {
            std::vector<int64_t> flat;
            for (int64_t r : rows) {
                flat.insert(flat.end(), sentences[std::size_t(r)].begin(), sentences[std::size_t(r)].end());
            }
            const Tensor ids = torch::tensor(flat, torch::kLong).view({int64_t(rows.size()), int64_t(length)});
            const Tensor x = embedding(ids);                         // (n, L, E)
            auto [h, hn] = word_gru(x);                              // (n, L, 2H)
            parts.push_back(word_attention->pool(wordWindow(x), h)); // (n, 2H)
            order.insert(order.end(), rows.begin(), rows.end());
        }
        const Tensor vectors = torch::cat(parts, 0);
        const Tensor placed = torch::zeros_like(vectors).index_copy(0, torch::tensor(order, torch::kLong), vectors);
        const Tensor sentences3 = placed.view({documents, -1, vectors.size(1)}); // (B, S, 2H)
        auto [s, sn] = sentence_gru(sentences3);                                 // (B, S, 2H)
        // Sentence scores read each sentence's own vector, values are the sentence states (as for words: a state
        // has read the neighbouring sentences too).
        return out(sentence_attention->pool(sentences3, s));
    }
    torch::nn::Embedding embedding;
    torch::nn::GRU word_gru;
    AttentionPool word_attention;
    torch::nn::GRU sentence_gru;
    AttentionPool sentence_attention;
    torch::nn::Linear out;
};
TORCH_MODULE(HanNet);

// Training batches come from seeds far from the small seeds people and tests use for held-out data.
std::uint64_t batchSeed(std::uint64_t seed, long step)
{
    std::uint64_t z = seed * 0x9E3779B97F4A7C15ull + std::uint64_t(step) + 0x632BE59BD9B4E019ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return (z ^ (z >> 31)) | (1ull << 40);
}

void writeJsonFile(const QString& path, const QJsonObject& o)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(QJsonDocument(o).toJson()) < 0) {
        throw ModelError(path.toStdString() + ": cannot write");
    }
}

} // namespace

ClassifierMetrics trainClassifier(const ClassifierTrainOptions& o,
                                  const std::function<void(long, long, double, double)>& progress)
{
    const bool han = o.family == "han";
    if (!han && o.family != "pooling") {
        throw ModelError("unknown classifier family '" + o.family + "' (choose pooling or han)");
    }
    if (!han && o.pooling != "last" && o.pooling != "mean" && o.pooling != "attention") {
        throw ModelError("--pooling must be last, mean or attention (not '" + o.pooling + "')");
    }
    if (o.batch < 1 || o.embedding < 1 || o.hidden < 1 || o.attention < 1) {
        throw ModelError("classifier training: batch, embedding, hidden and attention must be positive");
    }
    const QString dir = QString::fromStdString(o.outDir);
    if (!QDir().mkpath(dir)) {
        throw ModelError(o.outDir + ": cannot create the folder");
    }
    try {
        torch::manual_seed(o.seed);
        const Vocabulary vocabulary = Vocabulary::build(reviewWords());
        const auto& labels = sentimentLabels();
        std::shared_ptr<torch::nn::Module> module;
        PoolingNet pooling{nullptr};
        HanNet hanNet{nullptr};
        if (han) {
            hanNet = HanNet(vocabulary.size(), o, int64_t(labels.size()));
            module = hanNet.ptr();
        } else {
            pooling = PoolingNet(o.pooling, vocabulary.size(), o, int64_t(labels.size()));
            module = pooling.ptr();
        }
        torch::optim::Adam optim(module->parameters(), torch::optim::AdamOptions(o.learningRate));
        const auto start = std::chrono::steady_clock::now();
        double avgLoss = 0.0, avgAcc = 0.0;
        SeededRandom lengths(o.seed);
        for (long step = 1; step <= o.steps; ++step) {
            checkCancelled();
            module->train();
            std::vector<int64_t> targets;
            Tensor logits;
            if (han) {
                const int sentences =
                    kMinDocumentSentences + int(lengths.below(kMaxDocumentSentences - kMinDocumentSentences + 1));
                std::vector<std::vector<int64_t>> rows;
                for (const auto& d : generateDocuments(batchSeed(o.seed, step), o.batch, sentences, sentences)) {
                    for (const auto& s : d.sentences) {
                        rows.push_back(vocabulary.encode(s));
                    }
                    targets.push_back(d.label);
                }
                logits = hanNet->forward(rows, o.batch);
            } else {
                const int length = kMinReviewTokens + int(lengths.below(kMaxReviewTokens - kMinReviewTokens + 1));
                std::vector<int64_t> flat;
                for (const auto& r : generateReviewsOfLength(batchSeed(o.seed, step), o.batch, length)) {
                    const auto ids = vocabulary.encode(r.tokens);
                    flat.insert(flat.end(), ids.begin(), ids.end());
                    targets.push_back(r.label);
                }
                logits = pooling->forward(torch::tensor(flat, torch::kLong).view({o.batch, length}));
            }
            const Tensor target = torch::tensor(targets, torch::kLong);
            const Tensor loss = torch::nn::functional::cross_entropy(logits, target);
            optim.zero_grad();
            loss.backward();
            torch::nn::utils::clip_grad_norm_(module->parameters(), 1.0);
            optim.step();
            const double acc = logits.argmax(1).eq(target).to(torch::kDouble).mean().item<double>();
            avgLoss = step == 1 ? loss.item<double>() : 0.95 * avgLoss + 0.05 * loss.item<double>();
            avgAcc = step == 1 ? acc : 0.95 * avgAcc + 0.05 * acc;
            if (progress && (step % 10 == 0 || step == o.steps)) {
                progress(step, o.steps, avgLoss, avgAcc);
            }
        }
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

        SafeTensorsWriter writer;
        long parameters = 0;
        for (const auto& p : module->named_parameters()) {
            const Tensor t = p.value().detach().contiguous();
            writer.addFloats(p.key(), t.sizes().vec(), t.data_ptr<float>());
            parameters += long(t.numel());
        }
        writer.setMetadata("format", han ? "attnscope-han-classifier-1" : "attnscope-pooling-classifier-1");
        writer.write(QDir(dir).filePath("model.safetensors").toStdString());
        vocabulary.save(QDir(dir).filePath("vocabulary.txt").toStdString());
        QJsonArray labelArray;
        for (const auto& l : labels) {
            labelArray.append(QString::fromStdString(l));
        }
        QJsonObject config{{"architecture", han ? "han-classifier" : "pooling-classifier"},
                           {"labels", labelArray},
                           {"embedding", o.embedding},
                           {"hidden", o.hidden},
                           {"attention", o.attention},
                           {"attention_keys", "word_and_next"},
                           {"train_seed", qint64(o.seed)},
                           {"steps", qint64(o.steps)},
                           {"batch", o.batch},
                           {"learning_rate", o.learningRate},
                           {"validation_seed", qint64(validationSeed(o.seed))}};
        if (han) {
            config.insert("max_sentences", 40);
            config.insert("max_sentence_tokens", 60);
        } else {
            config.insert("pooling", QString::fromStdString(o.pooling));
            config.insert("max_tokens", 200);
        }
        writeJsonFile(QDir(dir).filePath("config.json"), config);

        const auto model = ClassifierModel::open(dir);
        const ClassifierMetrics metrics =
            han ? evaluateDocuments(*model, generateDocuments(validationSeed(o.seed), o.validationCount))
                : evaluateReviews(*model, generateReviews(validationSeed(o.seed), o.validationCount));
        QJsonObject metricsJson = metrics.toJson(han);
        metricsJson.insert("train_seconds", seconds);
        metricsJson.insert("validation_seed", qint64(validationSeed(o.seed)));
        writeJsonFile(QDir(dir).filePath("metrics.json"), metricsJson);
        writeClassifierCard(o, metrics, seconds, parameters);
        return metrics;
    } catch (const c10::Error& e) {
        throw ModelError(std::string("classifier training: ") + e.what_without_backtrace());
    } catch (const SafeTensorsError& e) {
        throw ModelError(e.what());
    } catch (const VocabularyError& e) {
        throw ModelError(e.what());
    }
}

} // namespace attn::classify
