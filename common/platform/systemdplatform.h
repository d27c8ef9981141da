#pragma once
// Linux: a systemd service unit with a socket unit (socket activation: systemd binds port 53 and the
// service runs unprivileged with -systemd), a sysusers.d entry for its user, systemctl to control it
// and journald for its messages.
#include "serviceplatform.h"

namespace skydns::platform {

// systemdExecStart is the ExecStart= value: the binary, -systemd, then spec.arguments, each quoted.
QString systemdExecStart(const ServiceSpec &spec);

// systemdServiceUnit is the text of <name>.service rendered from installer/systemd/skydns.service.in.
QString systemdServiceUnit(const ServiceSpec &spec);

// systemdSocketUnit is the text of <name>.socket: a ListenDatagram= and a ListenStream= line per
// address of spec.listen.
QString systemdSocketUnit(const ServiceSpec &spec);

// systemdSysusers is the sysusers.d line that creates spec.user.
QString systemdSysusers(const ServiceSpec &spec);

// SystemdPlatform writes units to /etc/systemd/system (the package ships them in
// /usr/lib/systemd/system; /etc wins when both exist) and runs systemctl.
class SystemdPlatform final : public ServicePlatform
{
public:
    // unitDirectory is where install writes units.
    static QString unitDirectory() { return QStringLiteral("/etc/systemd/system"); }
    // sysusersDirectory is where install writes the sysusers.d entry.
    static QString sysusersDirectory() { return QStringLiteral("/etc/sysusers.d"); }

    PlatformKind kind() const override { return PlatformKind::Systemd; }
    QString managerName() const override { return QStringLiteral("systemd"); }
    Plan plan(Operation op, const ServiceSpec &spec) const override;
    Action statusCommand(const ServiceSpec &spec) const override;
    QString definitionPath(const ServiceSpec &spec) const override;
    ServiceState parseStatus(int exitCode, const QString &output, bool definitionExists) const override;
    Action elevated(const QString &program, const QStringList &arguments) const override;
    QString logHint(const ServiceSpec &spec) const override;
};

} // namespace skydns::platform
