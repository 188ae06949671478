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
    connect(m_w.layer, &QSpinBox::valueChanged, this, [this](int value) {
        snapLayer(value);
        Q_EMIT changed(false);
    });
    connect(m_w.head, &QSpinBox::valueChanged, this, [this] { Q_EMIT changed(true); });
    connect(m_w.aggregation, &QComboBox::currentIndexChanged, this, changedOther);
    connect(m_w.hidePunctuation, &QCheckBox::toggled, this, changedOther);
    connect(m_w.hideSpecial, &QCheckBox::toggled, this, changedOther);
    connect(m_w.hideTokens, &QLineEdit::editingFinished, this, changedOther);
}

void SelectionControls::setAttention(const AttentionSet* set, int modelLayers)
{
    m_set = set;
    m_modelLayers = std::max(0, modelLayers);
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

const AttentionBlock* SelectionControls::currentBlock() const
{
    return m_set ? m_set->block(m_w.kind->currentData().toString()) : nullptr;
}

bool SelectionControls::layerMissing() const
{
    const AttentionBlock* block = currentBlock();
    return block && block->layerIndex(m_w.layer->value()) < 0;
}

void SelectionControls::snapLayer(int value)
{
    // Without a model to run again, a layer the run lacks cannot be shown: step on to the next kept one.
    const AttentionBlock* block = currentBlock();
    if (block && m_modelLayers == 0 && block->layerIndex(value) < 0 && block->layers > 0) {
        const bool up = value >= m_lastLayer;
        int best = up ? block->layerNumber(block->layers - 1) : block->layerNumber(0);
        for (int i = 0; i < block->layers; ++i) {
            const int n = block->layerNumber(up ? i : block->layers - 1 - i);
            if (up ? n >= value : n <= value) {
                best = n;
                break;
            }
        }
        const QSignalBlocker blocker(m_w.layer);
        m_w.layer->setValue(best);
    }
    m_lastLayer = m_w.layer->value();
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
        snapLayer(m_w.layer->value());
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
    // The model's layer numbers: every layer of the model when it can run again for one, else the run's own.
    m_w.layer->setRange(m_modelLayers > 0 ? 0 : block->layerNumber(0),
                        m_modelLayers > 0 ? m_modelLayers - 1 : block->layerNumber(block->layers - 1));
    QStringList kept;
    for (int i = 0; i < block->layers && !block->layerNumbers.empty(); ++i) {
        kept << QString::number(block->layerNumber(i));
    }
    m_w.layer->setToolTip(
        kept.isEmpty() ? QString()
        : m_modelLayers > 0
            ? tr("The model's layer number. This run kept layers %1; choosing "
                 "another runs the model again for it.")
                  .arg(kept.join(QStringLiteral(", ")))
            : tr("The model's layer number. This attention holds layers %1.").arg(kept.join(QStringLiteral(", "))));
    snapLayer(m_w.layer->value());
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
