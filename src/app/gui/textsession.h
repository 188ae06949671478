#pragma once

#include "core/attentionset.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace attn {

class TextModel;

// The logic behind the text panel, apart from its widgets: opens a model and runs it on one or two sentences off
// the GUI thread (QtConcurrent + QFutureWatcher). One job runs at a time; a request made while one runs waits
// and replaces any older waiting request. cancel() drops the running job's result (a model cannot be stopped
// mid-sentence, but the window never waits for it).
class TextSession : public QObject
{
    Q_OBJECT
public:
    explicit TextSession(QObject* parent = nullptr);
    ~TextSession() override;

    // Opens a model folder or file in the background; modelOpened or failed follows.
    void openModel(const QString& path);
    // Uses a model directly (tests, or a model opened elsewhere).
    void setModel(std::shared_ptr<TextModel> model, const QString& path = {});
    bool hasModel() const { return bool(m_model); }
    QString modelPath() const { return m_modelPath; }
    QString modelName() const;

    // Runs the model on text and, when second is not empty, on second too; finished or failed follows.
    void run(const QString& text, const QString& second = {});
    void cancel();
    bool isBusy() const;
    // Blocks until the running job (and any waiting one) is done; for tests and the command line.
    void waitForIdle();

Q_SIGNALS:
    void busyChanged(bool busy);
    void modelOpened(const QString& name, const QString& path);
    // second is empty (no blocks) when no second sentence was asked for.
    void finished(const attn::AttentionSet& set, const attn::AttentionSet& second);
    void failed(const QString& message);

private:
    struct Result
    {
        std::shared_ptr<TextModel> model; // for opening
        AttentionSet set;
        AttentionSet second;
        QString error;
    };
    struct Job
    {
        bool open = false;
        QString path;
        QString text;
        QString second;
    };
    void start(const Job& job);
    void onDone();

    std::shared_ptr<TextModel> m_model;
    QString m_modelPath;
    QFutureWatcher<Result> m_watcher;
    std::optional<Job> m_waiting;
    Job m_running;
    bool m_cancelled = false;
    bool m_active = false; // a job started whose result has not been handled yet
};

} // namespace attn
