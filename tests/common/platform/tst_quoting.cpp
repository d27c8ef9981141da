// Tests of common/platform/quoting.h: each quoting function against the rules of the format it
// writes (POSIX shell, systemd ExecStart=, CommandLineToArgvW, PowerShell, AppleScript, XML).
#include "platform/quoting.h"

#include <QProcess>
#include <QTest>

using namespace skydns::platform;

class TstQuoting final : public QObject
{
    Q_OBJECT
private slots:
    void shell_data();
    void shell();
    void shellRoundTrip_data();
    void shellRoundTrip();
    void systemd_data();
    void systemd();
    void windows_data();
    void windows();
    void others();
};

void TstQuoting::shell_data()
{
    QTest::addColumn<QString>("word");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain path stays") << "/usr/bin/skydns" << "/usr/bin/skydns";
    QTest::newRow("flag with = stays") << "-addr=127.0.0.1:53" << "-addr=127.0.0.1:53";
    QTest::newRow("space quoted") << "a b" << "'a b'";
    QTest::newRow("single quote closed and escaped") << "it's" << "'it'\\''s'";
    QTest::newRow("dollar quoted") << "$HOME" << "'$HOME'";
    QTest::newRow("empty is ''") << "" << "''";
}

void TstQuoting::shell()
{
    QFETCH(QString, word);
    QFETCH(QString, expected);
    QCOMPARE(shellQuote(word), expected);
}

void TstQuoting::shellRoundTrip_data()
{
    QTest::addColumn<QString>("word");
    QTest::newRow("quotes and dollars") << "a'b\"c$d`e\\f";
    QTest::newRow("newline") << "line1\nline2";
    QTest::newRow("glob") << "*?[x]";
}

// The quoted word, given to a real /bin/sh, comes back unchanged.
void TstQuoting::shellRoundTrip()
{
    QFETCH(QString, word);
    QProcess sh;
    sh.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), QStringLiteral("printf %s ") + shellQuote(word)});
    QVERIFY(sh.waitForFinished(10000));
    QCOMPARE(QString::fromUtf8(sh.readAllStandardOutput()), word);
}

void TstQuoting::systemd_data()
{
    QTest::addColumn<QString>("word");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << "/usr/bin/skydns" << "/usr/bin/skydns";
    QTest::newRow("specifier doubled") << "-domain=%H.local." << "-domain=%%H.local.";
    QTest::newRow("variable doubled") << "$X" << "$$X";
    QTest::newRow("space -> double quotes") << "/opt/Sky DNS/skydns" << "\"/opt/Sky DNS/skydns\"";
    QTest::newRow("quote and backslash escaped") << "a\"b\\c" << "\"a\\\"b\\\\c\"";
    QTest::newRow("semicolon would split commands") << ";" << "\";\"";
    QTest::newRow("empty") << "" << "\"\"";
}

void TstQuoting::systemd()
{
    QFETCH(QString, word);
    QFETCH(QString, expected);
    QCOMPARE(systemdQuote(word), expected);
}

void TstQuoting::windows_data()
{
    QTest::addColumn<QString>("word");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << "C:\\SkyDNS\\skydns.exe" << "C:\\SkyDNS\\skydns.exe";
    QTest::newRow("space") << "C:\\Program Files\\SkyDNS\\skydns.exe" << "\"C:\\Program Files\\SkyDNS\\skydns.exe\"";
    QTest::newRow("quote escaped") << "a\"b" << "\"a\\\"b\"";
    QTest::newRow("backslashes before quote doubled") << "a\\\"b" << "\"a\\\\\\\"b\"";
    QTest::newRow("trailing backslash doubled inside quotes") << "C:\\My Dir\\" << "\"C:\\My Dir\\\\\"";
    QTest::newRow("empty") << "" << "\"\"";
}

void TstQuoting::windows()
{
    QFETCH(QString, word);
    QFETCH(QString, expected);
    QCOMPARE(windowsQuote(word), expected);
}

void TstQuoting::others()
{
    QCOMPARE(windowsCommandLine(QStringLiteral("C:\\a b\\x.exe"), {QStringLiteral("-addr"), QStringLiteral("0.0.0.0:53")}),
             QStringLiteral("\"C:\\a b\\x.exe\" -addr 0.0.0.0:53"));
    QCOMPARE(powershellQuote(QStringLiteral("it's")), QStringLiteral("'it''s'"));
    QCOMPARE(appleScriptString(QStringLiteral("say \"hi\" \\ bye")), QStringLiteral("\"say \\\"hi\\\" \\\\ bye\""));
    QCOMPARE(xmlEscape(QStringLiteral("<a href=\"x\">&'")), QStringLiteral("&lt;a href=&quot;x&quot;&gt;&amp;&apos;"));
    QCOMPARE(shellCommand(QStringLiteral("systemctl"), {QStringLiteral("start"), QStringLiteral("a b")}),
             QStringLiteral("systemctl start 'a b'"));
}

QTEST_APPLESS_MAIN(TstQuoting)
#include "tst_quoting.moc"
