#pragma once

#include "gui/attentionfilesession.h"
#include "gui/panel.h"

#include <memory>

namespace Ui {
class AttentionFilePanel;
}

namespace attn {

class HeadView;
class HeatmapView;
class ModelGridView;
class TokenTextView;

// The attention of a file exported from any stack (.npy, .npz, safetensors, attention JSON), read lazily: the
// matrix and head views show the selected head, the model grid pools every head of the kind into thumbnails, the
// token text view shades the text by one head or the mean of the layer. Layers and heads count from 0.
class AttentionFilePanel : public Panel
{
    Q_OBJECT
public:
    explicit AttentionFilePanel(QWidget* parent = nullptr);
    ~AttentionFilePanel() override;

    QString title() const override;
    bool exportView(const QString& path, QString* error) override; // the view of the current tab
    void setColorMap(ColorMap map) override;

    // Opens a file in the background; the views fill as the heads arrive, errors go to the status bar.
    void open(const QString& path, const QString& tokensPath = {});
    AttentionFileSession& session() { return m_session; }
    void select(int block, int layer, int head);
    HeatmapView* matrixView() const { return m_matrix; }
    HeadView* headView() const { return m_headView; }
    ModelGridView* modelGrid() const { return m_grid; }
    TokenTextView* textView() const { return m_text; }

private:
    void showOpened();
    void showHead();
    void showGrid();
    void selectionChanged(bool kindChanged);
    PoolMode poolMode() const;

    std::unique_ptr<Ui::AttentionFilePanel> ui;
    AttentionFileSession m_session;
    HeatmapView* m_matrix = nullptr;
    HeadView* m_headView = nullptr;
    ModelGridView* m_grid = nullptr;
    TokenTextView* m_text = nullptr;
    bool m_filling = false; // the controls are being set from a new file: no requests per change
};

} // namespace attn
