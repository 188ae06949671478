#pragma once
// Generation that does not depend on the model: the options, the result (tokens and every token's attention over
// the tokens before it), the sampler, and GenerativeModel, which llama2.c checkpoints (Llama2Model) and Hugging
// Face decoder folders (hf::HfGenerator) implement. The Generate tab and `generate` see only this header.

#include "core/attentionset.h"

#include <QString>
#include <QStringList>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace attn {

struct GenerationOptions
{
    int steps = 64;           // new tokens to generate at most (fewer when the context is full or the text ends)
    float temperature = 0.0f; // 0: greedy (argmax); above 0: sample from softmax(logits / temperature)
    std::uint64_t seed = 0;   // seed of sampling; the same seed gives the same text
    bool captureAttention = true;
    // Called after each new token with (generated so far, steps); returning false stops generation early.
    std::function<bool(int, int)> progress;
};

// A prompt and its continuation, with the attention of every token over the tokens before it.
struct Generation
{
    std::vector<int> tokens; // the prompt's tokens (with BOS when the model adds one), then the generated ones
    int promptLength = 0;    // leading tokens that came from the prompt
    QStringList labels;      // one readable label per token
    QString text;            // the prompt and continuation as the model's tokenizer decodes them
    QStringList pieces;      // each token's share of text (empty for special tokens such as BOS)
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

// llama2.c's xorshift* generator and multinomial draw, so a seed gives the text `run -t T -p 1.0 -s seed` gives;
// Hugging Face decoders draw with it too (the same seed, the same text).
class TokenSampler
{
public:
    explicit TokenSampler(std::uint64_t seed) : m_state(seed == 0 ? 0x9E3779B97F4A7C15ull : seed) {}

    // logits: (n), overwritten with the probabilities when sampling. temperature 0: the first maximum.
    int sample(float* logits, int n, float temperature);

private:
    float nextFloat();

    std::uint64_t m_state;
};

// The sizes the Generate tab shows for a model.
struct GenerativeShape
{
    int layers = 0;
    int heads = 0;
    int kvHeads = 0;
    int width = 0;
    int vocabSize = 0;
    int context = 0;
    QString tokenizer; // the tokenizer's file name (tok512.bin, tokenizer.json, ...)
};

// A model that continues a prompt token by token. Implementations are thread-safe for concurrent calls: each run
// has its own key/value cache.
class GenerativeModel
{
public:
    virtual ~GenerativeModel() = default;
    virtual QString name() const = 0;
    virtual QString architecture() const = 0;
    virtual GenerativeShape shape() const = 0;
    // Throws ModelError naming the problem (a prompt longer than the context with both numbers, bad options).
    // Checks attn::checkCancelled() inside every step.
    virtual Generation generate(const QString& prompt, const GenerationOptions& options) const = 0;
};

// The attention every token keeps when T tokens are generated with capture: T (T + 1) / 2 weights per layer and
// head. Throws ModelError when it would pass what a run may hold (2 GB), naming the sizes.
void checkCaptureSize(int tokens, int layers, int heads, bool capture);

// What every GenerativeModel::generate checks before it reads the prompt: throws ModelError for steps below 0 or a
// temperature below 0 or not finite.
void checkGenerationOptions(const GenerationOptions& options);
// The positions a run needs: the prompt's promptLength tokens and options.steps new ones, at most the model's
// context. Throws ModelError when the prompt alone does not fit (naming model and both numbers) or when the kept
// attention would be too large (checkCaptureSize).
int generationPositions(int promptLength, int context, int layers, int heads, const GenerationOptions& options,
                        const std::string& model);

// Opens a model for generation: a llama2.c checkpoint (tokenizer empty: the one beside it), a folder whose
// config.json names one (models/stories260K), or a Hugging Face decoder folder (gpt2, llama, mistral, qwen2). A
// folder's config.json may be given for the folder. Throws
// ModelError with one line: no such file or folder, a folder of another kind ("generation needs a decoder ...").
std::unique_ptr<GenerativeModel> openGenerativeModel(const QString& path, const QString& tokenizer = {});
// True when openGenerativeModel would try path: a file (llama2.c checkpoint), or a folder (or its config.json)
// whose config.json names a decoder model_type or a llama2.c checkpoint. Reads config.json only.
bool isGenerativeModelPath(const QString& path);

} // namespace attn
