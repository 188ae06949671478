#pragma once

#include "gui/panel.h"

#include <memory>

namespace Ui {
class ScoresPanel;
}

namespace attn {

class HeatmapView;

// The day-one panel: an editable query and keys, and the weights of every scoring function as a heatmap
// (what `attnscope-cli scores` prints).
class ScoresPanel : public Panel
{
    Q_OBJECT
public:
    explicit ScoresPanel(QWidget* parent = nullptr);
    ~ScoresPanel() override;

    QString title() const override;
    bool exportView(const QString& path, QString* error) override;
    void setColorMap(ColorMap map) override;

    HeatmapView* heatmap() const { return m_heatmap; }
    void setExample(const QString& query, const QString& keysOnePerLine);
    QString query() const;
    QString keys() const;

private:
    void recompute();

    std::unique_ptr<Ui::ScoresPanel> ui;
    HeatmapView* m_heatmap = nullptr;
};

} // namespace attn
