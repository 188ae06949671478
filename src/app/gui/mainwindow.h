#pragma once

#include "views/colormaps.h"

#include <QMainWindow>

#include <memory>
#include <vector>

class QLabel;
class QActionGroup;

namespace Ui {
class MainWindow;
}

namespace attn {

class Panel;
class ScoresPanel;

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
    ColorMap colorMap() const { return m_colorMap; }
    void setColorMap(ColorMap map);
    // The error shown in the status bar, empty when none.
    QString currentError() const;
    void showError(const QString& message);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void exportCurrentView();
    void restoreSettings();
    void saveSettings() const;

    std::unique_ptr<Ui::MainWindow> ui;
    std::vector<Panel*> m_panels;
    ScoresPanel* m_scores = nullptr;
    QLabel* m_errorLabel = nullptr;
    QActionGroup* m_colorMapGroup = nullptr;
    ColorMap m_colorMap = ColorMap::Viridis;
};

} // namespace attn
