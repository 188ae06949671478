#include "views/scorescompareview.h"

#include "core/scoring.h"
#include "views/heatmapview.h"
#include "views/labstyle.h"
#include "views/presenttext.h"
#include "views/scorefunctionlabel.h"

#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <map>
#include <numeric>
#include <qcustomplot.h>

namespace attn {

namespace {

QColor modelColour(const QString& score)
{
    if (score == QLatin1String("myatt")) {
        return QColor(0x9a, 0x9b, 0x1c); // olive: the course notes' rule 1 is not one of core's scoring functions
    }
    const auto fn = scoreFunctionFromName(score.toStdString());
    return fn ? scoreFunctionColor(*fn) : QColor(20, 20, 20);
}

QString percent(double v)
{
    return QStringLiteral("%1 %").arg(v * 100.0, 0, 'f', 1);
}

// Style sheets at the normal size (px = 0) or at least px.
QString labelStyle(int px)
{
    return QStringLiteral("QLabel { font-size: %1px; }").arg(std::max(16, px));
}

QString placeholderStyle(int px)
{
    return QStringLiteral("QLabel { font-size: %1px; border: 1px solid #ccc; background: white; }")
        .arg(std::max(16, px));
}

QString tableStyle(int px)
{
    // Presenting, the header sections take the size too (normally they keep the style's).
    return px > 0 ? QStringLiteral("QTableWidget, QHeaderView::section { font-size: %1px; }").arg(std::max(15, px))
                  : QStringLiteral("QTableWidget { font-size: 15px; }");
}

// Text in a function's colour: presenting, darkened to 4.5:1 even on the table's grid lines (#c7c7c7), which large
// text at 720p touches.
QColor textColour(const QString& score, int px)
{
    return px > 0 ? readableOn(modelColour(score), QColor(0xc7, 0xc7, 0xc7)) : modelColour(score);
}

} // namespace

ScoresCompareView::ScoresCompareView(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_header = new QLabel(this);
    m_header->setWordWrap(true);
    m_header->setStyleSheet(labelStyle(0));
    layout->addWidget(m_header);
    // Two thirds of the height for the maps, one third for the table and the plot.
    auto* maps = new QWidget(this);
    layout->addWidget(maps, 2);
    m_grid = new QGridLayout(maps);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setSpacing(4);
    for (int c = 0; c < kColumns; ++c) {
        m_grid->setColumnStretch(c, 1); // every model gets the same room
    }
    m_grid->setRowStretch(0, 1);
    m_grid->setRowStretch(1, 1);
    auto* bottom = new QWidget(this);
    layout->addWidget(bottom, 1);
    auto* bottomLayout = new QHBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    m_table = new QTableWidget(bottom);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(false);
    m_table->setStyleSheet(tableStyle(0));
    m_normalMinSection = m_table->verticalHeader()->minimumSectionSize();
    m_plot = new QCustomPlot(bottom);
    bottomLayout->addWidget(m_table, 3);
    bottomLayout->addWidget(m_plot, 5);
    m_plot->setMinimumHeight(160);
    // The legend beside the axes, not over the curves.
    m_plot->legend->setVisible(true);
    m_plot->axisRect()->insetLayout()->take(m_plot->legend);
    m_plot->plotLayout()->addElement(0, 1, m_plot->legend);
    m_plot->plotLayout()->setColumnStretchFactor(1, 0.001);
    m_plot->legend->setRowSpacing(0);
}

ScoresCompareView::~ScoresCompareView() = default;

void ScoresCompareView::setColorMap(ColorMap map)
{
    m_colorMap = map;
    for (auto* h : m_heatmaps) {
        h->setColorMap(map);
    }
}

void ScoresCompareView::setMessage(const QString& message)
{
    m_header->setText(message);
}

void ScoresCompareView::setData(const ScoresCompareData& data)
{
    for (auto* h : m_heatmaps) {
        h->deleteLater();
    }
    for (auto* l : m_placeholders) {
        l->deleteLater();
    }
    m_heatmaps.clear();
    m_placeholders.clear();
    m_header->setText(tr("<b>Where each decoder looks</b> while writing the same French words (written by the %1 "
                         "model): rows = French, columns = English, one colour scale 0…1 for all.")
                          .arg(scoreNameLabel(data.targetSource).toHtmlEscaped()));
    int slot = 0;
    for (const ComparedModel& m : data.models) {
        const int row = slot / kColumns, col = slot % kColumns;
        ++slot;
        if (m.cross.queries == 0) {
            auto* label = new QLabel(tr("<b>%1</b><br><br>no attention:<br>the decoder sees one fixed vector for "
                                        "the whole sentence")
                                         .arg(scoreNameLabel(m.score).toHtmlEscaped()),
                                     this);
            label->setAlignment(Qt::AlignCenter);
            label->setWordWrap(true);
            label->setMinimumWidth(60);
            label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
            label->setStyleSheet(placeholderStyle(m_minPx));
            m_grid->addWidget(label, row, col);
            m_placeholders.push_back(label);
            continue;
        }
        auto* view = new HeatmapView(this);
        view->setMinimumSize(120, 120); // eight maps must fit a laptop screen; the splitter gives them the room
        view->setColorMap(m_colorMap);
        view->setShowValues(false);
        view->setMatrix(m.cross.weights, m.cross.queries, m.cross.keys, m.cross.queryLabels, m.cross.keyLabels);
        view->setValueRange(0.0, 1.0);
        view->setTitle(scoreNameLabel(m.score));
        view->setProperty("attnScore", m.score);
        view->setProperty("attnSlot", slot - 1);
        view->setProperty("attnRowLabels", m.cross.queryLabels);
        connect(view->plot(), &QCustomPlot::afterLayout, this, &ScoresCompareView::scheduleEqualColumns);
        // The title in the function's colour, large enough to read from the back of a room.
        if (auto* title = qobject_cast<QCPTextElement*>(view->plot()->plotLayout()->element(0, 0))) {
            QFont f = title->font();
            f.setPixelSize(18);
            f.setBold(true);
            title->setFont(f);
            title->setTextColor(modelColour(m.score));
        }
        m_grid->addWidget(view, row, col);
        m_heatmaps.push_back(view);
    }
    m_data = data;
    fillPlot(data);
    applyTextSize();
}

void ScoresCompareView::setMinimumTextPixels(int px)
{
    m_minPx = std::max(0, px);
    applyTextSize();
}

void ScoresCompareView::applyTextSize()
{
    m_header->setStyleSheet(labelStyle(m_minPx));
    for (QLabel* label : m_placeholders) {
        label->setStyleSheet(placeholderStyle(m_minPx));
    }
    for (HeatmapView* view : m_heatmaps) {
        view->setMinimumTextPixels(m_minPx);
        view->setMinimumHeight(m_minPx > 0 ? 80 : 120); // presenting, the table's rows need the height
        // Presenting, the columns' widths are what equalColumns asks for (their stretch), not the plots' hints.
        view->setSizePolicy(m_minPx > 0 ? QSizePolicy::Ignored : QSizePolicy::Preferred, QSizePolicy::Preferred);
        if (auto* title = qobject_cast<QCPTextElement*>(view->plot()->plotLayout()->element(0, 0))) {
            title->setTextColor(textColour(view->property("attnScore").toString(), m_minPx));
        }
        view->plot()->replot(QCustomPlot::rpQueuedReplot);
    }
    showLabelsAtEdges();
    m_table->setStyleSheet(tableStyle(m_minPx));
    fillTable(m_data); // presenting, in two halves side by side
    // Presenting, the rows share the table's height, and the table is as tall as all of them at their text's
    // height, so that every model stays in view at the larger size; normally the rows have the height new rows get.
    m_table->verticalHeader()->setSectionResizeMode(m_minPx > 0 ? QHeaderView::Stretch : QHeaderView::Interactive);
    const int rowHeight = m_minPx > 0 ? int(m_minPx * 1.25) + 2 : m_normalMinSection;
    m_table->verticalHeader()->setMinimumSectionSize(rowHeight);
    if (m_minPx == 0) {
        for (int r = 0; r < m_table->rowCount(); ++r) {
            m_table->setRowHeight(r, m_table->verticalHeader()->defaultSectionSize());
        }
        m_table->setMinimumSize(0, 0);
    } else {
        m_table->ensurePolished();
        const int frame = 2 * m_table->frameWidth() + 2;
        m_table->setMinimumSize(m_table->horizontalHeader()->length() + frame,
                                m_table->horizontalHeader()->sizeHint().height() + rowHeight * m_table->rowCount() +
                                    frame);
    }
    // Presenting, the table's names in the lines' colours are the legend: the plot has the width the legend took.
    if (m_minPx == 0) {
        showLegend(true);
    }
    presentPlotText(m_plot, m_minPx);
    if (m_minPx > 0) {
        showLegend(false);
    }
    // Presenting, the unit alone: the plot can be shorter than a longer title at the larger size.
    m_plot->yAxis->setLabel(m_minPx > 0 ? QStringLiteral("%") : tr("token accuracy (%)"));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ScoresCompareView::showLegend(bool shown)
{
    QCPLayoutGrid* grid = m_plot->plotLayout();
    if (shown == m_plot->legend->visible()) {
        return;
    }
    if (shown) {
        grid->addElement(0, 1, m_plot->legend);
        grid->setColumnStretchFactor(1, 0.001);
    } else {
        grid->take(m_plot->legend);
        grid->simplify();
    }
    m_plot->legend->setVisible(shown);
}

void ScoresCompareView::showLabelsAtEdges()
{
    // Presenting, the maps share their labels and their colour scale (the header says so): the token labels of the
    // rows only where they differ from the map's left neighbour (the first column), the scale only beside the last
    // column. Each map's cells get the room the repeated labels and scales took.
    std::map<int, HeatmapView*> bySlot;
    int lastColumn = 0;
    for (HeatmapView* view : m_heatmaps) {
        const int slot = view->property("attnSlot").toInt();
        bySlot[slot] = view;
        lastColumn = std::max(lastColumn, slot % kColumns);
    }
    for (const auto& [slot, view] : bySlot) {
        const auto left = slot % kColumns > 0 ? bySlot.find(slot - 1) : bySlot.end();
        const bool sameAsLeft = left != bySlot.end() && left->second->property("attnRowLabels").toStringList() ==
                                                            view->property("attnRowLabels").toStringList();
        view->setRowLabelsShown(m_minPx == 0 || !sameAsLeft);
        view->setColorScaleShown(m_minPx == 0 || slot % kColumns == lastColumn);
    }
    scheduleEqualColumns();
}

void ScoresCompareView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    // The columns' minimum widths fill the old width: they would keep the maps from getting narrower.
    for (int c = 0; c < kColumns; ++c) {
        m_grid->setColumnMinimumWidth(c, 0);
    }
    scheduleEqualColumns();
}

void ScoresCompareView::scheduleEqualColumns()
{
    if (!m_columnsPending) {
        m_columnsPending = true;
        QTimer::singleShot(0, this, &ScoresCompareView::equalColumns);
    }
}

void ScoresCompareView::equalColumns()
{
    m_columnsPending = false;
    // Columns whose maps carry labels or the scale are wider by that much, so that every map's cells get the same
    // width (normally every column has the same share).
    std::vector<int> extra(std::size_t(kColumns), 0);
    if (m_minPx > 0) {
        for (HeatmapView* view : m_heatmaps) {
            const int column = view->property("attnSlot").toInt() % kColumns;
            extra[std::size_t(column)] = std::max(extra[std::size_t(column)], view->decorationWidth());
        }
    }
    const int extras = std::accumulate(extra.begin(), extra.end(), 0);
    const int room = m_grid->geometry().width() - m_grid->horizontalSpacing() * (kColumns - 1);
    if (room <= 0) {
        return; // not laid out yet
    }
    const int cells = std::max(1, (room - extras) / kColumns);
    bool changed = false;
    for (int c = 0; c < kColumns; ++c) {
        // (as minimum widths: together they fill the row, so the grid cannot share the width otherwise)
        const int width = extras == 0 ? 0 : cells + extra[std::size_t(c)];
        if (m_grid->columnMinimumWidth(c) != width) {
            m_grid->setColumnMinimumWidth(c, width);
            changed = true;
        }
    }
    if (changed) {
        // A layout whose request came while it was hidden waits for the next show: lay it out now.
        m_grid->activate();
    }
}

void ScoresCompareView::fillTable(const ScoresCompareData& data)
{
    const QStringList buckets = data.models.empty() ? QStringList() : data.models.front().buckets;
    // Presenting, the overall figures only (accuracy by length is the plot beside), the models in two halves side
    // by side: half as many rows to fit the height at the larger size.
    const int halves = m_minPx > 0 ? 2 : 1;
    const int models = int(data.models.size());
    const int rows = (models + halves - 1) / halves;
    // Short headers so that every column fits; the tooltip says what they are.
    QStringList headers{tr("scoring"), tr("exact"), tr("tokens")};
    if (halves == 1) {
        for (const QString& b : buckets) {
            headers << b;
        }
        headers << tr("reordered\n1-19") << tr("same order\n1-19");
    } else {
        headers += headers;
    }
    const int columns = int(headers.size()) / halves;
    m_table->setToolTip(tr("Held-out test sentences: exact-match rate, token accuracy, token accuracy by English "
                           "sentence length (words), and token accuracy on sentences of 1-19 words whose French word "
                           "order differs from the English (adjective phrases: \"the european economic area\" -> "
                           "\"la zone économique européenne\") or not"));
    m_table->clear();
    m_table->setColumnCount(int(headers.size()));
    m_table->setHorizontalHeaderLabels(headers);
    m_table->setRowCount(rows);
    for (int i = 0; i < models; ++i) {
        const ComparedModel& m = data.models[std::size_t(i)];
        const int r = i % rows, c0 = (i / rows) * columns;
        auto* name = new QTableWidgetItem(scoreNameLabel(m.score));
        name->setData(Qt::UserRole, m.score);
        name->setForeground(textColour(m.score, m_minPx));
        QFont bold = name->font();
        bold.setBold(true);
        name->setFont(bold);
        m_table->setItem(r, c0, name);
        m_table->setItem(r, c0 + 1, new QTableWidgetItem(percent(m.allExactMatch)));
        m_table->setItem(r, c0 + 2, new QTableWidgetItem(percent(m.allTokenAccuracy)));
        if (halves > 1) {
            continue;
        }
        for (int b = 0; b < int(m.tokenAccuracy.size()); ++b) {
            m_table->setItem(r, 3 + b, new QTableWidgetItem(percent(m.tokenAccuracy[std::size_t(b)])));
        }
        const int orderColumn = 3 + int(buckets.size());
        for (const auto& [offset, value] : {std::pair{0, m.reorderedTokenAccuracy}, {1, m.sameOrderTokenAccuracy}}) {
            m_table->setItem(r, orderColumn + offset,
                             new QTableWidgetItem(value >= 0.0 ? percent(value) : QStringLiteral("—")));
        }
    }
    m_table->resizeColumnsToContents();
}

void ScoresCompareView::fillPlot(const ScoresCompareData& data)
{
    m_plot->clearGraphs();
    const QStringList buckets = data.models.empty() ? QStringList() : data.models.front().buckets;
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int b = 0; b < buckets.size(); ++b) {
        ticker->addTick(b, buckets[b]);
    }
    QFont font = m_plot->font();
    font.setPixelSize(14);
    m_plot->xAxis->setTicker(ticker);
    m_plot->xAxis->setLabel(tr("English sentence length (words)"));
    m_plot->yAxis->setLabel(tr("token accuracy (%)"));
    for (QCPAxis* axis : {m_plot->xAxis, m_plot->yAxis}) {
        axis->setTickLabelFont(font);
        axis->setLabelFont(font);
    }
    m_plot->xAxis->setRange(-0.3, std::max<int>(1, int(buckets.size()) - 1) + 0.3);
    m_plot->yAxis->setRange(0, 100);
    for (const ComparedModel& m : data.models) {
        QCPGraph* g = m_plot->addGraph();
        g->setName(scoreNameLabel(m.score));
        QPen pen(modelColour(m.score), m.score == QLatin1String("none") ? 3.5 : 2.0);
        if (m.score == QLatin1String("none")) {
            pen.setStyle(Qt::DashLine);
        }
        g->setPen(pen);
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 7));
        for (int b = 0; b < int(m.tokenAccuracy.size()); ++b) {
            g->addData(b, m.tokenAccuracy[std::size_t(b)] * 100.0);
        }
    }
    m_plot->legend->setFont(font);
    m_plot->replot();
}

} // namespace attn
