#pragma once

#include "core/attentionset.h"
#include "gui/jobrunner.h"

#include <QObject>
#include <QString>

#include <memory>

namespace attn {

class TextModel;

// The logic behind the text panel, apart from its widgets: opens a model and runs it on one or two sentences in
// the job runner. The latest request wins: a new one cancels the running job, whose forward pass stops at its
// next layer or decoding step. A run asked for while a model is still opening opens that model itself.
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
    // layer (the model's number, -1: none) is the layer the open views show: when a Hugging Face model's attention
    // of every layer would not fit in memory, that layer and its neighbours are kept instead of the last ones.
    void run(const QString& text, const QString& second = {}, int layer = -1);
    // Runs the last sentences again, keeping layer (a layer the last run did not keep); latest request wins.
    void runForLayer(int layer);
    // How many layers the open model has when it may keep only some of them (a Hugging Face folder), else 0:
    // then every run holds every layer.
    int modelLayers() const;
    void cancel();
    bool isBusy() const { return m_runner.isBusy(); }
    // Runs the event loop until the jobs are done; for tests and the command line.
    void waitForIdle() { m_runner.waitForIdle(); }
    JobRunner& runner() { return m_runner; }

Q_SIGNALS:
    void busyChanged(bool busy);
    void modelOpened(const QString& name, const QString& path);
    // second is empty (no blocks) when no second sentence was asked for.
    void finished(const attn::AttentionSet& set, const attn::AttentionSet& second);
    void failed(const QString& message);

private:
    JobRunner m_runner;
    std::shared_ptr<TextModel> m_model;
    QString m_modelPath;
    QString m_wantedPath; // the model asked for last; differs from m_modelPath while it opens
    QString m_lastText;   // the sentences of the last run, for runForLayer
    QString m_lastSecond;
};

} // namespace attn
