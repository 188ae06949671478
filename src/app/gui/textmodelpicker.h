#pragma once

#include <QObject>
#include <QString>

class QComboBox;
class QToolButton;

namespace attn {

// The Text panel's model picker: the shipped models and the folders opened in this session, then "Open a
// folder…", which (like the Open… button) asks the window's File > Open model. Owns no widgets: it drives the
// panel's form.
class TextModelPicker : public QObject
{
    Q_OBJECT
public:
    TextModelPicker(QComboBox* combo, QToolButton* openButton, QObject* parent);

    // Lists the models again (keeping the folders listed before), adds select if missing and shows it.
    void rescan(const QString& select = {});

Q_SIGNALS:
    void openRequested(const QString& path);
    void statusMessage(const QString& text);

private:
    QComboBox* m_combo;
};

} // namespace attn
