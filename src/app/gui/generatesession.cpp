#include "gui/generatesession.h"

#include "gui/modelfolders.h"

#include <QFileInfo>

namespace attn {

GenerateSession::GenerateSession(QObject* parent) : QObject(parent)
{
    connect(&m_runner, &JobRunner::busyChanged, this, &GenerateSession::busyChanged);
    connect(&m_runner, &JobRunner::failed, this, [this](const QString& message) {
        m_model.reset();
        m_modelKey.clear();
        Q_EMIT failed(message);
    });
    connect(&m_runner, &JobRunner::progressChanged, this,
            [this](int done, int total, const QString&) { Q_EMIT progressChanged(done, total); });
}

void GenerateSession::generate(const QString& checkpoint, const QString& tokenizer, const QString& prompt,
                               const GenerationOptions& options)
{
    const QString key = checkpoint + QLatin1Char('\n') + tokenizer;
    const auto cached = key == m_modelKey ? m_model : nullptr;
    m_runner.start(
        tr("Generating with %1").arg(QFileInfo(checkpoint).fileName()),
        [this, cached, key, checkpoint, tokenizer, prompt, options](JobContext& job) -> JobRunner::Delivery {
            std::shared_ptr<GenerativeModel> model;
            try {
                model = cached ? cached : std::shared_ptr<GenerativeModel>(openGenerativeModel(checkpoint, tokenizer));
            } catch (const std::bad_alloc&) {
                throw std::runtime_error(tr("%1: not enough memory for this model").arg(checkpoint).toStdString());
            }
            GenerationOptions o = options;
            o.progress = [&job](int done, int total) {
                job.progress(done, total);
                return !job.isCancelled();
            };
            auto generation = std::make_shared<Generation>(model->generate(prompt, o));
            checkCancelled();
            return [this, model, key, generation] {
                m_model = model;
                m_modelKey = key;
                m_generation = std::move(*generation);
                Q_EMIT generated();
            };
        });
}

QString GenerateSession::shippedCheckpoint()
{
    const QString path = modelsDirectory() + QStringLiteral("/stories260K/stories260K.bin");
    return QFileInfo::exists(path) ? QFileInfo(path).absoluteFilePath() : QString();
}

} // namespace attn
