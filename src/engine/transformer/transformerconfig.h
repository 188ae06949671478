#pragma once
// The hyper-parameters of the coreference Transformer, as stored in a model folder's config.json (no torch).

#include <QJsonObject>
#include <QString>

namespace attn {

struct TransformerConfig
{
    int dModel = 64;
    int heads = 4;
    int encoderLayers = 3;
    int decoderLayers = 3;
    int dFF = 256;
    int sourceVocab = 0;
    int targetVocab = 0;
    int maxSourceLength = 48; // tokens; longer input is refused with a message
    int maxTargetLength = 64;
    double dropout = 0.1;

    int headDim() const { return heads > 0 ? dModel / heads : 0; }
    // Throws ModelError naming `where` (the config file) and the first inconsistent value.
    void validate(const QString& where) const;
    // Writes / reads the keys "d_model", "heads", "encoder_layers", "decoder_layers", "d_ff", "source_vocab_size",
    // "target_vocab_size", "max_source_length", "max_target_length", "dropout". fromJson throws ModelError
    // naming `where` when a key is missing or not a whole number.
    void writeJson(QJsonObject& json) const;
    static TransformerConfig fromJson(const QJsonObject& json, const QString& where);
};

} // namespace attn
