#include "gui/selectioncontrols.h"

#include "core/attentionanalysis.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QSpinBox>

#include <stdexcept>

namespace attn {

SelectionControls::SelectionControls(const Widgets& widgets, QObject* parent) : QObject(parent), m_w(widgets)
{
    for (const auto& id : aggregationIds()) {
        const Aggregation a = aggregationFromId(id);
        const QString label = a == Aggregation::None   ? tr("none (one head)")
                              : a == Aggregation::Mean ? tr("mean over heads")
                              : a == Aggregation::Max  ? tr("max over heads")
                                                       : tr("rollout (Abnar & Zuidema)");
        m_w.aggregation->addItem(label, id);
    }
    const auto changedOther = [this] { Q_EMIT changed(false); };
    connect(m_w.kind, &QComboBox::currentIndexChanged, this, [this] {
        updateRanges();
        Q_EMIT changed(false);
    });
    connect(m_w.layer, &QSpinBox::valueChanged, this, changedOther);
    connect(m_w.head, &QSpinBox::valueChanged, this, [this] { Q_EMIT changed(true); });
    connect(m_w.aggregation, &QComboBox::currentIndexChanged, this, changedOther);
    connect(m_w.hidePunctuation, &QCheckBox::toggled, this, changedOther);
    connect(m_w.hideSpecial, &QCheckBox::toggled, this, changedOther);
    connect(m_w.hideTokens, &QLineEdit::editingFinished, this, changedOther);
}

void SelectionControls::setAttention(const AttentionSet* set)
{
    m_set = set;
    if (m_set) {
        const QSignalBlocker blocker(m_w.kind);
        const QString previous = m_w.kind->currentData().toString();
        m_w.kind->clear();
        for (const auto& b : m_set->blocks) {
            m_w.kind->addItem(blockLabel(b.name), b.name);
        }
        const int keep = m_w.kind->findData(previous);
        const int encoder = m_w.kind->findData(QStringLiteral("encoder_self"));
        m_w.kind->setCurrentIndex(keep >= 0 ? keep : std::max(0, encoder));
    }
    updateRanges();
}

AttentionSelection SelectionControls::selection() const
{
    AttentionSelection sel;
    sel.kind = m_w.kind->currentData().toString();
    sel.layer = m_w.layer->value();
    sel.head = m_w.head->value();
    sel.aggregation = aggregationFromId(m_w.aggregation->currentData().toString());
    sel.filter.punctuation = m_w.hidePunctuation->isChecked();
    sel.filter.specialTokens = m_w.hideSpecial->isChecked();
    for (const auto& t : m_w.hideTokens->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!t.trimmed().isEmpty()) {
            sel.filter.tokens << t.trimmed();
        }
    }
    return sel;
}

void SelectionControls::setKind(const QString& kind)
{
    const int i = m_w.kind->findData(kind);
    if (i >= 0) {
        m_w.kind->setCurrentIndex(i);
    }
}

void SelectionControls::setLayerHead(int layer, int head)
{
    {
        const QSignalBlocker b1(m_w.layer);
        const QSignalBlocker b2(m_w.head);
        m_w.layer->setValue(layer);
        m_w.head->setValue(head);
    }
    Q_EMIT changed(true);
}

void SelectionControls::setAggregation(Aggregation aggregation)
{
    m_w.aggregation->setCurrentIndex(m_w.aggregation->findData(aggregationId(aggregation)));
}

void SelectionControls::setFilter(const TokenFilter& filter)
{
    {
        const QSignalBlocker b1(m_w.hidePunctuation);
        const QSignalBlocker b2(m_w.hideSpecial);
        m_w.hidePunctuation->setChecked(filter.punctuation);
        m_w.hideSpecial->setChecked(filter.specialTokens);
        m_w.hideTokens->setText(filter.tokens.join(QStringLiteral(", ")));
    }
    Q_EMIT changed(false);
}

QVariantMap SelectionControls::toMap() const
{
    const AttentionSelection sel = selection();
    return QVariantMap{{"kind", sel.kind},
                       {"layer", sel.layer},
                       {"head", sel.head},
                       {"aggregation", aggregationId(sel.aggregation)},
                       {"punctuation", sel.filter.punctuation},
                       {"special", sel.filter.specialTokens},
                       {"tokens", sel.filter.tokens.join(QStringLiteral(", "))}};
}

void SelectionControls::restore(const QVariantMap& map)
{
    AttentionSelection sel;
    sel.kind = map.value("kind").toString();
    sel.layer = map.value("layer").toInt();
    sel.head = map.value("head").toInt();
    try {
        sel.aggregation = aggregationFromId(map.value("aggregation").toString());
    } catch (const std::invalid_argument&) {
        sel.aggregation = Aggregation::None;
    }
    sel.filter.punctuation = map.value("punctuation").toBool();
    sel.filter.specialTokens = map.value("special").toBool();
    sel.filter.tokens = map.value("tokens").toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    restore(sel);
}

void SelectionControls::restore(const AttentionSelection& selection)
{
    setKind(selection.kind);
    updateRanges();
    setFilter(selection.filter);
    setAggregation(selection.aggregation);
    setLayerHead(selection.layer, selection.head);
}

void SelectionControls::updateRanges()
{
    if (!m_set) {
        return;
    }
    const AttentionBlock* block = m_set->block(m_w.kind->currentData().toString());
    if (!block) {
        return;
    }
    const QSignalBlocker b1(m_w.layer);
    const QSignalBlocker b2(m_w.head);
    m_w.layer->setRange(0, block->layers - 1);
    m_w.head->setRange(0, block->heads - 1);
    // Rollout multiplies token-to-token maps: it needs queries and keys to be the same tokens.
    const bool rolloutOk = block->queryLabels == block->keyLabels;
    m_w.aggregation->setItemData(int(Aggregation::Rollout), rolloutOk ? QVariant() : 0, Qt::UserRole - 1);
    if (!rolloutOk && m_w.aggregation->currentIndex() == int(Aggregation::Rollout)) {
        const QSignalBlocker b3(m_w.aggregation);
        m_w.aggregation->setCurrentIndex(int(Aggregation::Mean));
    }
}

} // namespace attn
