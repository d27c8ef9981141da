// Tests of the launchd implementation (common/platform/launchdplatform.h): the plist (well-formed
// per xmllint, and read back by Python's plistlib as the values we meant, escaping included), the
// launchctl plans, and `launchctl print` parsing.
#include "platform/launchdplatform.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace skydns::platform;

class TstLaunchdPlatform final : public QObject
{
    Q_OBJECT
private slots:
    void plistIsValid();
    void plistValues();
    void plans_data();
    void plans();
    void parseStatus_data();
    void parseStatus();
    void elevation();
};

namespace {

ServiceSpec spec()
{
    ServiceSpec s;
    s.binary = QStringLiteral("/usr/local/bin/skydns");
    s.user = QStringLiteral("nobody");
    return s;
}

QString writePlist(QTemporaryDir &dir, const QString &text)
{
    const QString path = dir.filePath(QStringLiteral("org.skydns.skydns.plist"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return QString();
    f.write(text.toUtf8());
    return path;
}

QStringList describe(const Plan &plan)
{
    QStringList lines;
    for (const Action &action : plan)
        lines << action.describe();
    return lines;
}

} // namespace

void TstLaunchdPlatform::plistIsValid()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ServiceSpec s = spec();
    s.arguments = QStringList{QStringLiteral("-domain"), QStringLiteral("a<b>&\"c\".local.")};
    const QString path = writePlist(dir, launchdPlist(s));
    QProcess xmllint;
    xmllint.setProcessChannelMode(QProcess::MergedChannels);
    xmllint.start(QStringLiteral("xmllint"), {QStringLiteral("--noout"), QStringLiteral("--nonet"), path});
    QVERIFY(xmllint.waitForFinished(30000));
    QVERIFY2(xmllint.exitCode() == 0, xmllint.readAll().constData());

    // It can fail: the same check on a broken document.
    const QString broken = writePlist(dir, launchdPlist(s).replace(QLatin1String("</dict>"), QString()));
    xmllint.start(QStringLiteral("xmllint"), {QStringLiteral("--noout"), QStringLiteral("--nonet"), broken});
    QVERIFY(xmllint.waitForFinished(30000));
    QVERIFY(xmllint.exitCode() != 0);
}

// plistlib is a real plist reader: the keys launchd reads must come back with our values.
void TstLaunchdPlatform::plistValues()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ServiceSpec s = spec();
    s.arguments = QStringList{QStringLiteral("-domain"), QStringLiteral("a<b>&\"c\".local.")};
    const QString path = writePlist(dir, launchdPlist(s));
    QProcess python;
    python.start(QStringLiteral("python3"),
                 {QStringLiteral("-c"), QStringLiteral("import json,plistlib,sys; print(json.dumps(plistlib.load(open(sys.argv[1],'rb'))))"), path});
    QVERIFY(python.waitForFinished(30000));
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
    const QJsonObject plist = QJsonDocument::fromJson(python.readAllStandardOutput()).object();
    QCOMPARE(plist.value(QStringLiteral("Label")).toString(), QStringLiteral("org.skydns.skydns"));
    QCOMPARE(plist.value(QStringLiteral("ProgramArguments")).toArray(),
             (QJsonArray{QStringLiteral("/usr/local/bin/skydns"), QStringLiteral("-domain"), QStringLiteral("a<b>&\"c\".local.")}));
    QCOMPARE(plist.value(QStringLiteral("UserName")).toString(), QStringLiteral("nobody"));
    QCOMPARE(plist.value(QStringLiteral("RunAtLoad")).toBool(), true);
    QCOMPARE(plist.value(QStringLiteral("StandardErrorPath")).toString(), QStringLiteral("/Library/Logs/SkyDNS/skydns.log"));
    QCOMPARE(plist.value(QStringLiteral("KeepAlive")).toObject().value(QStringLiteral("SuccessfulExit")).toBool(true), false);
}

