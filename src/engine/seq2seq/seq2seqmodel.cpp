// The GRU encoder-decoder with a choice of scoring function: network, training, decoding, files.
#include "engine/corpus/vocabulary.h"
#include "engine/safetensors.h"
#include "engine/seq2seq/seq2seq.h"

#include <torch/torch.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>

namespace attn {

namespace {

constexpr int kMaxSource = 64; // location scores one row per source position

struct NetImpl : torch::nn::Module
{
    NetImpl(std::string scoreName, int64_t srcVocab, int64_t tgtVocab, int64_t emb, int64_t hidden)
        : score(std::move(scoreName)), H(hidden),
          srcEmb(torch::nn::EmbeddingOptions(srcVocab, emb).padding_idx(0)),
          tgtEmb(torch::nn::EmbeddingOptions(tgtVocab, emb).padding_idx(0)),
          encoder(torch::nn::GRUOptions(emb, hidden / 2).batch_first(true).bidirectional(true)),
          bridge(hidden, hidden), decoder(torch::nn::GRUCellOptions(emb + hidden, hidden)),
          combine(2 * hidden, hidden), out(hidden, tgtVocab)
    {
        register_module("src_emb", srcEmb);
        register_module("tgt_emb", tgtEmb);
        register_module("encoder", encoder);
        register_module("bridge", bridge);
        register_module("decoder", decoder);
        register_module("combine", combine);
        register_module("out", out);
        // Only the parameters of the chosen scoring function exist, so every model has what its formula needs.
        if (score == "general") {
            W = register_module("W", torch::nn::Linear(torch::nn::LinearOptions(hidden, hidden).bias(false)));
        } else if (score == "concat") {
            wq = register_module("w_q", torch::nn::Linear(hidden, 1));
            wk = register_module("w_k", torch::nn::Linear(torch::nn::LinearOptions(hidden, 1).bias(false)));
        } else if (score == "additive") {
            W = register_module("W", torch::nn::Linear(torch::nn::LinearOptions(hidden, hidden).bias(false)));
            U = register_module("U", torch::nn::Linear(torch::nn::LinearOptions(hidden, hidden).bias(false)));
            v = register_module("v", torch::nn::Linear(torch::nn::LinearOptions(hidden, 1).bias(false)));
        } else if (score == "location") {
            W = register_module("W_a", torch::nn::Linear(hidden, kMaxSource));
        }
    }

    struct Encoded
    {
        torch::Tensor states; // (B, S, H)
        torch::Tensor mask;   // (B, S) true on real tokens
        torch::Tensor keys;   // (B, S, *) precomputed key side of the score
        torch::Tensor init;   // (B, H) first decoder state
        torch::Tensor summary; // (B, H) the fixed vector of the no-attention model
    };

    // src: (B, S) ids, 0 = pad
    Encoded encode(const torch::Tensor& src)
    {
        Encoded e;
        e.mask = src.ne(0);
        auto [states, last] = encoder->forward(srcEmb->forward(src)); // states (B, S, H), last (2, B, H/2)
        e.states = states;
        // The final state of each direction at the last real token (the backward one reads from the end).
        const auto lengths = e.mask.sum(1).clamp_min(1) - 1;                                  // (B)
        const auto idx = lengths.view({-1, 1, 1}).expand({-1, 1, H});                        // (B, 1, H)
        const auto fwd = states.gather(1, idx).squeeze(1).narrow(1, 0, H / 2);               // (B, H/2)
        const auto bwd = states.select(1, 0).narrow(1, H / 2, H / 2);                        // (B, H/2)
        e.summary = torch::cat({fwd, bwd}, 1);                                               // (B, H)
        e.init = torch::tanh(bridge->forward(e.summary));
        if (score == "general") {
            e.keys = W->forward(states); // W k (B, S, H): q^T W k
        } else if (score == "concat") {
            e.keys = wk->forward(states).squeeze(2); // (B, S)
        } else if (score == "additive") {
            e.keys = U->forward(states); // (B, S, H)
        }
        return e;
    }

