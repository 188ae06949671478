#pragma once

#include "engine/generation.h"
#include "engine/llama2/llama2checkpoint.h"
#include "engine/llama2/llama2tokenizer.h"
#include "engine/textmodel.h"

#include <QStringList>
#include <memory>
#include <vector>

namespace attn {

// A llama2.c checkpoint with its tokenizer: `attend` for the attention of a text, `generate` for step-through
// generation. Thread-safe for concurrent calls: each run has its own key/value cache.
class Llama2Model : public TextModel, public GenerativeModel
{
public:
    // tokenizerPath empty: tok<vocab>.bin or tokenizer.bin beside the checkpoint. Throws ModelError.
    Llama2Model(const QString& checkpointPath, const QString& tokenizerPath);

    QString name() const override;
    QString architecture() const override;
    AttentionSet attend(const QString& text) override;
    GenerativeShape shape() const override;
    Generation generate(const QString& prompt, const GenerationOptions& options) const override;

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
