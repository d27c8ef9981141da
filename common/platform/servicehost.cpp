#include "servicehost.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QtGlobal>

#include <atomic>

#ifdef Q_OS_WIN
#include "windowsservice.h"

#include <QString>
#endif

namespace skydns::platform {

namespace {

std::atomic<bool> s_stopRequested{false};

void quitSoon(QCoreApplication *app)
{
    // Queued: the request may come from the SCM's handler thread, and before exec() has started.
    QMetaObject::invokeMethod(app, &QCoreApplication::quit, Qt::QueuedConnection);
}

// Runs inside the QCoreApplication constructor (after instance() is set): a stop that arrived while
// there was no application yet is delivered here. requestServiceStop sets the flag before it looks
// at instance(), so every interleaving ends in at least one queued quit.
void deliverEarlyStop()
{
    if (s_stopRequested.load())
        quitSoon(QCoreApplication::instance());
}

#ifdef Q_OS_WIN
void eventLogHandler(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtDebugMsg)
        return;
    const EventLevel level = type == QtInfoMsg ? EventLevel::Information
        : type == QtWarningMsg                 ? EventLevel::Warning
                                               : EventLevel::Error;
    reportEvent(L"skydns", level, message.toStdWString());
}
#endif

} // namespace

void watchForStopRequests()
{
    static bool added = false;
    if (!added) {
        added = true;
        qAddPreRoutine(deliverEarlyStop);
    }
}

void requestServiceStop()
{
    s_stopRequested.store(true);
    if (QCoreApplication *app = QCoreApplication::instance())
        quitSoon(app);
}

int runServiceHost(int argc, char **argv, ServiceMain serviceMain)
{
#ifdef Q_OS_WIN
    WindowsServiceHooks hooks;
    hooks.run = [argc, argv, serviceMain] {
        qInstallMessageHandler(eventLogHandler);
        watchForStopRequests();
        return serviceMain(argc, argv);
    };
    hooks.requestStop = requestServiceStop;
    int exitCode = 0;
    if (runUnderScm(L"skydns", hooks, &exitCode))
        return exitCode;
#endif
    return serviceMain(argc, argv);
}

} // namespace skydns::platform
