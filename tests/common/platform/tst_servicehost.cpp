// Tests of common/platform/servicehost.h: a stop request (what the Windows SCM sends from its own
// thread) ends the service's event loop whether it arrives before the QCoreApplication exists,
// before exec() runs, or while it runs; and runServiceHost runs the main body as is off Windows.
#include "platform/servicehost.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTest>
#include <QTimer>

#include <thread>

class TstServiceHost final : public QObject
{
    Q_OBJECT
private slots:
    // In this order: a stop request cannot be taken back, so the running case goes first.
    void stopFromAnotherThreadWhileRunning();
    void stopBeforeApplicationExists();
    void hostRunsMainBody();
};

namespace {

// runLoop creates an application and runs its loop; a stop that never comes fails after 10 s (99).
int runLoop(const std::function<void()> &whileRunning = {})
{
    int argc = 1;
    char name[] = "tst_servicehost";
    char *argv[] = {name, nullptr};
    QCoreApplication app(argc, argv);
    QTimer::singleShot(10000, &app, [] { QCoreApplication::exit(99); });
    if (whileRunning)
        QTimer::singleShot(50, &app, whileRunning);
    return QCoreApplication::exec();
}

int s_mainCalls = 0;

int fakeMain(int argc, char **)
{
    ++s_mainCalls;
    return argc + 40;
}

} // namespace

void TstServiceHost::stopBeforeApplicationExists()
{
    skydns::platform::watchForStopRequests();
    skydns::platform::requestServiceStop();
    QElapsedTimer clock;
    clock.start();
    QCOMPARE(runLoop(), 0);
    QVERIFY(clock.elapsed() < 9000);
}

void TstServiceHost::stopFromAnotherThreadWhileRunning()
{
    bool sawRunning = false;
    const int rc = runLoop([&sawRunning] {
        sawRunning = true;
        std::thread([] { skydns::platform::requestServiceStop(); }).join();
    });
    QCOMPARE(rc, 0);
    QVERIFY(sawRunning);
}

void TstServiceHost::hostRunsMainBody()
{
    char name[] = "skydns";
    char *argv[] = {name, nullptr};
    QCOMPARE(skydns::platform::runServiceHost(1, argv, fakeMain), 41);
    QCOMPARE(s_mainCalls, 1);
}

QTEST_APPLESS_MAIN(TstServiceHost)
#include "tst_servicehost.moc"
