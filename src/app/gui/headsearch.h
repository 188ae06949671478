#pragma once

#include <QObject>
#include <QStringList>

class QDoubleSpinBox;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace attn {

struct AttentionSelection;
struct AttentionSet;

// The Text panel's head search: the heads of the chosen kind that give a from-token a weight of at least the
// threshold on a to-token, listed with the model's layer numbers; clicking one asks for that head. Owns no widgets:
// it drives the panel's form. Find heads, or Return in either token field, asks the panel for a search.
class HeadSearch : public QObject
{
    Q_OBJECT
public:
    struct Widgets
    {
        QLineEdit* from;
        QLineEdit* to;
        QDoubleSpinBox* threshold;
        QPushButton* button;
        QListWidget* results;
    };

    HeadSearch(const Widgets& widgets, QObject* parent);

    // Shows from, to and threshold in the fields and searches set (null: nothing run yet) for them; returns the
    // result lines shown.
    QStringList search(const AttentionSet* set, const AttentionSelection& selection, const QString& from,
                       const QString& to, double threshold);

Q_SIGNALS:
    // The fields' search was asked for (the button, or Return in a token field).
    void searchRequested(const QString& from, const QString& to, double threshold);
    // A result was clicked; layer is the model's number.
    void headChosen(int layer, int head);
    // A message for the panel's banner; empty clears it.
    void errorOccurred(const QString& message);

private:
    Widgets m_w;
};

} // namespace attn
