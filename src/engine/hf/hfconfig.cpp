#include "engine/hf/hfconfig.h"

#include "engine/textmodel.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <cstring>
#include <limits>

namespace attn::hf {

namespace {

// config.json files of real models are a few kilobytes; a bound keeps a hostile file from costing memory.
constexpr qint64 kMaxConfigBytes = 4 * 1024 * 1024;

class Reader
{
public:
    Reader(QString path, QJsonObject root) : m_path(std::move(path)), m_root(std::move(root)) {}

    // A reader of the object under key (absent or null: an empty object), whose messages name its keys as
    // 'key.name'. Throws when the value is not an object.
    Reader nested(const char* key) const
    {
        Reader inner(m_path, {});
        inner.m_prefix = m_prefix + key + '.';
        if (present(key)) {
            const QJsonValue v = m_root.value(QLatin1String(key));
            if (!v.isObject()) {
                fail(quoted(key) + " is not an object");
            }
            inner.m_root = v.toObject();
        }
        return inner;
    }
    // The first key whose value is an object, or empty.
    QString firstObjectKey() const
    {
        for (auto it = m_root.begin(); it != m_root.end(); ++it) {
            if (it.value().isObject()) {
                return it.key();
            }
        }
        return {};
    }
    // 'key' as messages name it (with the enclosing object's name).
    std::string quoted(const char* key) const { return "'" + m_prefix + key + "'"; }

    [[noreturn]] void fail(const std::string& what) const { throw ModelError(m_path.toStdString() + ": " + what); }

    bool present(const char* key) const
    {
        const QJsonValue v = m_root.value(QLatin1String(key));
        return !v.isUndefined() && !v.isNull();
    }

    // A positive integer under key; throws naming the key when it is missing or not one.
    int positive(const char* key) const
    {
        if (!present(key)) {
            fail(quoted(key) + " is missing");
        }
        return positiveValue(key, m_root.value(QLatin1String(key)));
    }
    int positiveOr(const char* key, int fallback) const
    {
        return present(key) ? positiveValue(key, m_root.value(QLatin1String(key))) : fallback;
    }
    // A token id: a non-negative integer, the first of a list, or -1 when absent or null.
    int tokenId(const char* key) const
    {
        QJsonValue v = m_root.value(QLatin1String(key));
        if (v.isArray()) {
            const QJsonArray a = v.toArray();
            v = a.isEmpty() ? QJsonValue() : a.first();
        }
        if (v.isUndefined() || v.isNull()) {
            return -1;
        }
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d < 0 || d != std::floor(d) || d > double(std::numeric_limits<int>::max())) {
            fail(quoted(key) + " is not a token id (a non-negative integer)");
        }
        return int(d);
    }
    double positiveReal(const char* key) const
    {
        if (!present(key)) {
            fail(quoted(key) + " is missing");
        }
        return positiveReal(key, 0);
    }
    double positiveReal(const char* key, double fallback) const
    {
        if (!present(key)) {
            return fallback;
        }
        const QJsonValue v = m_root.value(QLatin1String(key));
        const double d = v.toDouble(-1);
        if (!v.isDouble() || !(d > 0) || !std::isfinite(d)) {
            fail(quoted(key) + " is not a positive number");
        }
        return d;
    }
    bool boolean(const char* key, bool fallback) const
    {
        if (!present(key)) {
            return fallback;
        }
        const QJsonValue v = m_root.value(QLatin1String(key));
        if (!v.isBool()) {
            fail(quoted(key) + " is not true or false");
        }
        return v.toBool();
    }
    QString string(const char* key, const QString& fallback) const
    {
        if (!present(key)) {
            return fallback;
        }
        const QJsonValue v = m_root.value(QLatin1String(key));
        if (!v.isString()) {
            fail(quoted(key) + " is not a string");
        }
        return v.toString();
    }

private:
    int positiveValue(const char* key, const QJsonValue& v) const
    {
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d < 1 || d != std::floor(d) || d > double(std::numeric_limits<int>::max())) {
            fail(quoted(key) + " is not a positive integer");
        }
        return int(d);
    }

    QString m_path;
    QJsonObject m_root;
    std::string m_prefix; // "rope_scaling." in a nested reader
};

