#pragma once

#include <QString>

class QCoreApplication;
class QMenu;
class QWidget;

namespace attn {

// Loads the user's interface language (setting "ui/language": "" follows the system, "en", "zh_CN") before any
// window is built. Returns the language in use.
QString installTranslators(QCoreApplication* app, const QString& overrideLanguage = {});
// The language installTranslators put in use ("en" before it ran): lessons show their text in it.
QString currentLanguage();
// Adds "Language" choices to a menu; a choice is saved and applies at the next start.
void addLanguageMenu(QMenu* menu, QWidget* parent);

} // namespace attn