void TstLaunchdPlatform::plans_data()
{
    QTest::addColumn<int>("op");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("install: log directory, plist, enable")
        << int(Operation::Install)
        << QStringList{"create directory /Library/Logs/SkyDNS (0755)", "run /usr/sbin/chown nobody /Library/Logs/SkyDNS",
                       "write /Library/LaunchDaemons/org.skydns.skydns.plist (0644, " + QString::number(launchdPlist(spec()).toUtf8().size()) + " bytes)",
                       "run /bin/launchctl enable system/org.skydns.skydns"};
    QTest::newRow("start: bootstrap (may be loaded already), kickstart")
        << int(Operation::Start)
        << QStringList{"run /bin/launchctl bootstrap system /Library/LaunchDaemons/org.skydns.skydns.plist (may fail)",
                       "run /bin/launchctl kickstart system/org.skydns.skydns"};
    QTest::newRow("stop: bootout") << int(Operation::Stop)
                                   << QStringList{"run /bin/launchctl bootout system/org.skydns.skydns (may fail)"};
    QTest::newRow("restart: kickstart -k")
        << int(Operation::Restart)
        << QStringList{"run /bin/launchctl bootstrap system /Library/LaunchDaemons/org.skydns.skydns.plist (may fail)",
                       "run /bin/launchctl kickstart -k system/org.skydns.skydns"};
    QTest::newRow("uninstall: bootout, disable, remove")
        << int(Operation::Uninstall)
        << QStringList{"run /bin/launchctl bootout system/org.skydns.skydns (may fail)",
                       "run /bin/launchctl disable system/org.skydns.skydns (may fail)",
                       "remove /Library/LaunchDaemons/org.skydns.skydns.plist"};
    QTest::newRow("status: launchctl print") << int(Operation::Status)
                                             << QStringList{"run /bin/launchctl print system/org.skydns.skydns"};
}

void TstLaunchdPlatform::plans()
{
    QFETCH(int, op);
    QFETCH(QStringList, expected);
    QCOMPARE(describe(LaunchdPlatform().plan(Operation(op), spec())), expected);
}

void TstLaunchdPlatform::parseStatus_data()
{
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("output");
    QTest::addColumn<bool>("plistExists");
    QTest::addColumn<QString>("expected");
    const QString head = QStringLiteral("system/org.skydns.skydns = {\n\tactive count = 1\n\tpath = /Library/LaunchDaemons/org.skydns.skydns.plist\n");
    QTest::newRow("running") << 0 << head + "\tstate = running\n\tpid = 412\n}\n" << true << "running";
    QTest::newRow("not running, clean exit") << 0 << head + "\tstate = not running\n\tlast exit code = 0\n}\n" << true << "stopped";
    QTest::newRow("not running after an error") << 0 << head + "\tstate = not running\n\tlast exit code = 1\n}\n" << true << "failed";
    QTest::newRow("spawn scheduled") << 0 << head + "\tstate = spawn scheduled\n}\n" << true << "starting";
    QTest::newRow("not loaded, plist present") << 113 << "Could not find service \"org.skydns.skydns\" in domain for system" << true << "stopped";
    QTest::newRow("not loaded, no plist") << 113 << "Could not find service" << false << "not-installed";
    QTest::newRow("unrecognised state") << 0 << head + "\tstate = confused\n}\n" << true << "unknown";
}

void TstLaunchdPlatform::parseStatus()
{
    QFETCH(int, exitCode);
    QFETCH(QString, output);
    QFETCH(bool, plistExists);
    QFETCH(QString, expected);
    QCOMPARE(stateName(LaunchdPlatform().parseStatus(exitCode, output, plistExists)), expected);
}

void TstLaunchdPlatform::elevation()
{
    const Action a = LaunchdPlatform().elevated(QStringLiteral("/Applications/SkyDNS Console.app/Contents/MacOS/skydns"),
                                                {QStringLiteral("service"), QStringLiteral("stop")});
    QCOMPARE(a.program, QStringLiteral("/usr/bin/osascript"));
    QCOMPARE(a.arguments, (QStringList{QStringLiteral("-e"),
                                       QStringLiteral("do shell script \"'/Applications/SkyDNS Console.app/Contents/MacOS/skydns' "
                                                      "service stop\" with administrator privileges")}));
}

QTEST_APPLESS_MAIN(TstLaunchdPlatform)
#include "tst_launchdplatform.moc"
