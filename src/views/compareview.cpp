#include "views/compareview.h"

#include "views/exporter.h"
#include "views/headview.h"
#include "views/heatmapview.h"
#include "views/presenttext.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <cmath>
#include <qcustomplot.h>
#include <stdexcept>

namespace attn {

CompareView::CompareView(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* pair = new QHBoxLayout;
    m_a = new HeadView(this);
    m_b = new HeadView(this);
    pair->addWidget(m_a);
    pair->addWidget(m_b);
    layout->addLayout(pair, 3);

    m_diffStack = new QStackedWidget(this);
    m_diff = new HeatmapView(m_diffStack);
    m_diff->setShowValues(false); // the diverging scale and the tooltip carry the values
    m_diff->setAxisTitles(tr("query"), tr("key"));
    // A diverging scale centred on zero: the sign of A - B matters, not only its size.
    if (auto* map = qobject_cast<QCPColorMap*>(m_diff->plot()->plottable(0))) {
        QCPColorGradient diverging;
        diverging.setColorStopAt(0.0, QColor(33, 102, 172));
        diverging.setColorStopAt(0.5, QColor(247, 247, 247));
        diverging.setColorStopAt(1.0, QColor(178, 24, 43));
        map->setGradient(diverging);
    }
    m_message = new QLabel(m_diffStack);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_diffStack->addWidget(m_diff);
    m_diffStack->addWidget(m_message);
    layout->addWidget(m_diffStack, 2);

    for (auto [from, to] : {std::pair{m_a, m_b}, std::pair{m_b, m_a}}) {
        connect(from, &HeadView::querySelected, this, [to = to](int q) { to->setSelectedQuery(q); });
        connect(from, &HeadView::headsChanged, this,
                [from = from, to = to] { to->setHeadEnabled(0, from->isHeadEnabled(0)); });
    }
    clear();
}

CompareView::~CompareView() = default;

void CompareView::setPair(const AttentionMap& a, const QString& titleA, const AttentionMap& b, const QString& titleB,
                          const QString& name, const QColor& color)
{
    const int selected = m_a->selectedQuery();
    m_a->setHeads({{a, name, color}});
    m_b->setHeads({{b, name, color}});
    m_a->setTitle(titleA);
    m_b->setTitle(titleB);
    try {
        m_difference = difference(a, b);
    } catch (const std::invalid_argument& e) {
        m_difference = AttentionMap();
        m_message->setText(tr("No difference map: the two sentences have %1 and %2 tokens, so they do not line "
                              "up token by token.")
                               .arg(a.keys)
                               .arg(b.keys));
        m_diffStack->setCurrentWidget(m_message);
        setSelectedQuery(selected);
        return;
    }
    float largest = 0.0f;
    for (float v : m_difference.weights) {
        largest = std::max(largest, std::abs(v));
    }
    m_diff->setMatrix(m_difference.weights, m_difference.queries, m_difference.keys, m_difference.queryLabels,
                      m_difference.keyLabels);
    const double range = std::max(0.05f, largest);
    m_diff->setValueRange(-range, range);
    m_diff->setTitle(tr("%1: A − B (red: more in A, blue: more in B)").arg(name));
    m_diffStack->setCurrentWidget(m_diff);
    setSelectedQuery(selected);
}

void CompareView::clear()
{
    m_a->clear();
    m_b->clear();
    m_difference = AttentionMap();
    m_message->setText(tr("Run two sentences to compare them."));
    m_diffStack->setCurrentWidget(m_message);
}

void CompareView::setSelectedQuery(int query)
{
    m_a->setSelectedQuery(query);
    m_b->setSelectedQuery(query);
}

void CompareView::setColorMap(ColorMap)
{
    // The head views use head colours and the difference its diverging scale: nothing follows the colour map.
}

void CompareView::setMinimumTextPixels(int px)
{
    m_a->setMinimumTextPixels(px);
    m_b->setMinimumTextPixels(px);
    m_diff->setMinimumTextPixels(px);
    // An empty font gives the label back the inherited one.
    m_message->setFont(px > 0 ? atLeastPixels(font(), px) : QFont());
}

bool CompareView::hasDifference() const
{
    return m_diffStack->currentWidget() == m_diff;
}

QString CompareView::differenceMessage() const
{
    return hasDifference() ? QString() : m_message->text();
}

float CompareView::largestDifference(int* query, int* key) const
{
    float best = 0.0f;
    int bq = -1, bk = -1;
    for (int q = 0; q < m_difference.queries; ++q) {
        for (int k = 0; k < m_difference.keys; ++k) {
            if (std::abs(m_difference.at(q, k)) > std::abs(best)) {
                best = m_difference.at(q, k);
                bq = q;
                bk = k;
            }
        }
    }
    if (query) {
        *query = bq;
    }
    if (key) {
        *key = bk;
    }
    return best;
}

bool CompareView::exportTo(const QString& path, QString* error)
{
    m_diff->plot()->replot(QCustomPlot::rpImmediateRefresh);
    return exportWidget(this, path, error);
}

} // namespace attn