    // s: (B, H) decoder state -> scores (B, S)
    torch::Tensor scores(const torch::Tensor& s, const Encoded& e)
    {
        const auto S = e.states.size(1);
        if (score == "dot") {
            return torch::bmm(e.states, s.unsqueeze(2)).squeeze(2);
        }
        if (score == "scaled_dot") {
            return torch::bmm(e.states, s.unsqueeze(2)).squeeze(2) / std::sqrt(double(H));
        }
        if (score == "cosine") {
            const auto dots = torch::bmm(e.states, s.unsqueeze(2)).squeeze(2);
            const auto norms = e.states.norm(2, 2) * s.norm(2, 1).unsqueeze(1);
            // A zero-length vector's cosine is 0, as in core/scoring.cpp.
            return torch::where(norms > 0, dots / norms.clamp_min(1e-12), torch::zeros_like(dots));
        }
        if (score == "general") {
            return torch::bmm(e.keys, s.unsqueeze(2)).squeeze(2);
        }
        if (score == "concat") {
            return e.keys + wq->forward(s); // w_k . k + w_q . q + b
        }
        if (score == "additive") {
            return v->forward(torch::tanh(e.keys + W->forward(s).unsqueeze(1))).squeeze(2);
        }
        // location: (W_a q)_i for the first S positions
        return W->forward(s).narrow(1, 0, S);
    }

    struct Step
    {
        torch::Tensor logits;  // (B, V)
        torch::Tensor weights; // (B, S) or undefined
        torch::Tensor state;   // (B, H)
        torch::Tensor feed;    // (B, H) attentional vector fed to the next step
    };

    // prev: (B) previous target ids
    Step step(const torch::Tensor& prev, const torch::Tensor& state, const torch::Tensor& feed, const Encoded& e)
    {
        Step r;
        r.state = decoder->forward(torch::cat({tgtEmb->forward(prev), feed}, 1), state);
        torch::Tensor context;
        if (score == "none") {
            context = e.summary; // the fixed vector, the same at every step
        } else {
            const auto sc = scores(r.state, e).masked_fill(e.mask.logical_not(), -1e9);
            r.weights = torch::softmax(sc, 1);
            context = torch::bmm(r.weights.unsqueeze(1), e.states).squeeze(1); // (B, H)
        }
        r.feed = torch::tanh(combine->forward(torch::cat({context, r.state}, 1)));
        r.logits = out->forward(r.feed);
        return r;
    }

    std::string score;
    int64_t H;
    torch::nn::Embedding srcEmb, tgtEmb;
    torch::nn::GRU encoder;
    torch::nn::Linear bridge;
    torch::nn::GRUCell decoder;
    torch::nn::Linear combine, out;
    torch::nn::Linear W{nullptr}, U{nullptr}, v{nullptr}, wq{nullptr}, wk{nullptr};
};
TORCH_MODULE(Net);

// rows of ids -> (B, L) padded with 0
torch::Tensor padBatch(const std::vector<std::vector<int64_t>>& rows)
{
    std::size_t longest = 1;
    for (const auto& r : rows) {
        longest = std::max(longest, r.size());
    }
    auto t = torch::zeros({int64_t(rows.size()), int64_t(longest)}, torch::kLong);
    auto a = t.accessor<int64_t, 2>();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        for (std::size_t j = 0; j < rows[i].size(); ++j) {
            a[int64_t(i)][int64_t(j)] = rows[i][j];
        }
    }
    return t;
}

std::vector<int64_t> sourceIds(const Vocabulary& v, const std::vector<std::string>& words)
{
    auto ids = v.encode(words);
    if (ids.size() > std::size_t(kMaxSource)) {
        ids.resize(kMaxSource);
    }
    return ids;
}

QJsonObject readJson(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        throw ModelError(path.toStdString() + ": cannot read");
    }
    const auto doc = QJsonDocument::fromJson(f.readAll());
    if (!doc.isObject()) {
        throw ModelError(path.toStdString() + ": not a JSON object");
    }
    return doc.object();
}

void writeJson(const QString& path, const QJsonObject& o)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        throw ModelError(path.toStdString() + ": cannot write");
    }
    f.write(QJsonDocument(o).toJson());
}

} // namespace

struct Seq2SeqModel::Impl
{
    QString dir;
    QJsonObject config;
    Vocabulary src, tgt;
    mutable Net net{nullptr}; // forward passes are logically const

