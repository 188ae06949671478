#include "engine/hf/hftextmodel.h"

#include "core/wordpieces.h"
#include "engine/hf/hfnetwork.h"
#include "engine/tokenizers/bytelevel.h"
#include "engine/tokenizers/tokenizerloader.h"

#include <QDir>
#include <QFileInfo>
#include <QStringDecoder>
#include <algorithm>

namespace attn::hf {

namespace {

// "2.5 GiB", "640.0 MiB", "0.4 MiB": the unit read where the number is (ATTNSCOPE_ATTENTION_LIMIT_MB is in MiB).
QString bytesText(double bytes)
{
    return bytes >= double(1LL << 30) ? QStringLiteral("%1 GiB").arg(bytes / double(1LL << 30), 0, 'f', 1)
                                      : QStringLiteral("%1 MiB").arg(bytes / double(1LL << 20), 0, 'f', 1);
}

QString joined(const std::vector<int>& v)
{
    QStringList parts;
    for (const int x : v) {
        parts << QString::number(x);
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace

QString tokenLabel(const QString& token, bool byteLevel)
{
    if (!byteLevel || token.isEmpty()) {
        return token;
    }
    const QByteArray bytes = tok::fromByteLevel(token);
    const bool space = bytes.startsWith(' ');
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    if (decoder.hasError()) {
        // A character cut between tokens: show its bytes, as SentencePiece's byte fallback does.
        return (space ? QStringLiteral("\u0120") : QString()) + byteNotation(space ? bytes.mid(1) : bytes);
    }
    const QString rest = space ? text.mid(1) : text;
    if (rest.trimmed().isEmpty()) {
        return token; // white space: Ġ, Ċ, ĠĠ are what readers of Hugging Face output know
    }
    for (const QChar c : rest) {
        if (c.isSpace() || c.category() == QChar::Other_Control) {
            return token;
        }
    }
    return (space ? QStringLiteral("\u0120") : QString()) + rest;
}

std::int64_t HfTextModel::defaultMemoryLimit()
{
    bool ok = false;
    const qint64 mb = qEnvironmentVariable("ATTNSCOPE_ATTENTION_LIMIT_MB").toLongLong(&ok);
    return ok && mb > 0 ? std::int64_t(mb) << 20 : std::int64_t(2) << 30;
}

std::unique_ptr<HfTextModel> HfTextModel::open(const QString& dir, bool needTokenizer)
{
    std::unique_ptr<HfTextModel> model(new HfTextModel);
    model->m_dir = QFileInfo(dir).absoluteFilePath();
    model->m_network = openNetwork(dir);
    if (model->m_network->config().family == Family::Vit) {
        throw ModelError(QDir(dir).filePath(QStringLiteral("config.json")).toStdString() + ": a " +
                         model->m_network->config().modelType.toStdString() +
                         " model reads images, not text: open it in the Image tab or give attend --image");
    }
    if (needTokenizer || tok::hasTokenizerFiles(dir)) {
        try {
            model->m_tokenizer = std::make_unique<tok::Tokenizer>(tok::loadTokenizer(dir));
            model->m_byteLevel = model->m_tokenizer->model().kind() == QLatin1String("byte-level BPE");
        } catch (const tok::TokenizerError& e) {
            if (needTokenizer) {
                throw;
            }
            // Token ids need no tokenizer: label them with their numbers and say why.
            model->m_tokenizerProblem = QString::fromLocal8Bit(e.what());
        }
    }
    return model;
}

HfTextModel::~HfTextModel() = default;

QString HfTextModel::name() const
{
    return QFileInfo(m_dir).fileName();
}

QString HfTextModel::architecture() const
{
    return m_network->config().modelType;
}

bool HfTextModel::isDecoder() const
{
    return m_network->isDecoder();
}

int HfTextModel::layerCount() const
{
    return m_network->config().layers;
}

int HfTextModel::maxTokens() const
{
    const HfConfig& c = m_network->config();
    return c.maxPositions - c.positionOffset;
}

AttentionSet HfTextModel::attend(const QString& text)
{
    return run(text).set;
}

HfRun HfTextModel::run(const QString& text, int focusLayer) const
{
    if (!m_tokenizer) {
        throw ModelError(m_dir.toStdString() + ": no tokenizer was opened; give token ids instead");
    }
    const tok::Encoding e = m_tokenizer->encode(text);
    QStringList tokens;
    for (const auto& t : e.tokens) {
        tokens << t;
    }
    if (int(e.ids.size()) > maxTokens()) {
        throw ModelError(QStringLiteral("the text has %1 tokens; %2 reads at most %3 (max_position_embeddings)")
                             .arg(e.ids.size())
                             .arg(name())
                             .arg(maxTokens())
                             .toStdString());
    }
    return runEncoded(e.ids, tokens, e.special, QStringLiteral("the text"), focusLayer);
}

HfRun HfTextModel::runIds(const std::vector<int>& ids) const
{
    const int vocab = m_network->config().vocabSize;
    QStringList tokens;
    std::vector<bool> special;
    for (const int id : ids) {
        if (id < 0 || id >= vocab) {
            throw ModelError(QStringLiteral("token id %1 is outside %2's vocabulary (ids 0 to %3)")
                                 .arg(id)
                                 .arg(name())
                                 .arg(vocab - 1)
                                 .toStdString());
        }
        const QString token = m_tokenizer ? m_tokenizer->idToToken(id) : QString();
        tokens << (token.isEmpty() ? QString::number(id) : token);
        const auto* added = m_tokenizer ? m_tokenizer->addedTokens().findId(id) : nullptr;
        special.push_back(added && added->special);
    }
    if (int(ids.size()) > maxTokens()) {
        throw ModelError(QStringLiteral("%1 token ids given; %2 reads at most %3 (max_position_embeddings)")
                             .arg(ids.size())
                             .arg(name())
                             .arg(maxTokens())
                             .toStdString());
    }
    HfRun run = runEncoded(ids, tokens, special, QStringLiteral("the ids"));
    if (!m_tokenizerProblem.isEmpty()) {
        run.set.notices << QStringLiteral("The tokens are labelled with their ids: the tokenizer could not be read "
                                          "(%1)")
                               .arg(m_tokenizerProblem);
    }
    return run;
}

std::vector<int> HfTextModel::layersToKeep(int tokens, int focusLayer, QStringList& notices) const
{
    const HfConfig& c = m_network->config();
    const std::int64_t perLayer = std::int64_t(c.heads) * tokens * tokens * std::int64_t(sizeof(float));
    if (!m_layers.empty()) {
        for (const int l : m_layers) {
            if (l < 0 || l >= c.layers) {
                throw ModelError(QStringLiteral("layer %1 out of range: %2 has layers 0 to %3")
                                     .arg(l)
                                     .arg(name())
                                     .arg(c.layers - 1)
                                     .toStdString());
            }
        }
        std::vector<int> layers = m_layers;
        std::sort(layers.begin(), layers.end());
        layers.erase(std::unique(layers.begin(), layers.end()), layers.end());
        return layers;
    }
    if (perLayer * c.layers <= m_memoryLimit) {
        return {}; // every layer
    }
    const std::int64_t fit = m_memoryLimit / perLayer;
    if (fit < 1) {
        throw ModelError(QStringLiteral("the attention of one layer at %1 tokens (%2 heads) would take %3, above "
                                        "the limit of %4; use fewer tokens or raise ATTNSCOPE_ATTENTION_LIMIT_MB")
                             .arg(tokens)
                             .arg(c.heads)
                             .arg(bytesText(double(perLayer)))
                             .arg(bytesText(double(m_memoryLimit)))
                             .toStdString());
    }
    if (focusLayer >= c.layers) {
        throw ModelError(QStringLiteral("layer %1 out of range: %2 has layers 0 to %3")
                             .arg(focusLayer)
                             .arg(name())
                             .arg(c.layers - 1)
                             .toStdString());
    }
    // The layer asked for and its neighbours, as many as fit; without one, the last layers (closest to the output).
    const int count = int(fit);
    const int first = focusLayer < 0 ? c.layers - count : std::clamp(focusLayer - (count - 1) / 2, 0, c.layers - count);
    std::vector<int> layers;
    for (int l = first; l < first + count; ++l) {
        layers.push_back(l);
    }
    const QString why = QStringLiteral("The attention of all %1 layers at %2 tokens would take %3, above the limit "
                                       "of %4: ")
                            .arg(c.layers)
                            .arg(tokens)
                            .arg(bytesText(double(perLayer * c.layers)))
                            .arg(bytesText(double(m_memoryLimit)));
    const QString range = layers.size() == 1
                              ? QStringLiteral("only layer %1 is kept").arg(layers.front())
                              : QStringLiteral("only layers %1 to %2 are kept").arg(layers.front()).arg(layers.back());
    notices << why + range +
                   (focusLayer < 0 ? QStringLiteral(" (choose layers with --layers, or raise "
                                                    "ATTNSCOPE_ATTENTION_LIMIT_MB)")
                                   : QStringLiteral(", around layer %1, the one asked for (raise "
                                                    "ATTNSCOPE_ATTENTION_LIMIT_MB to keep more)")
                                         .arg(focusLayer));
    return layers;
}

HfRun HfTextModel::runEncoded(const std::vector<int>& ids, const QStringList& tokens, const std::vector<bool>& special,
                              const QString& what, int focusLayer) const
{
    if (ids.empty()) {
        throw ModelError(QStringLiteral("%1 gives no tokens to run").arg(what).toStdString());
    }
    HfRun run;
    run.ids = ids;
    run.tokens = tokens;
    run.special = special;
    Capture capture;
    capture.layers = layersToKeep(int(ids.size()), focusLayer, run.set.notices);
    const ForwardResult result = m_network->forward(ids, capture);

    QStringList labels;
    for (int i = 0; i < tokens.size(); ++i) {
        labels << (special[std::size_t(i)] ? tokens.at(i) : tokenLabel(tokens.at(i), m_byteLevel));
    }
    const int kept = int(result.keptLayers.size());
    const int t = result.tokens;
    if (t != int(ids.size()) || result.attention.size() != std::size_t(kept) * result.heads * t * t) {
        throw ModelError(
            QStringLiteral("%1: the network returned attention of an unexpected size").arg(m_dir).toStdString());
    }
    if (!m_layers.empty() && kept < int(m_network->config().layers)) {
        run.set.notices << QStringLiteral("Kept the attention of layers %1 only (%2 has layers 0 to %3)")
                               .arg(joined(result.keptLayers))
                               .arg(name())
                               .arg(m_network->config().layers - 1);
    }
    run.keptLayers = result.keptLayers;
    run.modelLayers = m_network->config().layers;
    run.set.modelName = name();
    run.set.sourceTokens = labels;
    AttentionBlock block(isDecoder() ? QStringLiteral("decoder_self") : QStringLiteral("encoder_self"), kept,
                         result.heads, labels, labels);
    block.weights = result.attention; // (kept layers, heads, T, T), the layout AttentionBlock uses
    if (kept < run.modelLayers) {
        block.layerNumbers = result.keptLayers; // increasing: the networks sort and deduplicate them
    }
    if (isDecoder()) {
        run.set.targetTokens = labels;
    }
    run.set.blocks.push_back(std::move(block));
    return run;
}

} // namespace attn::hf
