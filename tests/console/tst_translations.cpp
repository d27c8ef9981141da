// Tests of the console's translations: the shipped .ts files are complete (no unfinished, empty or
// vanished message) and up to date with the sources (a fresh lupdate over console/ and common/ finds
// no string they lack, so a new tr() without German fails here), placeholders match their source,
// German really shows in the main window at runtime and English comes back, and the stored choice
// is used at the next start. Qt's own texts (standard buttons, line edit menus) follow the language
// (qtbase_<lang>.qm; without it ours still load), and dialogs open during a switch follow it too.
#include "i18n/languagemenu.h"
#include "i18n/translations.h"
#include "mainwindow.h"
#ifdef SKYDNS_CONSOLE_HAS_CONNECTION
#include "connection/profiledialog.h"
#endif
#ifdef SKYDNS_CONSOLE_HAS_DISCOVERY
#include "discovery/registerdialog.h"
#endif

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <memory>

using skydns::console::LanguageMenu;
using skydns::console::MainWindow;
using skydns::console::Translations;

namespace {

// TsMessage is one <message> of a .ts file.
struct TsMessage
{
    QString context;
    QString source;
    QString comment;
    QString type; // "", "unfinished", "vanished", "obsolete"
    bool numerus = false;
    QStringList translations; // one, or one per plural form
    QString key() const { return context + QLatin1Char('|') + source + QLatin1Char('|') + comment; }
};

bool readTs(const QString &path, QList<TsMessage> *out, QString *language, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.errorString();
        return false;
    }
    QXmlStreamReader xml(&f);
    QString context;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("TS")) {
            if (language)
                *language = xml.attributes().value(QLatin1String("language")).toString();
        } else if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("message")) {
            TsMessage m;
            m.context = context;
            m.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            while (!(xml.isEndElement() && xml.name() == QLatin1String("message")) && !xml.atEnd()) {
                xml.readNext();
                if (!xml.isStartElement())
                    continue;
                if (xml.name() == QLatin1String("source")) {
                    m.source = xml.readElementText();
                } else if (xml.name() == QLatin1String("comment")) {
                    m.comment = xml.readElementText();
                } else if (xml.name() == QLatin1String("translation")) {
                    m.type = xml.attributes().value(QLatin1String("type")).toString();
                    if (!m.numerus)
                        m.translations << xml.readElementText();
                } else if (xml.name() == QLatin1String("numerusform")) {
                    m.translations << xml.readElementText();
                }
            }
            out->append(m);
        }
    }
    if (xml.hasError()) {
        *error = xml.errorString();
        return false;
    }
    return true;
}

QStringList tsFiles()
{
    return QString::fromUtf8(SKYDNS_TS_FILES).split(QLatin1Char(','), Qt::SkipEmptyParts);
}

// placeholders are the %1..%9 (and %n) a text uses, as a sorted set.
QStringList placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%(?:L?[1-9]|n)"));
    QSet<QString> found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found.insert(it.next().captured().remove(QLatin1Char('L')));
    QStringList list(found.begin(), found.end());
    list.sort();
    return list;
}

// expected is the translation a .ts file gives (context, source): the test reads what to expect
// from the shipped file rather than repeating it.
QString expected(const QString &ts, const QString &context, const QString &source)
{
    QList<TsMessage> messages;
    QString error;
    if (!readTs(ts, &messages, nullptr, &error))
        return QString();
    for (const TsMessage &m : std::as_const(messages)) {
        if (m.context == context && m.source == source && !m.translations.isEmpty())
            return m.translations.first();
    }
    return QString();
}

QString tsFor(const QString &language)
{
    for (const QString &ts : tsFiles()) {
        if (QFileInfo(ts).fileName() == QStringLiteral("skydns_%1.ts").arg(language))
            return ts;
    }
    return QString();
}

QString fileMenuTitle(const QMainWindow &window)
{
    auto *menu = window.menuBar()->findChild<QMenu *>(QStringLiteral("fileMenu"));
    return menu ? menu->title() : QString();
}

const char *const kMainWindow = "skydns::console::MainWindow";
const char *const kRegisterDialog = "skydns::console::RegisterDialog";
const char *const kProfileDialog = "skydns::console::ProfileDialog";