QJsonObject readRoot(const QString& path)
{
    QFile file(path);
    if (!file.exists()) {
        throw ModelError(path.toStdString() + ": file not found");
    }
    if (!file.open(QIODevice::ReadOnly)) {
        throw ModelError(path.toStdString() + ": cannot open: " + file.errorString().toStdString());
    }
    if (file.size() > kMaxConfigBytes) {
        throw ModelError(path.toStdString() + ": " + std::to_string(file.size()) +
                         " bytes, too large for a model configuration");
    }
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject()) {
        throw ModelError(path.toStdString() + ": not a JSON object (" + err.errorString().toStdString() + ")");
    }
    return doc.object();
}

void readEncoder(const Reader& r, HfConfig& c)
{
    if (c.modelType == QLatin1String("distilbert")) {
        c.hiddenSize = r.positive("dim");
        c.layers = r.positive("n_layers");
        c.heads = r.positive("n_heads");
        c.intermediateSize = r.positive("hidden_dim");
        c.hiddenAct = r.string("activation", QStringLiteral("gelu"));
        c.normEps = 1e-12; // DistilBERT's LayerNorms use this fixed epsilon; its config has no key for it
    } else {
        c.hiddenSize = r.positive("hidden_size");
        c.layers = r.positive("num_hidden_layers");
        c.heads = r.positive("num_attention_heads");
        c.intermediateSize = r.positive("intermediate_size");
        c.hiddenAct = r.string("hidden_act", QStringLiteral("gelu"));
        c.normEps = r.positiveReal("layer_norm_eps", 1e-12);
        c.typeVocabSize = r.positiveOr("type_vocab_size", 0);
    }
    c.maxPositions = r.positive("max_position_embeddings");
    c.vocabSize = r.positive("vocab_size");
    c.attentionBias = true;
    // Relative position variants change the attention scores themselves; refused rather than run wrongly.
    const QString positions = r.string("position_embedding_type", QStringLiteral("absolute"));
    if (positions != QLatin1String("absolute")) {
        r.fail("'position_embedding_type' '" + positions.left(40).toStdString() +
               "' is not supported (only absolute positions)");
    }
    if (c.modelType == QLatin1String("roberta")) {
        // RoBERTa numbers positions from padding_idx + 1 (the padding id is also the position of padding).
        const int pad = c.padTokenId >= 0 ? c.padTokenId : 1;
        c.positionOffset = pad + 1;
        if (c.maxPositions <= c.positionOffset) {
            r.fail("'max_position_embeddings' " + std::to_string(c.maxPositions) +
                   " leaves no position after the padding offset " + std::to_string(c.positionOffset));
        }
    }
}

void readGpt2(const Reader& r, HfConfig& c)
{
    c.hiddenSize = r.positive("n_embd");
    c.layers = r.positive("n_layer");
    c.heads = r.positive("n_head");
    c.maxPositions = r.positive("n_positions");
    c.vocabSize = r.positive("vocab_size");
    c.intermediateSize = r.positiveOr("n_inner", 4 * c.hiddenSize); // null means 4 * n_embd
    c.normEps = r.positiveReal("layer_norm_epsilon", 1e-5);
    c.hiddenAct = r.string("activation_function", QStringLiteral("gelu_new"));
    c.tieWordEmbeddings = r.boolean("tie_word_embeddings", true);
    c.attentionBias = true;
    // Variants of GPT-2's attention scaling that the engine does not implement: refused, not run wrongly.
    if (!r.boolean("scale_attn_weights", true)) {
        r.fail("'scale_attn_weights' false is not supported (attention scores are scaled by 1/sqrt(head size))");
    }
    if (r.boolean("scale_attn_by_inverse_layer_idx", false)) {
        r.fail("'scale_attn_by_inverse_layer_idx' true is not supported");
    }
}

