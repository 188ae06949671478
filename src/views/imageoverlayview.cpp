#include "views/imageoverlayview.h"

#include "core/imagemap.h"
#include "core/random.h"
#include "views/exporter.h"
#include "views/presenttext.h"

#include <QPaintEvent>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace attn {

namespace {

// The blurred map is smooth at the scale of a grid cell, so computing it at up to this many pixels a side
// and letting the painter scale it up looks the same and keeps a 1024-pixel redraw cheap.
constexpr int kMaxLayerSide = 256;
constexpr int kTitleHeight = 30;

} // namespace

Eigen::MatrixXf displayedGrid(const Eigen::MatrixXf& alpha, const OverlayStyle& style, int wordIndex)
{
    if (style.display == AttentionDisplay::Soft || alpha.size() == 0) {
        return alpha;
    }
    Eigen::Index row = 0, col = 0;
    if (style.display == AttentionDisplay::HardArgmax) {
        alpha.maxCoeff(&row, &col);
    } else {
        // One draw per word, reproducible for a seed: the cell stochastic hard attention would attend.
        SeededRandom rng(style.sampleSeed * 1000003ULL + std::uint64_t(std::max(0, wordIndex)));
        double u = rng.uniform() * double(alpha.sum());
        bool found = false;
        for (Eigen::Index r = 0; r < alpha.rows() && !found; ++r) {
            for (Eigen::Index c = 0; c < alpha.cols() && !found; ++c) {
                u -= alpha(r, c);
                if (u <= 0.0) {
                    row = r;
                    col = c;
                    found = true;
                }
            }
        }
        if (!found) {
            alpha.maxCoeff(&row, &col);
        }
    }
    Eigen::MatrixXf hard = Eigen::MatrixXf::Zero(alpha.rows(), alpha.cols());
    hard(row, col) = 1.0f;
    return hard;
}

QImage attentionLayer(const Eigen::MatrixXf& grid, QSize mapSize, const OverlayStyle& style)
{
    if (grid.size() == 0 || mapSize.isEmpty()) {
        return {};
    }
    const QSize size = mapSize.boundedTo(QSize(kMaxLayerSide, kMaxLayerSide));
    const Eigen::MatrixXf map = expandAttention(grid, size.height(), size.width(), style.sigmaScale);
    const float top = std::max(map.maxCoeff(), 1e-12f);
    const int alpha = int(std::lround(255.0 * std::clamp(style.opacity, 0.0, 1.0)));
    QImage layer(size, QImage::Format_ARGB32);
    for (int y = 0; y < size.height(); ++y) {
        auto* line = reinterpret_cast<QRgb*>(layer.scanLine(y));
        for (int x = 0; x < size.width(); ++x) {
            const double t = std::clamp(double(map(y, x) / top), 0.0, 1.0);
            // Greys run white -> black; the paper's figures show attention as light over a dark veil.
            if (style.colorMap == ColorMap::Greys) {
                const QColor c = colorAt(ColorMap::Greys, 1.0 - t);
                line[x] = qRgba(c.red(), c.green(), c.blue(), alpha);
            } else {
                // Colour maps fade out where attention is low so the picture stays readable under them.
                const QColor c = colorAt(style.colorMap, t);
                line[x] = qRgba(c.red(), c.green(), c.blue(), int(alpha * (0.2 + 0.8 * t)));
            }
        }
    }
    return layer;
}

void paintOverlay(QPainter& painter, const QRect& target, const QImage& image, const QImage& layer)
{
    painter.save();
    painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
    painter.drawImage(target, image);
    if (!layer.isNull()) {
        painter.drawImage(target, layer);
    }
    painter.restore();
}

ImageOverlayView::ImageOverlayView(QWidget* parent) : QWidget(parent)
{
    setMinimumSize(160, 180);
    setAttribute(Qt::WA_OpaquePaintEvent, true);
}

void ImageOverlayView::setImage(const QImage& image)
{
    m_image = image;
    invalidate();
}

void ImageOverlayView::setCaption(const CaptionResult& caption)
{
    m_caption = caption;
    m_word = caption.steps() > 0 ? std::min(std::max(m_word, 0), caption.steps() - 1) : -1;
    invalidate();
    Q_EMIT wordChanged(m_word);
}

