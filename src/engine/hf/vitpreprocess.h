#pragma once
// A ViT folder's preprocessor_config.json (issue 16) applied as transformers' ViTImageProcessor applies it, so that
// the pixels AttentionScope feeds a ViT are the ones Python would feed it:
//   resize (PIL's resampling on 8-bit RGB, horizontal pass then vertical, each rounded to 8 bits, as Pillow does),
//   optional centre crop, rescale (x * rescale_factor), normalise ((x - mean) / std), channels first.
// Without a preprocessor_config.json, ViTImageProcessor's defaults are used with the model's image_size (and a
// notice says so).

#include "engine/hf/hfconfig.h"
#include "engine/hf/pilresize.h"

#include <QImage>
#include <QString>
#include <QStringList>
#include <vector>

namespace attn::hf {

struct VitPreprocessor
{
    bool doResize = true;
    int height = 224;     // size.height (or size as one number)
    int width = 224;      // size.width
    int shortestEdge = 0; // size.shortest_edge: > 0 resizes the short side to it, keeping the aspect ratio
    Resample resample = Resample::Bilinear;
    bool doCenterCrop = false;
    int cropHeight = 0;
    int cropWidth = 0;
    bool doRescale = true;
    double rescaleFactor = 1.0 / 255.0;
    bool doNormalize = true;
    std::vector<double> mean{0.5, 0.5, 0.5}; // ViTImageProcessor's IMAGENET_STANDARD_MEAN
    std::vector<double> std{0.5, 0.5, 0.5};
    int channels = 3;
    int modelSize = 224; // config image_size: what the network reads
    QString path;        // the file read, or empty for the defaults
    QStringList notices; // what the user should know (defaults used, an option ignored)

    // Reads dir/preprocessor_config.json (optional). Throws ModelError with one line naming the file and the key:
    // not JSON, a size that is not positive, mean/std of the wrong length or a zero std, an unknown resample, or an
    // output size other than the model's image_size.
    static VitPreprocessor read(const QString& dir, const HfConfig& config);

    // The 8-bit image the network sees after resizing and cropping (RGB888, modelSize x modelSize).
    QImage modelImage(const QImage& image) const;
    // pixels (channels, modelSize, modelSize), row-major: modelImage rescaled and normalised.
    std::vector<float> pixels(const QImage& modelImage) const;
    // One line for tooltips and notices: "resize to 224 x 224 (bilinear), x 1/255, (x - 0.5) / 0.5".
    QString describe() const;
};

} // namespace attn::hf
