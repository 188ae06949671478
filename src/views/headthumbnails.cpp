#include "views/headthumbnails.h"

#include <algorithm>
#include <cmath>

namespace attn {

void HeadThumbnails::reset(Provider provider, int layers, int heads)
{
    m_provider = std::move(provider);
    m_layers = layers;
    m_heads = heads;
    m_providerCalls = 0;
    invalidate();
}

void HeadThumbnails::invalidate()
{
    m_thumbs.assign(std::size_t(m_layers) * m_heads, QImage());
    m_side = 0;
}

int HeadThumbnails::cached() const
{
    return int(std::count_if(m_thumbs.begin(), m_thumbs.end(), [](const QImage& i) { return !i.isNull(); }));
}

const QImage& HeadThumbnails::get(int layer, int head, int side, ColorMap map, PoolMode mode)
{
    static const QImage none;
    if (layer < 0 || head < 0 || layer >= m_layers || head >= m_heads) {
        return none;
    }
    if (side != m_side) {
        invalidate(); // the cell size changed bucket: pool again
        m_side = side;
    }
    QImage& thumb = m_thumbs[std::size_t(layer) * m_heads + head];
    if (!thumb.isNull()) {
        return thumb;
    }
    // A weight -> colour table indexed by the quantised weight; the square root lifts small weights, which a
    // linear scale would leave indistinguishable from zero.
    constexpr int kSteps = 1024;
    if (m_lut.size() != kSteps || m_lutMap != map) {
        m_lut.resize(kSteps);
        for (int i = 0; i < kSteps; ++i) {
            m_lut[std::size_t(i)] = colorAt(map, std::sqrt(i / double(kSteps - 1))).rgb();
        }
        m_lutMap = map;
    }
    const QRgb* lut = m_lut.data();
    ++m_providerCalls;
    const Eigen::MatrixXf pooled = m_provider(layer, head, side, mode);
    QImage img(int(pooled.cols()), int(pooled.rows()), QImage::Format_RGB32);
    for (int r = 0; r < pooled.rows(); ++r) {
        auto* line = reinterpret_cast<QRgb*>(img.scanLine(r));
        for (int c = 0; c < pooled.cols(); ++c) {
            line[c] = lut[int(std::clamp(pooled(r, c), 0.0f, 1.0f) * (kSteps - 1) + 0.5f)];
        }
    }
    thumb = std::move(img);
    return thumb;
}

Eigen::MatrixXf HeadThumbnails::poolHead(const AttentionBlock& block, int layer, int head, int side, PoolMode mode)
{
    const int q = block.queries, k = block.keys;
    const int bq = (q + side - 1) / side, bk = (k + side - 1) / side; // cells per block, as pooled() does
    const int rows = (q + bq - 1) / bq, cols = (k + bk - 1) / bk;
    Eigen::MatrixXf out = Eigen::MatrixXf::Zero(rows, cols);
    const float* w = block.map(layer, head);
    for (int r = 0; r < q; ++r) {
        const float* in = w + std::size_t(r) * k;
        for (int c = 0; c < k; ++c) {
            float& cell = out(r / bq, c / bk);
            cell = mode == PoolMode::Max ? std::max(cell, in[c]) : cell + in[c];
        }
    }
    if (mode == PoolMode::Mean) {
        for (int r = 0; r < rows; ++r) {
            for (int c = 0; c < cols; ++c) {
                out(r, c) /= float((std::min(q, (r + 1) * bq) - r * bq) * (std::min(k, (c + 1) * bk) - c * bk));
            }
        }
    }
    return out;
}

} // namespace attn
