#pragma once
// macOS: a launchd daemon (a plist in /Library/LaunchDaemons) loaded with `launchctl bootstrap` and
// removed with `launchctl bootout`. Messages go to os_log (Qt's default on macOS) and to a log file.
#include "serviceplatform.h"

namespace skydns::platform {

// launchdPlist is the daemon's property list rendered from installer/macos/skydns.plist.in: the
// binary and spec.arguments as ProgramArguments, every value XML-escaped.
QString launchdPlist(const ServiceSpec &spec);

// LaunchdPlatform drives launchctl in the system domain.
class LaunchdPlatform final : public ServicePlatform
{
public:
    // daemonDirectory is where install writes the plist.
    static QString daemonDirectory() { return QStringLiteral("/Library/LaunchDaemons"); }

    PlatformKind kind() const override { return PlatformKind::Launchd; }
    QString managerName() const override { return QStringLiteral("launchd"); }
    Plan plan(Operation op, const ServiceSpec &spec) const override;
    Action statusCommand(const ServiceSpec &spec) const override;
    QString definitionPath(const ServiceSpec &spec) const override;
    ServiceState parseStatus(int exitCode, const QString &output, bool definitionExists) const override;
    Action elevated(const QString &program, const QStringList &arguments) const override;
    QString logHint(const ServiceSpec &spec) const override;
};

} // namespace skydns::platform
