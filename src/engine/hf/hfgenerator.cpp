#include "engine/hf/hfgenerator.h"

#include "core/canceltoken.h"
#include "core/wordpieces.h"
#include "engine/textmodel.h"
#include "engine/tokenizers/bytelevel.h"
#include "engine/tokenizers/tokenizerloader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>

namespace attn::hf {

namespace {

const QChar kReplacement(0xFFFD);
const QChar kSentencePieceSpace(0x2581);

bool isByteToken(const QString& token)
{
    return token.size() == 6 && token.startsWith(QLatin1String("<0x")) && token.endsWith(QLatin1Char('>'));
}

// Whitespace a label would hide: a run of spaces becomes ␣ each, line breaks and tabs their symbols.
QString visible(QString label)
{
    if (!label.isEmpty() && label.count(QLatin1Char(' ')) == label.size()) {
        return QString(label.size(), QChar(0x2423));
    }
    label.replace(QLatin1Char('\n'), QChar(0x21B5));
    label.replace(QLatin1Char('\r'), QChar(0x240D));
    label.replace(QLatin1Char('\t'), QChar(0x21E5));
    return label;
}

// One token as a person reads it: " world" (leading space kept, for byte-level BPE and SentencePiece alike),
// "<|endoftext|>" for special tokens, <0xE4> for a byte that is only part of a character.
QString tokenLabel(const tok::Tokenizer& tokenizer, int id)
{
    const QString raw = tokenizer.idToToken(id);
    if (raw.isEmpty()) {
        return QStringLiteral("<id %1>").arg(id); // vocabularies padded past the tokenizer's (Qwen2) have such ids
    }
    if (const tok::AddedToken* added = tokenizer.addedTokens().findId(id); added && added->special) {
        return raw;
    }
    if (isByteToken(raw)) {
        bool ok = false;
        const int byte = raw.mid(3, 2).toInt(&ok, 16);
        return ok && byte >= 0x20 && byte < 0x7f ? QString(QChar(byte))
               : byte == '\n'                    ? visible(QStringLiteral("\n"))
                                                 : raw;
    }
    QString label = tokenizer.decode({id}, /*skipSpecialTokens=*/false);
    if (label.contains(kReplacement)) {
        // Part of a multi-byte character (byte-level BPE): show its bytes.
        const QByteArray bytes = tok::fromByteLevel(raw);
        if (bytes.contains('?')) {
            return raw;
        }
        return byteNotation(bytes);
    }
    if (raw.startsWith(kSentencePieceSpace) && !label.startsWith(QLatin1Char(' '))) {
        label.prepend(QLatin1Char(' ')); // decode drops the space SentencePiece puts before a text's first word
    }
    return visible(label.isEmpty() ? raw : label);
}

// Every end-of-text id the folder names: instruction-tuned models list several (Llama 3: <|end_of_text|> and
// <|eot_id|>), and generation_config.json may add to config.json's.
std::vector<int> eosIdsIn(const QString& dir, int configEos)
{
    std::vector<int> ids;
    if (configEos >= 0) {
        ids.push_back(configEos);
    }
    for (const char* name : {"config.json", "generation_config.json"}) {
        QFile file(QDir(dir).filePath(QLatin1String(name)));
        if (!file.open(QIODevice::ReadOnly)) {
            continue;
        }
        const QJsonValue value = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("eos_token_id"));
        const QJsonArray list = value.isArray() ? value.toArray() : QJsonArray{value};
        for (const QJsonValue& id : list) {
            if (id.isDouble() && id.toDouble() >= 0 && std::find(ids.begin(), ids.end(), id.toInt()) == ids.end()) {
                ids.push_back(id.toInt());
            }
        }
    }
    return ids;
}

QString tokenizerFileIn(const QString& dir)
{
    for (const char* name : {"tokenizer.json", "tokenizer.model", "vocab.json", "vocab.txt"}) {
        if (QFileInfo::exists(QDir(dir).filePath(QLatin1String(name)))) {
            return QLatin1String(name);
        }
    }
    return {};
}

} // namespace

std::string notADecoderMessage(const QString& dir, const QString& kind)
{
    return QStringLiteral("generation needs a decoder (gpt2, llama, mistral, qwen2); %1 is a %2 model")
        .arg(QDir::toNativeSeparators(dir), kind)
        .toStdString();
}

HfGenerator::HfGenerator(const QString& dir)
{
    const HfConfig config = HfConfig::read(dir);
    if (config.family != Family::Gpt2 && config.family != Family::Llama) {
        throw ModelError(notADecoderMessage(dir, config.modelType));
    }
    std::unique_ptr<Network> network = openNetwork(dir);
    auto* decoder = dynamic_cast<DecoderNetwork*>(network.get());
    if (!decoder) {
        throw ModelError(notADecoderMessage(dir, config.modelType));
    }
    network.release();
    m_network.reset(decoder);
    m_tokenizer = tok::loadTokenizer(dir);
    m_name = QFileInfo(QDir(dir).absolutePath()).fileName();
    m_tokenizerFile = tokenizerFileIn(dir);
    m_eosIds = eosIdsIn(dir, config.eosTokenId);
}

HfGenerator::HfGenerator(std::unique_ptr<DecoderNetwork> network, tok::Tokenizer tokenizer, QString name)
    : m_network(std::move(network)), m_tokenizer(std::move(tokenizer)), m_name(std::move(name))
{
    if (m_network->config().eosTokenId >= 0) {
        m_eosIds.push_back(m_network->config().eosTokenId);
    }
}

