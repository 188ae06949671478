#pragma once

#include <QImage>
#include <QRect>
#include <QSize>
#include <QString>
#include <QStringList>

#include <stdexcept>

namespace attn {

// An image that cannot be used; what() names the file and the problem.
class ImageLoadError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// An image made ready for a captioner, keeping what the user should see: the picture (at most maxDisplay pixels
// on its long side), the centre square the model was given, and that square at the model's resolution.
struct PreparedImage
{
    QString source;       // file name, or a label for in-memory images
    QSize originalSize;   // as stored in the file
    QImage display;       // RGB32, at most maxDisplay on the long side
    QRect cropInDisplay;  // the centre square of display the model saw
    QImage modelInput;    // RGB888, modelSize x modelSize
    QStringList notices;  // what was done to the image that the user may want to know (downscaled, alpha, ...)
};

// Decodes without ever holding a full-size copy of a huge image: the reader decodes at a reduced size where
// the format allows it, decoding is refused above a memory limit, and big images are downscaled a few rows at
// a time. Greyscale, alpha (composited on white) and 16-bit images are converted. Throws ImageLoadError.
PreparedImage loadImageForModel(const QString& path, int modelSize, int maxDisplay = 1024);
// The same from an image already in memory (examples, drag and drop of image data).
PreparedImage prepareImage(const QImage& image, const QString& label, int modelSize, int maxDisplay = 1024);

// The decoding memory limit in megabytes (QImageReader's allocation limit while loading).
constexpr int kImageDecodeLimitMB = 512;

} // namespace attn
