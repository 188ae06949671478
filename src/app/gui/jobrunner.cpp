#include "gui/jobrunner.h"

#include <QCoreApplication>
#include <QMetaObject>

#include <exception>
#include <new>

namespace attn {

namespace {
constexpr int kProgressIntervalMs = 30;
}

JobContext::JobContext(JobRunner* runner, quint64 id, CancelToken token)
    : m_runner(runner), m_id(id), m_token(std::move(token))
{
}

void JobContext::progress(int done, int total, const QString& text)
{
    const bool last = done >= total;
    if (m_sinceReport.isValid() && m_sinceReport.elapsed() < kProgressIntervalMs && !last) {
        return;
    }
    m_sinceReport.start();
    JobRunner* runner = m_runner;
    const quint64 id = m_id;
    QMetaObject::invokeMethod(
        runner,
        [runner, id, done, total, text] {
            if (id == runner->m_latest && runner->m_busy) {
                Q_EMIT runner->progressChanged(done, total, text);
            }
        },
        Qt::QueuedConnection);
}

JobRunner::JobRunner(QObject* parent) : QObject(parent)
{
    // One worker: models are not thread-safe, and a cancelled job must end before the next one touches them.
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
}

JobRunner::~JobRunner()
{
    m_token.cancel();
    m_pool.clear();
    m_pool.waitForDone();
}

void JobRunner::start(const QString& label, Work work)
{
    m_token.cancel();
    m_token = CancelToken();
    const quint64 id = ++m_latest;
    m_label = label;
    ++m_inFlight;
    setBusy(true);
    // A job still queued behind the running one is never started once superseded: its token is cancelled.
    auto task = [this, id, label, token = m_token, work = std::move(work)] {
        Delivery delivery;
        QString error;
        if (!token.isCancelled()) {
            JobContext context(this, id, token);
            const CancelScope scope(token);
            try {
                delivery = work(context);
            } catch (const Cancelled&) {
                delivery = nullptr;
            } catch (const std::bad_alloc&) {
                error = tr("%1: not enough memory").arg(label);
            } catch (const std::exception& e) {
                error = QString::fromLocal8Bit(e.what());
            } catch (...) {
                error = tr("%1: an unknown error").arg(label);
            }
        }
        QMetaObject::invokeMethod(
            this, [this, id, delivery, error] { jobDone(id, delivery, error); }, Qt::QueuedConnection);
    };
    m_pool.start(std::move(task));
}

void JobRunner::cancel()
{
    m_token.cancel();
    setBusy(false);
}

void JobRunner::waitForIdle()
{
    while (m_inFlight > 0) {
        m_pool.waitForDone(20);
        QCoreApplication::sendPostedEvents(this);
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    }
}

void JobRunner::jobDone(quint64 id, const Delivery& delivery, const QString& error)
{
    --m_inFlight;
    if (id != m_latest || !m_busy) {
        return; // superseded or cancelled: the result is dropped
    }
    setBusy(false);
    if (!error.isEmpty()) {
        Q_EMIT failed(error);
        return;
    }
    if (delivery) {
        delivery();
    }
    Q_EMIT finished();
}

void JobRunner::setBusy(bool busy)
{
    if (busy != m_busy) {
        m_busy = busy;
        Q_EMIT busyChanged(busy);
    }
}

} // namespace attn
