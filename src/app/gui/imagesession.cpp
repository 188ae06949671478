#include "gui/imagesession.h"

#include "engine/caption/captionmodel.h"
#include "engine/caption/imageloader.h"
#include "engine/hf/vitmodel.h"
#include "engine/textmodel.h"
#include "gui/modelfolders.h"

#include <QDir>
#include <QFileInfo>

namespace attn {

ImageSession::ImageSession(QObject* parent) : QObject(parent)
{
    connect(&m_runner, &JobRunner::busyChanged, this, &ImageSession::busyChanged);
    connect(&m_runner, &JobRunner::failed, this, &ImageSession::failed);
}

QString ImageSession::defaultModelDir()
{
    const QString dir = modelsDirectory() + QStringLiteral("/caption-shapes");
    return QFileInfo::exists(dir + QStringLiteral("/config.json")) ? QDir(dir).absolutePath() : QString();
}

void ImageSession::openModel(const QString& dir)
{
    m_wantedDir = dir;
    if (hf::VitModel::isVitFolder(dir)) {
        m_runner.start(tr("Opening %1").arg(dir), [this, dir](JobContext&) -> JobRunner::Delivery {
            try {
                std::shared_ptr<hf::VitModel> model = hf::VitModel::open(dir);
                return [this, model, dir] { adoptVit(model, dir); };
            } catch (const ModelError& e) {
                const QString message = QString::fromLocal8Bit(e.what());
                return [this, message] {
                    m_wantedDir = m_modelDir;
                    Q_EMIT failed(message);
                };
            }
        });
        return;
    }
    m_runner.start(tr("Opening %1").arg(dir), [this, dir](JobContext&) -> JobRunner::Delivery {
        try {
            std::shared_ptr<CaptionModel> model(CaptionModel::open(dir));
            return [this, model, dir] { adopt(model, dir); };
        } catch (const ModelError& e) {
            // The model that was open stays the one captions use.
            const QString message = QString::fromLocal8Bit(e.what());
            return [this, message] {
                m_wantedDir = m_modelDir;
                Q_EMIT failed(message);
            };
        }
    });
}

void ImageSession::adopt(const std::shared_ptr<CaptionModel>& model, const QString& dir)
{
    if (model == m_model) {
        return;
    }
    m_model = model;
    m_vit.reset();
    m_modelDir = dir;
    Q_EMIT modelOpened(model->name(), dir);
}

void ImageSession::adoptVit(const std::shared_ptr<hf::VitModel>& model, const QString& dir)
{
    if (model == m_vit) {
        return;
    }
    m_vit = model;
    m_model.reset();
    m_modelDir = dir;
    Q_EMIT modelOpened(model->name(), dir);
}

void ImageSession::startVit(const QString& source, const QString& path, const QImage& image)
{
    const QString dir = m_wantedDir;
    const auto cached = dir == m_modelDir ? m_vit : nullptr;
    m_runner.start(tr("Running %1 on %2").arg(QFileInfo(dir).fileName(), QFileInfo(source).fileName()),
                   [this, dir, cached, source, path, image](JobContext&) -> JobRunner::Delivery {
                       const auto model = cached ? cached : hf::VitModel::open(dir);
                       checkCancelled();
                       auto run = std::make_shared<const hf::VitRun>(path.isEmpty() ? model->run(image, source)
                                                                                    : model->runFile(path));
                       return [this, model, dir, run, source] {
                           adoptVit(model, dir);
                           m_vitRun = run;
                           m_vitSource = source;
                           Q_EMIT vitRan();
                       };
                   });
}

void ImageSession::caption(const QString& path, int beam)
{
    if (!m_wantedDir.isEmpty() && hf::VitModel::isVitFolder(m_wantedDir)) {
        startVit(path, path, QImage());
        return;
    }
    start(path, beam, [path](int imageSize) { return loadImageForModel(path, imageSize); });
}

void ImageSession::caption(const QImage& image, const QString& label, int beam)
{
    if (!m_wantedDir.isEmpty() && hf::VitModel::isVitFolder(m_wantedDir)) {
        startVit(label, QString(), image);
        return;
    }
    start(label, beam, [image, label](int imageSize) { return prepareImage(image, label, imageSize); });
}

void ImageSession::start(const QString& source, int beam, std::function<PreparedImage(int imageSize)> prepare)
{
    if (m_wantedDir.isEmpty()) {
        Q_EMIT failed(tr("Open a captioning model folder first (models/caption-shapes)."));
        return;
    }
    const QString dir = m_wantedDir;
    const auto cached = dir == m_modelDir ? m_model : nullptr;
    m_runner.start(tr("Captioning %1").arg(QFileInfo(source).fileName()),
                   [this, dir, cached, source, beam, prepare](JobContext&) -> JobRunner::Delivery {
                       const auto model = cached ? cached : std::shared_ptr<CaptionModel>(CaptionModel::open(dir));
                       checkCancelled();
                       auto out = std::make_shared<CaptionOutcome>();
                       const PreparedImage p = prepare(model->config().imageSize); // throws ImageLoadError
                       out->source = source;
                       out->notices = p.notices;
                       out->crop = p.display.copy(p.cropInDisplay);
                       out->modelInput = p.modelInput;
                       out->caption = model->caption(p.modelInput, beam);
                       return [this, model, dir, out] {
                           adopt(model, dir);
                           m_outcome = std::move(*out);
                           Q_EMIT captioned();
                       };
                   });
}

} // namespace attn
