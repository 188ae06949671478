#include "views/scorescompareview.h"

#include "views/heatmapview.h"
#include "views/presenttext.h"
#include "views/scorefunctionlabel.h"
#include "views/scorescomparetable.h"

#include <QGridLayout>
#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>
#include <map>
#include <numeric>
#include <qcustomplot.h>

namespace attn {

namespace {

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
    m_table = new ScoresCompareTable(bottom);
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

QTableWidget* ScoresCompareView::table() const
{
    return m_table;
}

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
            title->setTextColor(comparedModelColour(m.score));
        }
        m_grid->addWidget(view, row, col);
        m_heatmaps.push_back(view);
    }
    m_table->setModels(data.models);
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
            title->setTextColor(comparedModelTextColour(view->property("attnScore").toString(), m_minPx));
        }
        view->plot()->replot(QCustomPlot::rpQueuedReplot);
    }
    showLabelsAtEdges();
    m_table->setMinimumTextPixels(m_minPx);
    narrowTable();
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
    narrowTable();
    // The columns' minimum widths fill the old width: they would keep the maps from getting narrower.
    for (int c = 0; c < kColumns; ++c) {
        m_grid->setColumnMinimumWidth(c, 0);
    }
    scheduleEqualColumns();
}

void ScoresCompareView::narrowTable()
{
    // Presenting in a narrow area (a 4:3 projector beside the lesson's text), the table's two halves with both
    // accuracies would leave the plot too narrow to read its lengths: the table shows token accuracy alone.
    const bool narrow = m_minPx > 0 && width() < 48 * m_minPx;
    m_table->setNarrow(narrow);
    // and the axis title on two lines, its unit under the words.
    QString title = tr("English sentence length (words)");
    if (narrow) {
        title.replace(QStringLiteral(" ("), QStringLiteral("\n("))
            .replace(QStringLiteral("（"), QStringLiteral("\n（"));
    }
    if (title != m_plot->xAxis->label()) {
        m_plot->xAxis->setLabel(title);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
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
        QPen pen(comparedModelColour(m.score), m.score == QLatin1String("none") ? 3.5 : 2.0);
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
