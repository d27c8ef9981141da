// `skydns resolver install|uninstall|status` on Linux (issue 9). systemd-resolved cannot run on the
// test machine, so this checks what can be checked for real:
// - routing: in a network namespace made by the test, the link commands of the generated unit are
//   run and a query bound to the link the way resolved binds its queries (IP_UNICAST_IF) reaches a
//   real skydns on its loopback address; plain loopback queries keep working, and after the link is
//   removed nothing is left behind. A control row without the link address shows the query is lost
//   then, so the test can fail;
// - the unit passes `systemd-analyze verify` (apart from resolvectl missing on a resolved-less host);
// - the command on this host: with resolved absent it changes nothing and prints the fallback
//   instructions; with resolved present it installs, reports and uninstalls for real.
#include "discovery/resolversetup.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace skydns::discovery;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QString &program, const QStringList &args, int timeoutMs = 30000)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : env.keys()) {
        if (name.startsWith(QLatin1String("SKYDNS_")))
            env.remove(name);
    }
    p.setProcessEnvironment(env);
    p.start(program, args);
    Run r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

// kClient sends one query for web.skydns.local, optionally bound to a link with IP(V6)_UNICAST_IF
// as systemd-resolved does, and prints "answer", "mismatch" or "timeout".
const char *const kClient = R"PY(
import socket, struct, sys
addr, port, ifname, bound = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4] == '1'
fam = socket.AF_INET6 if ':' in addr else socket.AF_INET
s = socket.socket(fam, socket.SOCK_DGRAM)
s.settimeout(1.5)
if bound:
    idx = socket.if_nametoindex(ifname)
    if fam == socket.AF_INET:
        s.setsockopt(socket.IPPROTO_IP, 50, struct.pack('!I', idx))   # IP_UNICAST_IF: network order
    else:
        s.setsockopt(socket.IPPROTO_IPV6, 76, struct.pack('!I', idx)) # IPV6_UNICAST_IF: network order too
q = bytes.fromhex('abcd01000001000000000000') + b'\x03web\x06skydns\x05local\x00\x00\x01\x00\x01'
try:
    s.sendto(q, (addr, port))
    d, _ = s.recvfrom(4096)
    print('answer' if d[:2] == q[:2] else 'mismatch')
except OSError as e:
    print('timeout' if isinstance(e, socket.timeout) else 'error')
)PY";

QString shellLine(const QStringList &command)
{
    QStringList words;
    for (const QString &word : command) {
        QString quoted = word;
        quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
        words << QLatin1Char('\'') + quoted + QLatin1Char('\'');
    }
    return words.join(QLatin1Char(' '));
}

} // namespace

