#include "views/scorecard.h"

#include "views/labstyle.h"
#include "views/scorefunctionlabel.h"

#include <QFontMetricsF>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

namespace attn {

namespace {

QString displayName(ScoreFunction fn)
{
    return scoreFunctionLabel(fn);
}

} // namespace

ScoreCard::ScoreCard(ScoreFunction function, QWidget* parent) : QWidget(parent), m_function(function)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setToolTip(tr("%1: %2. Click to emphasise its output arrow on the plane.")
                   .arg(displayName(function), QString::fromStdString(scoreFunctionFormula(function))));
}

void ScoreCard::setResult(const Eigen::VectorXd& scores, const Eigen::VectorXd& weights,
                          const Eigen::VectorXd& context, const QStringList& keyLabels, const std::vector<bool>& window)
{
    m_scores = scores;
    m_weights = weights;
    m_context = context;
    m_keyLabels = keyLabels;
    m_window = window;
    update();
}

void ScoreCard::setNotes(const QStringList& notes)
{
    m_notes = notes;
    update();
}

void ScoreCard::setSelected(bool selected)
{
    m_selected = selected;
    update();
}

QStringList ScoreCard::shownTexts() const
{
    QStringList texts{displayName(m_function), QString::fromStdString(scoreFunctionFormula(m_function))};
    for (Eigen::Index i = 0; i < m_scores.size(); ++i) {
        texts << m_keyLabels.value(int(i), QStringLiteral("k%1").arg(i)) << formatLabNumber(m_scores(i))
              << formatLabNumber(m_weights(i));
    }
    texts << formatLabVector(m_context);
    texts << m_notes;
    return texts;
}

