#include "views/scorescomparetable.h"

#include "core/scoring.h"
#include "views/labstyle.h"
#include "views/presenttext.h"
#include "views/scorefunctionlabel.h"

#include <QCoreApplication>
#include <QHeaderView>

namespace attn {

namespace {

QString percent(double v)
{
    return QStringLiteral("%1 %").arg(v * 100.0, 0, 'f', 1);
}

QString tableStyle(int px)
{
    // Presenting, the header sections take the size too (normally they keep the style's).
    return px > 0 ? QStringLiteral("QTableWidget, QHeaderView::section { font-size: %1px; }").arg(std::max(15, px))
                  : QStringLiteral("QTableWidget { font-size: 15px; }");
}

} // namespace

QColor comparedModelColour(const QString& score)
{
    if (score == QLatin1String("myatt")) {
        return QColor(0x9a, 0x9b, 0x1c); // olive: the course notes' rule 1 is not one of core's scoring functions
    }
    const auto fn = scoreFunctionFromName(score.toStdString());
    return fn ? scoreFunctionColor(*fn) : QColor(20, 20, 20);
}

QColor comparedModelTextColour(const QString& score, int px)
{
    return px > 0 ? readableOn(comparedModelColour(score), QColor(0xc7, 0xc7, 0xc7)) : comparedModelColour(score);
}

// The texts keep the translation context they were filed under (the compare view's).
ScoresCompareTable::ScoresCompareTable(QWidget* parent) : QTableWidget(parent)
{
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    verticalHeader()->setVisible(false);
    setStyleSheet(tableStyle(0));
    m_normalMinSection = verticalHeader()->minimumSectionSize();
}

void ScoresCompareTable::setModels(const std::vector<ComparedModel>& models)
{
    m_models = models;
    fill();
}

void ScoresCompareTable::setMinimumTextPixels(int px)
{
    m_minPx = std::max(0, px);
    setStyleSheet(tableStyle(m_minPx));
    fill();                // presenting, in two halves side by side
    for (int c : {1, 4}) { // each half's exact match
        setColumnHidden(c, m_minPx > 0 && m_narrow && c < columnCount());
    }
    // Presenting, the rows share the table's height, and the table is as tall as all of them at their text's
    // height, so that every model stays in view at the larger size; normally the rows have the height new rows get.
    verticalHeader()->setSectionResizeMode(m_minPx > 0 ? QHeaderView::Stretch : QHeaderView::Interactive);
    const int rowHeight = m_minPx > 0 ? int(m_minPx * 1.25) + 2 : m_normalMinSection;
    verticalHeader()->setMinimumSectionSize(rowHeight);
    if (m_minPx == 0) {
        for (int r = 0; r < rowCount(); ++r) {
            setRowHeight(r, verticalHeader()->defaultSectionSize());
        }
        setMinimumSize(0, 0);
    } else {
        ensurePolished();
        const int frame = 2 * frameWidth() + 2;
        setMinimumSize(horizontalHeader()->length() + frame,
                       horizontalHeader()->sizeHint().height() + rowHeight * rowCount() + frame);
    }
}

void ScoresCompareTable::setNarrow(bool narrow)
{
    if (narrow != m_narrow) {
        m_narrow = narrow;
        setMinimumTextPixels(m_minPx);
    }
}

void ScoresCompareTable::fill()
{
    const QStringList buckets = m_models.empty() ? QStringList() : m_models.front().buckets;
    // Presenting, the overall figures only (accuracy by length is the plot beside), the models in two halves side
    // by side: half as many rows to fit the height at the larger size.
    const int halves = m_minPx > 0 ? 2 : 1;
    const int models = int(m_models.size());
    const int rows = (models + halves - 1) / halves;
    // Short headers so that every column fits; the tooltip says what they are.
    QStringList headers{QCoreApplication::translate("attn::ScoresCompareView", "scoring"),
                        QCoreApplication::translate("attn::ScoresCompareView", "exact"),
                        QCoreApplication::translate("attn::ScoresCompareView", "tokens")};
    if (halves == 1) {
        for (const QString& b : buckets) {
            headers << b;
        }
        headers << QCoreApplication::translate("attn::ScoresCompareView", "reordered\n1-19")
                << QCoreApplication::translate("attn::ScoresCompareView", "same order\n1-19");
    } else {
        headers += headers;
    }
    const int columns = int(headers.size()) / halves;
    setToolTip(QCoreApplication::translate(
        "attn::ScoresCompareView",
        "Held-out test sentences: exact-match rate, token accuracy, token accuracy by English "
        "sentence length (words), and token accuracy on sentences of 1-19 words whose French word "
        "order differs from the English (adjective phrases: \"the european economic area\" -> "
        "\"la zone économique européenne\") or not"));
    clear();
    setColumnCount(int(headers.size()));
    setHorizontalHeaderLabels(headers);
    setRowCount(rows);
    for (int i = 0; i < models; ++i) {
        const ComparedModel& m = m_models[std::size_t(i)];
        const int r = i % rows, c0 = (i / rows) * columns;
        auto* name = new QTableWidgetItem(scoreNameLabel(m.score));
        name->setData(Qt::UserRole, m.score);
        name->setForeground(comparedModelTextColour(m.score, m_minPx));
        QFont bold = name->font();
        bold.setBold(true);
        name->setFont(bold);
        setItem(r, c0, name);
        setItem(r, c0 + 1, new QTableWidgetItem(percent(m.allExactMatch)));
        setItem(r, c0 + 2, new QTableWidgetItem(percent(m.allTokenAccuracy)));
        if (halves > 1) {
            continue;
        }
        for (int b = 0; b < int(m.tokenAccuracy.size()); ++b) {
            setItem(r, 3 + b, new QTableWidgetItem(percent(m.tokenAccuracy[std::size_t(b)])));
        }
        const int orderColumn = 3 + int(buckets.size());
        for (const auto& [offset, value] : {std::pair{0, m.reorderedTokenAccuracy}, {1, m.sameOrderTokenAccuracy}}) {
            setItem(r, orderColumn + offset, new QTableWidgetItem(value >= 0.0 ? percent(value) : QStringLiteral("—")));
        }
    }
    resizeColumnsToContents();
}

} // namespace attn