// transformers' rope_scaling (rope_type, or the older "type", which transformers copies over rope_type), or
// transformers 5's rope_parameters, which also carries rope_theta. Only the types whose inverse frequencies the
// kit computes are accepted; the others (dynamic, yarn, longrope, ...) would run with wrong positions: refused.
void readRopeScaling(const Reader& r, HfConfig& c)
{
    const char* key = r.present("rope_parameters") ? "rope_parameters" : "rope_scaling";
    const Reader s = r.nested(key);
    if (std::strcmp(key, "rope_parameters") == 0) {
        // Models with several kinds of layers keep one set a kind ({"full_attention": {...}, ...}).
        const QString nested = s.firstObjectKey();
        if (!nested.isEmpty()) {
            r.fail("'rope_parameters' for each kind of layer ('" + nested.left(40).toStdString() +
                   "') is not supported (one set for every layer only)");
        }
        c.ropeTheta = s.positiveReal("rope_theta", c.ropeTheta);
    }
    // A rope_scaling without a type fails in transformers (no rotary function for None); rope_parameters
    // without one is transformers 5's default.
    if (std::strcmp(key, "rope_scaling") == 0 && r.present(key) && !s.present("type") && !s.present("rope_type")) {
        r.fail("'rope_scaling' names no type ('rope_type'; supported: " +
               supportedRopeScalingTypes().join(QStringLiteral(", ")).toStdString() + ")");
    }
    const QString type = s.present("type") ? s.string("type", {}) : s.string("rope_type", QStringLiteral("default"));
    RopeScaling& scaling = c.ropeScaling;
    if (type == QLatin1String("default")) {
        scaling.type = RopeScalingType::None;
    } else if (type == QLatin1String("linear")) {
        scaling.type = RopeScalingType::Linear;
        scaling.factor = s.positiveReal("factor");
    } else if (type == QLatin1String("llama3")) {
        scaling.type = RopeScalingType::Llama3;
        scaling.factor = s.positiveReal("factor");
        scaling.lowFreqFactor = s.positiveReal("low_freq_factor");
        scaling.highFreqFactor = s.positiveReal("high_freq_factor");
        scaling.originalMaxPositions = s.positive("original_max_position_embeddings");
        // The smoothing divides by their difference; transformers would divide by zero (or invert the bands).
        if (!(scaling.highFreqFactor > scaling.lowFreqFactor)) {
            s.fail(s.quoted("high_freq_factor") + " " + QString::number(scaling.highFreqFactor).toStdString() +
                   " is not greater than " + s.quoted("low_freq_factor") + " " +
                   QString::number(scaling.lowFreqFactor).toStdString());
        }
    } else {
        r.fail("'" + std::string(key) + "' type '" + type.left(40).toStdString() + "' is not supported (supported: " +
               supportedRopeScalingTypes().join(QStringLiteral(", ")).toStdString() + ")");
    }
}

void readLlama(const Reader& r, HfConfig& c)
{
    c.hiddenSize = r.positive("hidden_size");
    c.layers = r.positive("num_hidden_layers");
    c.heads = r.positive("num_attention_heads");
    c.kvHeads = r.positiveOr("num_key_value_heads", c.heads);
    c.intermediateSize = r.positive("intermediate_size");
    c.maxPositions = r.positive("max_position_embeddings");
    c.vocabSize = r.positive("vocab_size");
    c.normEps = r.positiveReal("rms_norm_eps", 1e-6);
    c.ropeTheta = r.positiveReal("rope_theta", 10000);
    c.hiddenAct = r.string("hidden_act", QStringLiteral("silu"));
    c.tieWordEmbeddings = r.boolean("tie_word_embeddings", false);
    if (r.present("head_dim")) {
        c.headDim = r.positive("head_dim");
    }
    if (c.modelType == QLatin1String("qwen2")) {
        c.attentionBias = true; // Qwen2's q/k/v projections always have biases (o_proj has none)
        if (r.boolean("use_sliding_window", false)) {
            c.slidingWindow = r.positiveOr("sliding_window", 0);
        }
    } else {
        c.attentionBias = r.boolean("attention_bias", false);
        if (c.modelType == QLatin1String("mistral")) {
            c.slidingWindow = r.positiveOr("sliding_window", 0);
        }
    }
    if (r.boolean("mlp_bias", false)) {
        r.fail("'mlp_bias' true is not supported (Llama's MLP has no biases here)");
    }
    readRopeScaling(r, c);
}

void readVit(const Reader& r, HfConfig& c)
{
    c.hiddenSize = r.positive("hidden_size");
    c.layers = r.positive("num_hidden_layers");
    c.heads = r.positive("num_attention_heads");
    c.intermediateSize = r.positive("intermediate_size");
    c.hiddenAct = r.string("hidden_act", QStringLiteral("gelu"));
    c.normEps = r.positiveReal("layer_norm_eps", 1e-12);
    c.imageSize = r.positive("image_size");
    c.patchSize = r.positive("patch_size");
    c.numChannels = r.positiveOr("num_channels", 3);
    c.qkvBias = r.boolean("qkv_bias", true);
    c.attentionBias = c.qkvBias;
    if (c.imageSize % c.patchSize != 0) {
        r.fail("'image_size' " + std::to_string(c.imageSize) + " is not a multiple of 'patch_size' " +
               std::to_string(c.patchSize));
    }
}

} // namespace

