#pragma once

#include "core/attentionselection.h"

#include <QObject>
#include <QVariantMap>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace attn {

// The Text panel's choice of what to show: block kind, layer, head (from 0), aggregation over heads and the
// token filter. Drives the panel's form widgets (it owns none) and keeps their ranges to the current run:
// layers and heads of the chosen block, rollout only where queries and keys are the same tokens.
class SelectionControls : public QObject
{
    Q_OBJECT
public:
    struct Widgets
    {
        QComboBox* kind;
        QSpinBox* layer;
        QSpinBox* head;
        QComboBox* aggregation;
        QCheckBox* hidePunctuation;
        QCheckBox* hideSpecial;
        QLineEdit* hideTokens;
    };

    SelectionControls(const Widgets& widgets, QObject* parent);

    // A new run: lists its blocks (keeping the chosen kind if the run has it, else the encoder's) and ranges.
    // The layer box shows the model's layer numbers. modelLayers > 0: the model has that many layers and any of
    // them may be chosen, kept or not (the panel runs the model again for one that was not kept); 0: only the
    // run's layers (a layer between kept ones steps on to the next kept one).
    void setAttention(const AttentionSet* set, int modelLayers = 0);
    // The chosen layer is one the run did not keep (only possible with setModelLayers).
    bool layerMissing() const;
    AttentionSelection selection() const;

    void setKind(const QString& kind);
    // layer: the model's number.
    void setLayerHead(int layer, int head);
    void setAggregation(Aggregation aggregation);
    void setFilter(const TokenFilter& filter);
    // The choices as stored in the settings, and back; unknown values fall back to one head, no filter.
    QVariantMap toMap() const;
    void restore(const QVariantMap& map);
    void restore(const AttentionSelection& selection);

Q_SIGNALS:
    // Something the views show changed; headChanged: the head itself (the head view then shows it alone).
    void changed(bool headChanged);

private:
    void updateRanges();

    void snapLayer(int value);
    const AttentionBlock* currentBlock() const;

    Widgets m_w;
    const AttentionSet* m_set = nullptr;
    int m_modelLayers = 0;
    int m_lastLayer = 0; // the layer box's previous value: a snap over a gap follows the direction of the step
};

} // namespace attn
