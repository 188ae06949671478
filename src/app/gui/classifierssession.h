#pragma once

#include "core/classification.h"
#include "gui/jobrunner.h"

#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace attn {

class ClassifierModel;

// The logic behind the Classifiers tab, apart from its widgets (issue 15): which shipped models each family has,
// an opening example from the data generators (fixed seeds), and classification of one text or pair by every model
// of a family through the job runner. Models are opened in the job and kept for the next request.
class ClassifiersSession : public QObject
{
    Q_OBJECT
public:
    enum class Family
    {
        Pooling, // one sentence vector three ways: last state, mean, attention
        Han,     // hierarchical attention over a document
        Pair     // CNN + attention over a premise and a hypothesis
    };

    // What one model said: its result, or why it could not run (a missing or broken folder).
    struct Outcome
    {
        QString model; // folder name
        ClassificationResult result;
        QString error;
        bool ok() const { return error.isEmpty(); }
    };

    // Accuracy of a model on held-out reviews of lengths [minWords, maxWords] (its folder's metrics.json).
    struct LengthAccuracy
    {
        int minWords = 0;
        int maxWords = 0;
        double accuracy = 0.0;
        int count = 0;
    };

    explicit ClassifiersSession(QObject* parent = nullptr);
    ~ClassifiersSession() override;

    // The shipped model folders of a family, by name (pooling: last, mean, attention; pair: the three variants).
    static QStringList modelNames(Family family);
    static QString modelDirectory(const QString& name); // modelsDirectory()/name
    // Names of the family's folders that are not there (or hold no config.json).
    static QStringList missingModels(Family family);
    // An example from the family's data generator with a fixed seed (index picks another one): a long review, a
    // document, or an entailing pair (text = premise, text2 = hypothesis).
    static std::pair<QString, QString> example(Family family, int index = 0);
    // metrics.json "accuracy_by_length" of a model folder; empty (and error filled) when it has none.
    static std::vector<LengthAccuracy> lengthAccuracy(const QString& modelDir, QString* error = nullptr);

    // Classifies text (and text2 for pairs) with each of models (folder names) in the runner. A model that cannot
    // be opened gets an Outcome with its error; input the models refuse (empty, unknown words, too long, one text
    // for a pair model) fails the job with the model's one-line message.
    void classify(const QStringList& models, const QString& text, const QString& text2 = {});
    void cancel() { m_runner.cancel(); }
    bool isBusy() const { return m_runner.isBusy(); }
    void waitForIdle() { m_runner.waitForIdle(); }
    JobRunner& runner() { return m_runner; }

    const std::vector<Outcome>& outcomes() const { return m_outcomes; }

Q_SIGNALS:
    void classified();
    void failed(const QString& message);
    void busyChanged(bool busy);

private:
    JobRunner m_runner;
    // Opened models by folder name; handed to the job and back, never touched by two threads at once.
    QMap<QString, std::shared_ptr<ClassifierModel>> m_models;
    std::vector<Outcome> m_outcomes;
};

} // namespace attn
