#pragma once
// A Hugging Face ViT folder ready to look at images (issue 16): the network, its preprocessor_config.json, and one
// run turned into an AttentionSet the views and `attend --image` share.

#include "core/attentionset.h"
#include "engine/hf/vitpreprocess.h"

#include <QImage>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <memory>

namespace attn::hf {

class Network;

// What one image gives.
struct VitRun
{
    // Blocks: "encoder_self" (layers, heads, 1 + P, 1 + P) over the tokens "[CLS]", "(0,0)", "(0,1)", ... (patch row,
    // column from 0), and "image" (layers, heads, 1, P) with grid (rows, cols): the [CLS] row over the patches,
    // renormalised to sum to 1 (what [CLS] keeps for itself is in encoder_self).
    AttentionSet attention;
    int gridRows = 0;
    int gridCols = 0;
    QImage shown;        // the part of the image the model saw, at most 1024 pixels on its long side (RGB32)
    QImage modelInput;   // the 8-bit image after resizing and cropping (modelSize x modelSize)
    QStringList notices; // how the image was prepared, and anything lost on the way
};

class VitModel
{
public:
    // Opens a ViT folder (config.json with model_type "vit", safetensors, optional preprocessor_config.json).
    // Throws ModelError with one line naming the file and the problem.
    static std::shared_ptr<VitModel> open(const QString& dir);
    // True when dir/config.json is a Hugging Face config with model_type "vit" (cheap; reads config.json only).
    static bool isVitFolder(const QString& dir);
    ~VitModel();

    QString name() const { return m_name; }
    QString dir() const { return m_dir; }
    const HfConfig& config() const;
    const VitPreprocessor& preprocessor() const { return m_preprocessor; }
    int gridSide() const;
    QString dtypeName() const;

    // Runs an image (any format; transparent areas composited on white). Checks attn::checkCancelled() per layer.
    // Throws ModelError.
    VitRun run(const QImage& image, const QString& label) const;
    // Reads and runs a file through the shared image loader. Throws ImageLoadError (not an image, unreadable, too
    // large to decode) or ModelError.
    VitRun runFile(const QString& path) const;

private:
    VitModel() = default;
    std::unique_ptr<Network> m_network;
    VitPreprocessor m_preprocessor;
    QString m_name;
    QString m_dir;
};

} // namespace attn::hf
