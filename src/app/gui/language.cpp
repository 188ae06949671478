#include "gui/language.h"

#include <QActionGroup>
#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QTranslator>

namespace attn {

namespace {

const char* const kLanguageKey = "ui/language";
QString gLanguage = QStringLiteral("en");

} // namespace

QString installTranslators(QCoreApplication* app, const QString& overrideLanguage)
{
    QString language = overrideLanguage.isEmpty() ? QSettings().value(kLanguageKey).toString() : overrideLanguage;
    if (language.isEmpty()) {
        language = QLocale::system().name(); // e.g. zh_CN
    }
    if (language.startsWith(QLatin1String("zh"))) {
        language = QStringLiteral("zh_CN");
    }
    auto* ours = new QTranslator(app);
    if (ours->load(QStringLiteral(":/i18n/attnscope_%1.qm").arg(language))) {
        QCoreApplication::installTranslator(ours);
        // Qt's own strings (standard buttons, file dialogs), when the distribution ships them.
        auto* qt = new QTranslator(app);
        if (qt->load(QStringLiteral("qtbase_%1").arg(language), QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            QCoreApplication::installTranslator(qt);
        } else {
            delete qt;
        }
        gLanguage = language;
        return language;
    }
    delete ours;
    gLanguage = QStringLiteral("en");
    return gLanguage;
}

QString currentLanguage()
{
    return gLanguage;
}

void addLanguageMenu(QMenu* menu, QWidget* parent)
{
    QMenu* sub = menu->addMenu(QCoreApplication::translate("attn::Language", "&Language"));
    auto* group = new QActionGroup(sub);
    const QString current = QSettings().value(kLanguageKey).toString();
    const std::pair<QString, QString> choices[] = {
        {QString(), QCoreApplication::translate("attn::Language", "System default")},
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("zh_CN"), QStringLiteral("简体中文")},
    };
    for (const auto& [code, label] : choices) {
        QAction* action = sub->addAction(label);
        action->setCheckable(true);
        action->setChecked(code == current);
        group->addAction(action);
        QObject::connect(action, &QAction::triggered, parent, [parent, code = code] {
            QSettings().setValue(kLanguageKey, code);
            QMessageBox::information(parent, QCoreApplication::translate("attn::Language", "Language"),
                                     QCoreApplication::translate("attn::Language",
                                                                 "The language changes the next time AttentionScope "
                                                                 "starts."));
        });
    }
}

} // namespace attn