    // Greedy decoding of a batch. src: (B, S) -> per sentence target words and (T x S) weights
    std::vector<std::vector<int64_t>> greedy(const torch::Tensor& srcIds, int maxSteps,
                                             std::vector<std::vector<float>>* weights = nullptr) const
    {
        torch::NoGradGuard noGrad;
        const auto B = srcIds.size(0);
        auto e = net->encode(srcIds);
        auto state = e.init;
        auto feed = torch::zeros({B, net->H});
        auto prev = torch::full({B}, Vocabulary::kBos, torch::kLong);
        std::vector<std::vector<int64_t>> outIds(static_cast<std::size_t>(B));
        std::vector<bool> done(static_cast<std::size_t>(B), false);
        if (weights) {
            weights->assign(std::size_t(B), {});
        }
        for (int t = 0; t < maxSteps; ++t) {
            auto r = net->step(prev, state, feed, e);
            state = r.state;
            feed = r.feed;
            prev = r.logits.argmax(1);
            auto p = prev.accessor<int64_t, 1>();
            bool all = true;
            for (int64_t b = 0; b < B; ++b) {
                if (done[std::size_t(b)]) {
                    continue;
                }
                if (p[b] == Vocabulary::kEos) {
                    done[std::size_t(b)] = true;
                    continue;
                }
                outIds[std::size_t(b)].push_back(p[b]);
                if (weights && r.weights.defined()) {
                    const auto row = r.weights[b].contiguous();
                    (*weights)[std::size_t(b)].insert((*weights)[std::size_t(b)].end(), row.data_ptr<float>(),
                                                      row.data_ptr<float>() + row.numel());
                }
                all = false;
            }
            if (all) {
                break;
            }
        }
        return outIds;
    }
};

Seq2SeqModel::Seq2SeqModel() : d(std::make_unique<Impl>()) {}
Seq2SeqModel::~Seq2SeqModel() = default;

std::unique_ptr<Seq2SeqModel> Seq2SeqModel::open(const QString& dir)
{
    std::unique_ptr<Seq2SeqModel> m(new Seq2SeqModel);
    m->d->dir = dir;
    m->d->config = readJson(QDir(dir).filePath("config.json"));
    const QString score = m->d->config.value("score").toString();
    if (!seq2seqScoreNames().contains(score)) {
        throw ModelError(QDir(dir).filePath("config.json").toStdString() + ": unknown score '" + score.toStdString() +
                         "'");
    }
    try {
        m->d->src = Vocabulary::load(QDir(dir).filePath("source.vocab").toStdString());
        m->d->tgt = Vocabulary::load(QDir(dir).filePath("target.vocab").toStdString());
    } catch (const VocabularyError& e) {
        throw ModelError(e.what());
    }
    try {
        m->d->net = Net(score.toStdString(), m->d->src.size(), m->d->tgt.size(), m->d->config.value("embedding").toInt(),
                        m->d->config.value("hidden").toInt());
        const auto file = SafeTensorsFile::read(QDir(dir).filePath("model.safetensors").toStdString());
        torch::NoGradGuard noGrad;
        for (auto& p : m->d->net->named_parameters()) {
            const auto values = file.floats(p.key(), p.value().sizes().vec());
            p.value().copy_(torch::from_blob(const_cast<float*>(values.data()), p.value().sizes(), torch::kFloat));
        }
        m->d->net->eval();
    } catch (const SafeTensorsError& e) {
        throw ModelError(e.what());
    } catch (const c10::Error& e) {
        throw ModelError(QDir(dir).filePath("model.safetensors").toStdString() + ": " + e.what_without_backtrace());
    }
    return m;
}

QString Seq2SeqModel::name() const { return QFileInfo(d->dir).fileName(); }
QString Seq2SeqModel::score() const { return d->config.value("score").toString(); }
bool Seq2SeqModel::hasAttention() const { return score() != QLatin1String("none"); }
const QJsonObject& Seq2SeqModel::config() const { return d->config; }

