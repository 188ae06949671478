#pragma once
// A Hugging Face model folder as a TextModel (issue 16): its tokenizer and its network, text in, one AttentionSet
// out (encoders: "encoder_self"; decoders: "decoder_self", causal). openTextModel opens such folders with it.

#include "engine/textmodel.h"

#include <QStringList>
#include <cstdint>
#include <memory>
#include <vector>

namespace attn::tok {
class Tokenizer;
}

namespace attn::hf {

class Network;

// One run: the set the views show and what the command line's JSON adds (ids, the tokens as the vocabulary
// spells them, which positions are special tokens).
struct HfRun
{
    AttentionSet set;
    std::vector<int> ids;
    QStringList tokens;          // raw: "Ġworld", "##ing", "▁Hello" (tokenize prints the same)
    std::vector<bool> special;   // added by the tokenizer's post-processor or matched as special tokens
    std::vector<int> keptLayers; // the model's layers in the set, in order (all of them unless memory was short)
    int modelLayers = 0;         // how many layers the model has
};

class HfTextModel : public TextModel
{
public:
    // Opens dir (config.json with model_type). Throws ModelError with one line: anything openNetwork refuses;
    // no tokenizer (the folder and the files looked for) when needTokenizer is set; a model that reads images.
    static std::unique_ptr<HfTextModel> open(const QString& dir, bool needTokenizer = true);
    ~HfTextModel() override;

    QString name() const override;         // the folder's name
    QString architecture() const override; // config.json's model_type
    AttentionSet attend(const QString& text) override;

    // Encodes text with the special tokens the tokenizer's configuration adds and runs it. Throws ModelError: no
    // tokenizer, no tokens, more tokens than max_position_embeddings (both numbers), text that is not Unicode.
    // focusLayer (the model's number, -1: none): when not every layer fits in memoryLimit() and no layers were
    // set, keep that layer and as many of its neighbours as fit, instead of the last layers (the GUI's open views).
    HfRun run(const QString& text, int focusLayer = -1) const;
    // Runs token ids as they are (no special tokens added). Labels come from the tokenizer when there is one,
    // else they are the ids. Throws ModelError: no ids, an id outside the vocabulary, too many ids.
    HfRun runIds(const std::vector<int>& ids) const;

    // The layers whose attention is kept; empty (the default): every layer, or the last ones that fit in
    // memoryLimit(). Layers the model lacks are refused by the run with the range named.
    void setLayers(std::vector<int> layers) { m_layers = std::move(layers); }
    const std::vector<int>& layers() const { return m_layers; }
    // Bytes the kept attention (layers x heads x T x T floats) may take before layers are dropped.
    void setMemoryLimit(std::int64_t bytes) { m_memoryLimit = bytes; }
    std::int64_t memoryLimit() const { return m_memoryLimit; }
    // $ATTNSCOPE_ATTENTION_LIMIT_MB (mebibytes) when set to a positive number, else 2 GiB.
    static std::int64_t defaultMemoryLimit();

    bool hasTokenizer() const { return bool(m_tokenizer); }
    bool isDecoder() const;
    int layerCount() const; // the model's layers (num_hidden_layers)
    int maxTokens() const; // max_position_embeddings less RoBERTa's position offset
    const Network& network() const { return *m_network; }
    const tok::Tokenizer* tokenizer() const { return m_tokenizer.get(); }

private:
    HfTextModel() = default;
    HfRun runEncoded(const std::vector<int>& ids, const QStringList& tokens, const std::vector<bool>& special,
                     const QString& what, int focusLayer = -1) const;
    std::vector<int> layersToKeep(int tokens, int focusLayer, QStringList& notices) const;

    QString m_dir;
    std::unique_ptr<Network> m_network;
    std::unique_ptr<tok::Tokenizer> m_tokenizer;
    bool m_byteLevel = false;
    QString m_tokenizerProblem; // why the tokenizer files could not be read (opened for ids only)
    std::vector<int> m_layers;
    std::int64_t m_memoryLimit = defaultMemoryLimit();
};

// What the views show for a token: byte-level BPE tokens decoded from GPT-2's byte alphabet ("ä½ł" -> "你"), with
// "Ġ" kept as the mark of a word start; white space tokens ("Ġ", "Ċ") as they are; bytes that do not make whole
// characters as <0xXX>. Other tokens (WordPiece, SentencePiece) are shown as the vocabulary spells them.
QString tokenLabel(const QString& token, bool byteLevel);

} // namespace attn::hf
