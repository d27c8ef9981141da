#include "servicehost.h"

#include <QtGlobal>

#ifdef Q_OS_WIN
#include "windowsservice.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QString>
#endif

namespace skydns::platform {

#ifdef Q_OS_WIN
namespace {

void eventLogHandler(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtDebugMsg)
        return;
    const EventLevel level = type == QtInfoMsg ? EventLevel::Information
        : type == QtWarningMsg                 ? EventLevel::Warning
                                               : EventLevel::Error;
    reportEvent(L"skydns", level, message.toStdWString());
}

} // namespace
#endif

int runServiceHost(int argc, char **argv, ServiceMain serviceMain)
{
#ifdef Q_OS_WIN
    WindowsServiceHooks hooks;
    hooks.run = [argc, argv, serviceMain] {
        qInstallMessageHandler(eventLogHandler);
        return serviceMain(argc, argv);
    };
    hooks.requestStop = [] {
        // The handler runs on an SCM thread; quit() must be queued to the service's event loop.
        if (QCoreApplication *app = QCoreApplication::instance())
            QMetaObject::invokeMethod(app, &QCoreApplication::quit, Qt::QueuedConnection);
    };
    int exitCode = 0;
    if (runUnderScm(L"skydns", hooks, &exitCode))
        return exitCode;
#endif
    return serviceMain(argc, argv);
}

} // namespace skydns::platform
