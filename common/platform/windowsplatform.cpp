#include "windowsplatform.h"

#include "quoting.h"

#include <QRegularExpression>

namespace skydns::platform {

namespace {

QString sc()
{
    return QStringLiteral("sc.exe");
}

Action powershell(const QString &command, bool mayFail = false)
{
    return Action::run(QStringLiteral("powershell.exe"),
                       {QStringLiteral("-NoProfile"), QStringLiteral("-NonInteractive"), QStringLiteral("-Command"), command},
                       mayFail);
}

// kServiceDoesNotExist is ERROR_SERVICE_DOES_NOT_EXIST, sc.exe's exit code for an unknown service.
constexpr int kServiceDoesNotExist = 1060;

} // namespace

QString windowsBinaryPath(const ServiceSpec &spec)
{
    return windowsCommandLine(spec.binary, spec.arguments);
}

QString windowsEventLogKey(const ServiceSpec &spec)
{
    return QStringLiteral("HKLM\\SYSTEM\\CurrentControlSet\\Services\\EventLog\\Application\\") + spec.name;
}

Plan WindowsPlatform::plan(Operation op, const ServiceSpec &spec) const
{
    // sc.exe wants each option as "name=" followed by its value as the next argument.
    switch (op) {
    case Operation::Install:
        return {
            Action::run(sc(), {QStringLiteral("create"), spec.name, QStringLiteral("binPath="), windowsBinaryPath(spec),
                               QStringLiteral("start="), QStringLiteral("auto"), QStringLiteral("obj="),
                               QStringLiteral("NT AUTHORITY\\LocalService"), QStringLiteral("DisplayName="), spec.displayName}),
            Action::run(sc(), {QStringLiteral("description"), spec.name, spec.description}),
            Action::run(sc(), {QStringLiteral("failure"), spec.name, QStringLiteral("reset="), QStringLiteral("86400"),
                               QStringLiteral("actions="), QStringLiteral("restart/5000/restart/5000/restart/30000")}),
            // EventCreate.exe's message table maps IDs 1-1000 to "%1", so our event 1 shows its text as is.
            Action::run(QStringLiteral("reg.exe"), {QStringLiteral("add"), windowsEventLogKey(spec), QStringLiteral("/v"),
                                                    QStringLiteral("EventMessageFile"), QStringLiteral("/t"),
                                                    QStringLiteral("REG_EXPAND_SZ"), QStringLiteral("/d"),
                                                    QStringLiteral("%SystemRoot%\\System32\\EventCreate.exe"), QStringLiteral("/f")}),
            Action::run(QStringLiteral("reg.exe"), {QStringLiteral("add"), windowsEventLogKey(spec), QStringLiteral("/v"),
                                                    QStringLiteral("TypesSupported"), QStringLiteral("/t"),
                                                    QStringLiteral("REG_DWORD"), QStringLiteral("/d"), QStringLiteral("7"),
                                                    QStringLiteral("/f")}),
        };
    case Operation::Uninstall:
        return {
            powershell(QStringLiteral("Stop-Service -Name %1").arg(powershellQuote(spec.name)), true),
            Action::run(sc(), {QStringLiteral("delete"), spec.name}),
            Action::run(QStringLiteral("reg.exe"), {QStringLiteral("delete"), windowsEventLogKey(spec), QStringLiteral("/f")}, true),
        };
    case Operation::Start:
        return {Action::run(sc(), {QStringLiteral("start"), spec.name})};
    case Operation::Stop:
        return {powershell(QStringLiteral("Stop-Service -Name %1").arg(powershellQuote(spec.name)))};
    case Operation::Restart:
        return {powershell(QStringLiteral("Restart-Service -Name %1").arg(powershellQuote(spec.name)))};
    case Operation::Status:
        return {statusCommand(spec)};
    }
    return {};
}

Action WindowsPlatform::statusCommand(const ServiceSpec &spec) const
{
    return Action::run(sc(), {QStringLiteral("query"), spec.name});
}

QString WindowsPlatform::definitionPath(const ServiceSpec &) const
{
    return QString();
}

ServiceState WindowsPlatform::parseStatus(int exitCode, const QString &output, bool) const
{
    if (exitCode == kServiceDoesNotExist)
        return ServiceState::NotInstalled;
    // "        STATE              : 4  RUNNING" and "        WIN32_EXIT_CODE    : 0  (0x0)"
    static const QRegularExpression stateLine(QStringLiteral("STATE\\s*:\\s*(\\d+)"));
    static const QRegularExpression exitLine(QStringLiteral("WIN32_EXIT_CODE\\s*:\\s*(\\d+)"));
    const QRegularExpressionMatch state = stateLine.match(output);
    if (exitCode != 0 || !state.hasMatch())
        return ServiceState::Unknown;
    switch (state.captured(1).toInt()) {
    case 1: // SERVICE_STOPPED; a non-zero exit code means it stopped on its own, with an error
        return exitLine.match(output).captured(1).toInt() != 0 ? ServiceState::Failed : ServiceState::Stopped;
    case 2: return ServiceState::Starting;  // SERVICE_START_PENDING
    case 3: return ServiceState::Stopping;  // SERVICE_STOP_PENDING
    case 4: return ServiceState::Running;   // SERVICE_RUNNING
    case 5: return ServiceState::Starting;  // SERVICE_CONTINUE_PENDING
    case 6: return ServiceState::Stopping;  // SERVICE_PAUSE_PENDING
    case 7: return ServiceState::Stopped;   // SERVICE_PAUSED
    default: return ServiceState::Unknown;
    }
}

Action WindowsPlatform::elevated(const QString &program, const QStringList &arguments) const
{
    // Start-Process -Verb RunAs shows the UAC prompt; -PassThru/-Wait hand back the elevated exit code.
    QStringList quoted;
    for (const QString &argument : arguments)
        quoted << powershellQuote(windowsQuote(argument));
    QString command = QStringLiteral("$p = Start-Process -FilePath %1").arg(powershellQuote(program));
    if (!quoted.isEmpty())
        command += QStringLiteral(" -ArgumentList %1").arg(quoted.join(QLatin1Char(',')));
    command += QStringLiteral(" -Verb RunAs -WindowStyle Hidden -Wait -PassThru; exit $p.ExitCode");
    return powershell(command);
}

QString WindowsPlatform::logHint(const ServiceSpec &spec) const
{
    return QStringLiteral("Event Viewer, Windows Logs > Application, source %1 "
                          "(Get-EventLog -LogName Application -Source %1 -Newest 20)")
        .arg(spec.name);
}

} // namespace skydns::platform
