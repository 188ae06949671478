#pragma once
// The coreference Transformer as a TextModel (no torch in this header).
//
//   auto model = attn::openTextModel("models/coref-en-fr");   // config.json "architecture": "transformer-coref"
//   attn::AttentionSet set = model->attend("The animal didn't cross the street because it was too tired.");
//   // blocks: encoder_self (L x H x S x S), decoder_self (L x H x T x T), cross (L x H x T x S);
//   // row t of decoder_self and cross is the decoder position that emitted target token t.

#include "engine/textmodel.h"

#include <QJsonObject>
#include <memory>
#include <string>
#include <vector>

namespace attn {

inline constexpr const char* kCorefArchitecture = "transformer-coref";

class CorefModel : public TextModel
{
public:
    // Reads config.json's sizes, source.vocab, target.vocab and model.safetensors from dir; throws ModelError
    // naming the file and the problem (missing, truncated, corrupted, inconsistent sizes).
    static std::unique_ptr<CorefModel> open(const QString& dir, const QJsonObject& config);
    ~CorefModel() override;

    QString name() const override;
    QString architecture() const override { return QString::fromLatin1(kCorefArchitecture); }
    // Throws ModelError for empty text, punctuation only or more tokens than the model reads. Unknown words
    // run as <unk>, shown as such, with a notice. A missing final "." is added (with a notice): every
    // training sentence ends with one.
    AttentionSet attend(const QString& text) override;

    // 1 = greedy (the default); more = beam search.
    void setBeamSize(int beamSize);
    // How attend runs. Fast (the default): greedy decoding on Eigen with an incremental decoder
    // (eigentransformer.h). Reference: LibTorch, recomputing the whole decoder prefix at every step. Beam search
    // always runs in LibTorch. Both give the same tokens and maps to float rounding.
    enum class Path
    {
        Fast,
        Reference
    };
    void setPath(Path path);
    // Lower-case tokens in, French tokens out; batched greedy decoding (beam size is ignored here).
    std::vector<std::vector<std::string>> translate(const std::vector<std::vector<std::string>>& sources);
    // The encoder head named in config.json "referent_head" (0-based), -1 when the config has none.
    int referentLayer() const;
    int referentHead() const;
    int maxSourceLength() const;

private:
    CorefModel();
    struct Impl;
    std::unique_ptr<Impl> d;
};

// For the registry (modelregistry.cpp).
std::unique_ptr<TextModel> openCorefModel(const QString& dir, const QJsonObject& config);

} // namespace attn
