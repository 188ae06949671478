#include "gui/textmodelpicker.h"

#include "gui/modelfolders.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QToolButton>

namespace attn {

TextModelPicker::TextModelPicker(QComboBox* combo, QToolButton* openButton, QObject* parent)
    : QObject(parent), m_combo(combo)
{
    connect(openButton, &QToolButton::clicked, this, [this] {
        m_combo->setCurrentIndex(m_combo->count() - 1); // "Open a folder…" asks MainWindow
    });
    connect(m_combo, &QComboBox::activated, this, [this](int index) {
        const QString path = m_combo->itemData(index).toString();
        if (path.isEmpty()) {
            Q_EMIT statusMessage(tr("Choose a model folder with File > Open model…, or drop one on the window."));
            if (auto* action = m_combo->window()->findChild<QAction*>(QStringLiteral("actionOpenModel"))) {
                action->trigger();
            }
            return;
        }
        Q_EMIT openRequested(path);
    });
}

void TextModelPicker::rescan(const QString& select)
{
    const QSignalBlocker blocker(m_combo);
    QStringList paths;
    for (int i = 0; i < m_combo->count(); ++i) {
        paths << m_combo->itemData(i).toString();
    }
    m_combo->clear();
    QStringList all = modelFoldersIn(modelsDirectory());
    for (const auto& p : paths) {
        if (!p.isEmpty() && !all.contains(p)) {
            all << p;
        }
    }
    if (!select.isEmpty() && !all.contains(select)) {
        all << select;
    }
    for (const auto& p : all) {
        m_combo->addItem(QFileInfo(p).fileName(), p);
        m_combo->setItemData(m_combo->count() - 1, QDir::toNativeSeparators(p), Qt::ToolTipRole);
    }
    m_combo->addItem(tr("Open a folder…"), QString());
    const int index = select.isEmpty() ? -1 : int(all.indexOf(select));
    m_combo->setCurrentIndex(index >= 0 ? index : (all.isEmpty() ? 0 : -1));
}

} // namespace attn
