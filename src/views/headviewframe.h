#pragma once

#include "views/headviewpainter.h"

#include <QImage>
#include <QRect>

class QPainter;

namespace attn {

// One frame of the head view: the part in sight, painted with its cached layers (labels; every line when nothing
// has focus), the focus's lines, the edge marks and the header kept on top of a scrolled frame. The caches belong
// to one frame and are remade when it moves or the data, the heads shown or the layout change.
class HeadViewFrame
{
public:
    struct Request
    {
        QRect exposed;       // what Qt asks to repaint
        QRect frame;         // the part in sight (contains exposed)
        double sticky = 0.0; // height of the header kept on top (0: not scrolled)
        qreal dpr = 1.0;
        bool direct = false; // a vector or recording device: text and strokes, no images
        int focusSide = 0;   // 0 none, 1 query, 2 key
        int focusIndex = -1;
        QColor highlight;
        int allWidth = 1; // line widths with and without focus
        int focusWidth = 1;
        bool antialiasAll = true;
        HeadViewPainter::LabelStyle style;
    };

    void invalidate();
    void paint(QPainter& p, const Request& r, const HeadViewPainter& painter, const std::vector<HeadLines>& heads);

private:
    QRect m_frame;
    QImage m_labels;
    QImage m_allLines;
};

} // namespace attn
