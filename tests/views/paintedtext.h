#pragma once

// Every piece of text a widget (and its children) paints, with its pixel size, its colour and the background it
// sits on: what presentation mode promises (text >= screen height / 50, contrast >= 4.5:1). Text is caught at the
// paint engine, so it covers text the views paint themselves as well as labels and buttons, and the text of
// QCustomPlot plots (which blit pixmap buffers in paintEvent, so each visible plot is also drawn with toPainter).
#include <QImage>
#include <QPaintDevice>
#include <QPaintEngine>
#include <QPainter>
#include <QPainterPath>
#include <QTextItem>
#include <QWidget>
#include <algorithm>
#include <cmath>
#include <memory>
#include <qcustomplot.h>
#include <tuple>
#include <utility>
#include <vector>

namespace attn::test {

struct PaintedText
{
    QString text;
    double pixelSize = 0.0; // on the device, after the painter's scale
    QColor color;
    QRectF rect;       // on the device
    QColor background; // the median colour around rect in a normal rendering
    bool cut = false;  // partly outside the widget (or plot) that paints it, so partly not shown
    // The shares of its box's width and height (less 2 px of slack each side) that are shown: a line box is taller
    // than most glyphs, so a little height may go unseen, while a word cut at the side loses letters.
    double shownWidth = 1.0;
    double shownHeight = 1.0;
    bool turned = false; // drawn a quarter turn (an axis title): its width runs down the device
};

// The shares of r's width and height inside clip (of the bounding box of what is inside).
inline std::pair<double, double> sharesInside(const QRectF& r, const QRegion& clip)
{
    const QRect box = r.toAlignedRect();
    if (box.width() <= 0 || box.height() <= 0) {
        return {1.0, 1.0};
    }
    const QRect in = clip.intersected(box).boundingRect();
    return {double(in.width()) / box.width(), double(in.height()) / box.height()};
}

class TextRecordingEngine : public QPaintEngine
{
public:
    TextRecordingEngine() : QPaintEngine(QPaintEngine::AllFeatures) {}
    bool begin(QPaintDevice*) override { return true; }
    bool end() override { return true; }
    void updateState(const QPaintEngineState&) override {}
    void drawPixmap(const QRectF&, const QPixmap&, const QRectF&) override {}
    void drawPolygon(const QPointF*, int, PolygonDrawMode) override {}
    void drawPath(const QPainterPath&) override {}
    void drawImage(const QRectF&, const QImage&, const QRectF&, Qt::ImageConversionFlags) override {}
    Type type() const override { return QPaintEngine::User; }
    void drawTextItem(const QPointF& p, const QTextItem& item) override
    {
        if (item.text().trimmed().isEmpty()) {
            return;
        }
        const QTransform t = state->transform();
        const QFont f = item.font();
        const double logical = f.pixelSize() > 0 ? f.pixelSize() : f.pointSizeF() * 96.0 / 72.0;
        const double scale = std::sqrt(std::abs(t.determinant()));
        const QFontMetricsF fm(f);
        const QRectF r(p.x(), p.y() - fm.ascent(), std::max(1.0, fm.horizontalAdvance(item.text())), fm.height());
        const QRectF onDevice = t.mapRect(r);
        // While a widget renders, the system clip is the part of the device it may paint: text reaching outside it
        // is cut off (2 px of slack for the empty part of the line box).
        const QRectF inner = onDevice.adjusted(2, 2, -2, -2);
        const QRegion visible = systemClip();
        bool cut = !visible.isEmpty() && !QRegion(inner.toAlignedRect()).subtracted(visible).isEmpty();
        QRegion clip = visible.isEmpty() ? QRegion(inner.toAlignedRect()) : visible;
        // The painter's own clip too: drawText into a rectangle clips to it.
        if (painter() && painter()->hasClipping()) {
            const QRectF own = t.mapRect(painter()->clipBoundingRect());
            cut = cut || !own.contains(inner);
            clip = clip.intersected(own.toAlignedRect());
        }
        auto [wide, high] = sharesInside(inner, clip);
        const bool turned = std::abs(t.m12()) > std::abs(t.m11());
        if (turned) {
            std::swap(wide, high);
        }
        texts.push_back(
            {item.text(), logical * scale, state->pen().color(), onDevice, QColor(), cut, wide, high, turned});
    }
    std::vector<PaintedText> texts;
};

class TextRecordingDevice : public QPaintDevice
{
public:
    explicit TextRecordingDevice(QSize size) : m_size(size) {}
    QPaintEngine* paintEngine() const override { return &m_engine; }
    std::vector<PaintedText>& texts() { return m_engine.texts; }

protected:
    int metric(PaintDeviceMetric m) const override
    {
        switch (m) {
        case PdmWidth:
            return m_size.width();
        case PdmHeight:
            return m_size.height();
        case PdmDpiX:
        case PdmDpiY:
        case PdmPhysicalDpiX:
        case PdmPhysicalDpiY:
            return 96;
        case PdmDepth:
            return 32;
        case PdmNumColors:
            return 1 << 24;
        case PdmDevicePixelRatio:
            return 1;
        case PdmDevicePixelRatioScaled:
            return int(QPaintDevice::devicePixelRatioFScale());
        case PdmWidthMM:
            return m_size.width() * 254 / 960;
        case PdmHeightMM:
            return m_size.height() * 254 / 960;
        default:
            return 0;
        }
    }

private:
    QSize m_size;
    mutable TextRecordingEngine m_engine;
};

// WCAG 2 relative luminance and contrast ratio.
inline double relativeLuminance(const QColor& c)
{
    auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

inline double contrastRatio(const QColor& a, const QColor& b)
{
    const double la = relativeLuminance(a), lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// Records the texts of widget (shown and laid out) and finds the background of each in a normal rendering.
inline std::vector<PaintedText> recordPaintedTexts(QWidget* widget)
{
    TextRecordingDevice device(widget->size());
    widget->render(&device);
    const QImage image = widget->grab().toImage().convertToFormat(QImage::Format_RGB32);
    std::vector<PaintedText> out = device.texts();
    // A plot paints its layers into pixmaps and only blits them in paintEvent; toPainter draws them straight
    // (without the label caches) onto the recording device.
    QList<QCustomPlot*> plots = widget->findChildren<QCustomPlot*>();
    if (auto* self = qobject_cast<QCustomPlot*>(widget)) {
        plots.prepend(self);
    }
    for (QCustomPlot* plot : plots) {
        if (plot != widget && !plot->isVisibleTo(widget)) {
            continue;
        }
        TextRecordingDevice plotDevice(widget->size());
        {
            QCPPainter painter(&plotDevice);
            painter.translate(plot->mapTo(widget, QPoint(0, 0)));
            plot->toPainter(&painter, plot->width(), plot->height());
        }
        const QRectF plotRect(plot->mapTo(widget, QPoint(0, 0)), QSizeF(plot->size()));
        for (PaintedText t : plotDevice.texts()) {
            t.cut = !plotRect.contains(t.rect.adjusted(2, 2, -2, -2));
            std::tie(t.shownWidth, t.shownHeight) =
                sharesInside(t.rect.adjusted(2, 2, -2, -2), QRegion(plotRect.toAlignedRect()));
            if (t.turned) {
                std::swap(t.shownWidth, t.shownHeight);
            }
            out.push_back(t);
        }
    }
    for (PaintedText& t : out) {
        const QRect r = t.rect.toAlignedRect().adjusted(-2, -2, 2, 2).intersected(image.rect());
        std::vector<QRgb> ring;
        for (int x = r.left(); x <= r.right(); ++x) {
            ring.push_back(image.pixel(x, r.top()));
            ring.push_back(image.pixel(x, r.bottom()));
        }
        for (int y = r.top(); y <= r.bottom(); ++y) {
            ring.push_back(image.pixel(r.left(), y));
            ring.push_back(image.pixel(r.right(), y));
        }
        if (ring.empty()) {
            continue;
        }
        // The most frequent colour around the text is what it is read against.
        std::sort(ring.begin(), ring.end());
        QRgb best = ring.front();
        std::size_t bestCount = 0;
        for (std::size_t i = 0; i < ring.size();) {
            std::size_t j = i;
            while (j < ring.size() && ring[j] == ring[i]) {
                ++j;
            }
            if (j - i > bestCount) {
                bestCount = j - i;
                best = ring[i];
            }
            i = j;
        }
        t.background = QColor(best);
    }
    return out;
}

} // namespace attn::test
