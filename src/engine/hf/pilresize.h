#pragma once
// Pillow's Image.resize on 8-bit RGB (issue 16), so that a ViT sees the pixels transformers' ViTImageProcessor
// would give it: the six PIL filters, a horizontal pass then a vertical one, each rounded to 8 bits in Pillow's
// fixed point (Resample.c); nearest as Pillow's ImagingScaleAffine.

#include <QImage>

namespace attn::hf {

// PIL's resampling filters, with PIL's numbers (preprocessor_config.json "resample").
enum class Resample
{
    Nearest = 0,
    Lanczos = 1,
    Bilinear = 2,
    Bicubic = 3,
    Box = 4,
    Hamming = 5
};

// Pillow's Image.resize on an 8-bit RGB image (reducing_gap None): the same bytes. image: any format; result RGB888.
QImage pilResize(const QImage& image, int width, int height, Resample filter);

} // namespace attn::hf
