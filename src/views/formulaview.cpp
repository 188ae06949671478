#include "views/formulaview.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace attn {

namespace {

constexpr int kMargin = 4;

} // namespace

FormulaView::FormulaView(QWidget* parent) : QWidget(parent)
{
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    m_root.kind = FormulaNode::Kind::Row;
}

void FormulaView::setFormula(const FormulaNode& root)
{
    m_root = root;
    m_error.clear();
    relayout();
}

bool FormulaView::setSource(const QString& source)
{
    const FormulaParse parse = parseFormula(source);
    m_root = parse.root;
    m_error = parse.error;
    relayout();
    return parse.ok();
}

QString FormulaView::plainText() const
{
    return formulaToPlainText(m_root);
}

void FormulaView::setFontPixelSize(int px)
{
    m_px = std::max(4, px);
    relayout();
}

void FormulaView::setMinimumPixelSize(int px)
{
    m_minPx = std::max(0, px);
    relayout();
}

void FormulaView::setMinimumTextPixels(int px)
{
    m_presentPx = std::max(0, px);
    relayout();
}

double FormulaView::smallestPaintedPixelSize() const
{
    return FormulaLayout::smallestPixelSize(layoutFor(width()));
}

void FormulaView::setTextColor(const QColor& color)
{
    m_color = color;
    update();
}

void FormulaView::setAlignment(Qt::Alignment alignment)
{
    m_alignment = alignment;
    update();
}

FormulaLayout::Box FormulaView::layoutFor(int width) const
{
    // Scripts shrink to 0.7 of the text, but not below the minimum and never above the text itself.
    const int main = m_presentPx > 0 ? std::max(m_px, int(std::lround(m_presentPx * 1.3))) : m_px;
    const int minimum = std::max(m_minPx, m_presentPx);
    const FormulaLayout layout(main, std::min(minimum, main));
    return layout.layout(m_root, width > 2 * kMargin ? width - 2 * kMargin : 0.0);
}

void FormulaView::relayout()
{
    setAccessibleName(plainText());
    updateGeometry();
    update();
}

QSize FormulaView::sizeHint() const
{
    const FormulaLayout::Box box = layoutFor(0);
    return {int(std::ceil(box.width)) + 2 * kMargin, int(std::ceil(box.height())) + 2 * kMargin};
}

int FormulaView::narrowestWidth() const
{
    return int(std::ceil(layoutFor(2 * kMargin + 1).width)) + 2 * kMargin;
}

QSize FormulaView::minimumSizeHint() const
{
    return {m_px * 4, std::min(sizeHint().height(), m_px * 2)};
}

int FormulaView::heightForWidth(int width) const
{
    return int(std::ceil(layoutFor(width).height())) + 2 * kMargin;
}

void FormulaView::paintEvent(QPaintEvent*)
{
    const FormulaLayout::Box box = layoutFor(width());
    const QRectF area = QRectF(rect()).adjusted(kMargin, kMargin, -kMargin, -kMargin);
    double x = area.left();
    if (m_alignment & Qt::AlignHCenter) {
        x = area.center().x() - box.width / 2;
    } else if (m_alignment & Qt::AlignRight) {
        x = area.right() - box.width;
    }
    double y = area.top() + box.ascent;
    if (m_alignment & Qt::AlignVCenter) {
        y = area.center().y() - box.height() / 2 + box.ascent;
    } else if (m_alignment & Qt::AlignBottom) {
        y = area.bottom() - box.descent;
    }
    QPainter p(this);
    FormulaLayout::paint(p, box, QPointF(std::max(area.left(), x), y), m_color);
}

} // namespace attn