void ScoreCard::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor colour = scoreFunctionColor(m_function);
    const QRectF frame = QRectF(rect()).adjusted(2, 2, -2, -2);
    p.setPen(QPen(m_selected ? colour : QColor(200, 200, 200), m_selected ? 4 : 1.5));
    p.setBrush(Qt::white);
    p.drawRoundedRect(frame, 8, 8);

    // Header: the name on the function's colour, then the formula large enough for a projector.
    QRectF header(frame.left(), frame.top(), frame.width(), 32);
    p.setPen(Qt::NoPen);
    p.setBrush(colour);
    p.drawRoundedRect(header, 8, 8);
    p.drawRect(header.adjusted(0, 16, 0, 0));
    QFont font = p.font();
    font.setPixelSize(19);
    font.setBold(true);
    p.setFont(font);
    p.setPen(Qt::white);
    p.drawText(header.adjusted(10, 0, -6, 0), Qt::AlignVCenter | Qt::AlignLeft, displayName(m_function));

    double y = header.bottom() + 4;
    font.setBold(false);
    font.setPixelSize(std::clamp(int(frame.width() / 11), 16, 22));
    p.setFont(font);
    p.setPen(Qt::black);
    const QString formula = QString::fromStdString(scoreFunctionFormula(m_function));
    p.drawText(QRectF(frame.left() + 6, y, frame.width() - 12, 32), Qt::AlignCenter, formula);
    y += 36;

    // One row per key: label, score and weight on a line, the weight as a bar under it across the card.
    const int n = int(m_weights.size());
    // Room for the output lines and the notes as they will wrap, so rows shrink before notes are cut.
    QFont noteFont = font;
    noteFont.setBold(false);
    noteFont.setItalic(true);
    noteFont.setPixelSize(13);
    double notesHeight = 0.0;
    for (const QString& note : m_notes) {
        notesHeight += QFontMetricsF(noteFont)
                           .boundingRect(QRectF(0, 0, frame.width() - 20, 1000), Qt::TextWordWrap, note)
                           .height() +
                       2;
    }
    // With many keys (a model's sentence) the rows come first: the output line and notes go when they would not
    // fit (the vector heatmap still shows every output), rather than being cut at the card's edge.
    const bool showOutput = frame.bottom() - y - 22 - 18.0 * std::max(n, 1) >= 62 + notesHeight;
    const double reserved = showOutput ? 62 + notesHeight : 0.0;
    const double rowH = std::clamp((frame.bottom() - y - reserved - 22) / std::max(n, 1), 18.0, 46.0);
    const double barH = std::clamp(rowH * 0.2, 4.0, 9.0);
    const double textH = rowH - barH - 2;
    const int textPx = int(std::clamp(textH * 0.85, 12.0, 21.0));
    const double left = frame.left() + 10, right = frame.right() - 10;
    const double labelW = frame.width() * 0.22;
    const double scoreRight = left + frame.width() * 0.55;
    font.setPixelSize(13);
    p.setFont(font);
    p.setPen(QColor(110, 110, 110));
    const bool narrow = frame.width() < 210; // the long headers would run into each other
    p.drawText(QRectF(left, y, scoreRight - left, 20), Qt::AlignRight | Qt::AlignVCenter,
               narrow ? tr("s") : tr("score s"));
    p.drawText(QRectF(scoreRight, y, right - scoreRight, 20), Qt::AlignRight | Qt::AlignVCenter,
               narrow ? tr("a") : tr("weight a"));
    y += 22;
    font.setPixelSize(textPx);
    p.setFont(font);
    for (int i = 0; i < n; ++i) {
        const bool inside = m_window.empty() || (i < int(m_window.size()) && m_window[std::size_t(i)]);
        const QColor ink = inside ? Qt::black : QColor(170, 170, 170);
        const double w = std::clamp(m_weights(i), 0.0, 1.0);
        const QString label = m_keyLabels.value(i, QStringLiteral("k%1").arg(i));
        p.setPen(ink);
        // Token labels may use the room the score leaves; past that they end in "…" rather than being cut.
        const QString scoreText = formatLabNumber(m_scores.size() > i ? m_scores(i) : 0.0);
        const QFontMetricsF metrics(font);
        const double labelRoom = std::max(labelW, scoreRight - left - metrics.horizontalAdvance(scoreText) - 6);
        p.drawText(QRectF(left, y, labelRoom, textH), Qt::AlignLeft | Qt::AlignVCenter,
                   metrics.elidedText(label, Qt::ElideRight, labelRoom));
        p.drawText(QRectF(left, y, scoreRight - left, textH), Qt::AlignRight | Qt::AlignVCenter, scoreText);
        QFont bold = font;
        bold.setBold(true);
        p.setFont(bold);
        p.drawText(QRectF(scoreRight, y, right - scoreRight, textH), Qt::AlignRight | Qt::AlignVCenter,
                   formatLabNumber(m_weights(i)));
        p.setFont(font);
        const QRectF track(left, y + textH, right - left, barH);
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(236, 236, 236));
        p.drawRect(track);
        p.setBrush(inside ? colour : QColor(200, 200, 200));
        p.drawRect(QRectF(track.left(), track.top(), track.width() * w, track.height()));
        y += rowH;
    }

    if (!showOutput) {
        return;
    }
    // The output vector and the notes.
    y += 6;
    font.setPixelSize(15);
    p.setFont(font);
    p.setPen(QColor(90, 90, 90));
    p.drawText(QRectF(left, y, right - left, 20), Qt::AlignLeft | Qt::AlignVCenter, tr("out = Σ aᵢ vᵢ ="));
    y += 20;
    font.setPixelSize(std::clamp(int(frame.width() / 13), 15, 20));
    font.setBold(true);
    p.setFont(font);
    p.setPen(colour.darker(130));
    // As many components as fit on the line; the rest become "…".
    QString vector = formatLabVector(m_context);
    for (int shown = 3; shown >= 1 && QFontMetricsF(font).horizontalAdvance(vector) > right - left; --shown) {
        vector = formatLabVector(m_context, 2, shown);
    }
    p.drawText(QRectF(left, y, right - left, 26), Qt::AlignRight | Qt::AlignVCenter, vector);
    y += 28;
    font.setBold(false);
    font.setItalic(true);
    font.setPixelSize(13);
    p.setFont(font);
    p.setPen(QColor(90, 90, 90));
    for (const QString& note : m_notes) {
        const QRectF box(left, y, right - left, std::max(0.0, frame.bottom() - y - 4));
        QRectF used;
        p.drawText(box, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, note, &used);
        y += used.height() + 2;
    }
}

void ScoreCard::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        Q_EMIT clicked(m_function);
    }
}

} // namespace attn
