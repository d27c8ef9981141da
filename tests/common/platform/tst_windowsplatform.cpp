// Tests of the Windows implementation (common/platform/windowsplatform.h): the sc.exe, reg.exe and
// PowerShell command lines, the UAC elevation command, and `sc.exe query` parsing. The Win32 half
// (windowsservice_win.cpp) is syntax-checked by MinGW in a separate CTest test.
#include "platform/windowsplatform.h"

#include <QTest>

using namespace skydns::platform;

class TstWindowsPlatform final : public QObject
{
    Q_OBJECT
private slots:
    void install();
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
    s.binary = QStringLiteral("C:\\Program Files\\SkyDNS Qt\\skydns.exe");
    s.arguments = QStringList{QStringLiteral("-addr"), QStringLiteral("0.0.0.0:53")};
    return s;
}

} // namespace

void TstWindowsPlatform::install()
{
    const Plan plan = WindowsPlatform().plan(Operation::Install, spec());
    QCOMPARE(plan.size(), 5);
    QCOMPARE(plan[0].program, QStringLiteral("sc.exe"));
    QCOMPARE(plan[0].arguments, (QStringList{"create", "skydns", "binPath=",
                                             "\"C:\\Program Files\\SkyDNS Qt\\skydns.exe\" -addr 0.0.0.0:53", "start=", "auto",
                                             "obj=", "NT AUTHORITY\\LocalService", "DisplayName=", "SkyDNS Qt"}));
    QCOMPARE(plan[1].arguments, (QStringList{"description", "skydns", "SkyDNS Qt DNS service discovery over etcd"}));
    QCOMPARE(plan[2].arguments, (QStringList{"failure", "skydns", "reset=", "86400", "actions=", "restart/5000/restart/5000/restart/30000"}));
    QCOMPARE(plan[3].program, QStringLiteral("reg.exe"));
    QCOMPARE(plan[3].arguments, (QStringList{"add", "HKLM\\SYSTEM\\CurrentControlSet\\Services\\EventLog\\Application\\skydns",
                                             "/v", "EventMessageFile", "/t", "REG_EXPAND_SZ", "/d",
                                             "%SystemRoot%\\System32\\EventCreate.exe", "/f"}));
    QCOMPARE(plan[4].arguments.mid(3), (QStringList{"TypesSupported", "/t", "REG_DWORD", "/d", "7", "/f"}));
    QCOMPARE(WindowsPlatform().definitionPath(spec()), QString());
}

void TstWindowsPlatform::plans_data()
{
    QTest::addColumn<int>("op");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("start: sc.exe start") << int(Operation::Start) << QStringList{"run sc.exe start skydns"};
    QTest::newRow("stop: Stop-Service waits for STOPPED")
        << int(Operation::Stop)
        << QStringList{"run powershell.exe -NoProfile -NonInteractive -Command 'Stop-Service -Name '\\''skydns'\\'''"};
    QTest::newRow("restart: Restart-Service")
        << int(Operation::Restart)
        << QStringList{"run powershell.exe -NoProfile -NonInteractive -Command 'Restart-Service -Name '\\''skydns'\\'''"};
    QTest::newRow("status: sc.exe query") << int(Operation::Status) << QStringList{"run sc.exe query skydns"};
    QTest::newRow("uninstall: stop, delete, event source")
        << int(Operation::Uninstall)
        << QStringList{"run powershell.exe -NoProfile -NonInteractive -Command 'Stop-Service -Name '\\''skydns'\\''' (may fail)",
                       "run sc.exe delete skydns",
                       "run reg.exe delete 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\EventLog\\Application\\skydns' /f (may fail)"};
}

void TstWindowsPlatform::plans()
{
    QFETCH(int, op);
    QFETCH(QStringList, expected);
    QStringList lines;
    for (const Action &action : WindowsPlatform().plan(Operation(op), spec()))
        lines << action.describe();
    QCOMPARE(lines, expected);
}

void TstWindowsPlatform::parseStatus_data()
{
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("output");
    QTest::addColumn<QString>("expected");
    const auto query = [](const char *state, int exit) {
        return QStringLiteral("\nSERVICE_NAME: skydns\n        TYPE               : 10  WIN32_OWN_PROCESS\n"
                              "        STATE              : %1\n                                (STOPPABLE, NOT_PAUSABLE, ACCEPTS_SHUTDOWN)\n"
                              "        WIN32_EXIT_CODE    : %2  (0x0)\n        SERVICE_EXIT_CODE  : 0  (0x0)\n")
            .arg(QLatin1String(state))
            .arg(exit);
    };
    QTest::newRow("RUNNING") << 0 << query("4  RUNNING", 0) << "running";
    QTest::newRow("STOPPED cleanly") << 0 << query("1  STOPPED", 0) << "stopped";
    QTest::newRow("STOPPED with ERROR_SERVICE_SPECIFIC_ERROR") << 0 << query("1  STOPPED", 1066) << "failed";
    QTest::newRow("START_PENDING") << 0 << query("2  START_PENDING", 0) << "starting";
    QTest::newRow("STOP_PENDING") << 0 << query("3  STOP_PENDING", 0) << "stopping";
    QTest::newRow("1060: not installed")
        << 1060 << "[SC] EnumQueryServicesStatus:OpenService FAILED 1060:\n\nThe specified service does not exist as an installed service.\n"
        << "not-installed";
    QTest::newRow("access denied") << 5 << "[SC] OpenService FAILED 5:\n\nAccess is denied.\n" << "unknown";
}

void TstWindowsPlatform::parseStatus()
{
    QFETCH(int, exitCode);
    QFETCH(QString, output);
    QFETCH(QString, expected);
    QCOMPARE(stateName(WindowsPlatform().parseStatus(exitCode, output, false)), expected);
}

void TstWindowsPlatform::elevation()
{
    const Action a = WindowsPlatform().elevated(spec().binary, {QStringLiteral("service"), QStringLiteral("start")});
    QCOMPARE(a.program, QStringLiteral("powershell.exe"));
    QCOMPARE(a.arguments.last(),
             QStringLiteral("$p = Start-Process -FilePath 'C:\\Program Files\\SkyDNS Qt\\skydns.exe' -ArgumentList 'service','start' "
                            "-Verb RunAs -WindowStyle Hidden -Wait -PassThru; exit $p.ExitCode"));
    // An argument with a space reaches the elevated process as one argument: quoted for its
    // command line, then for PowerShell.
    const Action b = WindowsPlatform().elevated(QStringLiteral("C:\\x.exe"), {QStringLiteral("it's a b")});
    QVERIFY(b.arguments.last().contains(QLatin1String("-ArgumentList '\"it''s a b\"'")));
}

QTEST_APPLESS_MAIN(TstWindowsPlatform)
#include "tst_windowsplatform.moc"
