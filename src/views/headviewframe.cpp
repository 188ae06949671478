#include "views/headviewframe.h"

#include <QPainter>
#include <functional>

namespace attn {

void HeadViewFrame::invalidate()
{
    m_frame = QRect();
    m_labels = QImage();
    m_allLines = QImage();
}

void HeadViewFrame::paint(QPainter& p, const Request& r, const HeadViewPainter& painter,
                          const std::vector<HeadLines>& heads)
{
    if (r.frame != m_frame) {
        invalidate();
        m_frame = r.frame;
    }
    const QRect& frame = r.frame;
    const double top = frame.top() + r.sticky, bottom = frame.top() + frame.height();
    p.setClipRect(r.exposed);
    p.fillRect(r.exposed, r.style.palette.color(QPalette::Base));
    const auto frameImage = [&](QImage& image, const std::function<void(QPainter&)>& draw) {
        image = QImage((QSizeF(frame.size()) * r.dpr).toSize(), QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(r.dpr);
        image.fill(Qt::transparent);
        QPainter ip(&image);
        ip.setRenderHint(QPainter::TextAntialiasing);
        ip.setRenderHint(QPainter::Antialiasing);
        ip.translate(-frame.topLeft());
        draw(ip);
    };
    const auto drawLabels = [&] {
        if (r.direct) {
            p.save();
            p.setRenderHint(QPainter::TextAntialiasing);
            painter.paintLabels(p, r.style, top, bottom);
            p.restore();
            return;
        }
        if (m_labels.isNull()) {
            frameImage(m_labels, [&](QPainter& ip) { painter.paintLabels(ip, r.style, top, bottom); });
        }
        p.drawImage(frame.topLeft(), m_labels);
    };
    if (r.focusSide == 0) {
        drawLabels();
        if (r.direct) {
            p.setRenderHint(QPainter::Antialiasing, r.antialiasAll);
            HeadViewPainter::drawVector(p, painter.lines(0, -1, top, bottom), heads, r.allWidth);
        } else {
            if (m_allLines.isNull()) {
                m_allLines = HeadViewPainter::rasterise(painter.lines(0, -1, top, bottom), heads, frame, r.dpr,
                                                        r.allWidth, r.antialiasAll);
            }
            p.drawImage(frame.topLeft(), m_allLines);
        }
    } else {
        painter.paintFocusTints(p, r.highlight, r.focusSide, r.focusIndex, top, bottom);
        drawLabels(); // transparent but for the text: the tints stay visible under it
        const auto lines = painter.lines(r.focusSide, r.focusIndex, top, bottom);
        if (r.direct) {
            p.setRenderHint(QPainter::Antialiasing, true);
            HeadViewPainter::drawVector(p, lines, heads, r.focusWidth);
        } else {
            p.drawImage(frame.topLeft(), HeadViewPainter::rasterise(lines, heads, frame, r.dpr, r.focusWidth, true));
        }
    }
    painter.paintEdgeMarks(p, r.style, top, bottom);
    if (r.sticky > 0.0) {
        // Scrolled: the title and swatches stay on top of the frame, over the rows that pass under them.
        const QRectF band(0, frame.top(), r.style.width, r.sticky);
        p.fillRect(band, r.style.palette.color(QPalette::Base));
        p.save();
        p.setRenderHint(QPainter::TextAntialiasing);
        p.setRenderHint(QPainter::Antialiasing);
        p.translate(0, frame.top());
        painter.paintLabels(p, r.style, -1.0, -1.0); // title and swatches, no token rows
        p.restore();
        p.setPen(QPen(r.style.palette.color(QPalette::Mid), 1.0));
        p.drawLine(band.bottomLeft(), band.bottomRight());
    }
}

} // namespace attn
