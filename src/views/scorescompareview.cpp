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
#include <QVBoxLayout>
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
    fillTable(data);
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
    if (auto* box = qobject_cast<QBoxLayout*>(layout())) {
        // Presenting, the table and plot get more of the height (their text grew more than the maps need).
        box->setStretch(1, m_minPx > 0 ? 1 : 2);
        box->setStretch(2, 1); // ten rows of the table at the presentation size
    }
    for (QLabel* label : m_placeholders) {
        label->setStyleSheet(placeholderStyle(m_minPx));
    }
    for (HeatmapView* view : m_heatmaps) {
        view->setMinimumTextPixels(m_minPx);
        view->setMinimumHeight(m_minPx > 0 ? 80 : 120); // presenting, ten rows of the table need the height
        if (auto* title = qobject_cast<QCPTextElement*>(view->plot()->plotLayout()->element(0, 0))) {
            title->setTextColor(textColour(view->property("attnScore").toString(), m_minPx));
        }
        view->plot()->replot(QCustomPlot::rpQueuedReplot);
    }
    m_table->setStyleSheet(tableStyle(m_minPx));
    // Presenting, the table keeps the overall figures; accuracy by length is the plot beside it.
    for (int c = 3; c < m_table->columnCount(); ++c) {
        m_table->setColumnHidden(c, m_minPx > 0);
    }
    for (int r = 0; r < m_table->rowCount(); ++r) {
        if (QTableWidgetItem* name = m_table->item(r, 0)) {
            name->setForeground(textColour(name->data(Qt::UserRole).toString(), m_minPx));
        }
    }
    m_table->resizeColumnsToContents();
    // Presenting, the rows share the table's height, so that every model stays in view at the larger size;
    // normally they have the height new rows get.
    m_table->verticalHeader()->setSectionResizeMode(m_minPx > 0 ? QHeaderView::Stretch : QHeaderView::Interactive);
    // Stretched rows may be as low as their text: ten models share the height.
    m_table->verticalHeader()->setMinimumSectionSize(m_minPx > 0 ? int(m_minPx * 1.25) + 2 : m_normalMinSection);
    if (m_minPx == 0) {
        for (int r = 0; r < m_table->rowCount(); ++r) {
            m_table->setRowHeight(r, m_table->verticalHeader()->defaultSectionSize());
        }
    }
    presentPlotText(m_plot, m_minPx);
    // Presenting, the unit alone: the plot can be shorter than a longer title at the larger size.
    m_plot->yAxis->setLabel(m_minPx > 0 ? QStringLiteral("%") : tr("token accuracy (%)"));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ScoresCompareView::fillTable(const ScoresCompareData& data)
{
    const QStringList buckets = data.models.empty() ? QStringList() : data.models.front().buckets;
    // Short headers so that every column fits; the tooltip says what they are.
    QStringList headers{tr("scoring"), tr("exact"), tr("tokens")};
    for (const QString& b : buckets) {
        headers << b;
    }
    headers << tr("reordered\n1-19") << tr("same order\n1-19");
    m_table->setToolTip(tr("Held-out test sentences: exact-match rate, token accuracy, token accuracy by English "
                           "sentence length (words), and token accuracy on sentences of 1-19 words whose French word "
                           "order differs from the English (adjective phrases: \"the european economic area\" -> "
                           "\"la zone économique européenne\") or not"));
    m_table->clear();
    m_table->setColumnCount(int(headers.size()));
    m_table->setHorizontalHeaderLabels(headers);
    m_table->setRowCount(int(data.models.size()));
    for (int r = 0; r < int(data.models.size()); ++r) {
        const ComparedModel& m = data.models[std::size_t(r)];
        auto* name = new QTableWidgetItem(scoreNameLabel(m.score));
        name->setData(Qt::UserRole, m.score);
        name->setForeground(modelColour(m.score));
        QFont bold = name->font();
        bold.setBold(true);
        name->setFont(bold);
        m_table->setItem(r, 0, name);
        m_table->setItem(r, 1, new QTableWidgetItem(percent(m.allExactMatch)));
        m_table->setItem(r, 2, new QTableWidgetItem(percent(m.allTokenAccuracy)));
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