Seq2SeqModel::Translation Seq2SeqModel::translate(const QStringList& source) const
{
    Translation tr;
    std::vector<std::string> words;
    for (const QString& w : source) {
        words.push_back(w.toStdString());
        if (!d->src.contains(words.back())) {
            tr.notices << QStringLiteral("unknown word '%1' read as <unk>").arg(w);
        }
    }
    const auto ids = sourceIds(d->src, words);
    for (std::size_t i = 0; i < ids.size(); ++i) {
        tr.source << source[int(i)];
    }
    std::vector<std::vector<float>> weights;
    const auto out = d->greedy(padBatch({ids}), int(ids.size() * 2 + 8), &weights);
    for (int64_t id : out[0]) {
        tr.target << QString::fromStdString(d->tgt.word(id));
    }
    tr.attention = weights[0];
    return tr;
}

Seq2SeqModel::Translation Seq2SeqModel::align(const QStringList& source, const QStringList& target) const
{
    torch::NoGradGuard noGrad;
    Translation tr;
    std::vector<std::string> words;
    for (const QString& w : source) {
        words.push_back(w.toStdString());
    }
    const auto ids = sourceIds(d->src, words);
    for (std::size_t i = 0; i < ids.size(); ++i) {
        tr.source << source[int(i)];
    }
    tr.target = target;
    auto e = d->net->encode(padBatch({ids}));
    auto state = e.init;
    auto feed = torch::zeros({1, d->net->H});
    int64_t prev = Vocabulary::kBos;
    for (const QString& word : target) {
        auto r = d->net->step(torch::full({1}, prev, torch::kLong), state, feed, e);
        state = r.state;
        feed = r.feed;
        if (r.weights.defined()) {
            const auto row = r.weights[0].contiguous();
            tr.attention.insert(tr.attention.end(), row.data_ptr<float>(), row.data_ptr<float>() + row.numel());
        }
        prev = d->tgt.id(word.toStdString());
    }
    return tr;
}

Seq2SeqMetrics Seq2SeqModel::evaluate(const std::vector<SentencePair>& pairs) const
{
    Seq2SeqMetrics m = emptySeq2SeqMetrics();
    constexpr std::size_t kBatch = 64;
    for (std::size_t at = 0; at < pairs.size(); at += kBatch) {
        std::vector<std::vector<int64_t>> rows;
        std::size_t longest = 0;
        for (std::size_t i = at; i < std::min(pairs.size(), at + kBatch); ++i) {
            rows.push_back(sourceIds(d->src, pairs[i].source));
            longest = std::max(longest, rows.back().size());
        }
        const auto out = d->greedy(padBatch(rows), int(longest * 2 + 8));
        for (std::size_t i = 0; i < out.size(); ++i) {
            addSentence(m, int(pairs[at + i].source.size()), d->tgt.decode(out[i]), pairs[at + i].target);
        }
    }
    return m;
}

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

namespace {

class Seq2SeqTextModel : public TextModel
{
public:
    explicit Seq2SeqTextModel(std::unique_ptr<Seq2SeqModel> m) : m_model(std::move(m)) {}
    QString name() const override { return m_model->name(); }
    QString architecture() const override { return QStringLiteral("seq2seq-gru"); }
    AttentionSet attend(const QString& text) override
    {
        QStringList words;
        for (const auto& w : tokenizeText(text.toStdString())) {
            words << QString::fromStdString(w);
        }
        if (words.isEmpty()) {
            throw ModelError("the text is empty");
        }
        const auto tr = m_model->translate(words);
        AttentionSet set;
        set.modelName = name();
        set.sourceTokens = tr.source;
        set.targetTokens = tr.target;
        set.notices = tr.notices;
        if (!tr.attention.empty()) {
            AttentionBlock block(QStringLiteral("cross"), 1, 1, tr.target, tr.source);
            block.weights = tr.attention;
            set.blocks.push_back(block);
        } else {
            set.notices << QStringLiteral("this model has no attention: the decoder sees one fixed vector");
        }
        return set;
    }

private:
    std::unique_ptr<Seq2SeqModel> m_model;
};

} // namespace

std::unique_ptr<TextModel> openSeq2SeqTextModel(const QString& dir, const QJsonObject&)
{
    return std::make_unique<Seq2SeqTextModel>(Seq2SeqModel::open(dir));
}

} // namespace attn
