#pragma once
// Windows: a service in the Service Control Manager's database, created and controlled with sc.exe
// (stop and restart through PowerShell, whose cmdlets wait for the state change), running as
// LocalService, with an Event Log source for its messages. The service side of the SCM protocol
// (dispatcher, control handler, status reports) is windowsservice.h.
#include "serviceplatform.h"

namespace skydns::platform {

// windowsBinaryPath is the SCM binPath= value: the binary and spec.arguments as one command line.
QString windowsBinaryPath(const ServiceSpec &spec);

// windowsEventLogKey is the registry key of the service's Event Log source.
QString windowsEventLogKey(const ServiceSpec &spec);

// WindowsPlatform drives the SCM with sc.exe and PowerShell.
class WindowsPlatform final : public ServicePlatform
{
public:
    PlatformKind kind() const override { return PlatformKind::WindowsScm; }
    QString managerName() const override { return QStringLiteral("Windows SCM"); }
    Plan plan(Operation op, const ServiceSpec &spec) const override;
    Action statusCommand(const ServiceSpec &spec) const override;
    QString definitionPath(const ServiceSpec &spec) const override;
    ServiceState parseStatus(int exitCode, const QString &output, bool definitionExists) const override;
    Action elevated(const QString &program, const QStringList &arguments) const override;
    QString logHint(const ServiceSpec &spec) const override;
};

} // namespace skydns::platform