// de is the German of (context, source) as translations/skydns_de.ts gives it.
QString de(const char *context, const QString &source)
{
    return expected(tsFor(QStringLiteral("de")), QString::fromLatin1(context), source);
}

// labelOf is the form label whose buddy is field (empty when there is none).
QString labelOf(const QWidget *dialog, const QWidget *field)
{
    for (const QLabel *label : dialog->findChildren<QLabel *>()) {
        if (label->buddy() == field)
            return label->text();
    }
    return QString();
}

QString cancelText(const QDialogButtonBox *box)
{
    const QPushButton *cancel = box ? box->button(QDialogButtonBox::Cancel) : nullptr;
    return cancel ? cancel->text() : QString();
}

} // namespace

class TstTranslations final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void complete_data();
    void complete();
    void upToDate_data();
    void upToDate();
    void placeholdersMatch_data();
    void placeholdersMatch();
    void resolve_data();
    void resolve();
    void runtimeSwitch();
    void languageMenu();
    void storedChoiceUsedAtNextStart();
    void badStoredChoice();
    void qtTexts_data();
    void qtTexts();
    void qtCatalogueMissing();
    void unattachedWindowFollows();
    void openRegisterDialogFollows();
    void openProfileDialogFollows_data();
    void openProfileDialogFollows();

private:
    QTemporaryDir m_settingsDir;
};

void TstTranslations::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("SkyDNS Qt test"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_translations"));
    QVERIFY2(tsFiles().size() >= 2, qPrintable(tsFiles().join(QLatin1Char(' '))));
    QVERIFY(!tsFor(QStringLiteral("de")).isEmpty());
}

void TstTranslations::complete_data()
{
    QTest::addColumn<QString>("ts");
    for (const QString &ts : tsFiles())
        QTest::newRow(qPrintable(QFileInfo(ts).fileName())) << ts;
}

void TstTranslations::complete()
{
    QFETCH(QString, ts);
    QList<TsMessage> messages;
    QString language, error;
    QVERIFY2(readTs(ts, &messages, &language, &error), qPrintable(error));
    QVERIFY2(messages.size() > 100, "the console has hundreds of strings; the file looks truncated");
    QVERIFY(!language.isEmpty());
    QStringList problems;
    for (const TsMessage &m : std::as_const(messages)) {
        const bool empty = m.translations.isEmpty()
            || std::any_of(m.translations.begin(), m.translations.end(),
                           [](const QString &t) { return t.trimmed().isEmpty(); });
        if (!m.type.isEmpty() || empty)
            problems << QStringLiteral("%1 [%2] \"%3\"").arg(m.type.isEmpty() ? QStringLiteral("empty") : m.type,
                                                            m.context, m.source);
    }
    QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("%1 message(s) of %2 not translated "
                                                          "(run translations/update.sh, then translate):\n  %3")
                                                .arg(problems.size()).arg(ts, problems.join(QStringLiteral("\n  ")))));
}

void TstTranslations::upToDate_data()
{
    complete_data();
}

void TstTranslations::upToDate()
{
    QFETCH(QString, ts);
    // A fresh lupdate of the sources, as translations/update.sh runs it, into a scratch file.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString fresh = dir.filePath(QStringLiteral("fresh.ts"));
    QProcess lupdate;
    lupdate.setWorkingDirectory(QStringLiteral(SKYDNS_SOURCE_DIR));
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    lupdate.start(QStringLiteral(SKYDNS_LUPDATE),
                  {QStringLiteral("-silent"), QStringLiteral("-recursive"), QStringLiteral("-locations"),
                   QStringLiteral("none"), QStringLiteral("-extensions"), QStringLiteral("cpp,h"),
                   QStringLiteral("console"), QStringLiteral("common"), QStringLiteral("-ts"), fresh});
    QVERIFY2(lupdate.waitForFinished(60000), "lupdate did not finish in 60 s");
    QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0,
             lupdate.readAll().constData());

    QList<TsMessage> sources, shipped;
    QString error;
    QVERIFY2(readTs(fresh, &sources, nullptr, &error), qPrintable(error));
    QVERIFY2(sources.size() > 100, "lupdate found too few strings: wrong source directory?");
    QVERIFY2(readTs(ts, &shipped, nullptr, &error), qPrintable(error));
    QSet<QString> translated;
    for (const TsMessage &m : std::as_const(shipped)) {
        if (m.type.isEmpty() && !m.translations.isEmpty())
            translated.insert(m.key());
    }
    QStringList missing;
    for (const TsMessage &m : std::as_const(sources)) {
        if (!translated.contains(m.key()))
            missing << QStringLiteral("[%1] \"%2\"").arg(m.context, m.source);
    }
    QVERIFY2(missing.isEmpty(),
             qPrintable(QStringLiteral("%1 tr() string(s) of the sources have no translation in %2 "
                                       "(run translations/update.sh, then translate):\n  %3")
                            .arg(missing.size()).arg(ts, missing.join(QStringLiteral("\n  ")))));
}

