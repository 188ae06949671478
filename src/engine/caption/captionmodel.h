#pragma once

#include "core/captionresult.h"

#include <QImage>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <vector>

namespace attn {

// Hyper-parameters of the Show, Attend and Tell captioner (config.json of its model folder). The design is fixed:
// it is models/caption-shapes' (card.md): 25 px values whose wide convolutions see only chroma, beside each cell's
// own colour features; keys from each cell's own 4 x 4 pixels; no gradient through the LSTM's "where" input and a
// deep output that reads only what the cells hold. config.json still carries the design keys (value_field 25,
// key_field 4, key_context 0, local_values false, centred_cells false, where_gradient false, output_sees_where
// false, colour_from_cell true); the other designs were experiments and were removed (see the card's history).
struct CaptionConfig
{
    QString name = QStringLiteral("caption-shapes");
    int imageSize = 64; // the model sees imageSize x imageSize RGB
    int gridSize = 16;  // the encoder's feature grid is gridSize x gridSize
    int channels = 64;  // feature channels (plus two coordinate channels)
    int embed = 48;
    int hidden = 192;
    int attention = 96;
    int maxWords = 20;
    QStringList vocabulary; // <pad>, <start>, <end>, then the words

    static CaptionConfig defaults(); // with the scene world's vocabulary
    // The hyper-parameters of a config.json ("architecture" is the caller's to check); name falls back to
    // defaultName. Throws ModelError naming configPath and the first value that is missing or out of range, or
    // the first design key that asks for a removed design.
    static CaptionConfig fromJson(const QJsonObject& json, const QString& configPath, const QString& defaultName);
    // config.json's keys (without "architecture"), the design keys included, as fromJson reads them.
    QJsonObject toJson() const;
};

// A captioner as in Xu et al. 2015: a convolutional encoder gives a grid of feature vectors; an LSTM decoder
// with soft additive attention over the grid and the gate beta writes the caption. Inference is const and
// thread-compatible; torch stays inside the engine (pimpl).
class CaptionModel
{
public:
    explicit CaptionModel(const CaptionConfig& config);
    ~CaptionModel();
    CaptionModel(const CaptionModel&) = delete;
    CaptionModel& operator=(const CaptionModel&) = delete;

    // Opens a model folder (config.json with "architecture": "show-attend-tell", model.safetensors).
    // Throws ModelError naming the file and the problem.
    static std::unique_ptr<CaptionModel> open(const QString& dir);
    // Writes config.json and model.safetensors into dir (created if needed). Throws ModelError.
    void save(const QString& dir) const;

    const CaptionConfig& config() const;
    QString name() const { return config().name; }

    // image: any size and format; it is scaled to imageSize x imageSize (callers crop first, see
    // prepareModelInput). beam >= 1. Returns one alpha map and beta per word (no end token).
    CaptionResult caption(const QImage& image, int beam = 3) const;
    // rgb: (imageSize, imageSize, 3) row-major in [0, 1].
    CaptionResult captionPixels(const std::vector<float>& rgb, int beam = 3) const;

    struct Impl;
    Impl& impl() const { return *m_impl; }

private:
    std::unique_ptr<Impl> m_impl;
};

// Intra-op threads torch uses for inference and training in this process (1 is fastest for this small model).
void setCaptionThreads(int threads);

} // namespace attn
