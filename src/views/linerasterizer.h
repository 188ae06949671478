#pragma once

#include <QColor>
#include <QImage>
#include <QPointF>

namespace attn {

// Antialiased straight lines (Xiaolin Wu's algorithm) blended straight into a premultiplied ARGB image.
// Why not QPainter: Qt's raster engine hands every batch of 255 pixels of a translucent line to its GUI thread
// pool and waits on a semaphore; on a busy two-core machine each wait costs a scheduler slice, and a view of
// 200,000 lines took minutes. This one runs on the calling thread at a few nanoseconds a pixel.
class LineRasterizer
{
public:
    // image: Format_ARGB32_Premultiplied; coordinates in the image's device pixels.
    explicit LineRasterizer(QImage* image);

    // A line of width 1, 2 or 3 device pixels; alpha in [0, 1] scales the colour's own alpha. Without antialiasing
    // a pixel a step: half the work, for frames of thousands of faint lines where smooth edges show nothing.
    void drawLine(QPointF a, QPointF b, QColor color, double alpha, int width = 1, bool antialias = true);

private:
    void blend(int x, int y, int alpha); // alpha 0..255

    QImage* m_image;
    uchar* m_bits = nullptr; // fetched once: QImage::scanLine() checks for a detach on every call
    qsizetype m_stride = 0;
    int m_w = 0;
    int m_h = 0;
    // The current line's premultiplied colour and alpha (0..255).
    int m_r = 0;
    int m_g = 0;
    int m_b = 0;
    double m_alpha = 0.0;
};

} // namespace attn
