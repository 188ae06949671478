#include "views/wordview.h"

#include "views/presenttext.h"

#include <QEvent>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>

namespace attn {

namespace {

constexpr double kNormalTextPixels = 16.0;

} // namespace

WordView::WordView(QWidget* parent) : QWidget(parent) {}

QFont WordView::textFont() const
{
    QFont f = font();
    f.setPixelSize(int(std::max(kNormalTextPixels, fontPixels(font()))));
    return atLeastPixels(f, m_presentPx);
}

QFont WordView::titleFont() const
{
    QFont f = textFont();
    f.setBold(true);
    return f;
}

double WordView::titleHeight(const QString& title, double width) const
{
    return QFontMetricsF(titleFont())
        .boundingRect(QRectF(0, 0, std::max(1.0, width), 1e6), Qt::AlignLeft | Qt::TextWordWrap, title)
        .height();
}

void WordView::paintTitle(QPainter& p, const QRectF& box, const QString& title) const
{
    // Wrapped, not elided: side by side in presentation mode a column is narrow, and the prediction must show.
    p.setFont(titleFont());
    p.setPen(QColor(25, 25, 25));
    p.drawText(box, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, title);
}

bool WordView::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString tip = toolTipAt(help->pos());
        if (tip.isEmpty()) {
            QToolTip::hideText();
            event->ignore();
        } else {
            QToolTip::showText(help->globalPos(), tip, this);
        }
        return true;
    }
    return QWidget::event(event);
}

} // namespace attn
