#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

class QMainWindow;

namespace skydns::console {

// Translations chooses the console's language: "system" follows QLocale::system(), or one of the
// shipped languages ("en", "de", "fr"). The choice is kept in QSettings under "ui/language". It
// installs the console's translator (:/i18n/skydns_<lang>.qm) and Qt's own (qtbase_<lang>.qm) when
// the system has it; switching sends QEvent::LanguageChange, and windows given to attach() retranslate.
class Translations final
{
    Q_DECLARE_TR_FUNCTIONS(skydns::console::Translations)

public:
    // settingsKey is the QSettings key of the choice ("ui/language").
    static QString settingsKey();
    // systemChoice is the choice that follows the system locale ("system").
    static QString systemChoice();
    // languages are the shipped languages, English first ("en", "de", "fr").
    static QStringList languages();
    // nativeName is how a language names itself ("Deutsch"), for the language menu.
    static QString nativeName(const QString &language);
    // storedChoice is the choice in QSettings: "system" when unset or not a shipped language.
    static QString storedChoice();
    // setStoredChoice stores choice ("system" or a shipped language); anything else is refused.
    static bool setStoredChoice(const QString &choice);
    // resolve turns a choice into a shipped language: "system" takes the first of uiLanguages
    // (QLocale::uiLanguages() order, e.g. "de-AT") that is shipped, else "en".
    static QString resolve(const QString &choice, const QStringList &uiLanguages);
    static QString resolve(const QString &choice);
    // apply installs the translators for choice now (English: none) and returns the language in
    // effect; an unknown choice is treated as "system".
    static QString apply(const QString &choice);
    // applyStored applies storedChoice(); main() calls it before creating any window.
    static QString applyStored();
    // qtTranslationsPath is where Qt's own catalogues (qtbase_<lang>.qm) are looked for:
    // QLibraryInfo's TranslationsPath unless setQtTranslationsPath() chose another directory.
    static QString qtTranslationsPath();
    // setQtTranslationsPath makes apply() look for Qt's catalogues in dir (empty: Qt's own again);
    // a missing catalogue leaves Qt's texts English and is logged once per language.
    static void setQtTranslationsPath(const QString &dir);
    // currentLanguage is the language apply() last put in effect ("en" before any call).
    static QString currentLanguage();
    // attach makes sure window follows language changes (its menus, actions, tabs, labels and
    // buttons are retranslated, as those of every other window and open dialog are) and adds
    // Settings > Language to its menu bar (before Help), with a status bar message after a change.
    static void attach(QMainWindow *window);
};

} // namespace skydns::console
