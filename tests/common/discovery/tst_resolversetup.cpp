// Tests of discovery/resolversetup: the files and commands `skydns resolver install|uninstall`
// generates for systemd-resolved, macOS /etc/resolver and the Windows NRPT (issue 9: only our
// domain is routed, reversible, nothing else touched).
#include "discovery/resolversetup.h"

#include <QTest>

using namespace skydns::discovery;
using skydns::platform::Action;
using skydns::platform::Plan;

namespace {

QStringList describe(const Plan &plan)
{
    QStringList lines;
    for (const Action &action : plan)
        lines << action.describe();
    return lines;
}

ResolverTarget target(const QString &domain = QStringLiteral("skydns.local"),
                      const QString &listen = QStringLiteral("127.0.0.1:53"))
{
    ResolverTarget t;
    QString error;
    if (!parseResolverTarget(domain, listen, &t, &error))
        qFatal("bad test target: %s", qPrintable(error));
    return t;
}

} // namespace

class TestResolverSetup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseTarget_data()
    {
        QTest::addColumn<QString>("domain");
        QTest::addColumn<QString>("listen");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("expectedDomain");
        QTest::addColumn<QString>("expectedAddress");
        QTest::addColumn<int>("expectedPort");
        QTest::newRow("defaults") << "skydns.local." << "127.0.0.1:53" << true << "skydns.local" << "127.0.0.1" << 53;
        QTest::newRow("upper case, no dot") << "Dev.Example" << "127.0.0.2:5353" << true << "dev.example"
                                            << "127.0.0.2" << 5353;
        QTest::newRow("ipv6") << "skydns.local" << "[::1]:5353" << true << "skydns.local" << "::1" << 5353;
        QTest::newRow("no port") << "skydns.local" << "127.0.0.1" << false << "" << "" << 0;
        QTest::newRow("port 0") << "skydns.local" << "127.0.0.1:0" << false << "" << "" << 0;
        QTest::newRow("port too big") << "skydns.local" << "127.0.0.1:70000" << false << "" << "" << 0;
        QTest::newRow("host name") << "skydns.local" << "localhost:53" << false << "" << "" << 0;
        QTest::newRow("short ipv4") << "skydns.local" << "127.1:53" << false << "" << "" << 0;
        QTest::newRow("any address") << "skydns.local" << "0.0.0.0:53" << false << "" << "" << 0;
        QTest::newRow("ipv6 without brackets") << "skydns.local" << "::1:53" << false << "" << "" << 0;
        QTest::newRow("empty domain") << "" << "127.0.0.1:53" << false << "" << "" << 0;
        QTest::newRow("domain with space") << "sky dns.local" << "127.0.0.1:53" << false << "" << "" << 0;
        QTest::newRow("domain with empty label") << "skydns..local" << "127.0.0.1:53" << false << "" << "" << 0;
        QTest::newRow("domain with quote") << "sky'dns.local" << "127.0.0.1:53" << false << "" << "" << 0;
    }

    void parseTarget()
    {
        QFETCH(QString, domain);
        QFETCH(QString, listen);
        QFETCH(bool, ok);
        ResolverTarget t;
        QString error;
        QCOMPARE(parseResolverTarget(domain, listen, &t, &error), ok);
        if (!ok) {
            QVERIFY(!error.isEmpty());
            return;
        }
        QTEST(t.domain, "expectedDomain");
        QTEST(t.address, "expectedAddress");
        QTEST(t.port, "expectedPort");
    }

    // Linux: a link of our own carries the service's address, resolved routes only ~domain to it and
    // never uses the link as a default route (other domains keep their servers).
    void resolvedUnit()
    {
        const QString unit = skydns::discovery::resolvedUnit(target(QStringLiteral("dev.test"), QStringLiteral("127.0.0.1:5353")));
        QVERIFY(unit.startsWith(kResolverMarker));
        const QStringList lines = unit.split(QLatin1Char('\n'));
        QVERIFY(lines.contains(QStringLiteral("Type=oneshot")));
        QVERIFY(lines.contains(QStringLiteral("RemainAfterExit=yes")));
        QVERIFY(lines.contains(QStringLiteral("ExecStart=/usr/sbin/ip address add 127.0.0.1/32 dev skydns0")));
        QVERIFY(lines.contains(QStringLiteral("ExecStart=/usr/bin/resolvectl dns skydns0 127.0.0.1:5353")));
        QVERIFY(lines.contains(QStringLiteral("ExecStart=/usr/bin/resolvectl domain skydns0 ~dev.test")));
        QVERIFY(lines.contains(QStringLiteral("ExecStart=/usr/bin/resolvectl default-route skydns0 false")));
        QVERIFY(lines.contains(QStringLiteral("ExecStop=/usr/sbin/ip link delete skydns0")));
        QVERIFY(lines.contains(QStringLiteral("ExecStartPre=-/usr/sbin/ip link delete skydns0")));
        // The routing domain is the only domain: no "Domains=~." or global DNS= that would take every query.
        QVERIFY(!unit.contains(QLatin1String("~.")));
        QVERIFY(!unit.contains(QLatin1String("DNS=")));
    }

    void resolvedUnitIpv6()
    {
        const QList<QStringList> up = linkUpCommands(target(QStringLiteral("skydns.local"), QStringLiteral("[fd53::1]:5353")));
        QVERIFY(up.contains(QStringList{"/usr/sbin/ip", "address", "add", "fd53::1/128", "dev", "skydns0", "nodad"}));
        QVERIFY(up.contains(QStringList{"/usr/bin/resolvectl", "dns", "skydns0", "[fd53::1]:5353"}));
        // ::1 cannot be put on a link (the kernel keeps it on lo): refused with what to do instead.
        Plan plan;
        QString error;
        QVERIFY(!installPlan(ResolverSystem::SystemdResolved, target(QStringLiteral("skydns.local"), QStringLiteral("[::1]:53")),
                             &plan, &error));
        QVERIFY2(error.contains(QLatin1String("127.0.0.1")), qPrintable(error));
        // macOS has no such limit.
        QVERIFY(installPlan(ResolverSystem::MacResolverDirectory, target(QStringLiteral("skydns.local"), QStringLiteral("[::1]:53")),
                            &plan, &error));
    }

    void plans_data()
    {
        QTest::addColumn<QString>("system");
        QTest::addColumn<QStringList>("install");
        QTest::addColumn<QStringList>("uninstall");
        QTest::newRow("linux")
            << "linux"
            << QStringList{QStringLiteral("write /etc/systemd/system/skydns-resolver.service (0644, %1 bytes)")
                               .arg(skydns::discovery::resolvedUnit(target()).toUtf8().size()),
                           "run systemctl daemon-reload", "run systemctl enable skydns-resolver.service",
                           "run systemctl restart skydns-resolver.service"}
            << QStringList{"run systemctl disable --now skydns-resolver.service (may fail)",
                           "remove /etc/systemd/system/skydns-resolver.service", "run systemctl daemon-reload"};
        QTest::newRow("macos")
            << "macos"
            << QStringList{"create directory /etc/resolver (0755)",
                           QStringLiteral("write /etc/resolver/skydns.local (0644, %1 bytes)")
                               .arg(macResolverFile(target()).toUtf8().size()),
                           "run /usr/bin/killall -HUP mDNSResponder (may fail)"}
            << QStringList{"remove /etc/resolver/skydns.local", "run /usr/bin/killall -HUP mDNSResponder (may fail)"};
    }

    void plans()
    {
        QFETCH(QString, system);
        QFETCH(QStringList, install);
        QFETCH(QStringList, uninstall);
        ResolverSystem s;
        QVERIFY(parseResolverSystem(system, &s));
        Plan plan;
        QString error;
        QVERIFY2(installPlan(s, target(), &plan, &error), qPrintable(error));
        QCOMPARE(describe(plan), install);
        QCOMPARE(describe(uninstallPlan(s, target())), uninstall);
    }

    void macFile()
    {
        const QString file = macResolverFile(target(QStringLiteral("dev.test"), QStringLiteral("127.0.0.1:5353")));
        QVERIFY(file.startsWith(kResolverMarker));
        QVERIFY(file.split(QLatin1Char('\n')).contains(QStringLiteral("nameserver 127.0.0.1")));
        QVERIFY(file.split(QLatin1Char('\n')).contains(QStringLiteral("port 5353")));
        QCOMPARE(macResolverPath(target(QStringLiteral("dev.test"))), QStringLiteral("/etc/resolver/dev.test"));
    }

    // Windows: one NRPT rule for the domain and everything below it, tagged so uninstall removes only ours;
    // install first removes an old rule of ours (idempotent).
    void nrpt()
    {
        const ResolverTarget t = target();
        QCOMPARE(nrptRemoveScript(t),
                 QStringLiteral("Get-DnsClientNrptRule | Where-Object { $_.Comment -eq 'skydns:skydns.local' } | "
                                "Remove-DnsClientNrptRule -Force"));
        QCOMPARE(nrptInstallScript(t),
                 nrptRemoveScript(t)
                     + QStringLiteral("; Add-DnsClientNrptRule -Namespace '.skydns.local','skydns.local' -NameServers "
                                      "'127.0.0.1' -Comment 'skydns:skydns.local'"));
        Plan plan;
        QString error;
        QVERIFY(installPlan(ResolverSystem::WindowsNrpt, t, &plan, &error));
        QCOMPARE(plan.first().program, QStringLiteral("powershell.exe"));
        QCOMPARE(plan.first().arguments.last(), nrptInstallScript(t));
        // NRPT has no port: anything but 53 is refused with a message saying what to do.
        QVERIFY(!installPlan(ResolverSystem::WindowsNrpt, target(QStringLiteral("skydns.local"), QStringLiteral("127.0.0.1:5353")),
                             &plan, &error));
        QVERIFY2(error.contains(QLatin1String("port 53")), qPrintable(error));
    }

    void noResolved()
    {
        const QString text = noResolvedInstructions(target(QStringLiteral("dev.test"), QStringLiteral("127.0.0.1:5353")));
        QVERIFY(text.contains(QLatin1String("changed nothing")));
        QVERIFY(text.contains(QLatin1String("server=/dev.test/127.0.0.1#5353")));
    }

    void statusAndDefinition()
    {
        QCOMPARE(definitionPath(ResolverSystem::SystemdResolved, target()), resolvedUnitPath());
        QCOMPARE(definitionPath(ResolverSystem::MacResolverDirectory, target()), QStringLiteral("/etc/resolver/skydns.local"));
        QVERIFY(definitionPath(ResolverSystem::WindowsNrpt, target()).isEmpty());
        QCOMPARE(statusCommand(ResolverSystem::SystemdResolved, target()).arguments,
                 (QStringList{"status", "skydns0"}));
        ResolverSystem s;
        QVERIFY(!parseResolverSystem(QStringLiteral("plan9"), &s));
    }
};

QTEST_GUILESS_MAIN(TestResolverSetup)
#include "tst_resolversetup.moc"
