#include "engine/transformer/corefmodel.h"

#include "engine/corpus/vocabulary.h"
#include "engine/transformer/transformer_torch.h"

#include <QDir>
#include <QFileInfo>
#include <torch/torch.h>

namespace attn {

struct CorefModel::Impl
{
    QString dir;
    QString name;
    TransformerConfig config;
    Vocabulary source, target;
    Seq2SeqTransformer model{nullptr};
    std::unique_ptr<EigenTransformer> fast; // the same weights as model
    CorefModel::Path path = CorefModel::Path::Fast;
    int beamSize = 1;
    int referentLayer = -1, referentHead = -1;

    // src (S) ids -> translation with every map, by the chosen path
    CapturedTranslation run(const std::vector<std::int64_t>& src)
    {
        if (path == CorefModel::Path::Fast && beamSize == 1) {
            return fast->greedy(src, config.maxTargetLength);
        }
        return translateWithMaps(model, src, beamSize, config.maxTargetLength);
    }
};

namespace {

Vocabulary loadVocabulary(const QString& path, int expectedSize, const char* key)
{
    Vocabulary v;
    try {
        v = Vocabulary::load(path.toStdString());
    } catch (const VocabularyError& e) {
        throw ModelError(e.what());
    }
    if (v.size() != expectedSize) {
        throw ModelError(path.toStdString() + ": " + std::to_string(v.size()) + " tokens, but config.json says \"" +
                         key + "\" is " + std::to_string(expectedSize));
    }
    return v;
}

// weights: layers x heads x queries x keys floats -> the block
AttentionBlock toBlock(const QString& name, std::vector<float> weights, int layers, int heads,
                       const QStringList& queries, const QStringList& keys)
{
    AttentionBlock block(name, layers, heads, queries, keys);
    if (weights.size() != block.weights.size()) {
        throw ModelError(name.toStdString() + ": " + std::to_string(weights.size()) + " attention weights for " +
                         std::to_string(block.weights.size()) + " cells");
    }
    block.weights = std::move(weights);
    return block;
}

QStringList toList(const std::vector<std::string>& words)
{
    QStringList out;
    for (const auto& w : words) {
        out << QString::fromStdString(w);
    }
    return out;
}

} // namespace

CorefModel::CorefModel() : d(std::make_unique<Impl>()) {}
CorefModel::~CorefModel() = default;

std::unique_ptr<CorefModel> CorefModel::open(const QString& dir, const QJsonObject& json)
{
    std::unique_ptr<CorefModel> m(new CorefModel);
    const QDir folder(dir);
    const QString configPath = folder.filePath("config.json");
    m->d->dir = dir;
    m->d->name = json.value("name").toString(QFileInfo(dir).fileName());
    m->d->config = TransformerConfig::fromJson(json, configPath);
    m->d->config.dropout = 0.0;
    const QJsonObject head = json.value("referent_head").toObject();
    m->d->referentLayer = head.value("layer").toInt(-1);
    m->d->referentHead = head.value("head").toInt(-1);
    if (m->d->referentLayer >= m->d->config.encoderLayers || m->d->referentHead >= m->d->config.heads) {
        throw ModelError(configPath.toStdString() + ": \"referent_head\" names a head the model does not have");
    }
    m->d->source = loadVocabulary(folder.filePath("source.vocab"), m->d->config.sourceVocab, "source_vocab_size");
    m->d->target = loadVocabulary(folder.filePath("target.vocab"), m->d->config.targetVocab, "target_vocab_size");
    try {
        m->d->model = Seq2SeqTransformer(m->d->config);
        loadTransformer(m->d->model, folder.filePath("model.safetensors").toStdString());
        m->d->model->eval();
        m->d->fast = std::make_unique<EigenTransformer>(toEigen(m->d->model));
    } catch (const c10::Error& e) {
        throw ModelError(dir.toStdString() + ": cannot build the model: " + e.what_without_backtrace());
    } catch (const std::invalid_argument& e) {
        throw ModelError(dir.toStdString() + ": cannot build the model: " + e.what());
    }
    return m;
}

QString CorefModel::name() const
{
    return d->name;
}

void CorefModel::setBeamSize(int beamSize)
{
    d->beamSize = std::max(1, beamSize);
}

void CorefModel::setPath(Path path)
{
    d->path = path;
}

int CorefModel::referentLayer() const
{
    return d->referentLayer;
}

int CorefModel::referentHead() const
{
    return d->referentHead;
}

int CorefModel::maxSourceLength() const
{
    return d->config.maxSourceLength;
}

std::vector<std::vector<std::string>> CorefModel::translate(const std::vector<std::vector<std::string>>& sources)
{
    std::vector<std::vector<std::string>> out;
    try {
        const torch::NoGradGuard noGrad;
        constexpr std::size_t kBatch = 128;
        for (std::size_t start = 0; start < sources.size(); start += kBatch) {
            const std::size_t end = std::min(sources.size(), start + kBatch);
            std::size_t S = 1;
            for (std::size_t i = start; i < end; ++i) {
                S = std::max(S, sources[i].size());
            }
            auto src = torch::full({int64_t(end - start), int64_t(S)}, Vocabulary::kPad, torch::kLong); // (B, S)
            auto acc = src.accessor<int64_t, 2>();
            for (std::size_t i = start; i < end; ++i) {
                for (std::size_t s = 0; s < sources[i].size(); ++s) {
                    acc[int64_t(i - start)][int64_t(s)] = d->source.id(sources[i][s]);
                }
            }
            for (const auto& ids : d->model->greedy(src, d->config.maxTargetLength)) {
                out.push_back(d->target.decode(ids));
            }
        }
    } catch (const c10::Error& e) {
        throw ModelError(d->name.toStdString() + ": translation failed: " + e.what_without_backtrace());
    }
    return out;
}

AttentionSet CorefModel::attend(const QString& text)
{
    if (text.trimmed().isEmpty()) {
        throw ModelError("the text is empty");
    }
    std::vector<std::string> words = tokenizeText(text.toStdString());
    if (std::all_of(words.begin(), words.end(), [](const std::string& w) { return isPunctuation(w); })) {
        throw ModelError("the text has no words, only punctuation: '" + text.toStdString() + "'");
    }
    AttentionSet set;
    set.modelName = d->name;
    if (!isPunctuation(words.back())) {
        words.emplace_back(".");
        set.notices << QStringLiteral("added a final '.': the model was trained on sentences that end with one");
    }
    if (int(words.size()) > d->config.maxSourceLength) {
        throw ModelError("the text has " + std::to_string(words.size()) + " tokens; " + d->name.toStdString() +
                         " reads at most " + std::to_string(d->config.maxSourceLength));
    }
    std::vector<std::int64_t> ids;
    for (const auto& w : words) {
        ids.push_back(d->source.id(w));
        set.sourceTokens << QString::fromStdString(ids.back() == Vocabulary::kUnk ? std::string("<unk>") : w);
        if (ids.back() == Vocabulary::kUnk) {
            set.notices << QStringLiteral("unknown word '%1' shown as <unk>").arg(QString::fromStdString(w));
        }
    }
    try {
        CapturedTranslation out = d->run(ids);
        set.targetTokens = toList(d->target.decode(out.ids));
        const int H = d->config.heads, Le = d->config.encoderLayers, Ld = d->config.decoderLayers;
        const QStringList& source = set.sourceTokens;
        set.blocks.push_back(toBlock("encoder_self", std::move(out.encoderSelf), Le, H, source, source));
        if (!out.ids.empty()) {
            const QStringList& target = set.targetTokens;
            set.blocks.push_back(toBlock("decoder_self", std::move(out.decoderSelf), Ld, H, target, target));
            set.blocks.push_back(toBlock("cross", std::move(out.cross), Ld, H, target, source));
        } else {
            set.notices << QStringLiteral("the model produced an empty translation");
        }
    } catch (const c10::Error& e) {
        throw ModelError(d->name.toStdString() + ": run failed: " + e.what_without_backtrace());
    }
    return set;
}

std::unique_ptr<TextModel> openCorefModel(const QString& dir, const QJsonObject& config)
{
    return CorefModel::open(dir, config);
}

} // namespace attn
