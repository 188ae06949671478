// CorefModel without LibTorch: the fast path (greedy, incremental, on Eigen) reads model.safetensors itself. Beam
// search, the reference path and batched translation open the LibTorch model (coreftorch.h) when first asked for.
#include "engine/transformer/corefmodel.h"

#include "engine/corpus/vocabulary.h"
#include "engine/hf/hfcheckpoint.h"
#include "engine/safetensors.h"
#include "engine/transformer/coreftorch.h"
#include "engine/transformer/eigentransformer.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <cmath>

namespace attn {

struct CorefModel::Impl
{
    QString dir;
    QString name;
    TransformerConfig config;
    Vocabulary source, target;
    std::unique_ptr<EigenTransformer> fast;
    std::unique_ptr<CorefTorch> torch; // opened on first use: beam search, the reference path, translate()
    CorefModel::Path path = CorefModel::Path::Fast;
    int beamSize = 1;
    int referentLayer = -1, referentHead = -1;

    CorefTorch& reference()
    {
        if (!torch) {
            torch = openCorefTorch(dir, config);
        }
        return *torch;
    }

    // src (S) ids -> translation with every map, by the chosen path
    CapturedTranslation run(const std::vector<std::int64_t>& src)
    {
        if (path == CorefModel::Path::Fast && beamSize == 1) {
            return fast->greedy(src, config.maxTargetLength);
        }
        return reference().translateWithMaps(src, beamSize);
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

// The sinusoidal table of Seq2SeqTransformerImpl (transformer_torch.cpp), in float as LibTorch computes it:
// PE(p, 2i) = sin(p / 10000^(2i/d)), PE(p, 2i+1) = cos(p / 10000^(2i/d)).
EigenTransformer::Matrix positionTable(const TransformerConfig& c)
{
    const int n = std::max(c.maxSourceLength, c.maxTargetLength) + 2;
    EigenTransformer::Matrix table = EigenTransformer::Matrix::Zero(n, c.dModel);
    const float scale = float(-std::log(10000.0) / c.dModel);
    for (int i = 0; 2 * i < c.dModel; ++i) {
        const float div = std::exp(float(2 * i) * scale);
        for (int p = 0; p < n; ++p) {
            const float angle = float(p) * div;
            table(p, 2 * i) = std::sin(angle);
            if (2 * i + 1 < c.dModel) {
                table(p, 2 * i + 1) = std::cos(angle);
            }
        }
    }
    return table;
}

// The weights of model.safetensors as the fast path reads them, by their LibTorch names, through the strict reader
// (hf/hfcheckpoint.h); throws ModelError naming the file and the tensor (missing, of another shape, not float, NaN
// or infinite, or a tensor the model does not have).
EigenTransformer fastModel(const QString& dir, const TransformerConfig& config)
{
    const QString path = QDir(dir).filePath("model.safetensors");
    const auto file = hf::Checkpoint::openFile(path);
    auto weights = [&](const std::string& name) {
        const std::vector<std::int64_t> shape = file->shape(name);
        const float* values = file->values(name, shape);
        std::int64_t count = 1;
        for (auto d : shape) {
            count = d == 0 ? 0 : count * d;
        }
        const Eigen::Index rows = shape.size() == 2 ? Eigen::Index(shape[0]) : 1;
        const Eigen::Index cols = rows > 0 ? Eigen::Index(count) / rows : 0;
        return EigenTransformer::Matrix(Eigen::Map<const EigenTransformer::Matrix>(values, rows, cols));
    };
    try {
        EigenTransformer model(config, weights, positionTable(config));
        // form_head is the training-time auxiliary head (each source token's French form); inference never uses it.
        file->finish({QStringLiteral("form_head.*")});
        return model;
    } catch (const std::invalid_argument& e) {
        throw ModelError(path.toStdString() + ": a tensor's shape disagrees with config.json: " + e.what());
    }
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
    m->d->fast = std::make_unique<EigenTransformer>(fastModel(dir, m->d->config));
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
    std::vector<std::vector<std::int64_t>> ids;
    for (const auto& words : sources) {
        ids.emplace_back();
        for (const auto& w : words) {
            ids.back().push_back(d->source.id(w));
        }
    }
    std::vector<std::vector<std::string>> out;
    for (const auto& target : d->reference().greedy(ids)) {
        out.push_back(d->target.decode(target));
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
    } catch (const std::invalid_argument& e) {
        throw ModelError(d->name.toStdString() + ": run failed: " + e.what());
    }
    return set;
}

std::unique_ptr<TextModel> openCorefModel(const QString& dir, const QJsonObject& config)
{
    return CorefModel::open(dir, config);
}

} // namespace attn
