#pragma once

#include "core/captionresult.h"
#include "gui/imagesession.h"
#include "gui/lessonstepcapture.h"
#include "gui/panel.h"
#include "views/imageoverlayview.h"

#include <QImage>
#include <memory>

namespace Ui {
class ImagePanel;
}

class QTimer;
class QPushButton;

namespace attn {

class OverlayGridView;
class VitPane;

// Show, Attend and Tell: open an image (dialog, drag and drop, bundled examples), caption it in ImageSession's
// job runner, and see where the model looked for each word: soft and hard attention side by side, every word in a grid
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
    // A ViT's views are not a lesson step yet (lessons reopen the captioner's word views).
    std::optional<LessonStep> lessonStep() const override
    {
        return isVitMode() ? std::nullopt : captureLessonStep(*this);
    }

    // Opens a model folder in the background; the model label changes, or errorOccurred follows.
    void setModelDir(const QString& dir);
    ImageSession& session() { return m_session; }
    const ImageSession& session() const { return m_session; }
    // Opens the shipped model and captions the first bundled example, so the tab never opens empty.
    void openDefaultExample();
    // Captions a file or an image in the background; captionReady or errorOccurred follows.
    void openImage(const QString& path);
    void openImage(const QImage& image, const QString& label);
    bool isBusy() const { return m_session.isBusy(); }

    const CaptionResult& caption() const { return m_caption; }
    int selectedWord() const;
    void selectWord(int index);
    ImageOverlayView* softView() const { return m_soft; }
    ImageOverlayView* hardView() const { return m_hard; }
    OverlayGridView* gridView() const { return m_grid; }
    // The ViT view (issue 16), shown instead of the caption views while a ViT folder is open.
    VitPane* vitPane() const { return m_vit; }
    bool isVitMode() const;
    QList<QPushButton*> wordButtons() const { return m_wordButtons; }
    QImage modelInput() const { return m_modelInput; }
    bool exportWord(const QString& path, QString* error);

    static QString defaultModelDir() { return ImageSession::defaultModelDir(); }

Q_SIGNALS:
    void captionReady();
    void vitReady();

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void finished();
    void showCaption();
    void updateStyle();
    void step(int delta);
    void exportWithDialog(bool grid);
    void setVitMode(bool vit);
    void showModel(); // the open model in the label, and the views that fit it
    void vitFinished();

    std::unique_ptr<Ui::ImagePanel> ui;
    ImageSession m_session;
    ImageOverlayView* m_soft = nullptr;
    ImageOverlayView* m_hard = nullptr;
    OverlayGridView* m_grid = nullptr;
    VitPane* m_vit = nullptr;
    QList<QPushButton*> m_wordButtons;
    QTimer* m_playTimer = nullptr;
    CaptionResult m_caption;
    QImage m_crop;
    QImage m_modelInput;
    ColorMap m_colorMap = ColorMap::Greys;
    bool m_rerunOnOpen = false; // setModelDir asked, no image since: the shown picture reruns when the model opens
};

} // namespace attn
