// Tests of the systemd implementation (common/platform/systemdplatform.h): the plans, the unit
// files (checked by systemd-analyze verify and a systemd-analyze security exposure ceiling), the
// unit the .deb ships being byte-identical to what `skydns service install` writes, and status parsing.
#include "platform/systemdplatform.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace skydns::platform;

class TstSystemdPlatform final : public QObject
{
    Q_OBJECT
private slots:
    void installPlan();
    void controlPlans_data();
    void controlPlans();
    void serviceUnit();
    void socketUnit();
    void systemdAnalyzeVerify();
    void systemdAnalyzeSecurity();
    void packagedUnitsMatch_data();
    void packagedUnitsMatch();
    void parseStatus_data();
    void parseStatus();
    void elevation();
};

namespace {

ServiceSpec spec()
{
    ServiceSpec s;
    s.binary = QStringLiteral(SKYDNS_BIN);
    return s;
}

QStringList describe(const Plan &plan)
{
    QStringList lines;
    for (const Action &action : plan)
        lines << action.describe().section(QLatin1String(" ("), 0, 0);
    return lines;
}

// analyze runs systemd-analyze with args on units written to a fresh directory.
QProcess *analyze(QTemporaryDir &dir, const ServiceSpec &s, const QStringList &args)
{
    const QString service = dir.filePath(QStringLiteral("skydns.service"));
    const QString socket = dir.filePath(QStringLiteral("skydns.socket"));
    QFile f1(service), f2(socket);
    if (!f1.open(QIODevice::WriteOnly) || !f2.open(QIODevice::WriteOnly))
        return nullptr;
    f1.write(systemdServiceUnit(s).toUtf8());
    f2.write(systemdSocketUnit(s).toUtf8());
    f1.close();
    f2.close();
    auto *p = new QProcess;
    p->setProcessChannelMode(QProcess::MergedChannels);
    // security rates services only (a socket unit would be rated as a service with no settings).
    const bool security = args.value(0) == QLatin1String("security");
    p->start(QStringLiteral("systemd-analyze"), args + (security ? QStringList{service} : QStringList{service, socket}));
    return p;
}

} // namespace

void TstSystemdPlatform::installPlan()
{
    const Plan plan = SystemdPlatform().plan(Operation::Install, spec());
    QCOMPARE(describe(plan), (QStringList{
                                 "create directory /etc/sysusers.d",
                                 "write /etc/sysusers.d/skydns.conf",
                                 "run systemd-sysusers /etc/sysusers.d/skydns.conf",
                                 "write /etc/systemd/system/skydns.service",
                                 "write /etc/systemd/system/skydns.socket",
                                 "run systemctl daemon-reload",
                                 "run systemctl enable skydns.socket skydns.service",
                             }));
    QCOMPARE(plan[1].content, systemdSysusers(spec()).toUtf8());
    QCOMPARE(plan[3].content, systemdServiceUnit(spec()).toUtf8());
    QCOMPARE(plan[3].mode, 0644);
    QVERIFY(systemdSysusers(spec()).contains(QLatin1String("\nu skydns - \"SkyDNS Qt DNS service discovery over etcd\" /var/lib/skydns")));
}

void TstSystemdPlatform::controlPlans_data()
{
    QTest::addColumn<int>("op");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("start: socket and service") << int(Operation::Start)
                                               << QStringList{"run systemctl start skydns.socket skydns.service"};
    QTest::newRow("stop: the socket too, or a query starts it again")
        << int(Operation::Stop) << QStringList{"run systemctl stop skydns.service skydns.socket"};
    QTest::newRow("restart: only the service, the socket keeps queries")
        << int(Operation::Restart) << QStringList{"run systemctl restart skydns.service"};
    QTest::newRow("status: systemctl show")
        << int(Operation::Status)
        << QStringList{"run systemctl show skydns.service --no-pager --property=LoadState,ActiveState,SubState"};
    QTest::newRow("uninstall: disable, remove, reload")
        << int(Operation::Uninstall)
        << QStringList{"run systemctl disable --now skydns.socket skydns.service", "remove /etc/systemd/system/skydns.service",
                       "remove /etc/systemd/system/skydns.socket", "remove /etc/sysusers.d/skydns.conf",
                       "run systemctl daemon-reload"};
}

void TstSystemdPlatform::controlPlans()
{
    QFETCH(int, op);
    QFETCH(QStringList, expected);
    const Plan plan = SystemdPlatform().plan(Operation(op), spec());
    QCOMPARE(describe(plan), expected);
    if (Operation(op) == Operation::Uninstall)
        QVERIFY2(plan.first().mayFail, "disabling a stopped or half-installed service must not stop the uninstall");
}

void TstSystemdPlatform::serviceUnit()
{
    ServiceSpec s = spec();
    s.arguments = QStringList{QStringLiteral("-machines"), QStringLiteral("http://10.0.0.1:2379"),
                              QStringLiteral("-domain"), QStringLiteral("100% sky.local.")};
    const QString unit = systemdServiceUnit(s);
    QVERIFY2(!unit.contains(QLatin1String("@SKYDNS_")), qPrintable(unit));
    QVERIFY(unit.contains(QStringLiteral("\nExecStart=%1 -systemd -machines http://10.0.0.1:2379 -domain \"100%% sky.local.\"\n")
                              .arg(QStringLiteral(SKYDNS_BIN))));
    for (const char *line : {"User=skydns", "AmbientCapabilities=CAP_NET_BIND_SERVICE", "CapabilityBoundingSet=CAP_NET_BIND_SERVICE",
                             "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes", "NoNewPrivileges=yes",
                             "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX AF_NETLINK", "SystemCallFilter=@system-service",
                             "Requires=skydns.socket", "StateDirectory=skydns", "WantedBy=multi-user.target"})
        QVERIFY2(unit.contains(QLatin1Char('\n') + QLatin1String(line) + QLatin1Char('\n')), line);
}

