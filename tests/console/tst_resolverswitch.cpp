// Tests of the console's "Use for this computer" switch (console/discovery/resolverswitch): it runs
// `skydns resolver status` to show the state, `skydns resolver install|uninstall` (elevated where
// the platform asks for it) when toggled, refreshes afterwards and shows failures without changing
// the switch. A scripted runner answers, and one row runs the real skydns binary.
#include "discovery/resolverswitch.h"
#include "scriptedrunner.h"
#include "servicecontrol/servicecontroller.h"

#include <QCheckBox>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>

using namespace skydns;
using namespace skydns::console;
using skydns::test::ScriptedRunner;

namespace {

const QString kStatus = QStringLiteral("/usr/bin/skydns resolver status --domain skydns.local. --address 127.0.0.1:53");

} // namespace

class TestResolverSwitch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statusShown_data()
    {
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<bool>("checked");
        QTest::addColumn<QString>("label");
        QTest::newRow("installed") << 0 << true << "sends queries for skydns.local.";
        QTest::newRow("not installed") << 3 << false << "does not use this service";
        QTest::newRow("status failed") << 1 << false << "Could not read the routing state";
    }

    void statusShown()
    {
        QFETCH(int, exitCode);
        QFETCH(bool, checked);
        QFETCH(QString, label);
        ScriptedRunner runner;
        ResolverSwitch widget(platform::PlatformKind::Systemd, QStringLiteral("skydns.local."),
                              QStringLiteral("127.0.0.1:53"), QStringLiteral("/usr/bin/skydns"), false, &runner);
        widget.refresh();
        QCOMPARE(runner.calls, QStringList{kStatus});
        QVERIFY(widget.busy());
        QVERIFY(!widget.checkBox()->isEnabled());
        runner.reply(exitCode, QString(), exitCode == 1 ? QStringLiteral("boom") : QString());
        QVERIFY(!widget.busy());
        QCOMPARE(widget.checkBox()->isChecked(), checked);
        QVERIFY2(widget.statusLabel()->text().contains(label), qPrintable(widget.statusLabel()->text()));
    }

    // Toggling on runs the elevated install, then re-reads the state; the switch follows what status says.
    void toggleInstallsThenRefreshes_data()
    {
        QTest::addColumn<int>("platform");
        QTest::addColumn<bool>("elevated");
        QTest::addColumn<QString>("install");
        QTest::newRow("linux asks pkexec")
            << int(platform::PlatformKind::Systemd) << false
            << "pkexec /usr/bin/skydns resolver install --domain skydns.local. --address 127.0.0.1:53";
        QTest::newRow("already root runs it directly")
            << int(platform::PlatformKind::Systemd) << true
            << "/usr/bin/skydns resolver install --domain skydns.local. --address 127.0.0.1:53";
    }

    void toggleInstallsThenRefreshes()
    {
        QFETCH(int, platform);
        QFETCH(bool, elevated);
        QFETCH(QString, install);
        ScriptedRunner runner;
        ResolverSwitch widget(platform::PlatformKind(platform), QStringLiteral("skydns.local."),
                              QStringLiteral("127.0.0.1:53"), QStringLiteral("/usr/bin/skydns"), elevated, &runner);
        QSignalSpy states(&widget, &ResolverSwitch::stateChanged);
        widget.refresh();
        runner.reply(3);
        QVERIFY(!widget.checkBox()->isChecked());
        QTest::mouseClick(widget.checkBox(), Qt::LeftButton, {}, QPoint(5, widget.checkBox()->height() / 2));
        QCOMPARE(runner.calls.size(), 2);
        QCOMPARE(runner.calls.at(1), install);
        runner.reply(0, QStringLiteral("queries for skydns.local now go to the local service"));
        QCOMPARE(runner.calls.size(), 3);
        QCOMPARE(runner.calls.at(2), kStatus);
        runner.reply(0);
        QVERIFY(widget.checkBox()->isChecked());
        QVERIFY(widget.installed());
        QCOMPARE(states.size(), 2);

        // And off again: uninstall, refresh, unchecked.
        QTest::mouseClick(widget.checkBox(), Qt::LeftButton, {}, QPoint(5, widget.checkBox()->height() / 2));
        QVERIFY(runner.calls.at(3).contains(QLatin1String("resolver uninstall --domain skydns.local.")));
        runner.reply(0);
        runner.reply(3);
        QVERIFY(!widget.checkBox()->isChecked());
    }

    // A failed install (no resolved, refused elevation) changes nothing and says why.
    void failureKeepsState()
    {
        ScriptedRunner runner;
        ResolverSwitch widget(platform::PlatformKind::Systemd, QStringLiteral("skydns.local."),
                              QStringLiteral("127.0.0.1:53"), QStringLiteral("/usr/bin/skydns"), false, &runner);
        QSignalSpy failures(&widget, &ResolverSwitch::failed);
        widget.refresh();
        runner.reply(3);
        widget.checkBox()->setChecked(true);
        QCOMPARE(runner.calls.size(), 2);
        runner.reply(1, QString(), QStringLiteral("systemd-resolved is not running here, so `skydns resolver install` changed nothing."));
        QCOMPARE(runner.calls.size(), 2); // no refresh after a failure: the state is what it was
        QVERIFY(!widget.checkBox()->isChecked());
        QCOMPARE(failures.size(), 1);
        QVERIFY2(widget.statusLabel()->text().contains(QLatin1String("changed nothing")),
                 qPrintable(widget.statusLabel()->text()));
    }

    void busyIgnoresToggles()
    {
        ScriptedRunner runner;
        ResolverSwitch widget(platform::PlatformKind::Systemd, QStringLiteral("skydns.local."),
                              QStringLiteral("127.0.0.1:53"), QStringLiteral("/usr/bin/skydns"), false, &runner);
        widget.refresh();
        widget.setUsed(true);
        widget.refresh();
        QCOMPARE(runner.calls.size(), 1);
    }

    // The real binary on this machine: the routing is not installed here (the test never installs it).
    void realBinaryStatus()
    {
        QProcessRunner runner;
        ResolverSwitch widget(platform::PlatformKind::Systemd, QStringLiteral("skydns.local."),
                              QStringLiteral("127.0.0.1:53"), QStringLiteral(SKYDNS_BIN), true, &runner);
        QSignalSpy states(&widget, &ResolverSwitch::stateChanged);
        widget.refresh();
        QVERIFY(states.wait(20000));
        QCOMPARE(states.first().first().toBool(), false);
        QVERIFY(!widget.checkBox()->isChecked());
    }
};

QTEST_MAIN(TestResolverSwitch)
#include "tst_resolverswitch.moc"
