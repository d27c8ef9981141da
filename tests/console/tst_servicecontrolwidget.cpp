// Tests of the console's service control (console/servicecontrol): the state shown for each status
// answer, which buttons are enabled, the command lines start/stop/restart run on each platform with
// and without elevation, failures shown to the user, and the refresh after each action.
#include "appicon.h"
#include "scriptedrunner.h"
#include "servicecontrol/servicecontrolwidget.h"

#include <QFile>

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace skydns;
using namespace skydns::console;
using skydns::test::ScriptedRunner;

namespace {

const char *kSystemdStatus = "systemctl show skydns.service --no-pager --property=LoadState,ActiveState,SubState";

platform::ServiceSpec spec()
{
    platform::ServiceSpec s;
    s.binary = QStringLiteral("/usr/bin/skydns");
    return s;
}

} // namespace

class TstServiceControlWidget final : public QObject
{
    Q_OBJECT
private slots:
    void showsState_data();
    void showsState();
    void stopThenRefresh();
    void controlCommands_data();
    void controlCommands();
    void failuresShown_data();
    void failuresShown();
    void busyIgnoresClicks();
    void realRunnerReportsMissingProgram();
    void applicationIconCompiledIn();
};

void TstServiceControlWidget::showsState_data()
{
    QTest::addColumn<QString>("output");
    QTest::addColumn<QString>("label");
    QTest::addColumn<bool>("start");
    QTest::addColumn<bool>("stop");
    QTest::addColumn<bool>("restart");
    QTest::newRow("running: stop and restart") << "LoadState=loaded\nActiveState=active\n" << "Running" << false << true << true;
    QTest::newRow("stopped: start") << "LoadState=loaded\nActiveState=inactive\n" << "Stopped" << true << false << false;
    QTest::newRow("failed: start or restart") << "LoadState=loaded\nActiveState=failed\n" << "Failed" << true << false << true;
    QTest::newRow("not installed: nothing") << "LoadState=not-found\nActiveState=inactive\n" << "Not installed" << false << false << false;
}

void TstServiceControlWidget::showsState()
{
    QFETCH(QString, output);
    QFETCH(QString, label);
    QFETCH(bool, start);
    QFETCH(bool, stop);
    QFETCH(bool, restart);
    ScriptedRunner runner;
    ServiceController controller(platform::PlatformKind::Systemd, spec(), QStringLiteral("/usr/bin/skydns"), false, &runner);
    ServiceControlWidget widget(&controller);
    QCOMPARE(runner.calls, QStringList{QLatin1String(kSystemdStatus)});
    QVERIFY(!widget.refreshButton()->isEnabled()); // busy until the answer comes
    runner.reply(0, output);
    QCOMPARE(widget.stateLabel()->text(), label);
    QCOMPARE(widget.startButton()->isEnabled(), start);
    QCOMPARE(widget.stopButton()->isEnabled(), stop);
    QCOMPARE(widget.restartButton()->isEnabled(), restart);
    QVERIFY(widget.refreshButton()->isEnabled());
    QCOMPARE(widget.refreshTimer()->interval(), 5000);
}

void TstServiceControlWidget::stopThenRefresh()
{
    ScriptedRunner runner;
    ServiceController controller(platform::PlatformKind::Systemd, spec(), QStringLiteral("/usr/bin/skydns"), false, &runner);
    ServiceControlWidget widget(&controller);
    runner.reply(0, QStringLiteral("LoadState=loaded\nActiveState=active\n"));
    QTest::mouseClick(widget.stopButton(), Qt::LeftButton);
    QCOMPARE(runner.calls.last(), QStringLiteral("pkexec /usr/bin/skydns service stop"));
    QVERIFY(!widget.startButton()->isEnabled());
    QVERIFY(!widget.stopButton()->isEnabled());
    runner.reply(0, QString());
    // The action is followed by a status query, whose answer updates the panel.
    QCOMPARE(runner.calls.last(), QLatin1String(kSystemdStatus));
    QCOMPARE(runner.calls.size(), 3);
    runner.reply(0, QStringLiteral("LoadState=loaded\nActiveState=inactive\n"));
    QCOMPARE(widget.stateLabel()->text(), QStringLiteral("Stopped"));
    QVERIFY(widget.startButton()->isEnabled());
    QVERIFY(widget.errorLabel()->text().isEmpty());
}

void TstServiceControlWidget::controlCommands_data()
{
    QTest::addColumn<int>("platform");
    QTest::addColumn<bool>("elevated");
    QTest::addColumn<QString>("binary");
    QTest::addColumn<QString>("expected");
    QTest::newRow("Linux: pkexec") << int(platform::PlatformKind::Systemd) << false << "/usr/bin/skydns"
                                   << "pkexec /usr/bin/skydns service restart";
    QTest::newRow("Linux as root: directly") << int(platform::PlatformKind::Systemd) << true << "/usr/bin/skydns"
                                             << "/usr/bin/skydns service restart";
    QTest::newRow("macOS: osascript with administrator privileges")
        << int(platform::PlatformKind::Launchd) << false << "/usr/local/bin/skydns"
        << "/usr/bin/osascript -e do shell script \"/usr/local/bin/skydns service restart\" with administrator privileges";
    QTest::newRow("Windows: UAC through Start-Process -Verb RunAs")
        << int(platform::PlatformKind::WindowsScm) << false << "C:\\Program Files\\SkyDNS Qt\\bin\\skydns.exe"
        << "powershell.exe -NoProfile -NonInteractive -Command $p = Start-Process -FilePath "
           "'C:\\Program Files\\SkyDNS Qt\\bin\\skydns.exe' -ArgumentList 'service','restart' -Verb RunAs "
           "-WindowStyle Hidden -Wait -PassThru; exit $p.ExitCode";
}