QString HfGenerator::architecture() const
{
    return m_network->config().modelType;
}

GenerativeShape HfGenerator::shape() const
{
    const HfConfig& c = m_network->config();
    return {c.layers, c.heads, c.kvHeads, c.hiddenSize, c.vocabSize, c.maxPositions, m_tokenizerFile};
}

std::vector<int> HfGenerator::promptIds(const QString& prompt) const
{
    const HfConfig& c = m_network->config();
    const tok::Encoding encoding = m_tokenizer.encode(prompt, /*addSpecialTokens=*/true);
    std::vector<int> ids = encoding.ids;
    // A tokenizer that closes every text with EOS (add_eos_token) would make the model continue after the end.
    if (!ids.empty() && encoding.special.back() &&
        std::find(m_eosIds.begin(), m_eosIds.end(), ids.back()) != m_eosIds.end()) {
        ids.pop_back();
    }
    if (ids.empty()) {
        // transformers' generate() starts an empty prompt from bos_token_id.
        if (c.bosTokenId < 0) {
            throw ModelError("the prompt is empty and " + m_name.toStdString() +
                             "'s config.json has no bos_token_id to start from");
        }
        ids.push_back(c.bosTokenId);
    }
    return ids;
}

Generation HfGenerator::generate(const QString& prompt, const GenerationOptions& options) const
{
    const HfConfig& c = m_network->config();
    checkGenerationOptions(options);
    Generation gen;
    gen.layers = c.layers;
    gen.heads = c.heads;
    gen.tokens = promptIds(prompt);
    gen.promptLength = int(gen.tokens.size());
    const int maxPositions =
        generationPositions(gen.promptLength, c.maxPositions, c.layers, c.heads, options, m_name.toStdString());
    const std::unique_ptr<DecoderState> state = m_network->begin(maxPositions);
    TokenSampler sampler(options.seed);
    std::vector<float> attention;
    std::vector<float>* keep = options.captureAttention ? &attention : nullptr;
    if (keep) {
        gen.rows.reserve(std::size_t(maxPositions));
    }
    // Rows of positions from..from+n-1, concatenated as DecoderState::step gives them.
    auto keepRows = [&gen, &attention, keep](int from, int n) {
        if (!keep) {
            return;
        }
        std::size_t offset = 0;
        for (int p = from; p < from + n; ++p) {
            const std::size_t size = std::size_t(gen.layers) * gen.heads * std::size_t(p + 1);
            gen.rows.emplace_back(attention.begin() + std::ptrdiff_t(offset),
                                  attention.begin() + std::ptrdiff_t(offset + size));
            offset += size;
        }
    };
    const std::vector<float>* logits = &state->step(gen.tokens, keep);
    keepRows(0, gen.promptLength);
    std::vector<float> scratch;
    for (int generated = 0; generated < options.steps;) {
        if (int(gen.tokens.size()) >= c.maxPositions) {
            gen.stopReason = QStringLiteral("the model's context of %1 tokens is full").arg(c.maxPositions);
            break;
        }
        checkCancelled();
        scratch.assign(logits->begin(), logits->end());
        const int next = sampler.sample(scratch.data(), int(scratch.size()), options.temperature);
        if (std::find(m_eosIds.begin(), m_eosIds.end(), next) != m_eosIds.end()) {
            gen.stopReason =
                QStringLiteral("the model ended the text (it chose %1)").arg(tokenLabel(m_tokenizer, next));
            break;
        }
        gen.tokens.push_back(next);
        ++generated;
        // The new token's own row (its attention over everything before it), as for the prompt's tokens.
        logits = &state->step({next}, keep);
        keepRows(int(gen.tokens.size()) - 1, 1);
        if (options.progress && !options.progress(generated, options.steps)) {
            gen.cancelled = true;
            gen.stopReason = QStringLiteral("cancelled");
            break;
        }
    }
    labelTokens(m_tokenizer, gen);
    return gen;
}

void HfGenerator::labelTokens(const tok::Tokenizer& tokenizer, Generation& gen)
{
    // Each piece is what decoding one more token adds to the text. A token that ends inside a character (the
    // text then ends in U+FFFD) gives nothing until the character is complete: UTF-8 has at most 4 bytes, so
    // after 3 such tokens the bytes are not a character and are shown as they decode.
    gen.labels.clear();
    gen.pieces.clear();
    std::vector<int> prefix;
    prefix.reserve(gen.tokens.size());
    QString committed;
    int pending = 0;
    for (std::size_t i = 0; i < gen.tokens.size(); ++i) {
        const int id = gen.tokens[i];
        gen.labels.append(tokenLabel(tokenizer, id));
        prefix.push_back(id);
        const QString full = tokenizer.decode(prefix, /*skipSpecialTokens=*/true);
        if (full.endsWith(kReplacement) && pending < 3 && i + 1 < gen.tokens.size()) {
            gen.pieces.append(QString());
            ++pending;
            continue;
        }
        pending = 0;
        gen.pieces.append(full.startsWith(committed) ? full.mid(committed.size())
                                                     : full.mid(std::min(committed.size(), full.size())));
        committed = full;
    }
    gen.text = committed;
}

} // namespace attn::hf
