#pragma once

#include <QObject>
#include <QStringList>

class QComboBox;
class QLineEdit;
class QListWidget;

namespace attn {

// The Text panel's input: the sentence box with its history (newest first, at most 20), the optional second
// sentence the compare view sets beside it, and the list of example pairs. Owns no widgets: it drives the
// panel's form. Return in either box, or activating an example, asks for a run.
class SentenceInput : public QObject
{
    Q_OBJECT
public:
    SentenceInput(QComboBox* sentence, QLineEdit* second, QListWidget* examples, QObject* parent);

    QString sentence() const;       // trimmed
    QString secondSentence() const; // trimmed
    // Shows the start of long sentences, not the end where the cursor lands.
    void setSentences(const QString& text, const QString& second);
    QStringList history() const;
    void setHistory(const QStringList& history);
    // Moves text to the top of the history (adding it if new) and drops the oldest beyond the limit.
    void remember(const QString& text);

Q_SIGNALS:
    void runRequested();

private:
    void fillExamples();

    QComboBox* m_sentence;
    QLineEdit* m_second;
    QListWidget* m_examples;
};

} // namespace attn
