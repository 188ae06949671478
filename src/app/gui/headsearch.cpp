#include "gui/headsearch.h"

#include "core/attentionanalysis.h"
#include "core/attentionselection.h"

#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <stdexcept>

namespace attn {

HeadSearch::HeadSearch(const Widgets& widgets, QObject* parent) : QObject(parent), m_w(widgets)
{
    connect(m_w.button, &QPushButton::clicked, this,
            [this] { Q_EMIT searchRequested(m_w.from->text(), m_w.to->text(), m_w.threshold->value()); });
    connect(m_w.from, &QLineEdit::returnPressed, m_w.button, &QPushButton::click);
    connect(m_w.to, &QLineEdit::returnPressed, m_w.button, &QPushButton::click);
    connect(m_w.results, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
        const QPoint lh = item->data(Qt::UserRole).toPoint();
        Q_EMIT headChosen(lh.x(), lh.y());
    });
}

QStringList HeadSearch::search(const AttentionSet* set, const AttentionSelection& selection, const QString& from,
                               const QString& to, double threshold)
{
    m_w.from->setText(from);
    m_w.to->setText(to);
    m_w.threshold->setValue(threshold);
    m_w.results->clear();
    QStringList lines;
    if (!set) {
        Q_EMIT errorOccurred(tr("Run a sentence before searching its heads."));
        return lines;
    }
    try {
        for (const auto& m : findHeads(*set, selection.kind, from, to, float(threshold))) {
            // The model's layer number, which the panel's setLayerHead takes too.
            const int layer = selectedBlock(*set, selection).layerNumber(m.layer);
            const QString line = tr("layer %1, head %2: %3").arg(layer).arg(m.head).arg(double(m.weight), 0, 'f', 3);
            auto* item = new QListWidgetItem(line, m_w.results);
            item->setData(Qt::UserRole, QPoint(layer, m.head));
            lines << line;
        }
        if (lines.isEmpty()) {
            m_w.results->addItem(tr("No head gives %1 → %2 a weight of %3 or more.").arg(from, to).arg(threshold));
        }
        Q_EMIT errorOccurred(QString());
    } catch (const std::invalid_argument& e) {
        Q_EMIT errorOccurred(QString::fromStdString(e.what()));
    }
    return lines;
}

} // namespace attn