void ImageOverlayView::setWord(int index)
{
    const int clamped = index < 0 || m_caption.steps() == 0 ? -1 : std::min(index, m_caption.steps() - 1);
    if (clamped == m_word) {
        return;
    }
    m_word = clamped;
    invalidate();
    Q_EMIT wordChanged(m_word);
}

void ImageOverlayView::setStyle(const OverlayStyle& style)
{
    m_style = style;
    invalidate();
}

void ImageOverlayView::setTitleVisible(bool visible)
{
    m_titleVisible = visible;
    update();
}

void ImageOverlayView::setMinimumTextPixels(int px)
{
    m_minPx = std::max(0, px);
    update();
}

QFont ImageOverlayView::titleFont() const
{
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 1.15);
    return atLeastPixels(f, m_minPx);
}

int ImageOverlayView::titleHeight() const
{
    if (!m_titleVisible) {
        return 4;
    }
    if (m_minPx == 0) {
        return kTitleHeight;
    }
    // Presenting, a long title wraps rather than being cut.
    const QRect box(0, 0, std::max(1, width() - 12), 10000);
    return std::max(kTitleHeight,
                    QFontMetrics(titleFont()).boundingRect(box, Qt::TextWordWrap, titleText()).height() + 8);
}

void ImageOverlayView::invalidate()
{
    m_layerValid = false;
    update();
}

QRect ImageOverlayView::imageRect() const
{
    const QRect area = rect().adjusted(4, titleHeight(), -4, -4);
    if (m_image.isNull() || area.isEmpty()) {
        return area;
    }
    const QSize fitted = m_image.size().scaled(area.size(), Qt::KeepAspectRatio);
    return QRect(area.x() + (area.width() - fitted.width()) / 2, area.y() + (area.height() - fitted.height()) / 2,
                 fitted.width(), fitted.height());
}

QImage ImageOverlayView::layer() const
{
    if (!m_layerValid) {
        m_layer = QImage();
        if (m_word >= 0 && m_word < m_caption.steps() && !m_image.isNull()) {
            const Eigen::MatrixXf grid = displayedGrid(m_caption.alphas[size_t(m_word)], m_style, m_word);
            m_layer = attentionLayer(grid, m_image.size(), m_style);
        }
        m_layerValid = true;
    }
    return m_layer;
}

QString ImageOverlayView::titleText() const
{
    if (m_word < 0 || m_word >= m_caption.steps()) {
        return m_caption.steps() > 0 ? m_caption.sentence() : tr("No caption yet");
    }
    QString mode;
    switch (m_style.display) {
    case AttentionDisplay::Soft:
        mode = tr("soft");
        break;
    case AttentionDisplay::HardArgmax:
        mode = tr("hard, argmax");
        break;
    case AttentionDisplay::HardSample:
        mode = tr("hard, sampled");
        break;
    }
    return tr("\"%1\"  (word %2 of 0\u2013%3, \u03b2 = %4, %5)")
        .arg(m_caption.words[m_word])
        .arg(m_word)
        .arg(m_caption.steps() - 1)
        .arg(double(m_caption.betas[size_t(m_word)]), 0, 'f', 2)
        .arg(mode);
}

void ImageOverlayView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().window());
    painter.setPen(palette().windowText().color());
    if (m_titleVisible) {
        painter.setFont(titleFont());
        const int flags = Qt::AlignVCenter | Qt::AlignLeft | (m_minPx > 0 ? int(Qt::TextWordWrap) : 0);
        painter.drawText(QRect(6, 0, width() - 12, titleHeight()), flags, titleText());
    }
    if (m_image.isNull()) {
        if (m_minPx > 0) {
            painter.setFont(atLeastPixels(font(), m_minPx));
        }
        painter.drawText(rect(), Qt::AlignCenter | (m_minPx > 0 ? int(Qt::TextWordWrap) : 0),
                         tr("Open an image (or drop one here)"));
        return;
    }
    paintOverlay(painter, imageRect(), m_image, layer());
}

bool ImageOverlayView::exportTo(const QString& path, QString* error)
{
    return exportWidget(this, path, error);
}

} // namespace attn
