// Tests of `skydns service ...` (service/commands/servicecommand.cpp): --dry-run output for each
// platform (the files it would write are the platform layer's, byte for byte), usage errors, the
// refusal without root (the binary run as nobody), and status through the real binary.
#include "command.h"
#include "platform/launchdplatform.h"
#include "platform/systemdplatform.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <unistd.h>

using namespace skydns;

class TstServiceCommand final : public QObject
{
    Q_OBJECT
private slots:
    void dryRunSystemd();
    void dryRunOtherPlatforms_data();
    void dryRunOtherPlatforms();
    void usageErrors_data();
    void usageErrors();
    void refusedWithoutRoot();
    void statusThroughBinary();
};

namespace {

struct Result
{
    int rc = -1;
    QString out;
    QString err;
};

Result run(const QStringList &args)
{
    QString out;
    QString err;
    QTextStream outStream(&out);
    QTextStream errStream(&err);
    Result r;
    r.rc = service::runCommandLine(QStringList{QStringLiteral("service")} + args, {}, outStream, errStream);
    r.out = out;
    r.err = err;
    return r;
}

// writtenFile is the content --dry-run shows for path: the "    | " lines after its write line.
QString writtenFile(const QString &out, const QString &path)
{
    const QStringList lines = out.split(QLatin1Char('\n'));
    QStringList content;
    bool inside = false;
    for (const QString &line : lines) {
        if (line.startsWith(QStringLiteral("  write ") + path + QLatin1Char(' '))) {
            inside = true;
            continue;
        }
        if (!inside)
            continue;
        if (!line.startsWith(QLatin1String("    | ")) && line != QLatin1String("    |"))
            break;
        content << line.mid(6);
    }
    return content.isEmpty() ? QString() : content.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace

void TstServiceCommand::dryRunSystemd()
{
    const Result r = run({QStringLiteral("install"), QStringLiteral("--dry-run"), QStringLiteral("--platform"), QStringLiteral("systemd"),
                          QStringLiteral("--binary"), QStringLiteral("/usr/bin/skydns"), QStringLiteral("--listen"),
                          QStringLiteral("[::1]:53"), QStringLiteral("--"), QStringLiteral("-machines"),
                          QStringLiteral("http://10.0.0.1:2379")});
    QVERIFY2(r.rc == 0, qPrintable(r.err));
    QVERIFY(r.out.startsWith(QLatin1String("dry run (systemd), nothing is changed; would:\n")));
    QVERIFY(r.out.contains(QLatin1String("\n  run systemctl enable skydns.socket skydns.service\n")));
    platform::ServiceSpec spec;
    spec.binary = QStringLiteral("/usr/bin/skydns");
    spec.listen = QStringList{QStringLiteral("[::1]:53")};
    spec.arguments = QStringList{QStringLiteral("-machines"), QStringLiteral("http://10.0.0.1:2379")};
    QCOMPARE(writtenFile(r.out, QStringLiteral("/etc/systemd/system/skydns.service")), platform::systemdServiceUnit(spec));
    QCOMPARE(writtenFile(r.out, QStringLiteral("/etc/systemd/system/skydns.socket")), platform::systemdSocketUnit(spec));
    QVERIFY(writtenFile(r.out, QStringLiteral("/etc/systemd/system/skydns.service"))
                .contains(QLatin1String("\nExecStart=/usr/bin/skydns -systemd -machines http://10.0.0.1:2379\n")));
}

void TstServiceCommand::dryRunOtherPlatforms_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");
    const QStringList win{QStringLiteral("--dry-run"), QStringLiteral("--platform"), QStringLiteral("windows"),
                          QStringLiteral("--binary"), QStringLiteral("C:\\SkyDNS\\skydns.exe")};
    const QStringList mac{QStringLiteral("--dry-run"), QStringLiteral("--platform"), QStringLiteral("launchd"),
                          QStringLiteral("--binary"), QStringLiteral("/usr/local/bin/skydns")};
    QTest::newRow("windows install") << QStringList{"install"} + win
                                     << "  run sc.exe create skydns binPath= 'C:\\SkyDNS\\skydns.exe' start= auto";
    QTest::newRow("windows start") << QStringList{"start"} + win << "dry run (Windows SCM), nothing is changed; would:\n  run sc.exe start skydns\n";
    QTest::newRow("windows status") << QStringList{"status"} + win << "  run sc.exe query skydns\n";
    QTest::newRow("launchd stop") << QStringList{"stop"} + mac << "  run /bin/launchctl bootout system/org.skydns.skydns (may fail)\n";
    QTest::newRow("launchd install writes the plist")
        << QStringList{"install"} + mac << "    |         <string>/usr/local/bin/skydns</string>\n";
    QTest::newRow("systemd restart") << QStringList{"restart", "--dry-run", "--platform", "systemd", "--name", "dns2"}
                                     << "  run systemctl restart dns2.service\n";
}

void TstServiceCommand::dryRunOtherPlatforms()
{
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    const Result r = run(args);
    QVERIFY2(r.rc == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(expected), qPrintable(r.out));
}

void TstServiceCommand::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("error");
    QTest::newRow("no operation") << QStringList{} << "skydns service: missing operation";
    QTest::newRow("unknown operation") << QStringList{"reload"} << "unknown operation \"reload\"";
    QTest::newRow("unknown option") << QStringList{"install", "--force"} << "unknown option \"--force\" (service flags go after --)";
    QTest::newRow("option without value") << QStringList{"install", "--binary"} << "--binary needs a value";
    QTest::newRow("relative binary") << QStringList{"install", "--dry-run", "--binary", "bin/skydns"}
                                     << "binary \"bin/skydns\": must be an absolute path";
    QTest::newRow("bad listen address") << QStringList{"install", "--dry-run", "--listen", "localhost"}
                                        << "listen address \"localhost\"";
    QTest::newRow("unknown platform") << QStringList{"install", "--dry-run", "--platform", "beos"} << "unknown platform \"beos\"";
    QTest::newRow("foreign platform for real") << QStringList{"start", "--platform", "windows"}
                                               << "only works with --dry-run";
}

