#pragma once

#include <QObject>
#include <QString>

namespace attn {

struct AttentionSet;
class SelectionControls;
class TextSession;

// The Text panel over the attention memory limit: a Hugging Face model's run keeps the layer chosen in the Layer
// box and its neighbours, and choosing a layer the shown run did not keep runs the model again for it through the
// session (the latest choice wins) while the views keep the shown run. Owns no widgets.
class LayerKeeper : public QObject
{
    Q_OBJECT
public:
    LayerKeeper(TextSession* session, SelectionControls* controls, QObject* parent);

    // A run was asked keeping layer (the model's number, -1: none).
    void setAskedLayer(int layer) { m_askedLayer = layer; }
    // The shown run's model: its layer count when the run kept only some layers and the model can run again for
    // others (the session's Hugging Face model), else 0 (every layer kept, or a set shown without its model).
    void setModelLayers(int layers) { m_modelLayers = layers; }
    int modelLayers() const { return m_modelLayers; }
    // True when the chosen layer is not in the shown run and the model can run again for it: asks the session for
    // that run unless it was asked already. The views then keep the shown run until the new one comes.
    bool rerunForChosenLayer();
    // The notice's sentence about the kept layers of shown, or empty.
    QString notice(const AttentionSet& shown) const;
    // The asked run failed or was cancelled: it brings nothing, so choosing that layer again asks again.
    void forgetAskedLayer();

Q_SIGNALS:
    void noticeChanged();

private:
    TextSession* m_session;
    SelectionControls* m_controls;
    int m_modelLayers = 0;
    int m_askedLayer = -1; // the layer a run was last asked to keep (-1: none)
};

} // namespace attn
