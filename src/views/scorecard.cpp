#include "views/scorecard.h"

#include "views/labstyle.h"
#include "views/presenttext.h"
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

void ScoreCard::setResult(const Eigen::VectorXd& scores, const Eigen::VectorXd& weights, const Eigen::VectorXd& context,
                          const QStringList& keyLabels, const std::vector<bool>& window)
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

void ScoreCard::setMinimumTextPixels(int px)
{
    m_minPx = std::max(0, px);
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
    const bool presenting = m_minPx > 0;
    // A pixel size and a height: the normal ones, or at least what presentation mode asks for.
    const auto px = [&](int normal) { return std::max(normal, m_minPx); };
    const auto room = [&](double normal, const QFont& f, double extra) {
        return presenting ? std::max(normal, QFontMetricsF(f).height() + extra) : normal;
    };
    const auto ink = [&](const QColor& c) { return presenting ? readableOn(c, Qt::white) : c; };
    const QColor colour = scoreFunctionColor(m_function);
    const QRectF frame = QRectF(rect()).adjusted(2, 2, -2, -2);
    p.setPen(QPen(m_selected ? colour : QColor(200, 200, 200), m_selected ? 4 : 1.5));
    p.setBrush(Qt::white);
    p.drawRoundedRect(frame, 8, 8);

    // Header: the name on the function's colour, then the formula large enough for a projector.
    QFont font = p.font();
    font.setPixelSize(px(19));
    font.setBold(true);
    // Presenting in a narrow card (a 4:3 projector), the name gives up its extra size before it is elided.
    while (presenting && font.pixelSize() > m_minPx &&
           QFontMetricsF(font).horizontalAdvance(displayName(m_function)) > frame.width() - 16) {
        font.setPixelSize(font.pixelSize() - 1);
    }
    QRectF header(frame.left(), frame.top(), frame.width(), room(32, font, 8));
    p.setPen(Qt::NoPen);
    p.setBrush(colour);
    p.drawRoundedRect(header, 8, 8);
    p.drawRect(header.adjusted(0, 16, 0, 0));
    p.setFont(font);
    p.setPen(presenting ? inkOn(colour) : QColor(Qt::white)); // white on orange or pink is below 4.5:1
    p.drawText(header.adjusted(10, 0, -6, 0), Qt::AlignVCenter | Qt::AlignLeft,
               presenting ? QFontMetricsF(font).elidedText(displayName(m_function), Qt::ElideRight, header.width() - 16)
                          : displayName(m_function));

    double y = header.bottom() + 4;
    font.setBold(false);
    font.setPixelSize(px(std::clamp(int(frame.width() / 11), 16, 22)));
    const QString formula = QString::fromStdString(scoreFunctionFormula(m_function));
    // Not presenting, a long formula (concat tanh's) is drawn smaller rather than cut at the card's edges.
    while (!presenting && font.pixelSize() > 11 &&
           QFontMetricsF(font).horizontalAdvance(formula) > frame.width() - 12) {
        font.setPixelSize(font.pixelSize() - 1);
    }
    p.setFont(font);
    p.setPen(Qt::black);
    // Presenting, a formula wider than the card wraps onto a second line.
    const QRectF formulaBox(frame.left() + 6, y, frame.width() - 12, 1000);
    const double formulaH =
        presenting
            ? std::max(32.0, QFontMetricsF(font).boundingRect(formulaBox, Qt::TextWordWrap, formula).height() + 4)
            : 32.0;
    if (presenting && y + formulaH > frame.bottom()) {
        return; // a card too small for more than its name
    }
    p.drawText(QRectF(frame.left() + 6, y, frame.width() - 12, formulaH),
               Qt::AlignCenter | (presenting ? int(Qt::TextWordWrap) : 0), formula);
    y += formulaH + 4;

    // One row per key: label, score and weight on a line, the weight as a bar under it across the card.
    const int n = int(m_weights.size());
    // Room for the output lines and the notes as they will wrap, so rows shrink before notes are cut.
    QFont noteFont = font;
    noteFont.setBold(false);
    noteFont.setItalic(true);
    noteFont.setPixelSize(px(13));
    double notesHeight = 0.0;
    for (const QString& note : m_notes) {
        notesHeight += QFontMetricsF(noteFont)
                           .boundingRect(QRectF(0, 0, frame.width() - 20, 1000), Qt::TextWordWrap, note)
                           .height() +
                       2;
    }
    QFont headFont = font;
    headFont.setPixelSize(px(13));
    const double headH = room(20, headFont, 2);
    QFont outFont = font;
    outFont.setPixelSize(px(15));
    QFont vectorFont = font;
    vectorFont.setPixelSize(px(std::clamp(int(frame.width() / 13), 15, 20)));
    vectorFont.setBold(true);
    const double outLineH = room(20, outFont, 0);
    const double vectorH = room(26, vectorFont, 2);
    const double output = presenting ? 6 + outLineH + vectorH + 2 + notesHeight : 62 + notesHeight;
    // Presenting, a row is at least its text at the presentation size and a bar, with 4 px around the bar so the text
    // reads on white; what does not fit is counted on a last line ("+2 more") instead of being squeezed.
    QFont rowFont = font;
    rowFont.setPixelSize(std::max(1, m_minPx));
    const double barGap = presenting ? 4.0 : 0.0;
    const double rowGap = presenting ? 4.0 : 2.0;
    const double minRowH =
        presenting ? std::max(18.0, QFontMetricsF(rowFont).height() + 1 + barGap + 4 + rowGap) : 18.0;
    const double bottom = frame.bottom() - (presenting ? 2 : 0);
    int shown = n;
    double moreH = 0.0;
    if (presenting && bottom - y - headH - 2 < minRowH * std::max(n, 1)) {
        moreH = QFontMetricsF(rowFont).height() + 4;
        shown = std::clamp(int((bottom - y - headH - 2 - moreH) / minRowH), 0, n);
    }
    // With many keys (a model's sentence) the rows come first: the output line and notes go when they would not
    // fit (the vector heatmap still shows every output), rather than being cut at the card's edge.
    const bool showOutput = shown == n && bottom - y - headH - 2 - minRowH * std::max(n, 1) >= output;
    const double reserved = showOutput ? output : moreH;
    const double rowH = std::clamp((bottom - y - reserved - headH - 2) / std::max(shown, 1), minRowH, 46.0);
    const double barH = std::clamp(rowH * 0.2, 4.0, 9.0);
    const double textH = rowH - barH - barGap - rowGap;
    int textPx = px(int(std::clamp(textH * 0.85, 12.0, 21.0)));
    const double left = frame.left() + 10, right = frame.right() - 10;
    const double labelW = frame.width() * 0.22;
    const double scoreRight = left + frame.width() * 0.55;
    {
        // Tall rows would give larger numbers than a narrow card has room for: no larger than what fits beside each
        // other (never below the presentation size).
        const auto fits = [&](int size) {
            QFont f = font;
            f.setPixelSize(size);
            QFont b = f;
            b.setBold(true);
            for (int i = 0; i < shown; ++i) {
                const QString label = m_keyLabels.value(i, QStringLiteral("k%1").arg(i));
                const double score =
                    QFontMetricsF(f).horizontalAdvance(formatLabNumber(m_scores.size() > i ? m_scores(i) : 0.0));
                if (QFontMetricsF(b).horizontalAdvance(formatLabNumber(m_weights(i))) + 6 > right - scoreRight ||
                    QFontMetricsF(f).horizontalAdvance(label.left(3)) + score + 8 > scoreRight - left) {
                    return false;
                }
            }
            return true;
        };
        while (textPx > (presenting ? m_minPx : 11) && !fits(textPx)) {
            --textPx;
        }
    }
    if (shown == 0 && moreH > 0 && y + moreH > bottom) {
        return;
    }
    p.setFont(headFont);
    p.setPen(QColor(110, 110, 110));
    // The long headers would run into each other on a narrow card.
    const QFontMetricsF headMetrics(headFont);
    const bool narrow =
        frame.width() < 210 ||
        (presenting && headMetrics.horizontalAdvance(tr("weight a")) + headMetrics.height() > right - scoreRight);
    if (shown > 0 || !presenting) {
        p.drawText(QRectF(left, y, scoreRight - left, headH), Qt::AlignRight | Qt::AlignVCenter,
                   narrow ? tr("s") : tr("score s"));
        p.drawText(QRectF(scoreRight, y, right - scoreRight, headH), Qt::AlignRight | Qt::AlignVCenter,
                   narrow ? tr("a") : tr("weight a"));
        y += headH + 2;
    }
    font.setPixelSize(textPx);
    p.setFont(font);
    for (int i = 0; i < shown; ++i) {
        const bool inside = m_window.empty() || (i < int(m_window.size()) && m_window[std::size_t(i)]);
        // Keys outside the local window are grey; presenting, still 4.5:1 on the bar's track.
        const QColor rowInk = inside       ? QColor(Qt::black)
                              : presenting ? readableOn(QColor(170, 170, 170), QColor(236, 236, 236))
                                           : QColor(170, 170, 170);
        const double w = std::clamp(m_weights(i), 0.0, 1.0);
        const QString label = m_keyLabels.value(i, QStringLiteral("k%1").arg(i));
        p.setPen(rowInk);
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
        const QRectF track(left, y + textH + barGap, right - left, barH);
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(236, 236, 236));
        p.drawRect(track);
        p.setBrush(inside ? colour : QColor(200, 200, 200));
        p.drawRect(QRectF(track.left(), track.top(), track.width() * w, track.height()));
        y += rowH;
    }
    if (shown < n) {
        p.setFont(rowFont);
        p.setPen(QColor(0x59, 0x59, 0x59));
        p.drawText(QRectF(left, y + 2, right - left, moreH - 2), Qt::AlignLeft | Qt::AlignVCenter,
                   tr("+%n more", nullptr, n - shown));
    }

    if (!showOutput) {
        return;
    }
    // The output vector and the notes.
    y += 6;
    p.setFont(outFont);
    p.setPen(QColor(90, 90, 90));
    p.drawText(QRectF(left, y, right - left, outLineH), Qt::AlignLeft | Qt::AlignVCenter, tr("out = Σ aᵢ vᵢ ="));
    y += outLineH;
    p.setFont(vectorFont);
    p.setPen(ink(colour.darker(130)));
    // As many components as fit on the line; the rest become "…".
    QString vector = formatLabVector(m_context);
    for (int shownParts = 3; shownParts >= 1 && QFontMetricsF(vectorFont).horizontalAdvance(vector) > right - left;
         --shownParts) {
        vector = formatLabVector(m_context, 2, shownParts);
    }
    p.drawText(QRectF(left, y, right - left, vectorH), Qt::AlignRight | Qt::AlignVCenter, vector);
    y += vectorH + 2;
    p.setFont(noteFont);
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
