#pragma once

#include "engine/generation.h"
#include "gui/jobrunner.h"

#include <QObject>
#include <QString>
#include <memory>

namespace attn {

// The logic behind the Generate panel, apart from its widgets: opens a llama2.c checkpoint or a Hugging Face
// decoder folder (kept while the same files are asked for again) and generates from a prompt through the job runner.
// Generation checks its cancel token after every token and inside every layer, so cancel() or a newer request stops it
// at once.
class GenerateSession : public QObject
{
    Q_OBJECT
public:
    explicit GenerateSession(QObject* parent = nullptr);

    // checkpoint: a llama2.c .bin or a Hugging Face decoder folder; tokenizer empty: the one beside the
    // checkpoint (folders always use their own).
    void generate(const QString& checkpoint, const QString& tokenizer, const QString& prompt,
                  const GenerationOptions& options);
    void cancel() { m_runner.cancel(); }
    bool isBusy() const { return m_runner.isBusy(); }
    void waitForIdle() { m_runner.waitForIdle(); }
    JobRunner& runner() { return m_runner; }

    const std::shared_ptr<GenerativeModel>& model() const { return m_model; }
    const Generation& generation() const { return m_generation; }

    // The shipped llama2.c model (models/stories260K/stories260K.bin), or empty when it cannot be found.
    static QString shippedCheckpoint();

Q_SIGNALS:
    void generated();
    void failed(const QString& message);
    void busyChanged(bool busy);
    void progressChanged(int done, int total);

private:
    JobRunner m_runner;
    std::shared_ptr<GenerativeModel> m_model;
    QString m_modelKey; // checkpoint + tokenizer the cached model came from
    Generation m_generation;
};

} // namespace attn
