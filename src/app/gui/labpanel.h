#pragma once

#include "gui/panel.h"

#include <memory>

class QComboBox;
class QSlider;
class QTableWidget;

namespace Ui {
class LabPanel;
}

namespace attn {

class ScoringLab;

// The scoring lab tab: the controls (temperature, soft / hard / sampled / local, window, examples, the parametric
// scores' W, U, v shown and editable) beside the ScoringLab view, which does every computation through the core.
class LabPanel : public Panel
{
    Q_OBJECT
public:
    explicit LabPanel(QWidget* parent = nullptr);
    ~LabPanel() override;

    QString title() const override;
    bool exportView(const QString& path, QString* error) override;
    void setColorMap(ColorMap map) override;

    ScoringLab* lab() const { return m_lab; }
    QSlider* temperatureSlider() const;
    QComboBox* modeCombo() const;
    QComboBox* exampleCombo() const;
    QComboBox* paramCombo() const;
    QTableWidget* paramTable() const;
    // The slider is logarithmic: position 0..100 maps to T = 0.05 .. 20 (50 is T = 1).
    static double temperatureForSlider(int position);
    void loadVectorsFile(const QString& path);
    void redrawParams(int seed);
    // 0 your vectors, 1 course notes self-attention, 2 course notes concat rule, 3 edge cases, 4 size 8.
    void loadExample(int index);
    static QStringList exampleIds();

private:
    void applyOptions();
    void syncControlsFromLab();
    void showParam();
    void paramEdited(int row, int col);
    void chooseVectorsFile();

    std::unique_ptr<Ui::LabPanel> ui;
    ScoringLab* m_lab = nullptr;
    bool m_syncing = false;
};

} // namespace attn
