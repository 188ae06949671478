#include "views/linerasterizer.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>

namespace attn {

LineRasterizer::LineRasterizer(QImage* image)
    : m_image(image), m_bits(image->bits()), m_stride(image->bytesPerLine()), m_w(image->width()), m_h(image->height())
{
}

void LineRasterizer::blend(int x, int y, int a)
{
    if (a <= 0 || x < 0 || y < 0 || x >= m_w || y >= m_h) {
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

void LineRasterizer::drawLine(QPointF a, QPointF b, QColor color, double alpha, int width, bool antialias)
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
    const int a8 = int(m_alpha * 255.0 + 0.5);
    if (a8 == 0) {
        return;
    }
    // 16.16 fixed point along the minor axis; pixel centres sit at +0.5.
    const auto step = std::int64_t(std::llround(gradient * 65536.0));
    for (int offset = 0; offset < thick; ++offset) {
        // Wider lines are parallel copies one pixel apart across the minor axis, centred on the line.
        const double shift = offset - (thick - 1) / 2.0;
        auto inter = std::int64_t(std::llround((y0 + gradient * (start + 0.5 - x0) + shift - 0.5) * 65536.0));
        for (int x = start; x <= end; ++x, inter += step) {
            const int y = int(inter >> 16);
            const int f = int(inter & 0xffff);
            if (antialias) {
                const int lower = (a8 * f) >> 16;
                steep ? blend(y, x, a8 - lower) : blend(x, y, a8 - lower);
                steep ? blend(y + 1, x, lower) : blend(x, y + 1, lower);
            } else {
                const int yy = y + (f >= 32768 ? 1 : 0);
                steep ? blend(yy, x, a8) : blend(x, yy, a8);
            }
        }
    }
}

} // namespace attn
