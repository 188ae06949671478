#include "views/pairview.h"

#include "core/classification.h"
#include "views/classlabel.h"
#include "views/presenttext.h"
#include "views/weightshading.h"

#include <QEvent>
#include <QMouseEvent>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace attn {

namespace {
constexpr double kMargin = 8.0;
constexpr double kRowGap = 4.0;
constexpr float kFaintest = 1.0f / 255.0f;
const QColor kInk(25, 25, 25);
const QColor kLine(59, 82, 139);  // viridis' blue
const QColor kAccent(200, 80, 0); // orange: apart from viridis' blues and greens for every colour vision
const QColor kWordBox(238, 238, 238);
} // namespace

PairView::PairView(QWidget* parent) : WordView(parent)
{
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void PairView::setPair(const QStringList& premise, const QStringList& hypothesis, const Eigen::MatrixXf& attention)
{
    if (attention.rows() != hypothesis.size() || attention.cols() != premise.size()) {
        clear();
        return;
    }
    m_premise = premise;
    m_hypothesis = hypothesis;
    m_attention = attention;
    m_hover = -1;
    relayout();
}

void PairView::setResult(const ClassificationResult& result)
{
    setTitle(tr("%1: %2 (%3)")
                 .arg(result.modelName, classLabelText(result.label()))
                 .arg(double(result.probabilityOf(result.label())), 0, 'f', 2));
    setPair(result.premiseTokens, result.hypothesisTokens, result.pairAttention);
}

void PairView::setTitle(const QString& title)
{
    m_title = title;
    relayout();
}

void PairView::clear()
{
    m_premise.clear();
    m_hypothesis.clear();
    m_attention.resize(0, 0);
    m_hover = -1;
    relayout();
}

void PairView::setMinimumTextPixels(int px)
{
    setPresentationPixels(px);
    relayout();
}

void PairView::relayout()
{
    const QFont text = textFont();
    const QFontMetricsF fm(text);
    const QFontMetricsF bold(titleFont());
    const auto widest = [&](const QStringList& words, const QString& header) {
        double w = bold.horizontalAdvance(header);
        for (const QString& s : words) {
            w = std::max(w, fm.horizontalAdvance(s));
        }
        return w + 2 * WordFlow::kPadX;
    };
    m_rowHeight = fm.height() + 2 * WordFlow::kPadY + kRowGap;
    m_headerTop = kMargin + (m_title.isEmpty() ? 0.0 : bold.height() + kMargin);
    double labels = 0.0;
    for (const QString& s : m_premise) {
        labels = std::max(labels, fm.horizontalAdvance(s) + 2 * WordFlow::kPadX);
    }
    m_rowsTop = m_headerTop + std::max(bold.height(), labels) + kRowGap;
    m_premiseLeft = kMargin;
    m_premiseWidth = widest(m_premise, tr("Premise"));
    m_hypothesisWidth = widest(m_hypothesis, tr("Hypothesis"));
    // (naturalWidth reads the column widths just set)
    const double minGap = std::max(80.0, fm.height() * 4);
    // Room beyond the natural width goes to the lines, which then slope less (up to three times their minimum).
    const double spare = std::max(0.0, width() - naturalWidth());
    m_hypothesisLeft = m_premiseLeft + m_premiseWidth + minGap + std::min(spare, 2 * minGap);
    m_matrixLeft = m_hypothesisLeft + m_hypothesisWidth + kRowGap;
    updateGeometry();
    update();
}

double PairView::naturalWidth() const
{
    const QFont text = textFont();
    const QFontMetricsF fm(text);
    const double minGap = std::max(80.0, fm.height() * 4);
    const double cell = fm.height() + 2 * WordFlow::kPadY + kRowGap;
    const double matrixRight =
        kMargin + m_premiseWidth + minGap + m_hypothesisWidth + kRowGap + cell * m_premise.size();
    const double caption =
        fm.horizontalAdvance(tr("matrix: rows = hypothesis, columns = premise; outlined = row maximum"));
    const double titleWidth = QFontMetricsF(titleFont()).horizontalAdvance(m_title);
    return std::max({matrixRight, kMargin + caption, kMargin + titleWidth}) + kMargin;
}

double PairView::naturalHeight() const
{
    const QFontMetricsF fm(textFont());
    const int rows = int(std::max(m_premise.size(), m_hypothesis.size()));
    return m_rowsTop + rows * m_rowHeight + kMargin + fm.height() + kMargin + shadeLegendHeight(textFont()) + kMargin;
}

QRectF PairView::premiseRect(int word) const
{
    if (word < 0 || word >= m_premise.size()) {
        return {};
    }
    return {m_premiseLeft, m_rowsTop + word * m_rowHeight, m_premiseWidth, m_rowHeight - kRowGap};
}

QRectF PairView::hypothesisRect(int word) const
{
    if (word < 0 || word >= m_hypothesis.size()) {
        return {};
    }
    return {m_hypothesisLeft, m_rowsTop + word * m_rowHeight, m_hypothesisWidth, m_rowHeight - kRowGap};
}

QRectF PairView::cellRect(int row, int col) const
{
    if (row < 0 || row >= m_attention.rows() || col < 0 || col >= m_attention.cols()) {
        return {};
    }
    return {m_matrixLeft + col * m_rowHeight, m_rowsTop + row * m_rowHeight, m_rowHeight, m_rowHeight};
}

QColor PairView::cellColor(int row, int col) const
{
    return weightShade(double(m_attention(row, col)));
}

int PairView::rowMax(int row) const
{
    Eigen::Index best = 0;
    m_attention.row(row).maxCoeff(&best);
    return int(best);
}

std::vector<PairView::Line> PairView::drawnLines() const
{
    std::vector<Line> lines;
    for (int h = 0; h < m_attention.rows(); ++h) {
        if (m_hover >= 0 && h != m_hover) {
            continue;
        }
        const int best = rowMax(h);
        const QRectF from = hypothesisRect(h);
        for (int p = 0; p < m_attention.cols(); ++p) {
            const float w = m_attention(h, p);
            if (w < kFaintest && p != best) {
                continue;
            }
            const QRectF to = premiseRect(p);
            lines.push_back(
                {h, p, w, p == best, QLineF(from.left() - 2, from.center().y(), to.right() + 2, to.center().y())});
        }
    }
    return lines;
}

void PairView::setHoveredHypothesis(int word)
{
    const int w = word >= 0 && word < m_hypothesis.size() ? word : -1;
    if (w != m_hover) {
        m_hover = w;
        update();
    }
}

QString PairView::toolTipAt(const QPointF& pos) const
{
    for (int h = 0; h < m_attention.rows(); ++h) {
        for (int p = 0; p < m_attention.cols(); ++p) {
            if (cellRect(h, p).contains(pos)) {
                return tr("hypothesis %1 \"%2\" → premise %3 \"%4\": %5")
                    .arg(h)
                    .arg(m_hypothesis[h])
                    .arg(p)
                    .arg(m_premise[p])
                    .arg(double(m_attention(h, p)), 0, 'f', 4);
            }
        }
        if (hypothesisRect(h).contains(pos)) {
            const int best = rowMax(h);
            return tr("hypothesis %1 \"%2\" attends most to premise %3 \"%4\" (%5)")
                .arg(h)
                .arg(m_hypothesis[h])
                .arg(best)
                .arg(m_premise[best])
                .arg(double(m_attention(h, best)), 0, 'f', 4);
        }
    }
    return {};
}

QSize PairView::sizeHint() const
{
    return {int(std::ceil(naturalWidth())), int(std::ceil(naturalHeight()))};
}

QSize PairView::minimumSizeHint() const
{
    return sizeHint();
}

void PairView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    relayout();
}