class TestResolverInstall : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(::geteuid() == 0, "needs root (network namespaces; CI runs as root)");
        QVERIFY2(QFileInfo::exists(QStringLiteral("/usr/bin/unshare")), "needs util-linux unshare");
    }

    void routingInNamespace_data()
    {
        QTest::addColumn<QString>("listen");
        QTest::addColumn<bool>("withAddress");
        QTest::addColumn<QString>("bound");
        QTest::addColumn<QString>("afterDown"); // a plain query once the link is gone
        QTest::newRow("ipv4: resolved-bound query reaches skydns") << "127.0.0.1:5353" << true << "answer" << "answer";
        // An IPv6 service address other than ::1 lives on the link itself, so it goes with it.
        QTest::newRow("ipv6: resolved-bound query reaches skydns") << "[fd53::1]:5353" << true << "answer" << "error";
        QTest::newRow("control: without the link address it is lost") << "127.0.0.1:5353" << false << "timeout"
                                                                        << "answer";
    }

    void routingInNamespace()
    {
        QFETCH(QString, listen);
        QFETCH(bool, withAddress);
        QFETCH(QString, bound);
        QFETCH(QString, afterDown);
        ResolverTarget target;
        QString error;
        QVERIFY2(parseResolverTarget(QStringLiteral("skydns.local"), listen, &target, &error), qPrintable(error));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile client(dir.filePath(QStringLiteral("client.py")));
        QVERIFY(client.open(QIODevice::WriteOnly));
        client.write(kClient);
        client.close();

        QStringList script{QStringLiteral("set -e"), QStringLiteral("cd ") + shellLine({dir.path()}),
                           QStringLiteral("ip link set lo up")};
        int commands = 0;
        for (const QStringList &command : linkUpCommands(target)) {
            if (command.first().endsWith(QLatin1String("resolvectl")))
                continue; // needs a running resolved; checked as text in tst_resolversetup
            if (!withAddress && command.contains(QStringLiteral("address")))
                continue;
            script << shellLine(command);
            ++commands;
        }
        QVERIFY(commands >= (withAddress ? 3 : 2));
        const QString addr = target.address;
        const QString port = QString::number(target.port);
        const QString listenArg = addr.contains(QLatin1Char(':')) ? QStringLiteral("[%1]:%2").arg(addr, port)
                                                                   : QStringLiteral("%1:%2").arg(addr, port);
        script << QStringLiteral("%1 -addr %2 -machines http://127.0.0.1:9 -nameservers 127.0.0.1:9 >skydns.log 2>&1 &")
                      .arg(shellLine({QStringLiteral(SKYDNS_BIN)}), listenArg)
               << QStringLiteral("pid=$!")
               << QStringLiteral("for i in $(seq 100); do grep -q 'ready for queries' skydns.log && break; sleep 0.1; done")
               << QStringLiteral("echo \"bound=$(python3 client.py %1 %2 skydns0 1)\"").arg(addr, port)
               << QStringLiteral("echo \"plain=$(python3 client.py %1 %2 skydns0 0)\"").arg(addr, port);
        for (const QStringList &command : linkDownCommands())
            script << shellLine(command);
        script << QStringLiteral("echo \"links=$(ip -o link show | grep -c skydns0 || true)\"")
               << QStringLiteral("echo \"after=$(python3 client.py %1 %2 skydns0 0)\"").arg(addr, port)
               << QStringLiteral("kill $pid; wait $pid || true");
        const Run r = run(QStringLiteral("/usr/bin/unshare"),
                          {QStringLiteral("--net"), QStringLiteral("/bin/bash"), QStringLiteral("-c"),
                           script.join(QLatin1Char('\n'))},
                          60000);
        const QString log = r.out + r.err;
        QVERIFY2(r.exitCode == 0, qPrintable(log));
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY2(lines.contains(QStringLiteral("bound=") + bound), qPrintable(log));
        QVERIFY2(lines.contains(QStringLiteral("plain=answer")), qPrintable(log)); // loopback unaffected
        QVERIFY2(lines.contains(QStringLiteral("links=0")), qPrintable(log));      // uninstall leaves no link
        QVERIFY2(lines.contains(QStringLiteral("after=") + afterDown), qPrintable(log)); // nor breaks loopback
    }

    void unitVerifies()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ResolverTarget target;
        QString error;
        QVERIFY(parseResolverTarget(QStringLiteral("dev.test"), QStringLiteral("127.0.0.1:5353"), &target, &error));
        const QString path = dir.filePath(kResolverUnit);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(resolvedUnit(target).toUtf8());
        file.close();
        const Run r = run(QStringLiteral("systemd-analyze"), {QStringLiteral("verify"), path});
        const bool resolvectl = QFileInfo::exists(QStringLiteral("/usr/bin/resolvectl"));
        QStringList problems;
        for (const QString &line : (r.out + r.err).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            if (!resolvectl && line.contains(QLatin1String("resolvectl")))
                continue; // the only thing a resolved-less host cannot check
            if (line.contains(QLatin1String("systemd-resolved.service")) || line.contains(QLatin1String("network-pre")))
                continue; // units named in After=/Wants= that this host does not have
            if (line.contains(kResolverUnit) || line.contains(QLatin1String("skydns")))
                problems << line;
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void commandOnThisHost()
    {
        bool available = false;
        hostResolverSystem(&available);
        const QString unitPath = resolvedUnitPath();
        const QString domain = QStringLiteral("t%1.test").arg(QRandomGenerator::global()->generate() % 100000);
        if (!available) {
            QVERIFY2(!QFileInfo::exists(unitPath), "a previous run left the unit behind");
            Run r = run(QStringLiteral(SKYDNS_BIN), {"resolver", "install", "--domain", domain});
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains(QLatin1String("changed nothing")), qPrintable(r.err));
            QVERIFY2(r.err.contains(QStringLiteral("server=/%1/127.0.0.1#53").arg(domain)), qPrintable(r.err));
            QVERIFY(!QFileInfo::exists(unitPath));
            r = run(QStringLiteral(SKYDNS_BIN), {"resolver", "status", "--domain", domain});
            QCOMPARE(r.exitCode, 3);
            QVERIFY2(r.out.contains(QLatin1String("not installed")), qPrintable(r.out));
            r = run(QStringLiteral(SKYDNS_BIN), {"resolver", "uninstall", "--domain", domain});
            QCOMPARE(r.exitCode, 0); // idempotent: nothing to undo
            QVERIFY2(r.out.contains(QLatin1String("nothing to do")), qPrintable(r.out));
            return;
        }
        // resolved is running: do it for real, for a throwaway domain only, and undo it.
        Run r = run(QStringLiteral(SKYDNS_BIN), {"resolver", "install", "--domain", domain, "--address", "127.0.0.1:5353"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        r = run(QStringLiteral(SKYDNS_BIN), {"resolver", "status", "--domain", domain, "--address", "127.0.0.1:5353"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(domain), qPrintable(r.out));
        r = run(QStringLiteral(SKYDNS_BIN), {"resolver", "uninstall", "--domain", domain});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY(!QFileInfo::exists(unitPath));
    }

    void dryRunAndUsage_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("expected");
        QTest::newRow("linux dry run shows the unit")
            << QStringList{"install", "--dry-run", "--platform", "linux"} << 0 << "resolvectl domain skydns0 ~skydns.local";
        QTest::newRow("macos dry run") << QStringList{"install", "--dry-run", "--platform", "macos", "--address",
                                                      "127.0.0.1:5353"}
                                       << 0 << "port 5353";
        QTest::newRow("windows dry run") << QStringList{"uninstall", "--dry-run", "--platform", "windows"} << 0
                                         << "Remove-DnsClientNrptRule";
        QTest::newRow("windows port refused") << QStringList{"install", "--dry-run", "--platform", "windows",
                                                             "--address", "127.0.0.1:5353"}
                                              << 1 << "port 53";
        QTest::newRow("platform needs dry run") << QStringList{"install", "--platform", "macos"} << 2 << "--dry-run";
        QTest::newRow("bad address") << QStringList{"install", "--dry-run", "--address", "nowhere"} << 2 << "nowhere";
        QTest::newRow("unknown operation") << QStringList{"enable"} << 2 << "unknown operation";
        QTest::newRow("env domain is the default")
            << QStringList{"install", "--dry-run", "--platform", "macos"} << 0 << "/etc/resolver/skydns.local";
    }

    void dryRunAndUsage()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, expected);
        const Run r = run(QStringLiteral(SKYDNS_BIN), QStringList{"resolver"} + args);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2((r.out + r.err).contains(expected), qPrintable(r.out + r.err));
    }
};

QTEST_GUILESS_MAIN(TestResolverInstall)
#include "tst_resolverinstall.moc"
