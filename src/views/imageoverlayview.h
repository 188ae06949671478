#pragma once

#include "core/captionresult.h"
#include "views/colormaps.h"
#include "views/presentable.h"

#include <Eigen/Dense>
#include <QImage>
#include <QWidget>
#include <cstdint>

namespace attn {

// How a word's attention is drawn: soft (the alpha map), or hard (one cell: the argmax, or a cell sampled
// from alpha with a seed, as stochastic hard attention would pick it).
enum class AttentionDisplay
{
    Soft,
    HardArgmax,
    HardSample
};

struct OverlayStyle
{
    ColorMap colorMap = ColorMap::Greys;
    double opacity = 0.75;   // of the attention layer over the image
    double sigmaScale = 1.0; // times pyramid_expand's 2 * upscale / 6
    AttentionDisplay display = AttentionDisplay::Soft;
    std::uint64_t sampleSeed = 1;
};

// The map drawn for a word: alpha itself, or a one-hot grid for hard attention. (rows, cols) -> (rows, cols)
Eigen::MatrixXf displayedGrid(const Eigen::MatrixXf& alpha, const OverlayStyle& style, int wordIndex);
// The attention layer as an ARGB image of size mapSize: the grid upsampled and blurred (core/imagemap.h),
// scaled to its maximum and coloured, with the style's opacity. Greys are drawn as the paper's figures do:
// bright where the model looked, dark elsewhere.
QImage attentionLayer(const Eigen::MatrixXf& grid, QSize mapSize, const OverlayStyle& style);

// One image with one word's attention drawn over it, like a panel of Xu et al.'s figures. Without a caption or
// with word -1 it shows the image alone. Headless-safe: draws the same in paintEvent and in render().
// Presentable: the title at least a pixel size, wrapped when it is too long for one line.
class ImageOverlayView : public QWidget, public Presentable
{
    Q_OBJECT
public:
    explicit ImageOverlayView(QWidget* parent = nullptr);

    void setImage(const QImage& image);
    void setCaption(const CaptionResult& caption);
    void setWord(int index);
    void setStyle(const OverlayStyle& style);
    void setTitleVisible(bool visible);
    void setMinimumTextPixels(int px) override;

    const QImage& image() const { return m_image; }
    const CaptionResult& caption() const { return m_caption; }
    int word() const { return m_word; }
    const OverlayStyle& style() const { return m_style; }
    // The rectangle the image is drawn in, in widget coordinates.
    QRect imageRect() const;
    // The attention layer as drawn (null when no word is shown); computed lazily and cached.
    QImage layer() const;

    // PNG, SVG or PDF by extension; false with error naming the file on failure.
    bool exportTo(const QString& path, QString* error);

    QSize sizeHint() const override { return {480, 520}; }

Q_SIGNALS:
    void wordChanged(int index);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QString titleText() const;
    QFont titleFont() const;
    int titleHeight() const;
    void invalidate();

    QImage m_image;
    CaptionResult m_caption;
    int m_word = -1;
    OverlayStyle m_style;
    bool m_titleVisible = true;
    int m_minPx = 0;
    mutable QImage m_layer; // cache
    mutable bool m_layerValid = false;
};

// Draws image with the given attention layer (may be null) into target, keeping the aspect ratio.
void paintOverlay(class QPainter& painter, const QRect& target, const QImage& image, const QImage& layer);

} // namespace attn
