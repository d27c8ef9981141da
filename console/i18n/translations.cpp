#include "i18n/translations.h"

#include "i18n/languagemenu.h"
#include "i18n/recordingtranslator.h"
#include "i18n/retranslator.h"

#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QMainWindow>
#include <QMenuBar>
#include <QPointer>
#include <QSet>
#include <QSettings>
#include <QStatusBar>

namespace skydns::console {

Q_LOGGING_CATEGORY(lcConsoleI18n, "skydns.console.i18n")

namespace {

// s_translator is installed once and kept: widgets attached later still find their texts' origins.
QPointer<RecordingTranslator> s_translator;
QString s_current = QStringLiteral("en");
// s_qtPath overrides where Qt's catalogues are looked for (tests); empty: Qt's own directory.
QString s_qtPath;
// s_qtMissingLogged are the languages whose missing Qt catalogue was already reported.
QSet<QString> s_qtMissingLogged;

RecordingTranslator *recorder()
{
    if (!s_translator && QCoreApplication::instance()) {
        s_translator = new RecordingTranslator(QCoreApplication::instance());
        QCoreApplication::installTranslator(s_translator);
        // One watcher for all windows, so dialogs and windows that nobody attached (and those
        // open during a switch) follow the language as well as the main window does.
        new Retranslator(QCoreApplication::instance(), s_translator);
    }
    return s_translator;
}

// loadQtTranslator finds Qt's own catalogue (qtbase_de.qm: the standard buttons, file dialogs,
// line edit context menus); Debian ships it in qt6-translations-l10n, which may be missing: then
// the console's own texts are translated and Qt's stay English, said once per language.
std::unique_ptr<QTranslator> loadQtTranslator(const QString &language)
{
    auto t = std::make_unique<QTranslator>();
    const QString name = QStringLiteral("qtbase_") + language;
    const QString dir = Translations::qtTranslationsPath();
    if (t->load(name, dir))
        return t;
    if (!s_qtMissingLogged.contains(language)) {
        s_qtMissingLogged.insert(language);
        qCWarning(lcConsoleI18n).noquote()
            << QStringLiteral("no %1.qm in %2: Qt's own texts (standard buttons, file dialogs) stay English "
                              "(Debian: install qt6-translations-l10n)")
                   .arg(name, QDir::toNativeSeparators(dir));
    }
    return nullptr;
}

} // namespace

QString Translations::qtTranslationsPath()
{
    return s_qtPath.isEmpty() ? QLibraryInfo::path(QLibraryInfo::TranslationsPath) : s_qtPath;
}

void Translations::setQtTranslationsPath(const QString &dir)
{
    s_qtPath = dir;
}

QString Translations::settingsKey()
{
    return QStringLiteral("ui/language");
}

QString Translations::systemChoice()
{
    return QStringLiteral("system");
}

QStringList Translations::languages()
{
    return {QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("fr")};
}

QString Translations::nativeName(const QString &language)
{
    if (language == QLatin1String("de"))
        return QStringLiteral("Deutsch");
    if (language == QLatin1String("fr"))
        return QStringLiteral("Français");
    return QStringLiteral("English");
}

QString Translations::storedChoice()
{
    const QString choice = QSettings().value(settingsKey()).toString();
    return languages().contains(choice) ? choice : systemChoice();
}

bool Translations::setStoredChoice(const QString &choice)
{
    if (choice != systemChoice() && !languages().contains(choice))
        return false;
    QSettings settings;
    settings.setValue(settingsKey(), choice);
    settings.sync();
    return settings.status() == QSettings::NoError;
}

QString Translations::resolve(const QString &choice, const QStringList &uiLanguages)
{
    if (languages().contains(choice))
        return choice;
    for (const QString &ui : uiLanguages) {
        // "de-AT", "de_DE", "fr" -> the language part.
        const QString language = ui.section(QLatin1Char('-'), 0, 0).section(QLatin1Char('_'), 0, 0).toLower();
        if (languages().contains(language))
            return language;
    }
    return QStringLiteral("en");
}

QString Translations::resolve(const QString &choice)
{
    return resolve(choice, QLocale::system().uiLanguages());
}

QString Translations::apply(const QString &choice)
{
    RecordingTranslator *rec = recorder();
    if (!rec)
        return s_current;
    QString language = resolve(choice);
    std::vector<std::unique_ptr<QTranslator>> translators;
    if (language != QLatin1String("en")) {
        auto ours = std::make_unique<QTranslator>();
        if (ours->load(QStringLiteral(":/i18n/skydns_%1.qm").arg(language))) {
            translators.push_back(std::move(ours));
            if (auto qt = loadQtTranslator(language))
                translators.push_back(std::move(qt));
        } else {
            qCWarning(lcConsoleI18n) << "no translation for" << language << "in this build; using English";
            language = QStringLiteral("en");
        }
    }
    rec->setTranslators(std::move(translators));
    s_current = language;
    // Re-installing the same translator is how Qt announces a change: every widget gets
    // QEvent::LanguageChange.
    QCoreApplication::removeTranslator(rec);
    QCoreApplication::installTranslator(rec);
    return language;
}

QString Translations::applyStored()
{
    return apply(storedChoice());
}

QString Translations::currentLanguage()
{
    return s_current;
}

void Translations::attach(QMainWindow *window)
{
    RecordingTranslator *rec = recorder();
    if (!window || !rec)
        return;
    // The application-wide Retranslator made by recorder() translates the window again.
    auto *settings = new QMenu(tr("Se&ttings"), window->menuBar());
    settings->setObjectName(QStringLiteral("settingsMenu"));
    auto *languageMenu = new LanguageMenu(settings);
    settings->addMenu(languageMenu);
    QMenu *help = window->menuBar()->findChild<QMenu *>(QStringLiteral("helpMenu"));
    if (help)
        window->menuBar()->insertMenu(help->menuAction(), settings);
    else
        window->menuBar()->addMenu(settings);

    QObject::connect(languageMenu, &LanguageMenu::languageChanged, window,
                     [window](const QString &, const QString &language) {
                         window->statusBar()->showMessage(
                             tr("Language: %1. Status messages shown before the change stay in the previous "
                                "language.")
                                 .arg(nativeName(language)),
                             10000);
                     });
}

} // namespace skydns::console
