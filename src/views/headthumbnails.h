#pragma once

#include "core/attentionset.h"
#include "core/attentionsource.h"
#include "views/colormaps.h"

#include <Eigen/Core>
#include <QImage>
#include <functional>
#include <vector>

namespace attn {

// The model grid's thumbnails: each head pooled by a provider into at most side x side blocks and coloured through
// a weight -> colour table (the square root of the weight), made when first asked for and kept until the side, the
// colours or the pooling change.
class HeadThumbnails
{
public:
    // A head pooled into at most maxSide rows and columns (AttentionSource::pooled's contract).
    using Provider = std::function<Eigen::MatrixXf(int layer, int head, int maxSide, PoolMode mode)>;

    // A new grid of layers x heads from provider: nothing cached, no calls counted.
    void reset(Provider provider, int layers, int heads);
    void invalidate();
    // The thumbnail of a head (a null image outside the grid).
    const QImage& get(int layer, int head, int side, ColorMap map, PoolMode mode);
    int cached() const;
    int providerCalls() const { return m_providerCalls; }
    // A head of a block pooled as AttentionSource::pooled does, straight from the block's rows (no copy of a head).
    static Eigen::MatrixXf poolHead(const AttentionBlock& block, int layer, int head, int side, PoolMode mode);

private:
    Provider m_provider;
    int m_layers = 0;
    int m_heads = 0;
    std::vector<QImage> m_thumbs; // layers x heads, null until asked for
    int m_side = 0;               // the side the cached thumbnails were pooled to
    int m_providerCalls = 0;
    std::vector<QRgb> m_lut; // weight -> colour, for m_lutMap
    ColorMap m_lutMap = ColorMap::Viridis;
};

} // namespace attn
