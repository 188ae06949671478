#include "gui/textpanelsettings.h"

#include "gui/modelfolders.h"
#include "gui/selectioncontrols.h"
#include "gui/sentenceinput.h"
#include "gui/textviews.h"
#include "gui/wordviewtoggle.h"

#include <QDir>
#include <QFileInfo>
#include <QLineEdit>
#include <QSettings>
#include <QTabWidget>

namespace attn {

TextPanelSettings::TextPanelSettings(const Parts& parts, QObject* parent) : QObject(parent), m_p(parts) {}

QString TextPanelSettings::restore()
{
    QSettings s;
    m_restoring = true;
    m_p.input->setHistory(s.value(QStringLiteral("text/history")).toStringList());
    m_p.input->setSentences(s.value(QStringLiteral("text/sentence"), canonicalSentence()).toString(),
                            s.value(QStringLiteral("text/second"), canonicalSecondSentence()).toString());
    m_p.views->setSelectedToken(s.value(QStringLiteral("text/selectedToken"), QStringLiteral("it")).toString());
    m_p.viewTabs->setCurrentIndex(s.value(QStringLiteral("text/view"), 0).toInt());
    m_p.words->setOn(s.value(QStringLiteral("text/words"), false).toBool());
    QString model = s.value(QStringLiteral("text/model")).toString();
    if (model.isEmpty() || !QFileInfo::exists(model)) {
        const QStringList shipped = modelFoldersIn(modelsDirectory());
        const QString coref = QDir(modelsDirectory()).absoluteFilePath(QStringLiteral("coref-en-fr"));
        model = shipped.contains(coref) ? coref : shipped.value(0);
        s.remove(QStringLiteral("text/choices")); // a new model starts on its own default head
    }
    if (model.isEmpty()) {
        m_restoring = false;
    }
    return model;
}

int TextPanelSettings::restoredLayer(const QString& modelPath) const
{
    const QVariantMap choices = QSettings().value(QStringLiteral("text/choices")).toMap();
    const DefaultHead preset = defaultHeadOf(modelPath);
    return choices.isEmpty() ? (preset.valid() ? preset.layer : -1) : choices.value("layer").toInt();
}

bool TextPanelSettings::restoreChoices(const QString& modelPath)
{
    m_restoring = false;
    const QVariantMap choices = QSettings().value(QStringLiteral("text/choices")).toMap();
    if (!choices.isEmpty()) {
        m_p.controls->restore(choices);
        return false;
    }
    const DefaultHead preset = defaultHeadOf(modelPath);
    if (!preset.valid()) {
        return false;
    }
    AttentionSelection sel;
    sel.kind = preset.kind;
    sel.layer = preset.layer;
    sel.head = preset.head;
    m_p.controls->restore(sel);
    return true;
}

void TextPanelSettings::rememberModel(const QString& path)
{
    QSettings().setValue(QStringLiteral("text/model"), QDir(path).absolutePath());
}

void TextPanelSettings::save() const
{
    if (m_restoring || !m_persistent) {
        return;
    }
    QSettings s;
    s.setValue(QStringLiteral("text/history"), m_p.input->history());
    s.setValue(QStringLiteral("text/sentence"), m_p.input->sentence());
    s.setValue(QStringLiteral("text/second"), m_p.second->text());
    s.setValue(QStringLiteral("text/selectedToken"), m_p.views->selectedToken());
    s.setValue(QStringLiteral("text/view"), m_p.viewTabs->currentIndex());
    s.setValue(QStringLiteral("text/choices"), m_p.controls->toMap());
    s.setValue(QStringLiteral("text/words"), m_p.words->isOn());
}

} // namespace attn