void TstSystemdPlatform::socketUnit()
{
    ServiceSpec s = spec();
    s.listen = QStringList{QStringLiteral("127.0.0.1:53"), QStringLiteral("[::1]:5353")};
    const QString unit = systemdSocketUnit(s);
    QVERIFY(unit.contains(QLatin1String("\nListenDatagram=127.0.0.1:53\nListenStream=127.0.0.1:53\n"
                                        "ListenDatagram=[::1]:5353\nListenStream=[::1]:5353\n")));
    QVERIFY(unit.contains(QLatin1String("\nService=skydns.service\n")));
    QVERIFY(unit.contains(QLatin1String("\nWantedBy=sockets.target\n")));
}

void TstSystemdPlatform::systemdAnalyzeVerify()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    std::unique_ptr<QProcess> p(analyze(dir, spec(), {QStringLiteral("verify")}));
    QVERIFY(p && p->waitForFinished(30000));
    const QString output = QString::fromUtf8(p->readAll());
    QVERIFY2(p->exitCode() == 0, qPrintable(output));
    // verify exits 0 on some warnings; any line naming our units is a finding.
    QVERIFY2(!output.contains(QLatin1String("skydns.s")), qPrintable(output));

    // It can fail: a binary that does not exist is reported.
    ServiceSpec missing = spec();
    missing.binary = QStringLiteral("/nonexistent/skydns");
    QTemporaryDir dir2;
    std::unique_ptr<QProcess> bad(analyze(dir2, missing, {QStringLiteral("verify")}));
    QVERIFY(bad && bad->waitForFinished(30000));
    QVERIFY(bad->exitCode() != 0);
    QVERIFY(QString::fromUtf8(bad->readAll()).contains(QLatin1String("/nonexistent/skydns")));
}

void TstSystemdPlatform::systemdAnalyzeSecurity()
{
    // --threshold is the exposure x10: the unit must stay at 2.0 or below ("OK"); it measures 1.6.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    std::unique_ptr<QProcess> p(analyze(dir, spec(), {QStringLiteral("security"), QStringLiteral("--offline=true"),
                                                      QStringLiteral("--threshold=20"), QStringLiteral("--no-pager")}));
    QVERIFY(p && p->waitForFinished(30000));
    const QString output = QString::fromUtf8(p->readAll());
    QVERIFY2(p->exitCode() == 0, qPrintable(output));
    QVERIFY2(output.contains(QLatin1String("Overall exposure level for skydns.service")), qPrintable(output));
}

void TstSystemdPlatform::packagedUnitsMatch_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected");
    ServiceSpec packaged;
    packaged.binary = QStringLiteral("/usr/bin/skydns");
    QTest::newRow("skydns.service") << "skydns.service" << systemdServiceUnit(packaged);
    QTest::newRow("skydns.socket") << "skydns.socket" << systemdSocketUnit(packaged);
    QTest::newRow("sysusers") << "skydns.sysusers" << systemdSysusers(packaged);
}

// installer/CMakeLists.txt configures the package's units from the same templates; they must equal
// what the command writes for /usr/bin/skydns.
void TstSystemdPlatform::packagedUnitsMatch()
{
    QFETCH(QString, file);
    QFETCH(QString, expected);
    QFile f(QStringLiteral(SKYDNS_BINARY_DIR "/installer/systemd/") + file);
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
    QCOMPARE(QString::fromUtf8(f.readAll()), expected);
}

void TstSystemdPlatform::parseStatus_data()
{
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("output");
    QTest::addColumn<QString>("expected");
    QTest::newRow("running") << 0 << "LoadState=loaded\nActiveState=active\nSubState=running\n" << "running";
    QTest::newRow("reloading counts as running") << 0 << "LoadState=loaded\nActiveState=reloading\n" << "running";
    QTest::newRow("stopped") << 0 << "LoadState=loaded\nActiveState=inactive\nSubState=dead\n" << "stopped";
    QTest::newRow("failed") << 0 << "LoadState=loaded\nActiveState=failed\nSubState=failed\n" << "failed";
    QTest::newRow("starting") << 0 << "LoadState=loaded\nActiveState=activating\n" << "starting";
    QTest::newRow("stopping") << 0 << "LoadState=loaded\nActiveState=deactivating\n" << "stopping";
    QTest::newRow("no unit file") << 0 << "LoadState=not-found\nActiveState=inactive\n" << "not-installed";
    QTest::newRow("systemctl failed (no systemd)") << 1 << "" << "unknown";
    QTest::newRow("garbage") << 0 << "hello" << "unknown";
}

void TstSystemdPlatform::parseStatus()
{
    QFETCH(int, exitCode);
    QFETCH(QString, output);
    QFETCH(QString, expected);
    QCOMPARE(stateName(SystemdPlatform().parseStatus(exitCode, output, false)), expected);
}

void TstSystemdPlatform::elevation()
{
    const Action a = SystemdPlatform().elevated(QStringLiteral("/usr/bin/skydns"), {QStringLiteral("service"), QStringLiteral("start")});
    QCOMPARE(a.describe(), QStringLiteral("run pkexec /usr/bin/skydns service start"));
    QCOMPARE(SystemdPlatform().logHint(spec()), QStringLiteral("journalctl -u skydns.service"));
}

QTEST_APPLESS_MAIN(TstSystemdPlatform)
#include "tst_systemdplatform.moc"
