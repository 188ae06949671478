#include "gui/textviews.h"

#include "core/attentionanalysis.h"
#include "views/compareview.h"
#include "views/headview.h"
#include "views/heatmapview.h"
#include "views/modelgridview.h"

#include <QComboBox>
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

#include <stdexcept>

namespace attn {

namespace {

QScrollArea* scrolled(QWidget* view, QWidget* parent)
{
    auto* area = new QScrollArea(parent);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setWidget(view);
    return area;
}

} // namespace

TextViews::TextViews(QTabWidget* tabs, QWidget* owner) : QObject(owner), m_tabs(tabs)
{
    m_head = new HeadView(owner);
    m_matrix = new HeatmapView(owner);
    m_matrix->setAxisTitles(tr("query"), tr("key"));
    m_model = new ModelGridView(owner);
    m_compare = new CompareView(owner);
    auto* statsPage = new QWidget(owner);
    auto* statsLayout = new QVBoxLayout(statsPage);
    statsLayout->setContentsMargins(0, 0, 0, 0);
    m_statCombo = new QComboBox(statsPage);
    m_statCombo->addItem(tr("Entropy of each head (nats; 0 = one key)"));
    m_statCombo->addItem(tr("Mean distance attended (tokens)"));
    m_statCombo->addItem(tr("Share of weight on the first token"));
    m_stats = new HeatmapView(statsPage);
    m_stats->setAxisTitles(tr("layer"), tr("head"));
    statsLayout->addWidget(m_statCombo);
    statsLayout->addWidget(m_stats, 1);
    m_tabs->addTab(scrolled(m_head, owner), tr("Head"));
    m_tabs->addTab(m_matrix, tr("Matrix"));
    m_tabs->addTab(scrolled(m_model, owner), tr("Model"));
    m_tabs->addTab(m_compare, tr("Compare"));
    m_tabs->addTab(statsPage, tr("Statistics"));
    m_dirty.assign(std::size_t(m_tabs->count()), true);

    connect(m_tabs, &QTabWidget::currentChanged, this, &TextViews::updateCurrent);
    connect(m_statCombo, &QComboBox::currentIndexChanged, this, &TextViews::updateStats);
    // The views count kept rows; the panel's choices are the model's layer numbers.
    connect(m_model, &ModelGridView::headActivated, this,
            [this](int row, int head) { Q_EMIT headActivated(m_model->layerNumber(row), head); });
    connect(m_stats, &HeatmapView::cellClicked, this, [this](int row, int head) {
        try {
            if (m_set) {
                Q_EMIT headActivated(selectedBlock(*m_set, m_selection).layerNumber(row), head);
            }
        } catch (const std::invalid_argument& e) {
            Q_EMIT errorOccurred(QString::fromStdString(e.what()));
        }
    });
    connect(m_head, &HeadView::querySelected, this, [this](int query) {
        m_selectToken = query >= 0 ? m_head->queryLabels().value(query) : QString();
    });
    connect(m_head, &HeadView::tokenHovered, this,
            [this](HeadView::Side side, int index) { describeHover(int(side), index); });
    connect(m_matrix, &HeatmapView::cellHovered, this, [this](int row, int col, double value) {
        Q_EMIT hoverText(tr("query %1 → key %2: %3").arg(row).arg(col).arg(value, 0, 'f', 4));
    });
}

void TextViews::setAttention(std::shared_ptr<const AttentionSet> set, std::shared_ptr<const AttentionSet> second)
{
    m_set = std::move(set);
    m_second = std::move(second);
}

void TextViews::show(const AttentionSelection& selection, bool soloHead)
{
    m_selection = selection;
    m_solo = m_solo || soloHead;
    std::fill(m_dirty.begin(), m_dirty.end(), true);
    updateCurrent();
}

void TextViews::setCompareCaptions(const QString& first, const QString& second)
{
    m_captionA = first;
    m_captionB = second;
}

TextViews::Tab TextViews::currentTab() const
{
    return Tab(m_tabs->currentIndex());
}

void TextViews::setCurrentTab(Tab tab)
{
    m_tabs->setCurrentIndex(int(tab));
}

void TextViews::updateCurrent()
{
    const int tab = m_tabs->currentIndex();
    if (tab < 0 || tab >= int(m_dirty.size()) || !m_dirty[std::size_t(tab)]) {
        return;
    }
    m_dirty[std::size_t(tab)] = false;
    if (!m_set) {
        return;
    }
    try {
        switch (Tab(tab)) {
        case HeadTab:
            updateHead();
            break;
        case MatrixTab:
            updateMatrix();
            break;
        case ModelTab:
            updateModel();
            break;
        case CompareTab:
            updateCompare();
            break;
        case StatsTab:
            updateStats();
            break;
        }
    } catch (const std::invalid_argument& e) {
        Q_EMIT errorOccurred(QString::fromStdString(e.what()));
        return;
    }
    Q_EMIT updated();
}

void TextViews::updateHead()
{
    const AttentionSelection& sel = m_selection;
    m_head->setHeads(headLinesFor(*m_set, sel));
    QString title = describeSelection(*m_set, sel);
    if (sel.aggregation == Aggregation::None) {
        // A head change shows that head alone, unless the user already set the swatches to exactly it.
        if (m_solo && !(m_head->isHeadEnabled(sel.head) && m_head->headCount() > 1 &&
                        !m_head->isHeadEnabled((sel.head + 1) % m_head->headCount()))) {
            m_head->soloHead(sel.head);
        }
        title = title.section(QStringLiteral(", head"), 0, 0);
    }
    m_solo = false;
    m_head->setTitle(title);
    const QString keep = m_selectToken;
    m_head->setSelectedQuery(tokenIndex(m_head->queryLabels(), keep));
    m_selectToken = keep; // a sentence without the token keeps it for the next one
}

void TextViews::updateMatrix()
{
    const AttentionMap map = selectedMap(*m_set, m_selection);
    m_matrix->setMatrix(map.weights, map.queries, map.keys, map.queryLabels, map.keyLabels);
    m_matrix->setTitle(describeSelection(*m_set, m_selection));
}

void TextViews::updateModel()
{
    const AttentionBlock& block = selectedBlock(*m_set, m_selection);
    if (!m_gridBlock || m_gridBlock->name != block.name || m_gridBlock->weights != block.weights) {
        m_gridBlock = std::make_shared<const AttentionBlock>(block);
        m_model->setBlock(m_gridBlock);
    }
    // When memory kept only some layers, the title says so: the rows are not the whole model.
    QStringList kept;
    for (const int n : block.layerNumbers) {
        kept << QString::number(n);
    }
    m_model->setTitle(
        kept.isEmpty() ? tr("%1: every layer and head (colour: square root of the weight)").arg(blockLabel(block.name))
                       : tr("%1: the kept layers %2, every head (colour: square root of the weight)")
                             .arg(blockLabel(block.name), kept.join(QStringLiteral(", "))));
    m_model->setSelected(selectedLayer(block, m_selection), m_selection.head);
}

void TextViews::updateCompare()
{
    if (!m_second) {
        m_compare->clear();
        return;
    }
    const AttentionSelection& sel = m_selection;
    const bool head = sel.aggregation == Aggregation::None;
    m_compare->setPair(selectedMap(*m_set, sel), tr("A: %1").arg(m_captionA), selectedMap(*m_second, sel),
                       tr("B: %1").arg(m_captionB),
                       head ? QStringLiteral("H%1").arg(sel.head) : aggregationId(sel.aggregation),
                       head ? HeadView::headColor(sel.head) : QColor(60, 60, 60));
    m_compare->setSelectedQuery(tokenIndex(m_compare->headViewA()->queryLabels(), m_selectToken));
}

void TextViews::updateStats()
{
    if (!m_set) {
        return;
    }
    try {
        const AttentionBlock& block = selectedBlock(*m_set, m_selection);
        const int which = m_statCombo->currentIndex();
        std::vector<float> values;
        for (const auto& s : headStatistics(block)) {
            values.push_back(float(which == 0 ? s.entropy : which == 1 ? s.meanDistance : s.firstTokenShare));
        }
        QStringList layers, heads;
        for (int l = 0; l < block.layers; ++l) {
            layers << QStringLiteral("L%1").arg(block.layerNumber(l));
        }
        for (int h = 0; h < block.heads; ++h) {
            heads << QStringLiteral("H%1").arg(h);
        }
        m_stats->setMatrix(values, block.layers, block.heads, layers, heads);
        if (which == 2) {
            m_stats->setValueRange(0.0, 1.0);
        } else {
            m_stats->setAutoValueRange();
        }
        m_stats->setTitle(
            tr("%1 of %2 (click a head to open it)").arg(m_statCombo->currentText(), blockLabel(block.name)));
    } catch (const std::invalid_argument& e) {
        Q_EMIT errorOccurred(QString::fromStdString(e.what()));
    }
}

void TextViews::describeHover(int side, int index)
{
    if (HeadView::Side(side) == HeadView::Side::None) {
        return;
    }
    const QString token = HeadView::Side(side) == HeadView::Side::Query ? m_head->queryLabels().value(index)
                                                                        : m_head->keyLabels().value(index);
    DrawnLine best;
    for (const auto& l : m_head->drawnLines()) {
        best = l.weight > best.weight ? l : best;
    }
    Q_EMIT hoverText(best.weight > 0.0f ? tr("%1: strongest line %2 → %3, weight %4")
                                              .arg(token, m_head->queryLabels().value(best.query),
                                                   m_head->keyLabels().value(best.key))
                                              .arg(double(best.weight), 0, 'f', 3)
                                        : token);
}

bool TextViews::exportTo(const QString& path, QString* error) const
{
    switch (currentTab()) {
    case HeadTab:
        return m_head->exportTo(path, error);
    case MatrixTab:
        return m_matrix->exportTo(path, error);
    case ModelTab:
        return m_model->exportTo(path, error);
    case CompareTab:
        return m_compare->exportTo(path, error);
    case StatsTab:
        return m_stats->exportTo(path, error);
    }
    return false;
}

void TextViews::setColorMap(ColorMap map)
{
    m_matrix->setColorMap(map);
    m_stats->setColorMap(map);
    m_model->setColorMap(map);
    m_compare->setColorMap(map);
}

} // namespace attn