QStringList supportedModelTypes()
{
    return {QStringLiteral("bert"),    QStringLiteral("roberta"), QStringLiteral("distilbert"),
            QStringLiteral("gpt2"),    QStringLiteral("llama"),   QStringLiteral("mistral"),
            QStringLiteral("qwen2"),   QStringLiteral("vit")};
}

QStringList supportedRopeScalingTypes()
{
    return {QStringLiteral("linear"), QStringLiteral("llama3")};
}

HfConfig HfConfig::read(const QString& dir)
{
    HfConfig c;
    c.path = QDir(dir).filePath(QStringLiteral("config.json"));
    const Reader r(c.path, readRoot(c.path));
    if (!r.present("model_type")) {
        r.fail("'model_type' is missing (supported: " + supportedModelTypes().join(QStringLiteral(", ")).toStdString() +
               ")");
    }
    c.modelType = r.string("model_type", {});
    if (!supportedModelTypes().contains(c.modelType)) {
        r.fail("model_type '" + c.modelType.left(80).toStdString() +
               "' is not supported (supported: " + supportedModelTypes().join(QStringLiteral(", ")).toStdString() +
               ")");
    }
    c.bosTokenId = r.tokenId("bos_token_id");
    c.eosTokenId = r.tokenId("eos_token_id");
    c.padTokenId = r.tokenId("pad_token_id");

    const QString& t = c.modelType;
    if (t == QLatin1String("bert") || t == QLatin1String("roberta") || t == QLatin1String("distilbert")) {
        c.family = Family::Encoder;
        readEncoder(r, c);
    } else if (t == QLatin1String("gpt2")) {
        c.family = Family::Gpt2;
        readGpt2(r, c);
    } else if (t == QLatin1String("vit")) {
        c.family = Family::Vit;
        readVit(r, c);
    } else {
        c.family = Family::Llama;
        readLlama(r, c);
    }

    if (c.kvHeads == 0) {
        c.kvHeads = c.heads;
    }
    if (c.headDim == 0) {
        if (c.hiddenSize % c.heads != 0) {
            r.fail("the hidden size " + std::to_string(c.hiddenSize) + " is not divisible by the " +
                   std::to_string(c.heads) + " attention heads");
        }
        c.headDim = c.hiddenSize / c.heads;
    }
    if (c.heads % c.kvHeads != 0) {
        r.fail("the " + std::to_string(c.heads) + " attention heads are not a multiple of the " +
               std::to_string(c.kvHeads) + " key/value heads ('num_key_value_heads')");
    }
    if (c.family == Family::Llama && c.headDim % 2 != 0) {
        r.fail("the head size " + std::to_string(c.headDim) + " is odd; rotary embeddings need an even one");
    }
    // Products the engines allocate must fit in an int: a hostile config cannot make them overflow.
    const double width = double(c.heads) * c.headDim;
    if (width > 1 << 20 || double(c.hiddenSize) > 1 << 20 || double(c.intermediateSize) > 1 << 22 ||
        double(c.layers) > 4096 || double(c.maxPositions) > 1 << 22 || double(c.vocabSize) > 1 << 24) {
        r.fail("sizes beyond what AttentionScope can run (hidden " + std::to_string(c.hiddenSize) + ", heads x head " +
               "size " + std::to_string(qint64(width)) + ", layers " + std::to_string(c.layers) + ")");
    }
    return c;
}

bool HfConfig::isHuggingFaceFolder(const QString& dir)
{
    QFile file(QDir(dir).filePath(QStringLiteral("config.json")));
    if (!file.open(QIODevice::ReadOnly) || file.size() > kMaxConfigBytes) {
        return false;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
    if (!doc.isObject()) {
        return false;
    }
    const QJsonObject root = doc.object();
    return root.value(QStringLiteral("model_type")).isString() && !root.value(QStringLiteral("architecture")).isString();
}

} // namespace attn::hf
