#include "gui/layerkeeper.h"

#include "core/attentionset.h"
#include "gui/selectioncontrols.h"
#include "gui/textsession.h"

namespace attn {

LayerKeeper::LayerKeeper(TextSession* session, SelectionControls* controls, QObject* parent)
    : QObject(parent), m_session(session), m_controls(controls)
{
}

bool LayerKeeper::rerunForChosenLayer()
{
    if (m_modelLayers <= 0 || !m_controls->layerMissing()) {
        return false;
    }
    const int layer = m_controls->selection().layer;
    if (layer != m_askedLayer) {
        m_askedLayer = layer;
        m_session->runForLayer(layer);
    }
    return true;
}

QString LayerKeeper::notice(const AttentionSet& shown) const
{
    if (m_modelLayers > 0 && m_controls->layerMissing() && m_askedLayer == m_controls->selection().layer) {
        return tr("Running the model again to keep layer %1…").arg(m_controls->selection().layer);
    }
    if (m_modelLayers > 0 && !shown.blocks.empty() && !shown.blocks.front().layerNumbers.empty()) {
        return tr("The views show the kept layers only, with the model's numbers; choose another layer to run the "
                  "model again for it.");
    }
    return {};
}

void LayerKeeper::forgetAskedLayer()
{
    m_askedLayer = -1;
    Q_EMIT noticeChanged();
}

} // namespace attn