void TstServiceCommand::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, error);
    const Result r = run(args);
    QCOMPARE(r.rc, 2);
    QVERIFY2(r.err.contains(error), qPrintable(r.err));
    QVERIFY(r.err.contains(QLatin1String("usage: skydns service install|uninstall|start|stop|restart|status")));
    QVERIFY(r.out.isEmpty());
}

// The binary, run without root (as nobody through setpriv when the test runs as root), refuses to
// change anything and says how to do it.
void TstServiceCommand::refusedWithoutRoot()
{
    // nobody may not be able to reach the build tree (a checkout under /root): run a copy from a
    // world-readable scratch directory.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString copy = dir.filePath(QStringLiteral("skydns"));
    QVERIFY(QFile::copy(QStringLiteral(SKYDNS_BIN), copy));
    const auto rx = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup
        | QFile::ReadOther | QFile::ExeOther;
    QVERIFY(QFile::setPermissions(dir.path(), rx) && QFile::setPermissions(copy, rx));
    for (const QString &op : {QStringLiteral("install"), QStringLiteral("stop")}) {
        QProcess p;
        if (::geteuid() == 0)
            p.start(QStringLiteral("setpriv"), {QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                                                QStringLiteral("--clear-groups"), copy, QStringLiteral("service"), op});
        else
            p.start(QStringLiteral(SKYDNS_BIN), {QStringLiteral("service"), op});
        QVERIFY(p.waitForFinished(30000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitCode(), 1);
        QVERIFY2(err.contains(QStringLiteral("skydns service %1: changing services needs root; try: sudo skydns service %1").arg(op)),
                 qPrintable(err));
    }
}

void TstServiceCommand::statusThroughBinary()
{
    QProcess p;
    p.start(QStringLiteral(SKYDNS_BIN), {QStringLiteral("service"), QStringLiteral("status"), QStringLiteral("--name"),
                                         QStringLiteral("skydns-test-absent")});
    QVERIFY(p.waitForFinished(30000));
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    // On a machine with systemd the unit is not-installed (3); in a container without it, unknown (4).
    QVERIFY2(p.exitCode() == 3 || p.exitCode() == 4, qPrintable(out));
    QVERIFY2(out.startsWith(QLatin1String("skydns-test-absent: not-installed (systemd)\n"))
                 || out.startsWith(QLatin1String("skydns-test-absent: unknown (systemd)\n")),
             qPrintable(out));
}

QTEST_GUILESS_MAIN(TstServiceCommand)
#include "tst_servicecommand.moc"