void TstTranslations::placeholdersMatch_data()
{
    complete_data();
}

void TstTranslations::placeholdersMatch()
{
    QFETCH(QString, ts);
    QList<TsMessage> messages;
    QString error;
    QVERIFY2(readTs(ts, &messages, nullptr, &error), qPrintable(error));
    QStringList problems;
    for (const TsMessage &m : std::as_const(messages)) {
        const QStringList want = placeholders(m.source);
        for (const QString &t : m.translations) {
            QStringList got = placeholders(t);
            // A plural form may spell the number out ("ein Schlüssel") and drop %n.
            if (m.numerus && !want.contains(QStringLiteral("%n")))
                got.removeAll(QStringLiteral("%n"));
            QStringList wantHere = want;
            if (m.numerus && !got.contains(QStringLiteral("%n")))
                wantHere.removeAll(QStringLiteral("%n"));
            if (got != wantHere)
                problems << QStringLiteral("[%1] \"%2\" -> \"%3\" (%4 vs %5)")
                                .arg(m.context, m.source, t, wantHere.join(QLatin1Char(',')), got.join(QLatin1Char(',')));
        }
        // Accelerators: a source with '&' keeps one in the translation (only "&&" is a literal).
        QString plain = m.source;
        plain.remove(QStringLiteral("&&"));
        static const QRegularExpression accel(QStringLiteral("&[^&\\s;]"));
        if (accel.match(plain).hasMatch() && !plain.contains(QLatin1Char(';'))) {
            for (const QString &t : m.translations) {
                QString tp = t;
                tp.remove(QStringLiteral("&&"));
                if (!accel.match(tp).hasMatch())
                    problems << QStringLiteral("[%1] \"%2\" -> \"%3\" lost its accelerator").arg(m.context, m.source, t);
            }
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void TstTranslations::resolve_data()
{
    QTest::addColumn<QString>("choice");
    QTest::addColumn<QStringList>("uiLanguages");
    QTest::addColumn<QString>("language");
    QTest::newRow("system: de-AT first") << "system" << QStringList{"de-AT", "en-US"} << "de";
    QTest::newRow("system: fr_CA") << "system" << QStringList{"fr_CA"} << "fr";
    QTest::newRow("system: first shipped one wins") << "system" << QStringList{"ja-JP", "fr-FR", "de"} << "fr";
    QTest::newRow("system: nothing shipped -> English") << "system" << QStringList{"ja-JP", "pt-BR"} << "en";
    QTest::newRow("system: C locale") << "system" << QStringList{"C"} << "en";
    QTest::newRow("explicit beats system") << "fr" << QStringList{"de-DE"} << "fr";
    QTest::newRow("explicit English") << "en" << QStringList{"de-DE"} << "en";
    QTest::newRow("unknown choice follows system") << "xx" << QStringList{"de-DE"} << "de";
}

void TstTranslations::resolve()
{
    QFETCH(QString, choice);
    QFETCH(QStringList, uiLanguages);
    QFETCH(QString, language);
    QCOMPARE(Translations::resolve(choice, uiLanguages), language);
}

void TstTranslations::runtimeSwitch()
{
    const QString german = expected(tsFor(QStringLiteral("de")), QString::fromLatin1(kMainWindow), QStringLiteral("&File"));
    QVERIFY(!german.isEmpty());
    QVERIFY(german != QStringLiteral("&File"));

    QCOMPARE(Translations::apply(QStringLiteral("en")), QStringLiteral("en"));
    MainWindow window;
    Translations::attach(&window);
    window.show();
    QCOMPARE(fileMenuTitle(window), QStringLiteral("&File"));
    const QString englishTab = window.tabs()->tabText(0);

    // German while the window is open: its menus and tabs change at once.
    QCOMPARE(Translations::apply(QStringLiteral("de")), QStringLiteral("de"));
    QCOMPARE(Translations::currentLanguage(), QStringLiteral("de"));
    QTRY_COMPARE(fileMenuTitle(window), german);
    QVERIFY2(window.tabs()->tabText(0) != englishTab, qPrintable(window.tabs()->tabText(0)));
    QCOMPARE(window.quitAction()->text(),
             expected(tsFor(QStringLiteral("de")), QString::fromLatin1(kMainWindow), QStringLiteral("&Quit")));

    // And back.
    QCOMPARE(Translations::apply(QStringLiteral("en")), QStringLiteral("en"));
    QTRY_COMPARE(fileMenuTitle(window), QStringLiteral("&File"));
    QCOMPARE(window.tabs()->tabText(0), englishTab);
    QCOMPARE(window.quitAction()->text(), QStringLiteral("&Quit"));
}

void TstTranslations::languageMenu()
{
    Translations::apply(QStringLiteral("en"));
    MainWindow window;
    Translations::attach(&window);
    auto *settings = window.menuBar()->findChild<QMenu *>(QStringLiteral("settingsMenu"));
    QVERIFY(settings);
    auto *menu = window.menuBar()->findChild<LanguageMenu *>(QStringLiteral("languageMenu"));
    QVERIFY(menu);
    // Settings comes before Help.
    const QList<QAction *> top = window.menuBar()->actions();
    auto *help = window.menuBar()->findChild<QMenu *>(QStringLiteral("helpMenu"));
    QVERIFY(help);
    QVERIFY(top.indexOf(settings->menuAction()) >= 0);
    QVERIFY(top.indexOf(settings->menuAction()) < top.indexOf(help->menuAction()));
    for (const QString &choice : {QStringLiteral("system"), QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("fr")})
        QVERIFY2(menu->actionFor(choice), qPrintable(choice));

    menu->actionFor(QStringLiteral("fr"))->trigger();
    QCOMPARE(Translations::currentLanguage(), QStringLiteral("fr"));
    QCOMPARE(QSettings().value(Translations::settingsKey()).toString(), QStringLiteral("fr"));
    QVERIFY(menu->actionFor(QStringLiteral("fr"))->isChecked());
    QTRY_COMPARE(fileMenuTitle(window),
                 expected(tsFor(QStringLiteral("fr")), QString::fromLatin1(kMainWindow), QStringLiteral("&File")));
    QCOMPARE(settings->title(), expected(tsFor(QStringLiteral("fr")), QStringLiteral("skydns::console::Translations"),
                                         QStringLiteral("Se&ttings")));

    menu->actionFor(QStringLiteral("en"))->trigger();
    QTRY_COMPARE(fileMenuTitle(window), QStringLiteral("&File"));
    QCOMPARE(settings->title(), QStringLiteral("Se&ttings"));
    QCOMPARE(Translations::storedChoice(), QStringLiteral("en"));
}

void TstTranslations::storedChoiceUsedAtNextStart()
{
    // First run: the user picks German; the settings are written to disk.
    QVERIFY(Translations::setStoredChoice(QStringLiteral("de")));
    Translations::apply(QStringLiteral("en"));
    // "Next start": what main() does, reading the choice back from the settings file.
    QCOMPARE(Translations::storedChoice(), QStringLiteral("de"));
    QCOMPARE(Translations::applyStored(), QStringLiteral("de"));
    {
        MainWindow window;
        QCOMPARE(fileMenuTitle(window),
                 expected(tsFor(QStringLiteral("de")), QString::fromLatin1(kMainWindow), QStringLiteral("&File")));
    }
    QVERIFY(Translations::setStoredChoice(QStringLiteral("en")));
    QCOMPARE(Translations::applyStored(), QStringLiteral("en"));
    {
        MainWindow window;
        QCOMPARE(fileMenuTitle(window), QStringLiteral("&File"));
    }
}

void TstTranslations::badStoredChoice()
{
    QVERIFY(!Translations::setStoredChoice(QStringLiteral("klingon")));
    QSettings().setValue(Translations::settingsKey(), QStringLiteral("klingon"));
    QCOMPARE(Translations::storedChoice(), Translations::systemChoice());
    QSettings().remove(Translations::settingsKey());
    QCOMPARE(Translations::storedChoice(), Translations::systemChoice());
}

void TstTranslations::qtTexts_data()
{
    // Qt's catalogues (qt6-translations-l10n) are what setup-debian.sh installs.
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("cancel");
    QTest::addColumn<QString>("undo");
    QTest::newRow("qtbase_de: Cancel button, line edit menu") << "de" << "Abbrechen" << "&Rückgängig";
    QTest::newRow("qtbase_fr: Cancel button, line edit menu") << "fr" << "Annuler" << "&Annuler";
}

void TstTranslations::qtTexts()
{
    QFETCH(QString, language);
    QFETCH(QString, cancel);
    QFETCH(QString, undo);
    auto undoText = [] {
        QLineEdit edit;
        std::unique_ptr<QMenu> menu(edit.createStandardContextMenu());
        // "&Undo\tCtrl+Z": the shortcut hint is the platform's, the text before it is the catalogue's.
        const QList<QAction *> actions = menu->actions();
        return actions.isEmpty() ? QString() : actions.first()->text().section(QLatin1Char('\t'), 0, 0);
    };

    QCOMPARE(Translations::apply(QStringLiteral("en")), QStringLiteral("en"));
    QDialogButtonBox box(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    box.show();
    QCOMPARE(cancelText(&box), QStringLiteral("Cancel"));
    QCOMPARE(undoText(), QStringLiteral("&Undo"));

    // The open button box follows the switch; new widgets are built in the language.
    QCOMPARE(Translations::apply(language), language);
    QTRY_COMPARE(cancelText(&box), cancel);
    QCOMPARE(undoText(), undo);
    QDialogButtonBox fresh(QDialogButtonBox::Cancel);
    QCOMPARE(cancelText(&fresh), cancel);

    QCOMPARE(Translations::apply(QStringLiteral("en")), QStringLiteral("en"));
    QTRY_COMPARE(cancelText(&box), QStringLiteral("Cancel"));
    QCOMPARE(undoText(), QStringLiteral("&Undo"));
}

void TstTranslations::qtCatalogueMissing()
{
    // No qtbase_de.qm (qt6-translations-l10n not installed): the console's German still loads,
    // Qt's texts stay English, and the gap is logged once, not at every switch.
    QTemporaryDir empty;
    QVERIFY(empty.isValid());
    Translations::setQtTranslationsPath(empty.path());
    QCOMPARE(Translations::qtTranslationsPath(), empty.path());
    const QRegularExpression logged(QStringLiteral("no qtbase_de\\.qm in .*qt6-translations-l10n"));
    QTest::ignoreMessage(QtWarningMsg, logged);
    QCOMPARE(Translations::apply(QStringLiteral("de")), QStringLiteral("de"));
    QCOMPARE(QCoreApplication::translate(kMainWindow, "&File"), de(kMainWindow, QStringLiteral("&File")));
    QDialogButtonBox box(QDialogButtonBox::Cancel);
    QCOMPARE(cancelText(&box), QStringLiteral("Cancel"));

    QTest::failOnWarning(logged);
    QCOMPARE(Translations::apply(QStringLiteral("en")), QStringLiteral("en"));
    QCOMPARE(Translations::apply(QStringLiteral("de")), QStringLiteral("de"));
    QCOMPARE(QCoreApplication::translate(kMainWindow, "&File"), de(kMainWindow, QStringLiteral("&File")));

    // Qt's directory again: its German comes back with the next apply.
    Translations::setQtTranslationsPath(QString());
    QCOMPARE(Translations::apply(QStringLiteral("de")), QStringLiteral("de"));
    QDialogButtonBox again(QDialogButtonBox::Cancel);
    QCOMPARE(cancelText(&again), QStringLiteral("Abbrechen"));
    Translations::apply(QStringLiteral("en"));
}

void TstTranslations::unattachedWindowFollows()
{
    // A window nobody attached (no main window around it) with fixed tr() texts.
    Translations::apply(QStringLiteral("en"));
    QWidget window;
    auto *label = new QLabel(QCoreApplication::translate(kMainWindow, "&Quit"), &window);
    window.setWindowTitle(QCoreApplication::translate(kMainWindow, "&File"));
    window.show();
    QCOMPARE(label->text(), QStringLiteral("&Quit"));

    Translations::apply(QStringLiteral("de"));
    QTRY_COMPARE(label->text(), de(kMainWindow, QStringLiteral("&Quit")));
    QCOMPARE(window.windowTitle(), de(kMainWindow, QStringLiteral("&File")));
    Translations::apply(QStringLiteral("en"));
    QTRY_COMPARE(label->text(), QStringLiteral("&Quit"));
    QCOMPARE(window.windowTitle(), QStringLiteral("&File"));
}

void TstTranslations::openRegisterDialogFollows()
{
#ifndef SKYDNS_CONSOLE_HAS_DISCOVERY
    QSKIP("the console was built without its discovery part (no register dialog)");
#else
    using skydns::console::RegisterDialog;
    Translations::apply(QStringLiteral("en"));
    // No store: the dialog only writes on Register, which this test does not press.
    RegisterDialog dialog(nullptr, QStringLiteral("skydns.local."), QStringLiteral("skydns"));
    dialog.show();
    auto *buttons = dialog.findChild<QDialogButtonBox *>();
    QVERIFY(buttons);
    QCOMPARE(dialog.windowTitle(), QStringLiteral("Register a service"));
    QCOMPARE(labelOf(&dialog, dialog.nameEdit()), QStringLiteral("&Name:"));
    QCOMPARE(dialog.messageLabel()->text(), QStringLiteral("Give a name and a host."));

    // Open while the language changes: fixed texts, texts with arguments, Qt's Cancel.
    Translations::apply(QStringLiteral("de"));
    QTRY_COMPARE(dialog.windowTitle(), de(kRegisterDialog, QStringLiteral("Register a service")));
    QVERIFY(dialog.windowTitle() != QStringLiteral("Register a service"));
    QCOMPARE(labelOf(&dialog, dialog.nameEdit()), de(kRegisterDialog, QStringLiteral("&Name:")));
    QCOMPARE(dialog.registerButton()->text(), de(kRegisterDialog, QStringLiteral("&Register")));
    QCOMPARE(dialog.nameEdit()->placeholderText(),
             de(kRegisterDialog, QStringLiteral("web.dev (below %1)")).arg(QStringLiteral("skydns.local.")));
    QCOMPARE(dialog.ttlBox()->specialValueText(), de(kRegisterDialog, QStringLiteral("no expiry")));
    QCOMPARE(dialog.mailBox()->text(), de(kRegisterDialog, QStringLiteral("Answer MX queries with this service")));
    QCOMPARE(dialog.messageLabel()->text(), de(kRegisterDialog, QStringLiteral("Give a name and a host.")));
    QCOMPARE(cancelText(buttons), QStringLiteral("Abbrechen"));

    // A message built from the form follows as well, with its arguments kept.
    Translations::apply(QStringLiteral("en"));
    QTRY_COMPARE(dialog.windowTitle(), QStringLiteral("Register a service"));
    QCOMPARE(dialog.messageLabel()->text(), QStringLiteral("Give a name and a host."));
    QCOMPARE(cancelText(buttons), QStringLiteral("Cancel"));
    dialog.nameEdit()->setText(QStringLiteral("web"));
    dialog.hostEdit()->setText(QStringLiteral("127.0.0.1:8080"));
    const QRegularExpression english(QStringLiteral("^(\\S+) will answer with 127\\.0\\.0\\.1:8080\\.$"));
    const QRegularExpressionMatch match = english.match(dialog.messageLabel()->text());
    QVERIFY2(match.hasMatch(), qPrintable(dialog.messageLabel()->text()));
    Translations::apply(QStringLiteral("de"));
    QTRY_COMPARE(dialog.messageLabel()->text(), de(kRegisterDialog, QStringLiteral("%1 will answer with %2."))
                                                    .arg(match.captured(1), QStringLiteral("127.0.0.1:8080")));
    QCOMPARE(dialog.nameEdit()->text(), QStringLiteral("web")); // the user's text is untouched
    Translations::apply(QStringLiteral("en"));
    QTRY_COMPARE(dialog.messageLabel()->text(), match.captured(0));
#endif
}

void TstTranslations::openProfileDialogFollows_data()
{
    QTest::addColumn<bool>("inMainWindow");
    QTest::newRow("profile dialog on its own") << false;
    QTest::newRow("profile dialog opened over the main window") << true;
}

void TstTranslations::openProfileDialogFollows()
{
#ifndef SKYDNS_CONSOLE_HAS_CONNECTION
    QSKIP("the console was built without its connection part (no profile dialog)");
#else
    using skydns::console::ProfileDialog;
    QFETCH(bool, inMainWindow);
    Translations::apply(QStringLiteral("en"));
    std::unique_ptr<MainWindow> window;
    if (inMainWindow) {
        window = std::make_unique<MainWindow>();
        Translations::attach(window.get());
        window->show();
    }
    // Owned by the main window when there is one, as the console opens it.
    auto *dialog = new ProfileDialog(window.get());
    std::unique_ptr<ProfileDialog> own(inMainWindow ? nullptr : dialog);
    dialog->show();
    auto *api = dialog->findChild<QComboBox *>(QStringLiteral("apiCombo"));
    auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    auto *problems = dialog->findChild<QLabel *>(QStringLiteral("problemsLabel"));
    auto *buttons = dialog->findChild<QDialogButtonBox *>();
    QVERIFY(api && name && problems && buttons);
    QCOMPARE(dialog->windowTitle(), QStringLiteral("Connection Profile"));
    QCOMPARE(api->itemText(0), QStringLiteral("etcd v2 (keys API)"));
    QVERIFY2(problems->text().contains(QStringLiteral("The profile needs a name.")), qPrintable(problems->text()));

    Translations::apply(QStringLiteral("de"));
    QTRY_COMPARE(dialog->windowTitle(), de(kProfileDialog, QStringLiteral("Connection Profile")));
    QCOMPARE(labelOf(dialog, name), de(kProfileDialog, QStringLiteral("&Name:")));
    QCOMPARE(name->placeholderText(), de(kProfileDialog, QStringLiteral("e.g. production")));
    QCOMPARE(api->itemText(0), de(kProfileDialog, QStringLiteral("etcd v2 (keys API)")));
    QCOMPARE(api->itemData(0).toString(), QStringLiteral("v2"));
    const QString needsName = de("ConnectionProfile", QStringLiteral("The profile needs a name."));
    QVERIFY(!needsName.isEmpty());
    QVERIFY2(problems->text().contains(needsName), qPrintable(problems->text()));
    QCOMPARE(cancelText(buttons), QStringLiteral("Abbrechen"));
    if (window)
        QTRY_COMPARE(fileMenuTitle(*window), de(kMainWindow, QStringLiteral("&File")));

    Translations::apply(QStringLiteral("en"));
    QTRY_COMPARE(dialog->windowTitle(), QStringLiteral("Connection Profile"));
    QCOMPARE(labelOf(dialog, name), QStringLiteral("&Name:"));
    QCOMPARE(api->itemText(0), QStringLiteral("etcd v2 (keys API)"));
    QVERIFY2(problems->text().contains(QStringLiteral("The profile needs a name.")), qPrintable(problems->text()));
    QCOMPARE(cancelText(buttons), QStringLiteral("Cancel"));
#endif
}

QTEST_MAIN(TstTranslations)
#include "tst_translations.moc"
