#pragma once

#include "engine/llama2/llama2checkpoint.h"
#include "engine/llama2/llama2tokenizer.h"
#include "engine/textmodel.h"

#include <QStringList>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace attn {

struct GenerationOptions
{
    int steps = 64;           // new tokens to generate at most (fewer when the context is full or BOS comes)
    float temperature = 0.0f; // 0: greedy (argmax); above 0: sample from softmax(logits / temperature)
    std::uint64_t seed = 0;   // seed of sampling; the same seed gives the same text
    bool captureAttention = true;
    // Called after each new token with (generated so far, steps); returning false stops generation early.
    std::function<bool(int, int)> progress;
};

// A prompt and its continuation, with the attention of every token over the tokens before it.
struct Generation
{
    std::vector<int> tokens; // BOS, the prompt's tokens, then the generated ones
    int promptLength = 0;    // leading tokens that came from BOS + the prompt
    QStringList labels;      // one readable label per token
    QString text;            // the prompt and continuation as llama2.c prints them
    QStringList pieces;      // each token's share of text (empty for BOS)
    bool cancelled = false;
    QString stopReason; // why generation stopped before `steps` new tokens, or empty

    int layers = 0;
    int heads = 0;
    // rows[t]: the attention of token t over tokens 0..t, (layers, heads, t + 1); empty without capture.
    std::vector<std::vector<float>> rows;

    float weight(int t, int layer, int head, int key) const
    {
        return rows[std::size_t(t)][(std::size_t(layer) * heads + head) * std::size_t(t + 1) + std::size_t(key)];
    }
    // The causal decoder_self block of all tokens: (layers, heads, T, T), zero above the diagonal.
    AttentionSet toAttentionSet(const QString& modelName) const;
};

// A llama2.c checkpoint with its tokenizer: `attend` for the attention of a text, `generate` for step-through
// generation. Thread-safe for concurrent calls: each run has its own key/value cache.
class Llama2Model : public TextModel
{
public:
    // tokenizerPath empty: tok<vocab>.bin or tokenizer.bin beside the checkpoint. Throws ModelError.
    Llama2Model(const QString& checkpointPath, const QString& tokenizerPath);

    QString name() const override;
    QString architecture() const override;
    AttentionSet attend(const QString& text) override;
    Generation generate(const QString& prompt, const GenerationOptions& options) const;

    const Llama2Config& config() const { return m_ckpt->config(); }
    const Llama2Tokenizer& tokenizer() const { return m_tokenizer; }
    QString tokenizerPath() const { return m_tokenizerPath; }

    // The tokenizer file used when none is given, or an empty string (and the names tried in tried).
    static QString findTokenizer(const QString& checkpointPath, int vocabSize, QStringList* tried = nullptr);

private:
    std::shared_ptr<const Llama2Checkpoint> m_ckpt;
    Llama2Tokenizer m_tokenizer;
    QString m_tokenizerPath;
};

// Registry hooks (modelregistry.cpp textFileFormats()).
bool probeLlama2Checkpoint(const QString& path);
std::unique_ptr<TextModel> openLlama2Checkpoint(const QString& path, const QString& tokenizerPath);

} // namespace attn