void TstServiceControlWidget::controlCommands()
{
    QFETCH(int, platform);
    QFETCH(bool, elevated);
    QFETCH(QString, binary);
    QFETCH(QString, expected);
    ScriptedRunner runner;
    ServiceController controller(platform::PlatformKind(platform), spec(), binary, elevated, &runner);
    ServiceControlWidget widget(&controller);
    runner.reply(0, QString()); // status unknown: every action stays available
    QCOMPARE(widget.stateLabel()->text(), QStringLiteral("Unknown"));
    QTest::mouseClick(widget.restartButton(), Qt::LeftButton);
    QCOMPARE(runner.calls.size(), 2);
    QCOMPARE(runner.calls.last(), expected);
}

void TstServiceControlWidget::failuresShown_data()
{
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stderrText");
    QTest::addColumn<QString>("message");
    QTest::newRow("pkexec dialog dismissed (126)") << 126 << "" << "Starting the service was cancelled.";
    QTest::newRow("pkexec not authorised (127)") << 127 << "" << "Starting the service was not authorised.";
    QTest::newRow("the command failed")
        << 1 << "skydns service start: run systemctl start skydns.socket skydns.service failed: exit code 1: Job failed\n"
        << "Starting the service failed (exit code 1): skydns service start: run systemctl start skydns.socket skydns.service "
           "failed: exit code 1: Job failed";
}

void TstServiceControlWidget::failuresShown()
{
    QFETCH(int, exitCode);
    QFETCH(QString, stderrText);
    QFETCH(QString, message);
    ScriptedRunner runner;
    ServiceController controller(platform::PlatformKind::Systemd, spec(), QStringLiteral("/usr/bin/skydns"), false, &runner);
    ServiceControlWidget widget(&controller);
    QSignalSpy failed(&controller, &ServiceController::failed);
    runner.reply(0, QStringLiteral("LoadState=loaded\nActiveState=inactive\n"));
    QTest::mouseClick(widget.startButton(), Qt::LeftButton);
    runner.reply(exitCode, QString(), stderrText);
    QCOMPARE(failed.count(), 1);
    QCOMPARE(widget.errorLabel()->text(), message);
    runner.reply(0, QStringLiteral("LoadState=loaded\nActiveState=inactive\n"));
    QCOMPARE(widget.errorLabel()->text(), message); // still shown after the refresh that follows
    QCOMPARE(widget.stateLabel()->text(), QStringLiteral("Stopped"));
}

void TstServiceControlWidget::busyIgnoresClicks()
{
    ScriptedRunner runner;
    ServiceController controller(platform::PlatformKind::Systemd, spec(), QStringLiteral("/usr/bin/skydns"), true, &runner);
    ServiceControlWidget widget(&controller);
    QVERIFY(controller.busy());
    controller.start();
    controller.refresh();
    QVERIFY(QMetaObject::invokeMethod(widget.refreshTimer(), "timeout"));
    QCOMPARE(runner.calls.size(), 1);
}

// The real runner reports a program that cannot start as a finished request with exit code -1.
void TstServiceControlWidget::realRunnerReportsMissingProgram()
{
    QProcessRunner runner;
    QSignalSpy finished(&runner, &ProcessRunner::finished);
    runner.start(QStringLiteral("/nonexistent/systemctl"), {});
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().at(0).toInt(), -1);
    QVERIFY(!finished.first().at(2).toString().isEmpty());

    // ...which the controller shows as an unknown state with the reason.
    ScriptedRunner scripted;
    ServiceController controller(platform::PlatformKind::Systemd, spec(), QStringLiteral("/usr/bin/skydns"), true, &scripted);
    QSignalSpy failed(&controller, &ServiceController::failed);
    controller.refresh();
    scripted.reply(-1, QString(), finished.first().at(2).toString());
    QCOMPARE(controller.state(), platform::ServiceState::Unknown);
    QCOMPARE(failed.count(), 1);
    QVERIFY(failed.first().at(0).toString().startsWith(QLatin1String("Could not query the service: ")));
}

// resources/CMakeLists.txt adds the icon renders to skydns_console_lib; anything linking it has them.
void TstServiceControlWidget::applicationIconCompiledIn()
{
    QVERIFY(QFile::exists(QStringLiteral(":/icons/skydns.svg")));
    const QIcon icon = skydns::resources::applicationIcon();
    QCOMPARE(icon.availableSizes().size(), 8);
    QCOMPARE(icon.pixmap(QSize(48, 48)).size(), QSize(48, 48));
    QVERIFY(!icon.pixmap(QSize(512, 512)).toImage().isNull());
}

QTEST_MAIN(TstServiceControlWidget)
#include "tst_servicecontrolwidget.moc"