void PairView::mouseMoveEvent(QMouseEvent* event)
{
    int hovered = -1;
    for (int h = 0; h < m_hypothesis.size(); ++h) {
        if (hypothesisRect(h).contains(event->position())) {
            hovered = h;
        }
    }
    setHoveredHypothesis(hovered);
}

void PairView::leaveEvent(QEvent*)
{
    setHoveredHypothesis(-1);
}

void PairView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), Qt::white);
    p.setRenderHint(QPainter::Antialiasing, true);
    const QFont text = textFont();
    const QFont bold = titleFont();
    const QFontMetricsF fm(text);
    if (!m_title.isEmpty()) {
        p.setFont(bold);
        p.setPen(kInk);
        p.drawText(QRectF(kMargin, kMargin, width() - 2 * kMargin, QFontMetricsF(bold).height()),
                   Qt::AlignLeft | Qt::AlignVCenter, m_title);
    }
    if (m_attention.size() == 0) {
        return;
    }
    // Column headers just above the rows.
    p.setFont(bold);
    p.setPen(kInk);
    const double headerHeight = QFontMetricsF(bold).height();
    const double headerTop = m_rowsTop - kRowGap - headerHeight;
    p.drawText(QRectF(m_premiseLeft, headerTop, m_premiseWidth, headerHeight), Qt::AlignCenter, tr("Premise"));
    p.drawText(QRectF(m_hypothesisLeft, headerTop, m_hypothesisWidth, headerHeight), Qt::AlignCenter, tr("Hypothesis"));

    // Lines: faint ones first, the row maxima on top.
    const std::vector<Line> lines = drawnLines();
    for (int pass = 0; pass < 2; ++pass) {
        for (const Line& l : lines) {
            if (l.rowMax != (pass == 1)) {
                continue;
            }
            QColor c = l.rowMax ? kAccent : kLine;
            c.setAlphaF(float(l.rowMax ? std::max(0.6, double(l.weight)) : std::clamp(double(l.weight), 0.0, 1.0)));
            p.setPen(QPen(c, l.rowMax ? 3.0 : 1.5 + 2.0 * double(l.weight)));
            p.drawLine(l.line);
        }
    }
    // Words.
    for (int i = 0; i < m_premise.size(); ++i) {
        paintShadedWord(p, premiseRect(i), m_premise[i], kWordBox, text);
    }
    for (int i = 0; i < m_hypothesis.size(); ++i) {
        paintShadedWord(p, hypothesisRect(i), m_hypothesis[i], i == m_hover ? QColor(255, 224, 190) : kWordBox, text);
    }
    // Matrix, its column labels rotated above it, row maxima outlined.
    p.setRenderHint(QPainter::Antialiasing, false);
    for (int r = 0; r < m_attention.rows(); ++r) {
        for (int c = 0; c < m_attention.cols(); ++c) {
            p.fillRect(cellRect(r, c), cellColor(r, c));
        }
    }
    // A faint grid and frame, so that white cells still show which row and column they are.
    p.setPen(QPen(QColor(215, 215, 215), 1.0));
    p.setBrush(Qt::NoBrush);
    const QRectF matrix = cellRect(0, 0).united(cellRect(int(m_attention.rows()) - 1, int(m_attention.cols()) - 1));
    for (int c = 1; c < m_attention.cols(); ++c) {
        p.drawLine(QLineF(cellRect(0, c).left(), matrix.top(), cellRect(0, c).left(), matrix.bottom()));
    }
    for (int r = 1; r < m_attention.rows(); ++r) {
        p.drawLine(QLineF(matrix.left(), cellRect(r, 0).top(), matrix.right(), cellRect(r, 0).top()));
    }
    p.setPen(QPen(QColor(150, 150, 150), 1.0));
    p.drawRect(matrix.adjusted(0, 0, -1, -1));
    p.setPen(QPen(kAccent, 3.0));
    for (int r = 0; r < m_attention.rows(); ++r) {
        p.drawRect(cellRect(r, rowMax(r)).adjusted(1.5, 1.5, -1.5, -1.5));
    }
    p.setFont(text);
    p.setPen(kInk);
    for (int c = 0; c < m_premise.size(); ++c) {
        const QRectF cell = cellRect(0, c);
        p.save();
        p.translate(cell.center().x(), m_rowsTop - kRowGap);
        p.rotate(-90.0);
        p.drawText(QRectF(0, -fm.height() / 2, m_rowsTop - m_headerTop, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                   m_premise[c]);
        p.restore();
    }
    const int rows = int(std::max(m_premise.size(), m_hypothesis.size()));
    double y = m_rowsTop + rows * m_rowHeight + kMargin;
    p.drawText(QRectF(kMargin, y, width() - 2 * kMargin, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
               tr("matrix: rows = hypothesis, columns = premise; outlined = row maximum"));
    y += fm.height() + kMargin;
    paintShadeLegend(p, QRectF(kMargin, y, width() - 2 * kMargin, shadeLegendHeight(text)), 1.0, text, tr("weight"));
}

} // namespace attn
