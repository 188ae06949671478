#pragma once

#include "core/captionresult.h"
#include "gui/panel.h"
#include "views/imageoverlayview.h"

#include <QFutureWatcher>
#include <QImage>

#include <memory>

namespace Ui {
class ImagePanel;
}

class QTimer;
class QPushButton;

namespace attn {

class CaptionModel;
struct PreparedImage;
class OverlayGridView;

// Show, Attend and Tell: open an image (dialog, drag and drop, bundled examples), caption it off the GUI thread,
// and see where the model looked for each word: soft and hard attention side by side, every word in a grid
// like the paper's figures, the caption as clickable words, play / step, and what the model was given.
class ImagePanel : public Panel
{
    Q_OBJECT
public:
    explicit ImagePanel(QWidget* parent = nullptr);
    ~ImagePanel() override;

    QString title() const override;
    bool exportView(const QString& path, QString* error) override; // the grid
    void setColorMap(ColorMap map) override;

    // Loads a model folder (synchronously: models are small); false and errorOccurred on failure.
    bool setModelDir(const QString& dir);
    // Captions a file or an image in the background; captionReady or errorOccurred follows.
    void openImage(const QString& path);
    void openImage(const QImage& image, const QString& label);
    bool isBusy() const;

    const CaptionResult& caption() const { return m_caption; }
    int selectedWord() const;
    void selectWord(int index);
    ImageOverlayView* softView() const { return m_soft; }
    ImageOverlayView* hardView() const { return m_hard; }
    OverlayGridView* gridView() const { return m_grid; }
    QList<QPushButton*> wordButtons() const { return m_wordButtons; }
    QImage modelInput() const { return m_modelInput; }
    bool exportWord(const QString& path, QString* error);

    // Where the shipped caption model lives, or empty when it cannot be found.
    static QString defaultModelDir();

Q_SIGNALS:
    void captionReady();

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    struct Outcome;
    void start(std::function<Outcome()> job);
    // Prepares the image off the GUI thread (prepare gets the model's input size), then captions it.
    void startCaption(const QString& source, std::function<PreparedImage(int imageSize)> prepare);
    void finished();
    void showCaption();
    void updateStyle();
    void step(int delta);
    void exportWithDialog(bool grid);

    std::unique_ptr<Ui::ImagePanel> ui;
    std::shared_ptr<CaptionModel> m_model;
    ImageOverlayView* m_soft = nullptr;
    ImageOverlayView* m_hard = nullptr;
    OverlayGridView* m_grid = nullptr;
    QList<QPushButton*> m_wordButtons;
    QTimer* m_playTimer = nullptr;
    QFutureWatcher<std::shared_ptr<Outcome>>* m_watcher = nullptr;
    CaptionResult m_caption;
    QImage m_crop;
    QImage m_modelInput;
    int m_generation = 0;
    ColorMap m_colorMap = ColorMap::Greys;
};

} // namespace attn
