#pragma once

#include "core/canceltoken.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <functional>
#include <memory>

namespace attn {

// What a job's work gets on its worker thread: its cancel token (also installed as the thread's CancelScope, so
// engine loops that call checkCancelled() stop it) and a way to report progress to the GUI thread.
class JobContext
{
public:
    const CancelToken& token() const { return m_token; }
    bool isCancelled() const { return m_token.isCancelled(); }
    // Thread-safe; reports reach the GUI at most every 30 ms (the last one of a job always does).
    void progress(int done, int total, const QString& text = {});

private:
    friend class JobRunner;
    JobContext(class JobRunner* runner, quint64 id, CancelToken token);
    JobRunner* m_runner;
    quint64 m_id;
    CancelToken m_token;
    QElapsedTimer m_sinceReport;
};

// The one background job type of the app. Work runs off the GUI thread, one job at a time per runner, and
// returns a delivery that runs on the GUI thread. The latest request wins: start() cancels the running job (its
// token, so engine loops stop early) and its delivery is dropped. Errors (exceptions) become failed(); a job
// stopped by its cancel token ends quietly. Nothing here waits on the GUI thread except waitForIdle(), which is
// for tests and the command line.
class JobRunner : public QObject
{
    Q_OBJECT
public:
    // The work's result, applied on the GUI thread; may be empty.
    using Delivery = std::function<void()>;
    using Work = std::function<Delivery(JobContext& context)>;

    explicit JobRunner(QObject* parent = nullptr);
    // Cancels the running job and waits for its worker to reach a cancel check.
    ~JobRunner() override;

    // label names the job in messages ("Loading model…"). Cancels whatever runs or waits.
    void start(const QString& label, Work work);
    void cancel();
    bool isBusy() const { return m_busy; }
    QString label() const { return m_label; }
    // Runs the event loop until every job started so far (and any started by deliveries) is done.
    void waitForIdle();

Q_SIGNALS:
    void busyChanged(bool busy);
    void progressChanged(int done, int total, const QString& text);
    // An error of the latest job, as one line naming the problem.
    void failed(const QString& message);
    // The latest job's delivery ran.
    void finished();

private:
    friend class JobContext;
    void jobDone(quint64 id, const Delivery& delivery, const QString& error);
    void setBusy(bool busy);

    QThreadPool m_pool;
    quint64 m_latest = 0;
    int m_inFlight = 0; // jobs started whose end has not reached the GUI thread yet
    bool m_busy = false;
    QString m_label;
    CancelToken m_token;
};

} // namespace attn
