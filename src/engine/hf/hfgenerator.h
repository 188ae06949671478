#pragma once
// Generation with a Hugging Face decoder folder (gpt2, llama, mistral, qwen2; issue 16): the prompt encoded by the
// folder's tokenizer, then one token a step through the network's key/value cache, greedy or sampled, keeping
// every new token's attention over the tokens before it.

#include "engine/generation.h"
#include "engine/hf/hfnetwork.h"
#include "engine/tokenizers/tokenizer.h"

#include <memory>

namespace attn::hf {

class HfGenerator : public GenerativeModel
{
public:
    // Opens dir (config.json, weights, tokenizer). Throws ModelError with one line: not a decoder ("generation
    // needs a decoder (gpt2, llama, mistral, qwen2); <dir> is a bert model"), or what the kit and the tokenizer
    // loader say about the folder.
    explicit HfGenerator(const QString& dir);
    // A network and tokenizer made elsewhere (tests); the end of text is config.json's first eos_token_id.
    HfGenerator(std::unique_ptr<DecoderNetwork> network, tok::Tokenizer tokenizer, QString name);

    QString name() const override { return m_name; }
    QString architecture() const override;
    GenerativeShape shape() const override;
    // The prompt as the tokenizer encodes it (BOS when its configuration adds one; config.json's bos_token_id
    // for an empty prompt that would have no token), then up to options.steps tokens. Stops early at the EOS
    // token (any of eos_token_id in config.json and generation_config.json, a number or a list; it is not appended)
    // or when the context (max_position_embeddings) is full.
    // Throws ModelError for a prompt longer than the context (both numbers).
    Generation generate(const QString& prompt, const GenerationOptions& options) const override;

    const DecoderNetwork& network() const { return *m_network; }
    const tok::Tokenizer& tokenizer() const { return m_tokenizer; }
    // The ids generate() starts from (tests, `tokenize`).
    std::vector<int> promptIds(const QString& prompt) const;

    // Each token's readable label and its share of the decoded text, from the tokenizer's decode: byte-level
    // and <0xXX> pieces that are part of one character give it to the token that completes it.
    static void labelTokens(const tok::Tokenizer& tokenizer, Generation& gen);

private:
    std::unique_ptr<DecoderNetwork> m_network;
    tok::Tokenizer m_tokenizer;
    QString m_name;
    QString m_tokenizerFile;
    std::vector<int> m_eosIds;
};

// The message for a folder that cannot generate: "generation needs a decoder (gpt2, llama, mistral, qwen2); <dir>
// is a <kind> model".
std::string notADecoderMessage(const QString& dir, const QString& kind);

} // namespace attn::hf
