#pragma once

#include "core/modelvectors.h"
#include "gui/labsession.h"
#include "gui/lessonstepcapture.h"
#include "gui/panel.h"

#include <memory>

class QCheckBox;
class QComboBox;
class QPushButton;
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
    std::optional<LessonStep> lessonStep() const override { return captureLessonStep(*this); }

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
    // 0 your vectors, 1 course notes self-attention, 2 course notes' three Q/K/V rules, 3 edge cases, 4 size 8,
    // 5 the last model's vectors (asks for a model when there are none yet).
    void loadExample(int index);
    static QStringList exampleIds(); // ids of examples 0..4 (render --example)
    static constexpr int kModelExample = 5;

    // "From a model…": runs text through the model folder in LabSession's job runner; modelRunFinished follows,
    // with the lab showing the vectors or the status bar the error.
    void loadFromModel(const QString& dir, const QString& text);
    bool isModelRunning() const { return m_session.isBusy(); }
    LabSession& session() { return m_session; }
    // Shows vectors already read (render, tests): the step whose attention peak is farthest from the diagonal
    // unless step is given, and a status message naming unknown words.
    void showModelVectors(const ModelVectors& vectors, int step = -1);
    QPushButton* modelButton() const;
    QComboBox* stepCombo() const;
    QCheckBox* trainedCheck() const;

Q_SIGNALS:
    void modelRunFinished(bool ok);

private:
    void applyOptions();
    void syncControlsFromLab();
    void showParam();
    void paramEdited(int row, int col);
    void chooseVectorsFile();
    void chooseModel();
    void modelRunDone();
    void modelRunFailed(const QString& message);
    void syncModelControls();

    std::unique_ptr<Ui::LabPanel> ui;
    ScoringLab* m_lab = nullptr;
    bool m_syncing = false;
    int m_exampleIndex = 0; // the example shown, for the list to return to
    LabSession m_session;
};

} // namespace attn
