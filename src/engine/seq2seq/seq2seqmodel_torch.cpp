// Seq2SeqModel: loading a trained folder, greedy and teacher-forced decoding, evaluation, the TextModel adapter.
#include "engine/moduleweights_torch.h"
#include "engine/safetensors.h"
#include "engine/seq2seq/seq2seq.h"
#include "engine/seq2seq/seq2seqdecode_torch.h"
#include "engine/seq2seq/seq2seqnet_torch.h"
#include "engine/torcheigen_torch.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace attn {

using namespace s2s;


struct Seq2SeqModel::Impl
{
    QString dir;
    QJsonObject config;
    Vocabulary src, tgt;
    mutable Net net{nullptr}; // forward passes are logically const

    // Greedy decoding of a batch (seq2seqdecode_torch.h).
    std::vector<std::vector<int64_t>> greedy(const torch::Tensor& srcIds, int maxSteps,
                                             std::vector<std::vector<float>>* weights = nullptr,
                                             std::vector<std::vector<float>>* states = nullptr) const
    {
        return greedyDecode(*net, srcIds, maxSteps, weights, states);
    }
};

Seq2SeqModel::Seq2SeqModel() : d(std::make_unique<Impl>()) {}
Seq2SeqModel::~Seq2SeqModel() = default;

