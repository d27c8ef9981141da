#include "servicecontroller.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace skydns::console {

using platform::Action;
using platform::Operation;
using platform::ServiceState;

QProcessRunner::QProcessRunner(QObject *parent)
    : ProcessRunner(parent)
{
    connect(&m_process, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus status) {
        if (m_reported)
            return;
        m_reported = true;
        Q_EMIT finished(status == QProcess::NormalExit ? exitCode : -1, QString::fromLocal8Bit(m_process.readAllStandardOutput()),
                        QString::fromLocal8Bit(m_process.readAllStandardError()));
    });
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        // Crashes and timeouts also end in finished(); only a program that never ran is reported here.
        if (error != QProcess::FailedToStart || m_reported)
            return;
        m_reported = true;
        Q_EMIT finished(-1, QString(), m_process.errorString());
    });
}

QProcessRunner::~QProcessRunner()
{
    // Nobody listens any more: a program still running (an elevation prompt left open) is not reported.
    m_process.disconnect(this);
}

void QProcessRunner::start(const QString &program, const QStringList &arguments)
{
    m_reported = false;
    m_process.start(program, arguments);
}

ServiceController::ServiceController(platform::PlatformKind platform, const platform::ServiceSpec &spec,
                                     const QString &serviceBinary, bool alreadyElevated, ProcessRunner *runner, QObject *parent)
    : QObject(parent)
    , m_platform(platform::makePlatform(platform))
    , m_spec(spec)
    , m_serviceBinary(serviceBinary)
    , m_alreadyElevated(alreadyElevated)
    , m_runner(runner)
{
    connect(m_runner, &ProcessRunner::finished, this, &ServiceController::onFinished);
}

ServiceController::~ServiceController() = default;

QString ServiceController::defaultServiceBinary()
{
#if defined(Q_OS_MACOS)
    return QStringLiteral("/usr/local/bin/skydns");
#elif defined(Q_OS_WIN)
    return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("skydns.exe"));
#else
    return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("skydns"));
#endif
}

Action ServiceController::controlCommand(Operation op) const
{
    QStringList arguments{QStringLiteral("service"), platform::operationName(op)};
    if (m_spec.name != platform::ServiceSpec().name)
        arguments << QStringLiteral("--name") << m_spec.name;
    if (m_alreadyElevated)
        return Action::run(m_serviceBinary, arguments);
    return m_platform->elevated(m_serviceBinary, arguments);
}

void ServiceController::refresh()
{
    if (busy())
        return;
    setPending(Pending::Status);
    const Action query = m_platform->statusCommand(m_spec);
    m_runner->start(query.program, query.arguments);
}

void ServiceController::start()
{
    control(Operation::Start);
}

void ServiceController::stop()
{
    control(Operation::Stop);
}

void ServiceController::restart()
{
    control(Operation::Restart);
}

void ServiceController::control(Operation op)
{
    if (busy())
        return;
    m_operation = op;
    setPending(Pending::Control);
    const Action command = controlCommand(op);
    m_runner->start(command.program, command.arguments);
}

void ServiceController::setPending(Pending pending)
{
    const bool wasBusy = busy();
    m_pending = pending;
    if (wasBusy != busy())
        Q_EMIT busyChanged(busy());
}

void ServiceController::onFinished(int exitCode, const QString &output, const QString &errorOutput)
{
    const Pending finished = m_pending;
    setPending(Pending::None);
    if (finished == Pending::Status) {
        const QString definition = m_platform->definitionPath(m_spec);
        const bool defined = !definition.isEmpty() && QFileInfo::exists(definition);
        m_state = exitCode == -1 && output.isEmpty() ? ServiceState::Unknown : m_platform->parseStatus(exitCode, output, defined);
        if (m_state == ServiceState::Unknown && !errorOutput.trimmed().isEmpty()) {
            m_lastError = tr("Could not query the service: %1").arg(errorOutput.trimmed());
            Q_EMIT failed(m_lastError);
        }
        Q_EMIT stateChanged(m_state);
        return;
    }
    if (finished != Pending::Control)
        return;
    if (exitCode == 0) {
        m_lastError.clear();
    } else {
        // pkexec: 126 = the user dismissed the dialog, 127 = not authorised. UAC and osascript
        // cancellations end in their own non-zero codes and say so on standard error.
        const QString what = m_operation == Operation::Start ? tr("Starting the service")
            : m_operation == Operation::Stop                 ? tr("Stopping the service")
                                                             : tr("Restarting the service");
        if (exitCode == 126 && m_platform->kind() == platform::PlatformKind::Systemd)
            m_lastError = tr("%1 was cancelled.").arg(what);
        else if (exitCode == 127 && m_platform->kind() == platform::PlatformKind::Systemd)
            m_lastError = tr("%1 was not authorised.").arg(what);
        else
            m_lastError = tr("%1 failed (exit code %2): %3").arg(what).arg(exitCode).arg(errorOutput.trimmed());
        Q_EMIT failed(m_lastError);
    }
    refresh();
}

} // namespace skydns::console
