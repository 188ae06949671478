#include "engine/transformer/transformerconfig.h"

#include "engine/textmodel.h"

#include <cmath>

namespace attn {

namespace {

int wholeNumber(const QJsonObject& json, const char* key, const QString& where)
{
    const QJsonValue v = json.value(QLatin1String(key));
    if (v.isUndefined()) {
        throw ModelError(where.toStdString() + ": missing \"" + key + "\"");
    }
    const double d = v.toDouble(std::nan(""));
    if (!v.isDouble() || std::floor(d) != d || std::abs(d) > 1e9) {
        throw ModelError(where.toStdString() + ": \"" + key + "\" must be a whole number");
    }
    return int(d);
}

} // namespace

void TransformerConfig::validate(const QString& where) const
{
    const std::string w = where.toStdString();
    auto positive = [&](int value, const char* key, int limit) {
        if (value <= 0 || value > limit) {
            throw ModelError(w + ": \"" + key + "\" is " + std::to_string(value) + ", expected 1.." +
                             std::to_string(limit));
        }
    };
    positive(dModel, "d_model", 4096);
    positive(heads, "heads", 64);
    positive(encoderLayers, "encoder_layers", 48);
    positive(decoderLayers, "decoder_layers", 48);
    positive(dFF, "d_ff", 65536);
    positive(sourceVocab, "source_vocab_size", 1000000);
    positive(targetVocab, "target_vocab_size", 1000000);
    positive(maxSourceLength, "max_source_length", 4096);
    positive(maxTargetLength, "max_target_length", 4096);
    if (dModel % heads != 0) {
        throw ModelError(w + ": \"d_model\" (" + std::to_string(dModel) + ") is not a multiple of \"heads\" (" +
                         std::to_string(heads) + ")");
    }
    if (sourceVocab < 5 || targetVocab < 5) {
        throw ModelError(w + ": a vocabulary needs the four specials and at least one word");
    }
    if (!(dropout >= 0.0 && dropout < 1.0)) {
        throw ModelError(w + ": \"dropout\" must be in [0, 1)");
    }
}

void TransformerConfig::writeJson(QJsonObject& json) const
{
    json.insert("d_model", dModel);
    json.insert("heads", heads);
    json.insert("encoder_layers", encoderLayers);
    json.insert("decoder_layers", decoderLayers);
    json.insert("d_ff", dFF);
    json.insert("source_vocab_size", sourceVocab);
    json.insert("target_vocab_size", targetVocab);
    json.insert("max_source_length", maxSourceLength);
    json.insert("max_target_length", maxTargetLength);
    json.insert("dropout", dropout);
}

TransformerConfig TransformerConfig::fromJson(const QJsonObject& json, const QString& where)
{
    TransformerConfig c;
    c.dModel = wholeNumber(json, "d_model", where);
    c.heads = wholeNumber(json, "heads", where);
    c.encoderLayers = wholeNumber(json, "encoder_layers", where);
    c.decoderLayers = wholeNumber(json, "decoder_layers", where);
    c.dFF = wholeNumber(json, "d_ff", where);
    c.sourceVocab = wholeNumber(json, "source_vocab_size", where);
    c.targetVocab = wholeNumber(json, "target_vocab_size", where);
    c.maxSourceLength = wholeNumber(json, "max_source_length", where);
    c.maxTargetLength = wholeNumber(json, "max_target_length", where);
    c.dropout = json.value("dropout").toDouble(0.0);
    c.validate(where);
    return c;
}

} // namespace attn
