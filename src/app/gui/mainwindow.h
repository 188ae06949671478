#pragma once

#include "views/colormaps.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>
#include <vector>

class QLabel;
class QActionGroup;

namespace Ui {
class MainWindow;
}

namespace attn {

class AttentionFilePanel;
class GeneratePanel;
class ImagePanel;
class LabPanel;
class LessonEditor;
class LessonWindow;
class Panel;
class ScoresPanel;
class TextPanel;

// Hosts the panels as tabs; menus, toolbar, the error line in the status bar and settings.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    void addPanel(Panel* panel);
    Panel* currentPanel() const;
    ScoresPanel* scoresPanel() const { return m_scores; }
    TextPanel* textPanel() const { return m_text; }
    LabPanel* labPanel() const { return m_lab; }
    ImagePanel* imagePanel() const { return m_image; }
    GeneratePanel* generatePanel() const { return m_generate; }
    AttentionFilePanel* attentionFilePanel() const { return m_attentionFiles; }
    void showPanel(Panel* panel);
    // Opens a lesson (a shipped lesson's name or an .attnlesson file) in its own window, presenting it full screen
    // when present is set. Problems go to the status bar; nullptr when nothing could be opened.
    LessonWindow* showLesson(const QString& nameOrFile, bool present = false);
    // The lesson editor (Lessons > Edit lessons…), opened or raised.
    LessonEditor* showLessonEditor();
    // Lessons > Add this view as a step: the current panel's view appended to the editor's lesson; false (and a
    // status-bar message) when the panel's view cannot be a step.
    bool addViewAsLessonStep();
    // Opens a model folder or file (File > Open model…, drag and drop) in the text panel; on the Generate tab, a
    // model that generates (llama2.c, a Hugging Face decoder folder) opens there.
    void openModel(const QString& path);
    // Shows an attention JSON (from `attnscope-cli attend` or Export attention) in the text panel.
    bool openAttentionFile(const QString& path);
    ColorMap colorMap() const { return m_colorMap; }
    void setColorMap(ColorMap map);
    // The error shown in the status bar, empty when none.
    QString currentError() const;
    // An empty message clears the error line. A panel (source) clears only an error it showed itself, so one
    // panel finishing its work does not wipe out another panel's message.
    void showError(const QString& message, const Panel* source = nullptr);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void exportCurrentView();
    void setupLessons();
    void restoreSettings();
    void saveSettings() const;

    std::unique_ptr<Ui::MainWindow> ui;
    std::vector<Panel*> m_panels;
    ScoresPanel* m_scores = nullptr;
    TextPanel* m_text = nullptr;
    LabPanel* m_lab = nullptr;
    ImagePanel* m_image = nullptr;
    GeneratePanel* m_generate = nullptr;
    AttentionFilePanel* m_attentionFiles = nullptr;
    QLabel* m_errorLabel = nullptr;
    const Panel* m_errorSource = nullptr; // the panel that showed the current error, if any
    QActionGroup* m_colorMapGroup = nullptr;
    QPointer<LessonEditor> m_lessonEditor;
    ColorMap m_colorMap = ColorMap::Viridis;
};

} // namespace attn
