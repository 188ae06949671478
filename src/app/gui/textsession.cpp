#include "gui/textsession.h"

#include "engine/textmodel.h"

#include <QCoreApplication>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>

namespace attn {

TextSession::TextSession(QObject* parent) : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<Result>::finished, this, &TextSession::onDone);
}

TextSession::~TextSession()
{
    // The worker holds its own reference to the model; wait so it never outlives the application's objects.
    m_watcher.waitForFinished();
}

QString TextSession::modelName() const
{
    return m_model ? m_model->name() : QString();
}

void TextSession::openModel(const QString& path)
{
    Job job;
    job.open = true;
    job.path = path;
    start(job);
}

void TextSession::setModel(std::shared_ptr<TextModel> model, const QString& path)
{
    m_model = std::move(model);
    m_modelPath = path;
    Q_EMIT modelOpened(modelName(), path);
}

void TextSession::run(const QString& text, const QString& second)
{
    Job job;
    job.text = text;
    job.second = second;
    start(job);
}

void TextSession::cancel()
{
    m_waiting.reset();
    if (m_watcher.isRunning()) {
        m_cancelled = true;
        Q_EMIT busyChanged(false);
    }
}

bool TextSession::isBusy() const
{
    return m_watcher.isRunning() && !m_cancelled;
}

void TextSession::waitForIdle()
{
    while (m_active || m_waiting) {
        m_watcher.waitForFinished();
        // Delivers the watcher's finished(), which may start the waiting job.
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
}

void TextSession::start(const Job& job)
{
    if (m_watcher.isRunning()) {
        m_waiting = job;
        return;
    }
    if (!job.open && !m_model) {
        Q_EMIT failed(tr("Open a model first (File > Open model…)."));
        return;
    }
    m_running = job;
    m_cancelled = false;
    m_active = true;
    auto model = m_model;
    m_watcher.setFuture(QtConcurrent::run([job, model]() {
        Result r;
        try {
            if (job.open) {
                r.model = std::shared_ptr<TextModel>(openTextModel(job.path));
            } else {
                r.set = model->attend(job.text);
                if (!job.second.isEmpty()) {
                    r.second = model->attend(job.second);
                }
            }
        } catch (const std::exception& e) {
            r.error = QString::fromLocal8Bit(e.what());
        }
        return r;
    }));
    Q_EMIT busyChanged(true);
}

void TextSession::onDone()
{
    m_active = false;
    const Result r = m_watcher.result();
    const bool cancelled = m_cancelled;
    m_cancelled = false;
    if (!cancelled) {
        if (!r.error.isEmpty()) {
            Q_EMIT failed(r.error);
        } else if (m_running.open) {
            setModel(r.model, m_running.path);
        } else {
            Q_EMIT finished(r.set, r.second);
        }
    }
    if (m_waiting) {
        const Job next = *m_waiting;
        m_waiting.reset();
        start(next);
    } else if (!cancelled) {
        Q_EMIT busyChanged(false);
    }
}

} // namespace attn
