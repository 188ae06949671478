#pragma once

#include "core/modelvectors.h"
#include "gui/jobrunner.h"

#include <QObject>
#include <QString>

namespace attn {

// The logic behind the Scoring lab's "From a model…", apart from its widgets: runs a trained model folder on a
// sentence in the job runner (the latest request wins) and keeps the vectors it read.
class LabSession : public QObject
{
    Q_OBJECT
public:
    explicit LabSession(QObject* parent = nullptr);

    void runModel(const QString& dir, const QString& text);
    void cancel() { m_runner.cancel(); }
    bool isBusy() const { return m_runner.isBusy(); }
    void waitForIdle() { m_runner.waitForIdle(); }
    JobRunner& runner() { return m_runner; }

    QString modelDir() const { return m_modelDir; }
    QString text() const { return m_text; }
    const ModelVectors& vectors() const { return m_vectors; }

    // The step whose attention peak lies farthest from the diagonal (reordered words show best), else the first.
    static int instructiveStep(const ModelVectors& vectors);

Q_SIGNALS:
    void modelRead();
    void failed(const QString& message);
    void busyChanged(bool busy);

private:
    JobRunner m_runner;
    QString m_modelDir;
    QString m_text;
    ModelVectors m_vectors;
};

} // namespace attn
