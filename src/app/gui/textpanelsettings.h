#pragma once

#include <QObject>
#include <QString>

class QLineEdit;
class QTabWidget;

namespace attn {

class SelectionControls;
class SentenceInput;
class TextViews;
class WordViewToggle;

// What the Text panel remembers in QSettings ("text/..."): the sentences and their history, the selected token,
// the view tab, the Words box, the kind / layer / head choices and the model to open at start. Restoring lasts
// from restore() until the first run's choices are applied (restoreChoices); nothing is saved meanwhile, nor
// ever when the panel is not persistent (a lesson's own copy). Owns no widgets.
class TextPanelSettings : public QObject
{
    Q_OBJECT
public:
    struct Parts
    {
        SentenceInput* input;
        QLineEdit* second;
        TextViews* views;
        QTabWidget* viewTabs;
        WordViewToggle* words;
        SelectionControls* controls;
    };

    TextPanelSettings(const Parts& parts, QObject* parent);

    void setPersistent(bool persistent) { m_persistent = persistent; }
    // Restores the sentences, token, view tab and Words box, and returns the model to open: the last one opened if
    // it is still there, else the shipped coreference model (or the first shipped one), which then starts on its
    // own default head. Empty when there is none (restoring then ends).
    QString restore();
    bool isRestoring() const { return m_restoring; }
    // The layer the restored choices will show for the model at modelPath (its number; -1: none): the saved
    // choices', else the model's default head's.
    int restoredLayer(const QString& modelPath) const;
    // Applies the saved choices, else the default head of the model at modelPath, to the controls and ends
    // restoring; true when the default head was applied.
    bool restoreChoices(const QString& modelPath);
    // The model folder to open at the next start.
    void rememberModel(const QString& path);
    void save() const;

private:
    Parts m_p;
    bool m_restoring = false;
    bool m_persistent = true;
};

} // namespace attn
