#include "engine/llama2/llama2model.h"

#include "engine/llama2/llama2transformer.h"

#include <QDir>
#include <QFileInfo>
#include <algorithm>
#include <cmath>

namespace attn {

QString Llama2Model::findTokenizer(const QString& checkpointPath, int vocabSize, QStringList* tried)
{
    const QDir dir = QFileInfo(checkpointPath).absoluteDir();
    const QStringList names = {QStringLiteral("tok%1.bin").arg(vocabSize), QStringLiteral("tokenizer.bin")};
    for (const QString& name : names) {
        if (tried) {
            tried->append(name);
        }
        if (QFileInfo(dir.filePath(name)).isFile()) {
            return dir.filePath(name);
        }
    }
    return {};
}

Llama2Model::Llama2Model(const QString& checkpointPath, const QString& tokenizerPath)
    : m_ckpt(std::make_shared<const Llama2Checkpoint>(Llama2Checkpoint::read(checkpointPath)))
{
    m_tokenizerPath = tokenizerPath;
    if (m_tokenizerPath.isEmpty()) {
        QStringList tried;
        m_tokenizerPath = findTokenizer(checkpointPath, config().vocabSize, &tried);
        if (m_tokenizerPath.isEmpty()) {
            throw ModelError(checkpointPath.toStdString() +
                             ": no tokenizer given and none beside the checkpoint (looked for " +
                             tried.join(QStringLiteral(", ")).toStdString() + "); choose its tokenizer file");
        }
    }
    m_tokenizer = Llama2Tokenizer::read(m_tokenizerPath, config().vocabSize);
}

QString Llama2Model::name() const
{
    return QFileInfo(m_ckpt->path()).completeBaseName();
}

QString Llama2Model::architecture() const
{
    return QStringLiteral("llama2.c");
}

GenerativeShape Llama2Model::shape() const
{
    const Llama2Config& c = config();
    return {c.layers, c.heads, c.kvHeads, c.dim, c.vocabSize, c.seqLen, QFileInfo(m_tokenizerPath).fileName()};
}

Generation Llama2Model::generate(const QString& prompt, const GenerationOptions& options) const
{
    const Llama2Config& c = config();
    checkGenerationOptions(options);
    Generation gen;
    gen.layers = c.layers;
    gen.heads = c.heads;
    const std::string utf8 = prompt.toStdString();
    // Merging is quadratic in the text's length: refuse texts that cannot fit the context before encoding them.
    if (std::int64_t(utf8.size()) + 1 > std::int64_t(c.seqLen) * m_tokenizer.longestPiece()) {
        throw ModelError("the prompt is too long: " + std::to_string(utf8.size()) + " bytes cannot fit in " +
                         name().toStdString() + "'s context of " + std::to_string(c.seqLen) + " tokens");
    }
    gen.tokens = m_tokenizer.encode(utf8, /*bos=*/true, /*eos=*/false);
    gen.promptLength = int(gen.tokens.size());
    const int maxPositions =
        generationPositions(gen.promptLength, c.seqLen, c.layers, c.heads, options, name().toStdString());
    Llama2Transformer transformer(m_ckpt, maxPositions);
    TokenSampler sampler(options.seed);
    std::vector<float> attention(options.captureAttention ? std::size_t(c.layers) * c.heads * maxPositions : 0);
    if (options.captureAttention) {
        gen.rows.reserve(std::size_t(maxPositions));
    }
    int generated = 0;
    bool stop = false;
    for (int pos = 0; pos < int(gen.tokens.size()); ++pos) {
        const float* logits = transformer.forward(gen.tokens[std::size_t(pos)], pos,
                                                  options.captureAttention ? attention.data() : nullptr);
        if (options.captureAttention) {
            gen.rows.emplace_back(attention.begin(),
                                  attention.begin() + std::ptrdiff_t(c.layers) * c.heads * (pos + 1));
        }
        const bool last = pos + 1 == int(gen.tokens.size());
        if (!last || stop || generated >= options.steps) {
            continue;
        }
        if (int(gen.tokens.size()) >= maxPositions) {
            gen.stopReason = QStringLiteral("the model's context of %1 tokens is full").arg(c.seqLen);
            continue;
        }
        std::vector<float> scratch(logits, logits + c.vocabSize);
        const int next = sampler.sample(scratch.data(), c.vocabSize, options.temperature);
        if (next == Llama2Tokenizer::kBos) {
            // llama2.c's stopping rule: BOS starts the next story.
            gen.stopReason = QStringLiteral("the model ended the story (it chose <s>)");
            stop = true;
            continue;
        }
        gen.tokens.push_back(next);
        ++generated;
        if (options.progress && !options.progress(generated, options.steps)) {
            gen.cancelled = true;
            gen.stopReason = QStringLiteral("cancelled");
            stop = true;
        }
    }
    std::string text;
    for (std::size_t i = 0; i < gen.tokens.size(); ++i) {
        gen.labels.append(m_tokenizer.label(gen.tokens[i]));
        const std::string piece = i > 0 ? m_tokenizer.decode(gen.tokens[i - 1], gen.tokens[i]) : std::string();
        gen.pieces.append(QString::fromUtf8(piece.data(), qsizetype(piece.size())));
        text += piece;
    }
    gen.text = QString::fromUtf8(text.data(), qsizetype(text.size()));
    return gen;
}

AttentionSet Llama2Model::attend(const QString& text)
{
    if (text.trimmed().isEmpty()) {
        throw ModelError("the text is empty");
    }
    GenerationOptions options;
    options.steps = 0;
    const Generation gen = generate(text, options);
    AttentionSet set = gen.toAttentionSet(name());
    int byteTokens = 0;
    for (int i = 1; i < gen.promptLength; ++i) {
        const std::string& piece = m_tokenizer.piece(gen.tokens[std::size_t(i)]);
        byteTokens += piece.size() == 6 && piece.compare(0, 3, "<0x") == 0 ? 1 : 0;
    }
    if (byteTokens > 0) {
        set.notices.append(
            QStringLiteral("%1 byte(s) outside the vocabulary were encoded as <0xXX> byte tokens").arg(byteTokens));
    }
    return set;
}

bool probeLlama2Checkpoint(const QString& path)
{
    // A .bin file is claimed even when its header is wrong, so the user reads why it is not a checkpoint.
    return QFileInfo(path).suffix().compare(QLatin1String("bin"), Qt::CaseInsensitive) == 0 ||
           Llama2Checkpoint::looksLikeCheckpoint(path);
}

std::unique_ptr<TextModel> openLlama2Checkpoint(const QString& path, const QString& tokenizerPath)
{
    return std::make_unique<Llama2Model>(path, tokenizerPath);
}

} // namespace attn
