#pragma once

#include "core/attentionset.h"
#include "core/imagerollout.h"
#include "views/imageoverlayview.h"
#include "views/presentable.h"

#include <QImage>
#include <QWidget>
#include <memory>
#include <vector>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace attn {

namespace hf {
struct VitRun;
}
class VitHeadGridView;

// The Image tab's view of a Vision Transformer run: one map large (a head's attention from [CLS] over the patches,
// or the attention rollout through a layer) and every layer x head small beside it, with the controls that choose
// them. The rollout is computed off the GUI thread when its options change.
class VitPane : public QWidget, public Presentable
{
    Q_OBJECT
public:
    explicit VitPane(QWidget* parent = nullptr);
    ~VitPane() override;

    void setRun(const hf::VitRun& run);
    void setStyle(const OverlayStyle& style);
    // head -1: the rollout through layer.
    void select(int layer, int head);
    void setRolloutOptions(const ImageRolloutOptions& options);
    ImageRolloutOptions rolloutOptions() const;
    void setMinimumTextPixels(int px) override;

    int selectedLayer() const;
    int selectedHead() const;
    bool hasRun() const { return m_block && m_block->layers > 0; }
    QString selectionTitle() const;
    ImageOverlayView* overlayView() const { return m_overlay; }
    VitHeadGridView* gridView() const { return m_grid; }
    // Computes the rollout now (render and tests, which have no event loop to wait for the background one).
    void computeRolloutNow();
    bool exportTo(const QString& path, QString* error);

Q_SIGNALS:
    void selectionChanged();

private:
    void startRollout();
    void adoptRollout(const std::vector<float>& rows, quint64 generation);
    void showSelection();

    QComboBox* m_show = nullptr;
    QSpinBox* m_layer = nullptr;
    QSpinBox* m_head = nullptr;
    QComboBox* m_fusion = nullptr;
    QDoubleSpinBox* m_discard = nullptr;
    QLabel* m_title = nullptr;
    ImageOverlayView* m_overlay = nullptr;
    VitHeadGridView* m_grid = nullptr;

    std::shared_ptr<const AttentionBlock> m_block; // encoder_self: (layers, heads, 1 + P, 1 + P)
    std::vector<float> m_cls;                      // (layers, heads, P): [CLS]'s row over the patches
    int m_gridRows = 0;
    int m_gridCols = 0;
    QImage m_image;
    std::vector<float> m_rollout; // (layers, P)
    quint64 m_generation = 0;
    bool m_updating = false;
};

} // namespace attn
