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

// Hyper-parameters of the Show, Attend and Tell captioner (config.json of its model folder).
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
    // Receptive field of each cell's features in pixels: 25 (five 3 x 3 convolutions), 17 or 9 (the last one or
    // two are 1 x 1). Smaller fields mean a cell's features describe what lies on the cell, not beside it.
    int valueField = 25;
    // Extra 3 x 3 convolutions on the grid whose output only the attention keys see (0 = keys are the values).
    int keyContext = 0;
    // Receptive field of the features the attention keys (U a_i) are computed from: 4 (the cell's own 4 x 4
    // pixels, through their mean colour), 9, 17 or 25, and at most valueField (absent in config.json:
    // valueField). Wider keys can also describe where an object lies from the cell, so attention can settle
    // beside it; 9 px keys still see edges, and attention then rings the object's outline.
    int keyField = 25;
    // The values also carry the 9 px features of the first three convolutions beside the valueField ones, so
    // what can be told from a cell's own pixels (colour) is read from cells on the object.
    bool localValues = false;
    // The first shipped model (absent keys in config.json mean true): the LSTM's "where" input carries gradient
    // to alpha and the deep output also reads the attended coordinates. Both let attention encode a word in an
    // offset from the object instead of reading it from the object, so new models train with both off.
    bool whereGradient = true;
    bool outputSeesWhere = true;
    // The strided convolutions have 4 x 4 kernels, so each cell's features are centred on the pixels the cell
    // covers in the overlay (false in the first shipped model: 3 x 3 kernels, centred 1.5 px up and left).
    bool centredCells = false;
    // Colour only from the cell itself (needs keyField 4): the wide convolutions see how coloured each pixel is
    // (max - min of R, G, B), not which colour, and the values also carry the cell's own colour features (the
    // keys' 1 x 1 layers). A word that needs the colour must then read cells on the object.
    bool colourFromCell = false;

    static CaptionConfig defaults(); // with the scene world's vocabulary
    // The hyper-parameters of a config.json ("architecture" is the caller's to check); name falls back to
    // defaultName. Throws ModelError naming configPath and the first value that is missing or out of range.
    static CaptionConfig fromJson(const QJsonObject& json, const QString& configPath, const QString& defaultName);
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

// The receptive fields the encoder can give a cell's values (9, 17, 25 px) and its keys (also 4: the cell's own
// pixels); config.json and train caption's flags accept only these.
bool isCaptionValueField(int pixels);
bool isCaptionKeyField(int pixels);

// Intra-op threads torch uses for inference and training in this process (1 is fastest for this small model).
void setCaptionThreads(int threads);

} // namespace attn
