#pragma once

#include "core/captionresult.h"
#include "gui/jobrunner.h"

#include <QImage>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>

namespace attn {

class CaptionModel;
struct PreparedImage;
namespace hf {
class VitModel;
struct VitRun;
} // namespace hf

// What one caption job gives the Image panel: the image as shown, what the model was given, and the caption.
struct CaptionOutcome
{
    QString source;
    QStringList notices;
    QImage crop;
    QImage modelInput;
    CaptionResult caption;
};

// The logic behind the Image panel, apart from its widgets: opens a captioning model folder and captions
// images, both through the job runner (the model loads off the GUI thread; a newer image cancels the running
// caption's beam search). Used by the panel and by `render`. A Hugging Face ViT folder opens here too (issue 16):
// images then run through the ViT (vitRan) instead of the captioner (captioned).
class ImageSession : public QObject
{
    Q_OBJECT
public:
    explicit ImageSession(QObject* parent = nullptr);

    // Opens a captioning model folder, or a ViT folder, in the background: modelOpened or failed follows.
    void openModel(const QString& dir);
    bool hasModel() const { return bool(m_model) || bool(m_vit); }
    // The open model is a ViT (vitModel() set, model() null).
    bool hasVit() const { return bool(m_vit); }
    const std::shared_ptr<hf::VitModel>& vitModel() const { return m_vit; }
    // The last ViT run (after vitRan).
    const hf::VitRun& vitRun() const { return *m_vitRun; }
    QString vitSource() const { return m_vitSource; }
    const std::shared_ptr<CaptionModel>& model() const { return m_model; }
    QString modelDir() const { return m_modelDir; }
    QString wantedModelDir() const { return m_wantedDir; }

    // Captions a file or an image in memory in the background: captioned or failed follows. Asked for while the
    // model is still opening, the caption job (the latest request) opens it itself.
    void caption(const QString& path, int beam);
    void caption(const QImage& image, const QString& label, int beam);
    const CaptionOutcome& outcome() const { return m_outcome; }

    void cancel() { m_runner.cancel(); }
    bool isBusy() const { return m_runner.isBusy(); }
    void waitForIdle() { m_runner.waitForIdle(); }
    JobRunner& runner() { return m_runner; }

    // Where the shipped caption model lives, or empty when it cannot be found.
    static QString defaultModelDir();

Q_SIGNALS:
    void modelOpened(const QString& name, const QString& dir);
    void captioned();
    void vitRan();
    void failed(const QString& message);
    void busyChanged(bool busy);

private:
    void start(const QString& source, int beam, std::function<PreparedImage(int imageSize)> prepare);
    void adopt(const std::shared_ptr<CaptionModel>& model, const QString& dir);
    void adoptVit(const std::shared_ptr<hf::VitModel>& model, const QString& dir);
    void startVit(const QString& source, const QString& path, const QImage& image);

    JobRunner m_runner;
    std::shared_ptr<CaptionModel> m_model; // the open model, from m_modelDir
    QString m_modelDir;
    QString m_wantedDir; // the folder asked for last; differs from m_modelDir while it opens
    CaptionOutcome m_outcome;
    std::shared_ptr<hf::VitModel> m_vit; // the open ViT, from m_modelDir (then m_model is null)
    std::shared_ptr<const hf::VitRun> m_vitRun;
    QString m_vitSource;
};

} // namespace attn