std::unique_ptr<Seq2SeqModel> Seq2SeqModel::open(const QString& dir)
{
    std::unique_ptr<Seq2SeqModel> m(new Seq2SeqModel);
    m->d->dir = dir;
    m->d->config = readJson(QDir(dir).filePath("config.json"));
    const std::string configPath = QDir(dir).filePath("config.json").toStdString();
    QString score = m->d->config.value("score").toString();
    if (score == QLatin1String("concat")) {
        // Folders trained before the rename: the same network (w_q, w_k) under its new name.
        score = QStringLiteral("concat_linear");
        m->d->config.insert(QStringLiteral("score"), score);
    }
    if (!seq2seqScoreNames().contains(score)) {
        throw ModelError(configPath + ": unknown score '" + score.toStdString() + "'");
    }
    // Checked before the network is built: a "hidden" of 30000 would have torch allocate 11 GB before the weights
    // file could disagree.
    const auto size = [&](const char* key) {
        const QJsonValue v = m->d->config.value(QLatin1String(key));
        if (!v.isDouble() || v.toDouble() != double(v.toInt()) || v.toInt() < 1 || v.toInt() > 4096) {
            throw ModelError(configPath + ": \"" + key + "\" must be a whole number from 1 to 4096");
        }
        return v.toInt();
    };
    const int embedding = size("embedding"), hidden = size("hidden");
    try {
        m->d->src = Vocabulary::load(QDir(dir).filePath("source.vocab").toStdString());
        m->d->tgt = Vocabulary::load(QDir(dir).filePath("target.vocab").toStdString());
    } catch (const VocabularyError& e) {
        throw ModelError(e.what());
    }
    try {
        m->d->net = Net(score.toStdString(), m->d->src.size(), m->d->tgt.size(), embedding, hidden);
        // The strict reader: shapes, NaN/Inf and tensors the network lacks are refused, each named.
        loadModuleWeights(*m->d->net, QDir(dir).filePath("model.safetensors").toStdString());
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
    Translation tr;
    std::vector<std::string> words, targetWords;
    for (const QString& w : source) {
        words.push_back(w.toStdString());
    }
    for (const QString& w : target) {
        targetWords.push_back(w.toStdString());
    }
    const auto ids = sourceIds(d->src, words);
    for (std::size_t i = 0; i < ids.size(); ++i) {
        tr.source << source[int(i)];
    }
    tr.target = target;
    tr.attention = forcedAlignment(*d->net, d->src, d->tgt, words, targetWords);
    return tr;
}

Seq2SeqMetrics Seq2SeqModel::evaluate(const std::vector<SentencePair>& pairs) const
{
    return evaluateNet(*d->net, d->src, d->tgt, pairs);
}

namespace {

Eigen::MatrixXd toEigen(const torch::Tensor& t)
{
    return tensorToMatrix<double>(t);
}

Eigen::MatrixXd toEigen(const std::vector<float>& rowMajor, Eigen::Index cols)
{
    return valuesToMatrix(rowMajor, cols).cast<double>();
}

// The net's score layers in core's ScoreParams layout (core/scoring.h); false for scores without parameters.
bool trainedParams(NetImpl& net, ScoreParams& p)
{
    if (net.score == "general") {
        p.general = toEigen(net.W->weight); // scores s^T W k
    } else if (net.score == "concat_linear") {
        p.concatW.resize(2 * net.H);
        p.concatW << toEigen(net.wq->weight).transpose(), toEigen(net.wk->weight).transpose(); // [q; k]
        p.concatBias = net.wq->bias.item<float>();
    } else if (net.score == "concat_tanh") {
        p.concatTanhW = toEigen(net.W->weight); // (H, 2H): W [q; k] + b
        p.concatTanhBias = toEigen(net.W->bias).transpose();
    } else if (net.score == "additive") {
        p.additiveW = toEigen(net.W->weight);
        p.additiveU = toEigen(net.U->weight);
        p.additiveV = toEigen(net.v->weight).transpose();
    } else if (net.score == "location") {
        p.location = toEigen(net.W->weight);
        p.locationBias = toEigen(net.W->bias).transpose();
    } else {
        return false;
    }
    return true;
}

} // namespace

// Defined inline in seq2seq.h so that torch-free code (the metrics, the fuzzers) can read it.
static_assert(Seq2SeqModel::kMaxSourceTokens == kMaxSource, "seq2seq.h and seq2seqnet_torch.h disagree");

ModelVectors Seq2SeqModel::hiddenStates(const QString& text) const
{
    ModelVectors v;
    v.model = name();
    v.score = score();
    if (score() == QLatin1String("myatt")) {
        throw ModelError(name().toStdString() +
                         ": MyAtt gives one weight per source position from Linear([embedding; state]); it scores no "
                         "query against keys, so the scoring lab has no vectors to show for it");
    }
    std::vector<std::string> words = tokenizeText(text.toStdString());
    if (words.empty()) {
        throw ModelError(name().toStdString() + ": the text is empty; type an English sentence");
    }
    if (words.size() > std::size_t(kMaxSource)) {
        throw ModelError(QStringLiteral("%1: the text has %2 tokens; this model reads at most %3")
                             .arg(name())
                             .arg(words.size())
                             .arg(kMaxSource)
                             .toStdString());
    }
    for (const auto& w : words) {
        const bool known = d->src.contains(w);
        v.keyTokens << (known ? QString::fromStdString(w) : QStringLiteral("<unk>"));
        if (!known) {
            v.unknownWords << QString::fromStdString(w);
        }
    }
    try {
        torch::NoGradGuard noGrad;
        const auto src = padBatch({sourceIds(d->src, words)});
        std::vector<std::vector<float>> weights, states;
        const auto out = d->greedy(src, int(words.size() * 2 + 8), &weights, &states);
        if (out[0].empty()) {
            throw ModelError(name().toStdString() + ": the model wrote no word for this text");
        }
        for (int64_t id : out[0]) {
            v.queryTokens << QString::fromStdString(d->tgt.word(id));
        }
        v.keys = toEigen(d->net->encode(src).states[0]);     // (S, H)
        v.queries = toEigen(states[0], d->net->H);           // (T, H)
        v.attention = toEigen(weights[0], Eigen::Index(words.size())); // (T, S), empty for "none"
        v.hasTrainedParams = trainedParams(*d->net, v.trainedParams);
    } catch (const c10::Error& e) {
        throw ModelError(name().toStdString() + ": " + e.what_without_backtrace());
    }
    return v;
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

ModelVectors seq2seqModelVectors(const QString& dir, const QString& text)
{
    return Seq2SeqModel::open(dir)->hiddenStates(text);
}

} // namespace attn
