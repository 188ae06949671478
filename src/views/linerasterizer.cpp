#include "views/linerasterizer.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace attn {

LineRasterizer::LineRasterizer(QImage* image)
    : m_image(image), m_bits(image->bits()), m_stride(image->bytesPerLine()), m_w(image->width()), m_h(image->height())
{
}

void LineRasterizer::blend(int x, int y, double coverage)
{
    if (x < 0 || y < 0 || x >= m_w || y >= m_h) {
        return;
    }
    const int a = int(m_alpha * coverage * 255.0 + 0.5);
    if (a <= 0) {
        return;
    }
    QRgb* px = reinterpret_cast<QRgb*>(m_bits + y * m_stride) + x;
    const QRgb d = *px;
    const int keep = 255 - a;
    // Source over, premultiplied: out = src * a + dst * (1 - a); x / 255 as (x + 128) * 257 >> 16.
    const auto div255 = [](int v) { return ((v + 128) * 257) >> 16; };
    *px = qRgba(div255(m_r * a + qRed(d) * keep), div255(m_g * a + qGreen(d) * keep), div255(m_b * a + qBlue(d) * keep),
                div255(255 * a + qAlpha(d) * keep));
}

void LineRasterizer::drawLine(QPointF a, QPointF b, QColor color, double alpha, int width)
{
    m_alpha = std::clamp(alpha * color.alphaF(), 0.0, 1.0);
    if (m_alpha <= 0.0 || m_w == 0 || m_h == 0) {
        return;
    }
    m_r = color.red();
    m_g = color.green();
    m_b = color.blue();
    double x0 = a.x(), y0 = a.y(), x1 = b.x(), y1 = b.y();
    const bool steep = std::abs(y1 - y0) > std::abs(x1 - x0);
    if (steep) {
        std::swap(x0, y0);
        std::swap(x1, y1);
    }
    if (x0 > x1) {
        std::swap(x0, x1);
        std::swap(y0, y1);
    }
    const double dx = x1 - x0;
    const double gradient = dx < 1e-9 ? 0.0 : (y1 - y0) / dx;
    // Only the part of the major axis inside the image is walked.
    const int major = steep ? m_h : m_w;
    const int start = std::max(int(std::floor(x0)), 0);
    const int end = std::min(int(std::floor(x1)), major - 1);
    const int thick = std::clamp(width, 1, 3);
    for (int offset = 0; offset < thick; ++offset) {
        // Wider lines are parallel copies one pixel apart across the minor axis, centred on the line.
        const double shift = offset - (thick - 1) / 2.0;
        double inter = y0 + gradient * (start + 0.5 - x0) + shift;
        for (int x = start; x <= end; ++x, inter += gradient) {
            const double fl = std::floor(inter - 0.5);
            const double f = inter - 0.5 - fl; // pixel centres sit at +0.5
            const int y = int(fl);
            if (steep) {
                blend(y, x, 1.0 - f);
                blend(y + 1, x, f);
            } else {
                blend(x, y, 1.0 - f);
                blend(x, y + 1, f);
            }
        }
    }
}

} // namespace attn
